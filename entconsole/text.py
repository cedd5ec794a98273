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
