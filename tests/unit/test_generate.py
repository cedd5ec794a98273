"""Issue 9: the large-store generator is deterministic and gives a valid, realistic store."""

from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner

from entconsole.cli import main
from entconsole.models import (
    FlashMessage,
    Group,
    GroupType,
    Profile,
    Report,
    SchoolClass,
    Share,
    ShareBookmark,
    Source,
    Status,
    Structure,
    User,
)
from entconsole.seed.generate import generate, school_sizes
from entconsole.services.session import Session, administered_structures
from entconsole.services.users import structure_users
from entconsole.store import Store
from tests.conftest import TODAY


def run_generate(path, *args: str):
    result = CliRunner().invoke(main, ["generate", "--out", str(path), *args])
    assert result.exit_code == 0, result.output
    return result


def test_same_seed_same_bytes_other_seed_other_file(tmp_path):
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    run_generate(a, "--users", "1500", "--seed", "4", "--structures", "2")
    run_generate(b, "--users", "1500", "--seed", "4", "--structures", "2")
    run_generate(c, "--users", "1500", "--seed", "5", "--structures", "2")
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_existing_file_is_kept_without_force(tmp_path):
    path = tmp_path / "g.json"
    run_generate(path, "--users", "100")
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["generate", "--out", str(path), "--users", "100", "--seed", "9"])
    assert result.exit_code != 0 and path.read_bytes() == before
    run_generate(path, "--users", "100", "--seed", "9", "--force")
    assert path.read_bytes() != before


def test_too_small_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["generate", "--out", str(tmp_path / "x.json"), "--users", "30", "--structures", "5"])
    assert result.exit_code == 2
    assert not (tmp_path / "x.json").exists()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    path = tmp_path_factory.mktemp("gen") / "store.json"
    run_generate(path, "--users", "4000", "--seed", "2", "--structures", "3")
    return Store(path, create=False)


def test_counts_and_schools(store):
    schools = [s for s in store.all(Structure) if s.is_school]
    assert len(schools) == 3 and all(s.uai for s in schools)
    sizes = sorted(sum(1 for _ in structure_users(store, s.id, include_removed=True)) for s in schools)
    assert sum(sizes) == store.count(User) == 4000
    assert sizes == sorted(school_sizes(4000, 3))


def test_the_demo_proportions(store):
    users = list(store.all(User))
    share = {p: n / len(users) for p, n in Counter(u.profile for u in users).items()}
    assert 0.30 <= share[Profile.STUDENT] <= 0.40
    assert 0.55 <= share[Profile.RELATIVE] <= 0.65
    assert 0.015 <= share[Profile.TEACHER] <= 0.025
    assert 0.01 <= share[Profile.PERSONNEL] <= 0.03
    assert 0.002 <= share[Profile.GUEST] <= 0.01
    statuses = Counter(s for u in users for s in u.statuses)
    assert set(statuses) == set(Status)  # every status occurs
    assert 0.1 <= statuses[Status.INACTIVE] / len(users) <= 0.45
    sources = {u.source for u in users}
    assert {Source.AAF, Source.AAF1D, Source.MANUAL} <= sources


def test_families_classes_and_links_hold_together(store):
    users = {u.id: u for u in store.all(User)}
    pupils = [u for u in users.values() if u.profile is Profile.STUDENT]
    assert all(u.relatives and u.ine for u in pupils)
    for pupil in pupils:
        for parent_id in pupil.relatives:
            assert pupil.id in users[parent_id].children
    assert any(len(u.children) > 1 for u in users.values() if u.profile is Profile.RELATIVE)  # siblings
    for user in users.values():
        for class_id in user.classes:
            school_class = store.get(SchoolClass, class_id)
            assert school_class is not None and school_class.structure_id in user.structures
        for dup in user.duplicates:
            assert any(d.user_id == user.id for d in users[dup.user_id].duplicates)
    predeleted = [u for u in users.values() if u.delete_date]
    assert predeleted and all(not u.classes and u.saved_links is not None for u in predeleted)


def test_groups_bookmarks_shares_flash_reports(store):
    groups = list(store.all(Group))
    assert sum(1 for g in groups if g.name == "RESP-AFFECT-GAR" and g.lock_delete) == 3
    assert {GroupType.PROFILE, GroupType.TEACHING, GroupType.MANUAL} <= {g.type for g in groups}
    assert store.count(FlashMessage) == 9 and store.count(Report) == 3
    assert store.count(ShareBookmark) == 9 and store.count(Share) >= 3
    group_ids = {g.id for g in groups}
    assert all(gid in group_ids for u in store.all(User) for gid in u.groups)


def test_the_admins_open_sessions(store):
    session = Session.open(store, None, TODAY)  # the first school's director
    assert len(session.structures) == 1
    central = next(u for u in store.all(User) if u.is_super_admin)
    assert len(administered_structures(store, central)) == 3


def test_generate_function_matches_the_command(tmp_path):
    data = generate(300, seed=11, structures=1)
    users = [d for d in data.docs if isinstance(d, User)]
    assert len(users) == 300
    assert data.default_admin in {u.login for u in users}
