"""The console turns Python's automatic full collections off while it runs (idle_gc)."""

from __future__ import annotations

import gc
import time

from tests.ui.conftest import SIZE


async def test_keys_are_seen_and_thresholds_given_back(make_app):
    saved = gc.get_threshold()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.get_threshold()[2] > 10**6
        before = app._collector.last_input  # set ahead while the console starts
        await pilot.press("2")
        assert app._collector.last_input != before and app._collector.last_input <= time.monotonic()
    assert gc.get_threshold() == saved
