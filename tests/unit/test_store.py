"""The store: atomic writes, lock, reload, refusal of bad files, one write per action."""

from __future__ import annotations

import errno
import multiprocessing
import os
from datetime import datetime
from pathlib import Path

import orjson
import pytest
from pydantic import ValidationError

from entconsole import store as store_mod
from entconsole.models import SCHEMA_VERSION, JournalEntry, Profile, Source, Structure, User
from entconsole.store import (
    Store,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreVersionError,
    StoreWriteError,
    open_tinydb,
)


def make_user(login: str, **extra) -> User:
    return User(
        first_name="Léa",
        last_name="Martin",
        display_name="Martin Léa",
        profile=Profile.STUDENT,
        login=login,
        source=Source.MANUAL,
        creation_date=datetime(2024, 9, 1, 8, 0),
        **extra,
    )


def add_structure(store: Store, name: str = "École des Tilleuls") -> Structure:
    with store.transaction("admin", "structure.create") as tx:
        structure = tx.put(Structure(name=name, uai="0601234X"))
        tx.journal(f"Création de {name}", targets=[structure.id])
    return structure


def temp_files(path: Path) -> list[str]:
    return [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_missing_file_is_created_empty(tmp_path, clock):
    path = tmp_path / "new.json"
    store = Store(path, clock=clock)
    assert path.exists()
    assert store.meta.version == SCHEMA_VERSION
    assert store.revision == 0
    assert store.count(User) == 0


def test_missing_file_not_created_when_asked(tmp_path):
    with pytest.raises(StoreError, match="introuvable"):
        Store(tmp_path / "absent.json", create=False)
    assert not (tmp_path / "absent.json").exists()


def test_commit_writes_one_tinydb_file_with_journal(tmp_path, clock):
    path = tmp_path / "s.json"
    store = Store(path, clock=clock)
    structure = add_structure(store)
    assert store.revision == 1
    # The file is a plain TinyDB document: TinyDB itself can read it.
    db = open_tinydb(path)
    assert [d["name"] for d in db.table("structures").all()] == ["École des Tilleuls"]
    [entry] = db.table("journal").all()
    assert entry["actor"] == "admin"
    assert entry["action"] == "structure.create"
    assert entry["targets"] == [structure.id]
    assert entry["revision"] == 1
    assert db.table("meta").all()[0]["revision"] == 1
    assert temp_files(path) == []


def test_one_write_per_transaction(tmp_path, clock):
    store = Store(tmp_path / "s.json", clock=clock)
    structure = add_structure(store)
    before = store.write_count
    with store.transaction("admin", "users.create", structure_id=structure.id) as tx:
        for n in range(50):
            tx.put(make_user(f"eleve{n}", structures=(structure.id,)))
        tx.journal("50 comptes créés", count=50)
    assert store.write_count == before + 1
    assert store.count(User) == 50
    assert store.count(JournalEntry) == 2
    assert len(store.ids_by(User, "structure", structure.id)) == 50


def test_a_journal_entry_lists_the_first_ids_and_counts_them_all(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(store_mod, "JOURNAL_TARGETS_KEPT", 10)
    store = Store(tmp_path / "s.json", clock=clock)
    structure = add_structure(store)
    with store.transaction("admin", "users.create", structure_id=structure.id) as tx:
        users = [tx.put(make_user(f"eleve{n}", structures=(structure.id,))) for n in range(25)]
        tx.journal("25 comptes créés", targets=[u.id for u in users])
    entry = next(e for e in store.all(JournalEntry) if e.action == "users.create")
    assert entry.targets == tuple(u.id for u in users[:10]) and entry.count == 25


def test_transaction_without_changes_writes_nothing(tmp_path, clock):
    store = Store(tmp_path / "s.json", clock=clock)
    with store.transaction("admin", "noop"):
        pass
    assert store.write_count == 0
    assert store.revision == 0


def test_changes_without_journal_entry_are_refused(tmp_path, clock):
    store = Store(tmp_path / "s.json", clock=clock)
    with pytest.raises(RuntimeError):
        with store.transaction("admin", "structure.create") as tx:
            tx.put(Structure(name="Sans journal"))
    assert store.count(Structure) == 0
    assert Store(store.path).count(Structure) == 0


def test_error_in_transaction_discards_everything(tmp_path, clock):
    store = Store(tmp_path / "s.json", clock=clock)
    with pytest.raises(ZeroDivisionError):
        with store.transaction("admin", "structure.create") as tx:
            tx.put(Structure(name="Jamais"))
            tx.journal("x")
            1 / 0
    assert store.count(Structure) == 0
    assert store.write_count == 0


def test_invalid_document_never_staged(tmp_path, clock):
    store = Store(tmp_path / "s.json", clock=clock)
    structure = add_structure(store)
    with pytest.raises(ValidationError):
        with store.transaction("admin", "structure.edit") as tx:
            # model_copy does not validate: the transaction must.
            tx.put(structure.model_copy(update={"uai": "bad"}))
            tx.journal("x")
    assert store.get(Structure, structure.id).uai == "0601234X"
    assert Store(store.path).get(Structure, structure.id).uai == "0601234X"


def test_transaction_sees_its_own_changes(tmp_path, clock):
    store = Store(tmp_path / "s.json", clock=clock)
    structure = add_structure(store)
    with store.transaction("admin", "structure.rename") as tx:
        tx.put(structure.model_copy(update={"name": "Nouveau nom"}))
        assert tx.get(Structure, structure.id).name == "Nouveau nom"
        assert store.get(Structure, structure.id).name == "École des Tilleuls"
        tx.journal("renommé")
    assert store.get(Structure, structure.id).name == "Nouveau nom"


def test_delete_updates_indexes(tmp_path, clock):
    store = Store(tmp_path / "s.json", clock=clock)
    structure = add_structure(store)
    with store.transaction("admin", "users.create") as tx:
        user = tx.put(make_user("lea.martin", structures=(structure.id,)))
        tx.journal("créé")
    assert store.ids_by(User, "login", "lea.martin") == {user.id}
    with store.transaction("admin", "users.delete") as tx:
        tx.delete(User, user.id)
        tx.journal("supprimé")
    assert store.ids_by(User, "login", "lea.martin") == frozenset()
    assert store.ids_by(User, "structure", structure.id) == frozenset()
    assert Store(store.path).count(User) == 0


def test_session_reloads_newer_revision_before_writing(tmp_path, clock):
    path = tmp_path / "s.json"
    first = Store(path, clock=clock)
    structure = add_structure(first)
    second = Store(path, clock=clock)
    with second.transaction("autre", "structure.rename") as tx:
        tx.put(tx.get(Structure, structure.id).model_copy(update={"name": "Renommée ailleurs"}))
        tx.journal("renommé")
    # `first` still holds revision 1 in memory...
    assert first.get(Structure, structure.id).name == "École des Tilleuls"
    reloads = []
    first.on_reload.append(lambda: reloads.append(True))
    # ...and its next action starts from revision 2, never writing revision 1 back.
    with first.transaction("admin", "structure.create") as tx:
        assert tx.get(Structure, structure.id).name == "Renommée ailleurs"
        tx.put(Structure(name="Deuxième école"))
        tx.journal("créée")
    assert reloads == [True]
    on_disk = Store(path)
    assert on_disk.revision == 3
    assert sorted(s.name for s in on_disk.all(Structure)) == ["Deuxième école", "Renommée ailleurs"]
    assert on_disk.count(JournalEntry) == 3


def test_refresh_only_when_file_changed(tmp_path, clock):
    path = tmp_path / "s.json"
    store = Store(path, clock=clock)
    assert store.refresh() is False
    add_structure(Store(path, clock=clock))
    assert store.refresh() is True
    assert store.count(Structure) == 1


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2, 3]", b'{"users": {}}', b'{"meta": {"1": {"version": 1}}, "users": {"1": {"id": "x"}}}'],
    ids=["bad-json", "not-an-object", "no-meta", "invalid-document"],
)
def test_corrupt_file_refused_and_untouched(tmp_path, content):
    path = tmp_path / "s.json"
    path.write_bytes(content)
    with pytest.raises(StoreCorrupt) as info:
        Store(path)
    assert str(path) in info.value.message
    assert "\n" not in info.value.message
    assert path.read_bytes() == content


