"""Informations: the Général block, statistics per profile, the name."""

from __future__ import annotations

import pytest

from entconsole import labels as L
from entconsole.models import BLOCKING_ORDER, JournalEntry, Structure
from entconsole.services.errors import PermissionDenied, ServiceError
from entconsole.services.establishment import (
    account_stats,
    rename_structure,
    reset_structure_name,
    structure_info,
)
from entconsole.services.home import home_figures
from entconsole.services.session import Session
from entconsole.services.users import structure_users
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def test_general_block(session):
    info = structure_info(session)
    assert (info.name, info.uai, info.mobile_app, info.feed) == (
        "École élémentaire des Papillons", "0601234X", True, "AUTOMATIC"
    )
    assert info.id == session.structure_id
    assert info.parents == ("Commune de Bellefontaine-sur-Loire",)
    assert info.default_name == "ECOLE ELEMENTAIRE PUBLIQUE DES PAPILLONS"


def test_statistics_per_profile(session):
    stats = account_stats(session)
    assert [s.profile for s in stats] == list(BLOCKING_ORDER)
    users = list(structure_users(session.store, session.structure_id))
    for stat in stats:
        mine = [u for u in users if u.profile is stat.profile]
        assert stat.activated == sum(1 for u in mine if u.activation_code is None)
        assert stat.inactive == sum(1 for u in mine if u.activation_code is not None)
    assert sum(s.total for s in stats) == home_figures(session).total
    assert sum(s.inactive for s in stats) == home_figures(session).inactive
    assert all(s.inactive for s in stats)  # the demo has non-activated accounts everywhere
    assert 0 < stats[0].rate < 1


def test_rename_and_reset(session):
    store = session.store
    writes = store.write_count
    result = rename_structure(session, "  École   des Papillons  ")
    assert store.write_count == writes + 1
    assert session.structure.name == "École des Papillons"
    assert result.message == L.STRUCTURE_RENAMED.format(name="École des Papillons")
    entry = max(store.all(JournalEntry), key=lambda e: e.revision)
    assert entry.action == "structure.rename" and entry.undo["service"] == {"name": "École élémentaire des Papillons"}
    reset_structure_name(session)
    assert session.structure.name == "ECOLE ELEMENTAIRE PUBLIQUE DES PAPILLONS"
    assert store.write_count == writes + 2
    # same name again: nothing written
    assert reset_structure_name(session).changed == 0
    assert store.write_count == writes + 2


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_empty_name_refused(session, name):
    writes = session.store.write_count
    with pytest.raises(ServiceError, match="vide"):
        rename_structure(session, name)
    assert session.store.write_count == writes


def test_control_characters_are_cleaned(session):
    rename_structure(session, "École\x00 des\x1b Papillons")
    assert session.structure.name == "École des Papillons"


def test_rename_checks_scope(session):
    coq = next(s for s in session.store.all(Structure) if s.uai == "0601567K")
    session.structure_id = coq.id
    with pytest.raises(PermissionDenied):
        rename_structure(session, "Autre nom")
    assert session.store.get(Structure, coq.id).name == "École maternelle Les Coquelicots"
