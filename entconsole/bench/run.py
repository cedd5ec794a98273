"""One bench run: for each size, every measure and what it is compared with, in one process run.

The order per size: cold start and load floor (child processes), the
Utilisateurs screen (keystrokes, filter changes) with the naive scan and the
DataTable for the same results, then the writes (single block, its floor,
plain TinyDB, mass block) on a work copy of the generated store.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from entconsole.bench import core, ui
from entconsole.bench.report import Measure, median, p95
from entconsole.bench.stores import ensure_store
from entconsole.clock import make_clock
from entconsole.models import SchoolClass
from entconsole.seed.generate import DEFAULT_TODAY
from entconsole.seed.names import LAST_NAMES
from entconsole.services.session import Session
from entconsole.services.users import query_users
from entconsole.store import Store
from entconsole.text import fold

KEYSTROKES = 50
FILTER_ROUNDS = 5  # x 4 changes: profile, class, source, back to none
SINGLE_BLOCKS = 6
WRITE_FLOORS = 5
TINYDB_BLOCKS = 3
# The targets, checked at the sizes it names.
KEY_TARGET = {100_000: 0.100, 10_000: 0.020}
WRITE_FLOOR_TARGET = 1.5
TINYDB_TARGET = 5.0
COLD_TARGET = 1.5
RSS_TARGET_MB = 400
TARGET_SIZE = 100_000


def datatable_samples(users: int) -> int:
    """A DataTable reload costs seconds at 10,000+ rows: fewer samples there."""
    return max(3, min(KEYSTROKES, 50_000 // users))


def spread(items: Sequence, count: int) -> list:
    """`count` items evenly spread over `items`."""
    if count >= len(items):
        return list(items)
    step = len(items) / count
    return [items[int(n * step)] for n in range(count)]


def search_words() -> list[str]:
    """Common last names of the generator, as typed (letters only, no accents)."""
    words = []
    for name in LAST_NAMES:
        word = "".join(c for c in fold(name) if c.isalpha())
        if len(word) >= 5:
            words.append(word)
    return words[:12]


def _child(*args: str) -> tuple[dict, float]:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "entconsole.bench.cold", *args],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1]), started


def bench_size(
    users: int,
    path: Path,
    *,
    today: date,
    keystrokes: int = KEYSTROKES,
    say: Callable[[str], None] = print,
) -> list[Measure]:
    """Every measure for one store (it is written to: pass a copy)."""
    from entconsole.app import EntConsoleApp

    out: list[Measure] = []

    def add(m: Measure) -> None:
        out.append(m)
        say(f"  {m.measure} {m.stat}: {m.ours:.4f} {m.unit} / {m.other_name}: {m.other} ratio={m.ratio}")

    # 1 + 6: cold start and memory (fresh processes), load floor
    say(f"{users}: cold start")
    floor, _ = _child("floor", str(path))
    start, spawned = _child("start", str(path), today.isoformat())
    cold = start["users_drawn"] - spawned
    ratio_ok = cold / floor["floor"] <= COLD_TARGET
    add(Measure(
        users, "cold_start", "once", cold, "floor", floor["floor"], "load_floor",
        target=f"<= {COLD_TARGET}x" if users == TARGET_SIZE else None,
        met=ratio_ok if users == TARGET_SIZE else None,
        extra={
            "store_loaded": start["loaded"] - spawned,
            "home_drawn": start["home_drawn"] - spawned,
            "rows": start["rows"],
            "floor_parse": floor["parse"],
            "docs": floor["docs"],
        },
    ))
    add(Measure(  # the floor process's own peak: parsing the whole file costs that much
        users, "peak_rss", "peak", start["peak_rss_mb"], "floor", floor["peak_rss_mb"], "load_floor", unit="MB",
        target=f"<= {RSS_TARGET_MB} MB" if users == TARGET_SIZE else None,
        met=start["peak_rss_mb"] <= RSS_TARGET_MB if users == TARGET_SIZE else None,
        extra={
            "peak_after_load_mb": start["loaded_rss_mb"],
            "resident_when_drawn_mb": start["current_rss_mb"],
            "floor_process_peak_mb": floor["peak_rss_mb"],
        },
    ))

    # 2 + 3: the Utilisateurs screen
    store = Store(path, create=False, clock=make_clock(today))
    session = Session.open(store, None, today)
    sid = session.structure_id
    assert sid is not None
    class_ids = sorted(c.id for c in store.find(SchoolClass, "structure", sid))
    plan = ui.typing_plan(search_words(), keystrokes)
    states = ui.filter_states(class_ids, FILTER_ROUNDS)
    say(f"{users}: {len(plan)} keystrokes, {len(states)} filter changes")
    app = EntConsoleApp(db_path=path, today=today)
    timings = asyncio.run(ui.time_users_screen(app, plan, states))
    del app

    from entconsole.services.user_list import FilterState

    key_states = [FilterState().with_search(text) for _, text in plan]
    say(f"{users}: queries and naive scans")
    # as in the console once the list is drawn: roster built, accounts' indexes built
    query_users(store, sid, FilterState().query())
    store.warm_indexes()
    query_keys = core.query_times(session, key_states)
    query_filters = core.query_times(session, states)
    naive_keys = core.naive_times(session, key_states)
    naive_filters = core.naive_times(session, states)
    # the same result as the screen's, handed to a DataTable
    say(f"{users}: DataTable reloads")
    key_sample = spread(key_states, datatable_samples(users))
    filter_sample = spread(states, datatable_samples(users))
    table_keys = asyncio.run(ui.time_datatable([query_users(store, sid, s.query()) for s in key_sample]))
    table_filters = asyncio.run(ui.time_datatable([query_users(store, sid, s.query()) for s in filter_sample]))

    # The screen (key to frame) against a DataTable doing the same (reload to frame);
    # the query alone against a naive scan (both without drawing).
    for name, ours, query, naive, table in (
        ("search_keystroke", timings.keystrokes, query_keys, naive_keys, table_keys),
        ("filter_change", timings.filters, query_filters, naive_filters, table_filters),
    ):
        target = KEY_TARGET.get(users)
        for stat, fn in (("median", median), ("p95", p95)):
            value = fn(ours)
            checked = target is not None and stat == "p95"
            add(Measure(
                users, name, stat, value, "peer", fn(table), "datatable_reload",
                samples=len(ours), other_samples=len(table),
                target=f"<= {target * 1000:.0f} ms" if checked else None,
                met=value <= target if checked else None,
            ))
        for stat, fn in (("median", median), ("p95", p95)):
            add(Measure(
                users, f"{name}_query", stat, fn(query), "peer", fn(naive), "naive_scan",
                samples=len(query), other_samples=len(naive),
            ))

    # 4 + 5: writes
    say(f"{users}: writes")
    target_user = core.block_target(session)
    singles = core.single_blocks(session, SINGLE_BLOCKS)
    floors = core.write_floor(path, WRITE_FLOORS)
    tiny = core.tinydb_blocks(path, target_user.id, TINYDB_BLOCKS)
    single = median(singles)
    at_target = users == TARGET_SIZE
    add(Measure(
        users, "single_block", "median", single, "floor", median(floors), "write_floor",
        samples=len(singles), other_samples=len(floors),
        target=f"<= {WRITE_FLOOR_TARGET}x" if at_target else None,
        met=single / median(floors) <= WRITE_FLOOR_TARGET if at_target else None,
    ))
    add(Measure(
        users, "single_block_vs_tinydb", "median", single, "peer", median(tiny), "tinydb_jsonstorage",
        samples=len(singles), other_samples=len(tiny),
        target=f">= {TINYDB_TARGET}x" if at_target else None,
        met=median(tiny) / single >= TINYDB_TARGET if at_target else None,
    ))
    # another session's write reaching the console (read in a thread on a big store)
    def other_session_blocks() -> None:
        core.single_blocks(Session.open(Store(path, create=False, clock=make_clock(today)), None, today), 1)

    applied, stall = asyncio.run(ui.time_reload(EntConsoleApp(db_path=path, today=today), other_session_blocks))
    add(Measure(users, "reload_stall", "max", stall, extra={"applied_after": applied}))
    masses = core.mass_blocks(session)
    add(Measure(users, "mass_block", "once", masses[0], extra={"unblock": masses[1]}))
    for name, seconds in core.other_actions(session).items():
        add(Measure(users, name, "once", seconds))
    return out


def run_bench(
    sizes: Sequence[int],
    *,
    directory: Path,
    seed: int,
    structures: int,
    keystrokes: int = KEYSTROKES,
    say: Callable[[str], None] = print,
) -> list[Measure]:
    measures: list[Measure] = []
    for users in sizes:
        cached = ensure_store(directory, users, seed, structures, say)
        with tempfile.TemporaryDirectory(dir=directory, prefix="run-") as tmp:
            work = Path(tmp) / "store.json"
            shutil.copyfile(cached, work)
            measures += bench_size(users, work, today=DEFAULT_TODAY, keystrokes=keystrokes, say=say)
    return measures
