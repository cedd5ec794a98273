""""Today" for the session: real, or fixed by --today for demos and tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time


def make_clock(today: date | None = None, *, frozen: bool = False) -> Callable[[], datetime]:
    """A clock for the store's timestamps.

    With `today`, dates are that day and the time of day is real (demos),
    or 09:00 when `frozen` (tests, so that files and snapshots are stable).
    """
    if today is None:
        return datetime.now
    if frozen:
        moment = datetime.combine(today, time(9, 0))
        return lambda: moment
    return lambda: datetime.combine(today, datetime.now().time())
