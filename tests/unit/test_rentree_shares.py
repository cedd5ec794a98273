"""Shares the year change purges or keeps, and "share by name" for a class share."""

from __future__ import annotations

import pytest

from entconsole.models import Group, Share, ShareRight, ShareTargetType
from entconsole.services.errors import ServiceError
from entconsole.services.groups import group_member_ids
from entconsole.services.rentree_shares import share_to_members, structure_shares
from entconsole.services.session import Session
from entconsole.services.year_change import run_year_change
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def view(session, name):
    return next(v for v in structure_shares(session) if v.share.resource_name == name)


def test_what_the_year_change_purges_and_keeps(session):
    views = structure_shares(session)
    purged = [v.share.resource_name for v in views if v.purged]
    assert purged == ["Blog de la classe CM1 A", "Cahier de textes CE2 A", "Cahier de vie TPS-PS A", "Projet ULIS"]
    ulis = view(session, "Projet ULIS")
    assert [g.kind for g in ulis.grants] == ["teaching", "user", "user"]
    assert [g.kind for g in view(session, "Règlement intérieur").grants] == ["structure"]
    assert [g.kind for g in view(session, "Compte rendu du conseil d'école (juin)").grants] == ["bookmark"]
    assert view(session, "Blog de la classe CM1 A").grants[0].rights_text == "Lire, Commenter"
    # the figure the year change announces is the same
    assert sum(len(v.purged) for v in views) == 6


def test_share_to_members_survives_the_year_change(session):
    store = session.store
    blog = view(session, "Blog de la classe CM1 A")
    members = set()
    for g in blog.purged:
        members |= group_member_ids(store, store.get(Group, g.grant.target_id))
    assert members
    writes = store.write_count
    result = share_to_members(session, blog.share.id)
    assert store.write_count == writes + 1
    assert result.changed == len(members)
    share = store.get(Share, blog.share.id)
    assert {g.target_id for g in share.grants} == members
    assert all(g.target_type is ShareTargetType.USER for g in share.grants)
    assert all(g.rights == (ShareRight.READ, ShareRight.COMMENT) for g in share.grants)
    run_year_change(session)
    assert {g.target_id for g in store.get(Share, blog.share.id).grants} == members


def test_share_to_members_keeps_named_grants_and_merges_rights(session):
    store = session.store
    ulis = view(session, "Projet ULIS")
    named = {g.grant.target_id: g.grant.rights for g in ulis.kept}
    share_to_members(session, ulis.share.id)
    grants = {g.target_id: g.rights for g in store.get(Share, ulis.share.id).grants}
    for uid, rights in named.items():
        assert set(rights) <= set(grants[uid])  # an AESH keeps Contribuer


def test_share_without_class_grant_is_refused(session):
    with pytest.raises(ServiceError):
        share_to_members(session, view(session, "Règlement intérieur").share.id)
