"""Dates as the console shows and reads them (French forms), no Textual."""

from __future__ import annotations

import re
from datetime import date, datetime

_FRENCH = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> date | None:
    """"05/09/2024", "5/9/2024", "05-09-2024" or "2024-09-05" -> date; None if invalid.

    Empty text is None too: callers tell "missing" from "invalid" themselves.
    """
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _FRENCH.match(text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def format_date(day: date | None) -> str:
    """dd/MM/yyyy ("05/09/2024"), "" for None."""
    return day.strftime("%d/%m/%Y") if day else ""


def format_datetime(moment: datetime | None) -> str:
    """dd/MM/yyyy HH:mm ("05/09/2024 17:40"), "" for None."""
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""


def pick(count: int, forms: tuple[str, str]) -> str:
    """The singular or plural template for `count` (French: 0 and 1 are singular)."""
    return forms[0] if abs(count) < 2 else forms[1]
