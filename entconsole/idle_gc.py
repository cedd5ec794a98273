"""Python's full garbage collections, moved to the moments the admin pauses.

A full collection walks every tracked object that is not frozen: 8 to 20 ms
at 10,000 accounts. Left to Python, it starts whenever enough objects were
allocated, which is while the admin types: that keystroke's rows come a
frame late (and, Textual's frame timer then skipping a tick, the next one
too). The collector here turns automatic full collections off, and the
console runs one when it is due and nobody has typed for a moment; if the
admin never pauses, it runs anyway once far overdue, so garbage never piles up.
Young collections (a few hundred microseconds) are left to Python. The users
list also freezes what lives for the whole session once it is first drawn
(freeze_long_lived), so that full collections skip it.
"""

from __future__ import annotations

import gc
import time

QUIET_SECONDS = 0.4  # no key or click for this long: a full collection will not be felt
STARTING_SECONDS = 3.0  # the console's first screens are being built: not then either
OVERDUE = 5  # times Python's own cadence: collect even while typing


class IdleCollector:
    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        self.last_input = time.monotonic() + STARTING_SECONDS - QUIET_SECONDS
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, 1 << 30)  # no automatic full collection

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def input_seen(self) -> None:
        self.last_input = time.monotonic()

    def tick(self) -> bool:
        """Run a full collection if one is due and the moment is right; True if it ran."""
        if self._saved is None:
            return False
        due = gc.get_count()[2]  # middle collections since the last full one
        cadence = self._saved[2]
        quiet = time.monotonic() - self.last_input >= QUIET_SECONDS
        if (quiet and due >= cadence) or due >= cadence * OVERDUE:
            gc.collect()
            return True
        return False


def freeze_long_lived() -> None:
    """Keep the garbage collector's full passes off what lives for the whole session.

    Once the list is first drawn, the session's lasting objects exist: the
    store's indexes built since its load (which froze the documents), the
    sorted roster of the school, the screens and Textual's caches. A full
    pass walked them all, 15 to 20 ms at 10,000 accounts, once every 25 or so
    keystrokes: a frame missed while typing. Only the young generations are
    collected first (a full pass here would stall the first keys at 100,000
    accounts); older garbage still around stays frozen until the section
    gives everything back to the collector when it is removed (the console
    quits, changes school, or a test's console ends).
    """
    gc.collect(1)
    gc.freeze()


def unfreeze() -> None:
    """Give everything frozen back to the collector (the users list is gone)."""
    gc.unfreeze()