def test_unknown_version_refused_and_untouched(tmp_path):
    path = tmp_path / "s.json"
    content = orjson.dumps({"meta": {"1": {"version": 99, "revision": 4}}, "users": {}})
    path.write_bytes(content)
    with pytest.raises(StoreVersionError, match="99"):
        Store(path)
    assert path.read_bytes() == content


def test_failed_write_leaves_file_and_memory_unchanged(tmp_path, clock, monkeypatch):
    path = tmp_path / "s.json"
    store = Store(path, clock=clock)
    structure = add_structure(store)
    before = path.read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod.os, "replace", disk_full)
    with pytest.raises(StoreWriteError, match="disque plein"):
        with store.transaction("admin", "structure.rename") as tx:
            tx.put(structure.model_copy(update={"name": "Perdu"}))
            tx.journal("renommé")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert temp_files(path) == []
    assert store.get(Structure, structure.id).name == "École des Tilleuls"
    assert store.revision == 1
    # The session goes on working afterwards.
    with store.transaction("admin", "structure.rename") as tx:
        tx.put(structure.model_copy(update={"name": "Enfin"}))
        tx.journal("renommé")
    assert Store(path).get(Structure, structure.id).name == "Enfin"


@pytest.mark.parametrize(
    ("code", "detail"), [(errno.EACCES, "droits insuffisants"), (errno.EROFS, "lecture seule")]
)
def test_unwritable_directory_gives_a_clear_error(tmp_path, clock, monkeypatch, code, detail):
    # Simulated at the OS call: the suite runs as root, which ignores chmod.
    path = tmp_path / "s.json"
    store = Store(path, clock=clock)
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(store_mod.tempfile, "mkstemp", refuse)
    with pytest.raises(StoreWriteError, match=detail):
        add_structure(store)
    assert path.read_bytes() == before
    assert store.count(Structure) == 0


def test_lock_held_by_another_session_times_out(tmp_path, clock, monkeypatch):
    path = tmp_path / "s.json"
    first = Store(path, clock=clock)
    second = Store(path, clock=clock)
    second._lock.timeout = 0.2
    with first.transaction("admin", "structure.create") as tx:
        with pytest.raises(StoreBusy, match="occupé"):
            with second.transaction("autre", "structure.create"):
                pass
        tx.put(Structure(name="Première"))
        tx.journal("créée")
    assert Store(path).count(Structure) == 1


def _worker(path: str, worker: int, actions: int) -> None:
    store = Store(path)
    for n in range(actions):
        with store.transaction(f"admin{worker}", "structure.create") as tx:
            tx.put(Structure(name=f"École {worker}-{n}"))
            tx.journal(f"École {worker}-{n}")


def test_concurrent_processes_lose_nothing(tmp_path):
    path = tmp_path / "s.json"
    Store(path)
    workers, actions = 4, 25
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_worker, args=(str(path), w, actions)) for w in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    final = Store(path)
    names = {s.name for s in final.all(Structure)}
    assert len(names) == workers * actions
    assert final.count(JournalEntry) == workers * actions
    assert final.revision == workers * actions
