"""Text folding for searches: accent-, case- and hyphen-insensitive."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-_'’.]+")


def fold(text: str) -> str:
    """"Jean-Pierre HÉLÈNE" -> "jean pierre helene" (for matching only)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", bare.casefold()).strip()


def matches(query: str, *haystacks: str) -> bool:
    """Every word of the query appears in the folded haystacks."""
    words = fold(query).split()
    if not words:
        return True
    target = " ".join(fold(h) for h in haystacks)
    return all(w in target for w in words)


# Characters never stored nor shown: C0 controls but tab and newline, DEL and
# the C1 controls (U+0080-U+009F). Terminals act on them (ESC and U+009B start
# ANSI sequences) and Textual/Rich pass them through: a value holding one,
# shown to an admin over SSH, would drive their terminal. Written with regex
# escapes so that an error quoting the pattern carries no control character.
CONTROL_CLASS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
# What a single-line value also refuses: tab and newline.
LINE_BREAK_CLASS = r"\t\n"
# Whole-value patterns (for pydantic's StringConstraints, checked in Rust).
MULTILINE_PATTERN = rf"^[^{CONTROL_CLASS}]*$"
SINGLE_LINE_PATTERN = rf"^[^{CONTROL_CLASS}{LINE_BREAK_CLASS}]*$"
CONTROL_RE = re.compile(f"[{CONTROL_CLASS}]")
_CONTROL_OR_BREAK = re.compile(f"[{CONTROL_CLASS}{LINE_BREAK_CLASS}]")


def has_control(text: str, *, multiline: bool = True) -> bool:
    """True when `text` holds a character that must never be stored.

    `multiline=False`: tab and newline are refused too (one-line fields).
    """
    return (CONTROL_RE if multiline else _CONTROL_OR_BREAK).search(text) is not None


def shown(text: str) -> str:
    """`text` safe to echo in a message (an import report quoting a refused cell):
    C0 controls as their Unicode pictures ("␛" for ESC), DEL as "␡", C1 as "�".
    """
    if not has_control(text):
        return text
    return CONTROL_RE.sub(_picture, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"
