"""Costs without the UI: durable writes and their floor, plain TinyDB, naive scans.

Each function returns the durations it measured (seconds); the caller picks
the statistic. Writes go to the work copy of a generated store.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import orjson
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from entconsole.models import BlockAction, Profile, User
from entconsole.services.mass_block import mass_block
from entconsole.services.session import Session
from entconsole.services.user_list import Category, FilterState
from entconsole.services.users import Predeletion, predeletion_state, query_users, set_blocked
from entconsole.store import atomic_write
from entconsole.text import fold


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def block_target(session: Session) -> User:
    """A pupil listed by default (blocking one touches one account, one structure)."""
    sid = session.structure_id
    for user in session.store.all(User):
        if (
            user.profile is Profile.STUDENT and sid in user.structures and not user.blocked
            and user.delete_date is None
        ):
            return user
    raise LookupError("no pupil to block")


def single_blocks(session: Session, times: int) -> list[float]:
    """Block then unblock one account, `times` actions, each committed to disk."""
    user = block_target(session)
    return [timed(lambda n=n: set_blocked(session, [user.id], n % 2 == 0)) for n in range(times)]


def write_floor(path: Path, times: int) -> list[float]:
    """orjson.dumps + write + fsync + os.replace (+ fsync of the directory) of the same store."""
    data = orjson.loads(path.read_bytes())
    target = path.with_name(path.stem + ".floor.json")
    try:
        return [timed(lambda: atomic_write(target, orjson.dumps(data))) for _ in range(times)]
    finally:
        target.unlink(missing_ok=True)


def tinydb_blocks(path: Path, user_id: str, times: int) -> list[float]:
    """The same single block through plain TinyDB (JSONStorage: parse, update, rewrite)."""
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        copy = Path(tmp) / "tinydb.json"
        shutil.copyfile(path, copy)
        doc_id = next(
            int(k) for k, v in orjson.loads(copy.read_bytes())["users"].items() if v["id"] == user_id
        )
        found = []
        for n in range(times):
            db = TinyDB(copy, storage=JSONStorage)

            def update(blocked: bool = n % 2 == 0) -> None:
                db.table("users").update({"blocked": blocked}, doc_ids=[doc_id])
                fd = os.open(copy, os.O_RDONLY)  # JSONStorage only flushes: as durable as ours
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)

            found.append(timed(update))
            db.close()
        return found


def mass_blocks(session: Session) -> list[float]:
    """"Blocage en lot" of the pupils, then unblocking them: two actions, one write each."""
    return [
        timed(lambda: mass_block(session, Profile.STUDENT, BlockAction.BLOCK)),
        timed(lambda: mass_block(session, Profile.STUDENT, BlockAction.UNBLOCK)),
    ]


def other_actions(session: Session) -> dict[str, float]:
    """Year-change dry run, classic accounts export (CSV bytes), rentrée checklist: once each."""
    from entconsole.services.exports import ExportKind, export_accounts
    from entconsole.services.rentree import checklist
    from entconsole.services.year_change import plan_year_change

    return {
        "year_change_dry_run": timed(lambda: plan_year_change(session)),
        "accounts_export": timed(lambda: export_accounts(session, ExportKind.CLASSIC)),
        "checklist": timed(lambda: checklist(session)),
    }


# --------------------------------------------------------------------------- naive scans


def naive_query(session: Session, state: FilterState) -> list[User]:
    """What a list without indexes or caches does: scan every model, fold every name, sort."""
    sid = session.structure_id
    words = fold(state.search).split()
    profiles = state.values(Category.PROFILES)
    classes = state.values(Category.CLASSES)
    sources = state.values(Category.SOURCES)
    found = []
    for user in session.store.all(User):
        if sid not in user.structures:
            continue
        if predeletion_state(user) is Predeletion.PREDELETED:
            continue
        if profiles and user.profile.value not in profiles:
            continue
        if classes and classes.isdisjoint(user.classes):
            continue
        if sources and user.source.value not in sources:
            continue
        if words:
            key = fold(f"{user.first_name} {user.last_name}")
            if not all(w in key for w in words):
                continue
        found.append(user)
    found.sort(key=lambda u: (fold(u.last_name), fold(u.first_name), u.id))
    return found


def query_times(session: Session, states: Sequence[FilterState]) -> list[float]:
    """The console's own query for each state (what the screen runs, without drawing)."""
    sid = session.structure_id
    return [timed(lambda s=s: query_users(session.store, sid, s.query())) for s in states]


def naive_times(session: Session, states: Sequence[FilterState]) -> list[float]:
    return [timed(lambda s=s: naive_query(session, s)) for s in states]
