"""Acting admin resolution and scope checks, on a small hand-made store."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from entconsole.models import Profile, Source, Structure, User
from entconsole.services.errors import NotFound, PermissionDenied
from entconsole.services.session import Session, admins, find_login, search_structures
from entconsole.store import Store

TODAY = date(2024, 9, 5)


def person(login: str, profile=Profile.TEACHER, **extra) -> User:
    first, last = login.split(".")
    return User(
        first_name=first.title(),
        last_name=last.title(),
        display_name=f"{last.title()} {first.title()}",
        profile=profile,
        login=login,
        source=Source.AAF,
        creation_date=datetime(2020, 1, 1),
        **extra,
    )


@pytest.fixture
def store(tmp_path, clock):
    a = Structure(name="École des Tilleuls", uai="0601111A")
    b = Structure(name="École Hélène-Boucher", uai="0602222B")
    docs = [
        a,
        b,
        person("anne.durand", functions={"ADMIN_LOCAL": (a.id,)}, structures=(a.id,), login_alias="directrice.tilleuls"),
        person("paul.roux", Profile.PERSONNEL, functions={"ADMIN_LOCAL": (a.id, b.id)}, structures=(a.id, b.id)),
        person("zoe.petit", Profile.STUDENT, structures=(a.id,)),
        person("max.central", Profile.PERSONNEL, functions={"SUPER_ADMIN": ()}),
    ]
    return Store.create(tmp_path / "s.json", docs, default_admin="anne.durand", clock=clock)


def test_default_admin_with_one_structure_needs_no_choice(store):
    session = Session.open(store, None, TODAY)
    assert session.admin.login == "anne.durand"
    assert session.structure.name == "École des Tilleuls"
    assert not session.needs_structure_choice


def test_login_alias_is_accepted(store):
    assert Session.open(store, "directrice.tilleuls", TODAY).admin.login == "anne.durand"
    assert find_login(store, " Anne.Durand ").login == "anne.durand"


def test_admin_of_two_structures_must_choose(store):
    session = Session.open(store, "paul.roux", TODAY)
    assert session.needs_structure_choice
    assert [s.name for s in session.structures] == ["École des Tilleuls", "École Hélène-Boucher"]
    target = session.structures[1]
    assert session.switch(target.id).name == "École Hélène-Boucher"


def test_super_admin_sees_every_school(store):
    session = Session.open(store, "max.central", TODAY)
    assert len(session.structures) == 2


def test_structure_search_is_accent_insensitive(store):
    structures = Session.open(store, "paul.roux", TODAY).structures
    assert [s.name for s in search_structures(structures, "helene")] == ["École Hélène-Boucher"]
    assert [s.name for s in search_structures(structures, "0601111")] == ["École des Tilleuls"]


def test_pupil_is_not_an_admin(store):
    with pytest.raises(PermissionDenied, match="n'est pas un administrateur"):
        Session.open(store, "zoe.petit", TODAY)


def test_unknown_login_lists_the_admins(store):
    with pytest.raises(NotFound) as info:
        Session.open(store, "inconnu", TODAY)
    assert "anne.durand" in info.value.message and "paul.roux" in info.value.message


def test_scope_is_enforced(store):
    session = Session.open(store, "anne.durand", TODAY)
    other = next(s for s in store.all(Structure) if s.name == "École Hélène-Boucher")
    with pytest.raises(PermissionDenied, match="Hélène-Boucher"):
        session.switch(other.id)
    assert session.structure.name == "École des Tilleuls"


def test_admins_list(store):
    assert [u.login for u in admins(store)] == ["max.central", "anne.durand", "paul.roux"]  # by display name
