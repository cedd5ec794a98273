"""Issue 9: the store file laid out one document per line (entconsole/store_file.py)."""

from __future__ import annotations

import orjson
import pytest

from entconsole.models import META_TABLE, JournalEntry, User
from entconsole.store import Store, StoreCorrupt, StoreVersionError, open_tinydb
from entconsole.store_file import FILE_ORDER, UNPLACED, doc_start


def block(store: Store, user: User, blocked: bool = True) -> None:
    with store.transaction("test", "test.block") as tx:
        tx.put(user.model_copy(update={"blocked": blocked}))
        tx.journal("block")


def some_user(store: Store) -> User:
    return next(u for u in store.all(User) if not u.blocked)


def test_the_file_is_plain_tinydb_json_one_document_per_line(demo_path):
    raw = demo_path.read_bytes()
    data = orjson.loads(raw)
    assert list(data) == list(FILE_ORDER)
    store = Store(demo_path, create=False)
    assert len(raw.splitlines()) == sum(len(t) for t in data.values()) + 2 * len(data) - sum(
        1 for t in data.values() if not t
    ) + 2
    users = open_tinydb(demo_path).table("users")
    assert len(users) == store.count(User)
    assert {d["id"] for d in users.all()} == {u.id for u in store.all(User)}


def test_spans_point_at_each_documents_json(demo_path):
    store = Store(demo_path, create=False)
    raw = demo_path.read_bytes()
    for table in ("users", "classes"):
        for doc_id, span in store._state.spans[table].items():
            assert span[1] != UNPLACED
            assert orjson.loads(raw[doc_start(span) : span[2]])["id"] == doc_id


def test_a_commit_copies_unchanged_lines_and_rewrites_the_changed_one(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    before = orjson.loads(demo_path.read_bytes())
    user = some_user(store)
    block(store, user)
    after = orjson.loads(demo_path.read_bytes())
    key = store._state.spans["users"][user.id][0]
    assert after["users"][key]["blocked"] is True
    assert {k: v for k, v in after["users"].items() if k != key} == {
        k: v for k, v in before["users"].items() if k != key
    }
    assert after[META_TABLE]["1"]["revision"] == before[META_TABLE]["1"]["revision"] + 1
    # and the spans kept in memory are those of the new file
    raw = demo_path.read_bytes()
    for doc_id, span in store._state.spans["users"].items():
        assert orjson.loads(raw[doc_start(span) : span[2]])["id"] == doc_id


def test_creating_deleting_and_undo_data_across_commits(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    users = list(store.all(User))
    first, last = users[0], users[-1]
    with store.transaction("test", "test.mix") as tx:
        tx.delete(User, first.id)
        tx.delete(User, last.id)
        created = tx.put(first.model_copy(update={"id": "brand-new", "login": "brand.new"}))
        tx.journal("mix")
    fresh = Store(demo_path, create=False)
    assert fresh.get(User, first.id) is None and fresh.get(User, last.id) is None
    assert fresh.get(User, created.id) == created
    assert {u.id: u for u in fresh.all(User)} == {u.id: u for u in store.all(User)}
    # the deleted documents' whole JSON is kept for undo, read from the old file's lines
    journal = [j for j in fresh.all(JournalEntry) if j.action == "test.mix"]
    assert len(journal) == 1
    before = journal[0].undo["before"]["users"]
    assert before[first.id]["doc"]["login"] == first.login and before[created.id] is None


def test_a_file_written_otherwise_is_read_then_laid_out_by_the_next_commit(demo_path, clock):
    data = orjson.loads(demo_path.read_bytes())
    demo_path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))  # as a person might
    store = Store(demo_path, create=False, clock=clock)
    assert store.count(User) == len(data["users"])
    assert all(span[1] == UNPLACED for span in store._state.spans["users"].values())
    user = some_user(store)
    block(store, user)
    assert demo_path.read_bytes().startswith(b'{\n"users": {\n')
    fresh = Store(demo_path, create=False)
    assert {u.id: u for u in fresh.all(User)} == {u.id: u for u in store.all(User)}
    assert fresh.get(User, user.id).blocked


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw.replace(b'"blocked":false', b'"blocked":"maybe"', 1),
        lambda raw: raw.replace(b"},\n", b"}\n", 1),  # a comma lost between two lines
        lambda raw: raw[:-20],
    ],
)
def test_a_damaged_laid_out_file_is_reported_as_before(demo_path, damage):
    demo_path.write_bytes(damage(demo_path.read_bytes()))
    with pytest.raises(StoreCorrupt):
        Store(demo_path, create=False)


def test_a_newer_schema_is_reported_as_such(demo_path):
    raw = demo_path.read_bytes()
    demo_path.write_bytes(raw.replace(b'{"version":', b'{"version":99,"was":', 1))
    with pytest.raises(StoreVersionError):
        Store(demo_path, create=False)


def test_a_reload_keeps_the_models_of_unchanged_documents(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    other = Store(demo_path, create=False, clock=clock)
    user = some_user(other)
    kept = {u.id: u for u in store.all(User)}
    block(other, user)
    assert store.refresh()
    assert store.changed_since(store.generation - 1) >= {("users", user.id)}
    assert {table for table, _ in store.changed_since(store.generation - 1)} == {"users", "journal"}
    for current in store.all(User):
        if current.id == user.id:
            assert current.blocked and current is not kept[current.id]
        else:
            assert current is kept[current.id]


def test_without_copy_file_range_the_lines_are_copied_through_memory(demo_path, clock, monkeypatch):
    import errno
    import os

    def refuse(*args, **kwargs):
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    store = Store(demo_path, create=False, clock=clock)
    user = some_user(store)
    block(store, user)
    fresh = Store(demo_path, create=False)
    assert {u.id: u for u in fresh.all(User)} == {u.id: u for u in store.all(User)}
    assert fresh.get(User, user.id).blocked


def test_keys_another_writer_chose_are_renumbered_by_the_next_commit(demo_path, clock):
    data = orjson.loads(demo_path.read_bytes())
    data["users"] = {f"clé-{n}\"": doc for n, doc in enumerate(data["users"].values())}
    demo_path.write_bytes(orjson.dumps(data))
    store = Store(demo_path, create=False, clock=clock)
    user = some_user(store)
    block(store, user)  # the changed account and the others
    written = orjson.loads(demo_path.read_bytes())
    assert all(key.isdigit() for key in written["users"])
    fresh = Store(demo_path, create=False)
    assert {u.id: u for u in fresh.all(User)} == {u.id: u for u in store.all(User)}


def test_a_backup_is_the_file_byte_for_byte(demo_path, clock):
    from datetime import datetime

    store = Store(demo_path, create=False, clock=clock)
    copy = store.backups.save("essai", datetime(2024, 9, 5, 10, 0))
    assert copy.read_bytes() == demo_path.read_bytes()
    assert Store(copy, create=False).count(User) == store.count(User)
