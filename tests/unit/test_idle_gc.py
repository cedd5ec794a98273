"""Full garbage collections wait for a pause in the typing (entconsole/idle_gc.py)."""

from __future__ import annotations

import gc

import pytest

from entconsole import idle_gc
from entconsole.idle_gc import IdleCollector


@pytest.fixture
def collector(monkeypatch):
    clock = {"now": 100.0}
    collected = []
    monkeypatch.setattr(idle_gc.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(idle_gc.gc, "collect", lambda *a: collected.append(a))
    saved = gc.get_threshold()
    c = IdleCollector()
    c.start()
    yield c, clock, collected, monkeypatch
    c.stop()
    assert gc.get_threshold() == saved


def test_automatic_full_collections_are_off_while_it_runs(collector):
    c, *_ = collector
    assert gc.get_threshold()[2] > 10**6


def test_a_due_collection_waits_for_a_pause(collector):
    c, clock, collected, monkeypatch = collector
    cadence = c._saved[2]
    monkeypatch.setattr(idle_gc.gc, "get_count", lambda: (0, 0, cadence))
    c.input_seen()
    clock["now"] += 0.1
    assert not c.tick() and not collected  # typing
    clock["now"] += idle_gc.QUIET_SECONDS
    assert c.tick() and len(collected) == 1  # a pause


def test_nothing_to_collect_nothing_done_even_when_idle(collector):
    c, clock, collected, monkeypatch = collector
    monkeypatch.setattr(idle_gc.gc, "get_count", lambda: (0, 0, 0))
    clock["now"] += 10
    assert not c.tick() and not collected


def test_far_overdue_it_collects_even_while_typing(collector):
    c, clock, collected, monkeypatch = collector
    monkeypatch.setattr(idle_gc.gc, "get_count", lambda: (0, 0, c._saved[2] * idle_gc.OVERDUE))
    c.input_seen()
    assert c.tick() and len(collected) == 1


def test_not_while_the_console_starts(collector):
    c, clock, collected, monkeypatch = collector
    c.start()  # again: as the console does when it mounts
    monkeypatch.setattr(idle_gc.gc, "get_count", lambda: (0, 0, c._saved[2]))
    clock["now"] += idle_gc.STARTING_SECONDS - 0.1
    assert not c.tick()
    clock["now"] += 0.2
    assert c.tick() and len(collected) == 1
