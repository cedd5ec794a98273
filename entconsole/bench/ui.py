"""Timing the real Utilisateurs screen in a headless pilot, and a DataTable doing the same.

A measured interaction starts when the key event (or the filter panel's
message) is posted and ends when the first frame showing its result has been
composed and turned into terminal output. Headless Textual skips that last
step, so :class:`FrameWatch` does it (``render_segments``), as a terminal
session would; only the write to the terminal is left out.

``pilot.press`` is not used for timing: it sleeps at least 2 x 20 ms per key
waiting for the CPU to go idle.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from entconsole import labels as L
from entconsole.models import User
from entconsole.services.user_list import Category, FilterState, list_name

SIZE = (120, 40)
TIMEOUT = 120.0  # seconds one interaction may take before the bench gives up


class FrameWatch:
    """Notes when the first frame after a condition became true was produced."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._condition: Callable[[], bool] | None = None
        self._event = asyncio.Event()
        self.frame_time = 0.0  # perf_counter
        self.frame_wall = 0.0  # time.time, for the cold start (across processes)
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)  # what a terminal would be sent
            if self._condition is not None and self._condition():
                self.frame_time = time.perf_counter()
                self.frame_wall = time.time()
                self._condition = None
                self._event.set()

        app._display = display  # type: ignore[method-assign]

    def expect(self, condition: Callable[[], bool]) -> None:
        self._event.clear()
        self._condition = condition

    async def drawn(self) -> float:
        await asyncio.wait_for(self._event.wait(), TIMEOUT)
        return self.frame_time


async def settle(app: App, pilot) -> None:
    """Let what the console starts after drawing the users list end: the indexes are
    warmed in a thread started after that frame (call_after_refresh), so one wait for
    the workers may come before it starts: a frame, and wait again."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()


def key_event(key: str) -> events.Key:
    return events.Key(key, key if len(key) == 1 else None)


def typing_plan(words: Sequence[str], keystrokes: int) -> list[tuple[str, str]]:
    """(key, search text after it): type a word, erase it, next word… `keystrokes` keys."""
    plan: list[tuple[str, str]] = []
    text = ""
    n = 0
    while len(plan) < keystrokes:
        word = words[n % len(words)]
        n += 1
        for char in word:
            text += char
            plan.append((char, text))
        while text and len(plan) < keystrokes:
            text = text[:-1]
            plan.append(("backspace", text))
    return plan[:keystrokes]


@dataclass
class UiTimings:
    keystrokes: list[float]
    filters: list[float]
    rows_first: int  # rows listed before the first keystroke


async def time_users_screen(
    app: App,
    plan: Sequence[tuple[str, str]],
    states: Sequence[FilterState],
) -> UiTimings:
    """Type the plan in the search box, then apply each filter state."""
    async with app.run_test(size=SIZE) as pilot:
        watch = FrameWatch(app)
        while app.main_screen is None:  # type: ignore[attr-defined]
            await asyncio.sleep(0.001)
        section = app.main_screen.section("users")  # type: ignore[attr-defined]
        watch.expect(lambda: section.shown_state is not None)
        app.show_section("users")  # type: ignore[attr-defined]
        await watch.drawn()
        rows_first = len(section.users)
        # A human pause before the first key: what the console starts after
        # drawing the list (building indexes in a thread) is done.
        await settle(app, pilot)
        section.action_search()
        await pilot.pause()
        keys = []
        for key, text in plan:
            watch.expect(lambda text=text: section.shown_state is section.state and section.state.search == text)
            started = time.perf_counter()
            app._driver.send_message(key_event(key))  # type: ignore[union-attr]
            keys.append(await watch.drawn() - started)
        filters = []
        from entconsole.widgets.filter_panel import FilterPanel

        for state in states:
            watch.expect(lambda state=state: section.shown_state == state)
            started = time.perf_counter()
            section.post_message(FilterPanel.Changed(state))
            filters.append(await watch.drawn() - started)
        await pilot.pause()
    return UiTimings(keys, filters, rows_first)


def filter_states(class_ids: Sequence[str], rounds: int) -> list[FilterState]:
    """Profile Élève, then a class, then source AAF1D, then back to no filter; `rounds` times."""
    states = []
    for n in range(rounds):
        base = FilterState()
        profile = base.toggle(Category.PROFILES, "Student")
        with_class = profile.toggle(Category.CLASSES, class_ids[n % len(class_ids)])
        with_source = with_class.toggle(Category.SOURCES, "AAF1D")
        states += [profile, with_class, with_source, base]
    return states


# --------------------------------------------------------------------------- DataTable peer


class _TableApp(App[None]):
    def compose(self) -> ComposeResult:
        table: DataTable = DataTable(cursor_type="row")
        table.add_columns(*L.ULIST_COLUMNS)
        yield table


def table_rows(users: Sequence[User]) -> list[tuple[str, str, str]]:
    from entconsole.widgets.user_list import STATUS_GLYPH

    return [
        (list_name(u), " ".join(STATUS_GLYPH[s] for s in u.statuses), L.PROFILE[u.profile.value])
        for u in users
    ]


async def time_datatable(results: Sequence[Sequence[User]]) -> list[float]:
    """For each result: clear a DataTable, add the rows, until the frame is drawn."""
    app = _TableApp()
    times = []
    async with app.run_test(size=SIZE) as pilot:
        watch = FrameWatch(app)
        table = app.query_one(DataTable)
        await pilot.pause()
        for users in results:
            rows = table_rows(users)  # the data at hand, as our list has it
            flag = {"done": False}
            # The table measures its new rows when idle: drawn once that is done.
            watch.expect(lambda: flag["done"] and not table._require_update_dimensions)
            started = time.perf_counter()
            table.clear()
            table.add_rows(rows)
            flag["done"] = True
            table.refresh()
            times.append(await watch.drawn() - started)
    return times


# --------------------------------------------------------------------------- another session's write


async def time_reload(app: App, write: Callable[[], None]) -> tuple[float, float]:
    """Another session writes; the console polls: (seconds until applied, longest UI stall).

    The stall is the longest gap between two ticks of a 5 ms timer while the
    change is read: how long a key would have waited.
    """
    async with app.run_test(size=SIZE) as pilot:
        while app.main_screen is None:  # type: ignore[attr-defined]
            await asyncio.sleep(0.001)
        app.show_section("users")  # type: ignore[attr-defined]
        section = app.main_screen.section("users")  # type: ignore[attr-defined]
        while section.shown_state is None:  # built on first show, then listed
            await pilot.pause()
        await settle(app, pilot)
        revision = app.store.revision  # type: ignore[attr-defined]
        write()
        ticks: list[float] = []
        timer = app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
        started = time.perf_counter()
        ticks.append(started)
        app._poll_store()  # type: ignore[attr-defined]  # what the 2 s timer does
        while app.store.revision == revision:  # type: ignore[attr-defined]
            if time.perf_counter() - started > TIMEOUT:
                raise TimeoutError("the other session's write was not applied")
            await asyncio.sleep(0.005)
        applied = time.perf_counter() - started
        await pilot.pause()
        timer.stop()
        ticks.append(time.perf_counter())
    stall = max(b - a for a, b in zip(ticks, ticks[1:]))
    return applied, stall
