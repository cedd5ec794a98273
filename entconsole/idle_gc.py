"""Python's full garbage collections, moved to the moments the admin pauses.

A full collection walks every tracked object that is not frozen: 8 to 20 ms
at 10,000 accounts. Left to Python, it starts whenever enough objects were
allocated, which is while the admin types: that keystroke's rows come a
frame late (and, Textual's frame timer then skipping a tick, the next one
too). The collector here turns automatic full collections off, and the
console runs one when it is due and nobody has typed for a moment; if the
admin never pauses, it runs anyway once far overdue, so garbage never piles up.
Young collections (a few hundred microseconds) are left to Python.
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
