"""The year change on the demo: the dry run writes nothing and equals the real run's effect."""

from __future__ import annotations

import orjson
import pytest

from entconsole.models import (
    CommunicationLink,
    Group,
    GroupType,
    JournalEntry,
    SchoolClass,
    Share,
    ShareBookmark,
    User,
)
from entconsole.services.errors import ServiceError
from entconsole.services.session import Session
from entconsole.services.year_change import plan_year_change, run_year_change
from entconsole.store import Store
from tests.conftest import TODAY
from tests.unit.rentree_store import HERE, group, make_store, school_class, user
from tests.unit.rentree_store import TODAY as CRAFTED_TODAY


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def snapshot(store: Store) -> dict[str, dict]:
    """Every document of the tables a year change may touch, as JSON."""
    tables = (User, SchoolClass, Group, CommunicationLink, Share, ShareBookmark)
    return {m.TABLE: {d.id: d.model_dump(mode="json") for d in store.all(m)} for m in tables}


def diff(before: dict, after: dict) -> dict[str, tuple[set, set]]:
    """table -> (ids deleted, ids changed)."""
    out = {}
    for table, docs in before.items():
        deleted = set(docs) - set(after[table])
        changed = {i for i in docs.keys() & after[table].keys() if docs[i] != after[table][i]}
        assert not set(after[table]) - set(docs), "a year change creates nothing"
        out[table] = (deleted, changed)
    return out


def test_dry_run_writes_nothing(session, demo_path):
    raw = demo_path.read_bytes()
    plan = plan_year_change(session)
    assert plan.figures()["classes"] == 11
    assert session.store.write_count == 0
    assert demo_path.read_bytes() == raw
    assert not session.store.backups.list()


def test_demo_figures(session):
    f = plan_year_change(session).figures()
    assert f["classes"] == 11
    assert f["class_groups"] == 44  # 4 profile groups per class
    assert f["teaching_groups"] == 2  # ULIS, UPE2A
    assert f["share_grants"] == 6  # blog CM1 A (2), cahier de vie, cahier de textes (2), Projet ULIS
    assert f["shares"] == 4


def test_dry_run_equals_the_real_run(session):
    store = session.store
    plan = plan_year_change(session)
    before = snapshot(store)
    entries = store.count(JournalEntry)
    writes = store.write_count
    result = run_year_change(session, plan.figures())
    assert store.write_count == writes + 1
    assert store.count(JournalEntry) == entries + 1
    changes = diff(before, snapshot(store))

    removed_groups = {g.id for g in plan.class_groups} | {g.id for g in plan.teaching_groups}
    assert changes["classes"] == ({c.id for c in plan.classes}, set())
    assert changes["groups"] == (removed_groups, set())
    assert changes["links"] == (set(plan.group_refs.links), set())
    assert changes["shares"] == (set(), set(plan.group_refs.shares))
    assert changes["share_bookmarks"] == (set(), set(plan.group_refs.bookmarks))
    unlinked = set(plan.class_links) | set(plan.group_refs.members) | set(plan.detached_cleared)
    assert changes["users"] == (set(), unlinked)
    assert len(set(plan.class_links) | set(plan.group_refs.members)) == plan.users_unlinked
    assert str(plan.figures()["classes"]) in result.message


def test_real_run_keeps_what_the_guide_says(session):
    store = session.store
    sid = session.structure_id
    manual = {g.id: g.name for g in store.find(Group, "structure", sid) if g.type is GroupType.MANUAL}
    manual_grants = {
        s.id: [g for g in s.grants if g.target_id in manual] for s in store.all(Share)
    }
    user_grants = {s.id: [g for g in s.grants if g.target_type.value in ("user", "bookmark")] for s in store.all(Share)}
    accounts = {u.id for u in store.all(User)}
    run_year_change(session)
    # accounts, manual groups and their members, structure groups stay
    assert {u.id for u in store.all(User)} == accounts
    assert {g.id for g in store.find(Group, "structure", sid) if g.type is GroupType.MANUAL} == set(manual)
    assert {g.class_id for g in store.find(Group, "structure", sid)} == {None}
    assert not any(g.type is GroupType.TEACHING for g in store.find(Group, "structure", sid))
    assert not store.find(SchoolClass, "structure", sid)
    for share in store.all(Share):
        assert [g for g in share.grants if g.target_id in manual] == manual_grants[share.id]
        assert [g for g in share.grants if g.target_type.value in ("user", "bookmark")] == user_grants[share.id]
    # nobody keeps a link to a deleted class or group; manual memberships stay
    remaining_groups = {g.id for g in store.all(Group)}
    remaining_classes = {c.id for c in store.all(SchoolClass)}
    for u in store.all(User):
        assert set(u.groups) <= remaining_groups
        assert set(u.classes) <= remaining_classes
    gar = next(g for g in store.find(Group, "structure", sid) if g.name == "RESP-AFFECT-GAR")
    assert store.ids_by(User, "group", gar.id)
    # the other school is untouched: its 4 classes stay
    assert len(list(store.all(SchoolClass))) == 4


def test_backup_written_before_and_restorable(session, demo_path):
    raw = demo_path.read_bytes()
    run_year_change(session)
    backups = session.store.backups.list()
    assert len(backups) == 1 and "avant-bascule-annee" in backups[0].name
    assert orjson.loads(backups[0].read_bytes()) == orjson.loads(raw)


def test_changed_figures_refuse_the_run(session, demo_path):
    plan = plan_year_change(session)
    figures = dict(plan.figures(), classes=plan.figures()["classes"] + 1)
    raw = demo_path.read_bytes()
    with pytest.raises(ServiceError):
        run_year_change(session, figures)
    assert demo_path.read_bytes() == raw


def test_second_run_has_nothing_to_do(session):
    run_year_change(session)
    writes = session.store.write_count
    plan = plan_year_change(session)
    assert plan.empty
    result = run_year_change(session)
    assert session.store.write_count == writes and "Rien" in result.message


def test_detached_attachment_is_forgotten(tmp_path):
    cls = school_class("CP A")
    ulis = group("ULIS", GroupType.TEACHING)
    ape = group("APE 2024-2025")
    left = user("Léa", "Partie", structures=(), removed_from_structures=(HERE,))
    pupil = user("Paul", "Eleve", classes=(cls.id,), groups=(ulis.id, ape.id))
    store = make_store(tmp_path / "s.json", [cls, ulis, ape, left, pupil])
    session = Session.open(store, None, CRAFTED_TODAY)
    plan = plan_year_change(session)
    assert plan.detached_cleared == (left.id,)
    assert plan.figures()["teaching_links"] == 1 and plan.figures()["class_links"] == 1
    run_year_change(session, plan.figures())
    assert store.get(User, left.id).removed_from_structures == ()
    assert store.get(User, pupil.id).groups == (ape.id,)
    assert store.get(User, pupil.id).classes == ()
