"""Services: application roles, connectors (validation, lock rule), widgets."""

from __future__ import annotations

import pytest

from entconsole import labels as L
from entconsole.models import Application, Connector, ConnectorTarget, Group, GroupType, JournalEntry, Structure, Widget
from entconsole.services import apps
from entconsole.services.apps import ConnectorFields, GroupKind
from entconsole.services.errors import InvalidInput, NotFound, PermissionDenied, ServiceError
from entconsole.services.session import Session
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def last_entry(store: Store) -> JournalEntry:
    return max(store.all(JournalEntry), key=lambda e: e.revision)


def other_school_group(session) -> Group:
    return next(
        g for g in session.store.all(Group)
        if g.structure_id != session.structure_id and g.type in (GroupType.MANUAL, GroupType.PROFILE)
    )


def role_without(session, view_name: str = "Mur collaboratif"):
    """The demo's role that no group holds ("Mur collaboratif - Création")."""
    view = next(a for a in apps.applications(session) if a.application.display_name == view_name)
    role = next(r for r in view.roles if not r.groups)
    return view.application, role.role


# --------------------------------------------------------------------------- groups


def test_picker_offers_profile_class_teaching_and_manual_groups_in_order(session):
    groups = apps.pickable_groups(session)
    kinds = [apps.group_kind(g) for g in groups]
    assert set(kinds) == set(GroupKind)
    assert kinds == sorted(kinds, key=lambda k: apps.KIND_ORDER[k])
    assert all(g.structure_id == session.structure_id for g in groups)
    # RESP-AFFECT-GAR is a manual group of the school: offered
    assert any(g.name == "RESP-AFFECT-GAR" for g in groups)


# --------------------------------------------------------------------------- applications


def test_applications_search_and_roles_show_this_school_groups_only(session):
    views = apps.applications(session)
    assert [v.application.display_name for v in views] == sorted(
        (v.application.display_name for v in views), key=str.casefold
    )
    for view in views:
        for role in view.roles:
            assert all(g.structure_id == session.structure_id for g in role.groups)
    # the demo's roles are held by both schools' groups: only ours show
    messagerie = next(v for v in views if v.application.display_name == "Messagerie")
    stored = session.store.get(Application, messagerie.application.id)
    assert len(stored.roles[0].groups) > len(messagerie.roles[0].groups) > 0
    assert [v.application.display_name for v in apps.applications(session, "cahier multi")] == ["Cahier multimédia"]
    assert apps.applications(session, "zzz") == []


def test_grant_role_to_groups_is_one_write(session):
    application, role = role_without(session)
    groups = apps.pickable_groups(session)[:3]
    writes = session.store.write_count
    result = apps.grant_role(session, application.id, role.id, [g.id for g in groups])
    assert (result.changed, result.skipped) == (3, 0)
    assert session.store.write_count == writes + 1
    stored = session.store.get(Application, application.id)
    held = next(r for r in stored.roles if r.id == role.id).groups
    assert set(held) == {g.id for g in groups}
    entry = last_entry(session.store)
    assert entry.action == "app.role_grant" and entry.count == 3 and entry.summary == result.message
    assert role.name in result.message


def test_grant_role_skips_groups_already_holding_it(session):
    application, role = role_without(session)
    [a, b] = apps.pickable_groups(session)[:2]
    apps.grant_role(session, application.id, role.id, [a.id])
    result = apps.grant_role(session, application.id, role.id, [a.id, b.id])
    assert (result.changed, result.skipped) == (1, 1)
    assert result.message == L.APP_ROLE_GRANTED_ONE.format(role=role.name, group=b.name)
    writes = session.store.write_count
    again = apps.grant_role(session, application.id, role.id, [a.id, b.id])
    assert again.changed == 0 and session.store.write_count == writes


def test_revoke_role_one_write(session):
    view = next(a for a in apps.applications(session) if a.application.display_name == "Blog")
    role = view.roles[0]
    group = role.groups[0]
    writes = session.store.write_count
    result = apps.revoke_role(session, view.application.id, role.role.id, [group.id])
    assert result.changed == 1 and session.store.write_count == writes + 1
    stored = session.store.get(Application, view.application.id)
    assert group.id not in stored.roles[0].groups
    # the other school's groups keep the role
    assert len(stored.roles[0].groups) == len(role.role.groups) - 1
    assert last_entry(session.store).action == "app.role_revoke"
    with pytest.raises(ServiceError, match="n'a pas le rôle"):
        apps.revoke_role(session, view.application.id, role.role.id, [group.id])


def test_roles_refuse_other_school_groups_and_empty_choices(session):
    application, role = role_without(session)
    foreign = other_school_group(session)
    writes = session.store.write_count
    with pytest.raises(NotFound):
        apps.grant_role(session, application.id, role.id, [foreign.id])
    with pytest.raises(NotFound):
        apps.revoke_role(session, application.id, role.id, [foreign.id])
    with pytest.raises(ServiceError, match=L.SVC_NO_GROUP_CHOSEN):
        apps.grant_role(session, application.id, role.id, [])
    with pytest.raises(NotFound):
        apps.grant_role(session, application.id, "no-such-role", [apps.pickable_groups(session)[0].id])
    assert session.store.write_count == writes


def test_function_groups_cannot_receive_a_role(session):
    application, role = role_without(session)
    function_group = Group(name="Fonction test", type=GroupType.FUNCTION, structure_id=session.structure_id)
    store = session.store
    with store.transaction("test", "test.seed") as tx:
        tx.put(function_group)
        tx.journal("seed")
    with pytest.raises(NotFound):
        apps.grant_role(session, application.id, role.id, [function_group.id])


# --------------------------------------------------------------------------- connectors


def good_fields(**changes) -> ConnectorFields:
    base = ConnectorFields(identifier="ent-lecture", display_name="Lecture en ligne", url="https://lecture.example/")
    return ConnectorFields(**{**base.__dict__, **changes})


def own_connector(session, **flags) -> Connector:
    return next(
        c for c in apps.structure_connectors(session)
        if c.locked == flags.get("locked", False) and c.inherited == flags.get("inherited", False)
    )


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://exemple.fr/", True),
        ("http://exemple.fr:8080/chemin?x=1", True),
        ("HTTPS://Exemple.FR", True),
        ("http://intranet", True),
        ("https://[2001:db8::1]/", True),
        ("exemple.fr", False),
        ("ftp://exemple.fr/", False),
        ("https://", False),
        ("https:///chemin", False),
        ("https://exem ple.fr/", False),
        ("https://exemple.fr:port/", False),
        ("javascript:alert(1)", False),
        ("", False),
    ],
)
def test_url_must_be_http_with_a_host(url, ok):
    assert apps.valid_url(url) is ok


def test_connector_validation_reports_every_field(session):
    errors = apps.connector_errors(
        apps.structure_connectors(session), ConnectorFields(identifier="  ", display_name="", url="exemple.fr")
    )
    assert errors == {"identifier": L.CONN_REQUIRED, "display_name": L.CONN_REQUIRED, "url": L.CONN_BAD_URL}
    assert apps.connector_errors([], ConnectorFields(identifier="a", display_name="b", url=""))["url"] == L.CONN_REQUIRED
    oauth = apps.connector_errors([], good_fields(oauth_secret="s"))
    assert oauth == {"oauth_client_id": L.CONN_OAUTH_CLIENT_REQUIRED}
    assert apps.connector_errors([], good_fields(icon="a\x07b")) == {"icon": L.CONN_CONTROL_CHARS}


def test_create_connector_one_write_and_refusals_write_nothing(session):
    writes = session.store.write_count
    with pytest.raises(InvalidInput) as refused:
        apps.create_connector(session, good_fields(url="lecture.example"))
    assert refused.value.errors == {"url": L.CONN_BAD_URL}
    with pytest.raises(InvalidInput) as refused:
        apps.create_connector(session, good_fields(identifier="", display_name=" "))
    assert set(refused.value.errors) == {"identifier", "display_name"}
    # duplicate Identifiant, whatever the case and accents
    existing = own_connector(session)
    with pytest.raises(InvalidInput) as refused:
        apps.create_connector(session, good_fields(identifier=existing.identifier.upper()))
    assert refused.value.errors["identifier"] == L.CONN_DUPLICATE.format(
        identifier=existing.identifier.upper(), name=existing.display_name
    )
    assert session.store.write_count == writes

    result = apps.create_connector(
        session, good_fields(target=ConnectorTarget.IFRAME, icon=" livre ", cas_type="", oauth_client_id="client")
    )
    assert session.store.write_count == writes + 1
    created = session.store.get(Connector, result.target_id)
    assert created.structure_id == session.structure_id
    assert (created.identifier, created.icon, created.cas_type, created.oauth_client_id) == (
        "ent-lecture", "livre", None, "client"
    )
    assert created.target is ConnectorTarget.IFRAME and not created.locked and not created.inherited
    entry = last_entry(session.store)
    assert entry.action == "connector.create" and entry.targets == (created.id,)
    assert result.message == L.CONN_CREATED.format(name="Lecture en ligne")


def test_identifier_may_repeat_in_another_school(session):
    # "portail-commune" exists in both demo schools; a new one here is refused,
    # but the check only looks at this school's connectors.
    other = [c for c in session.store.all(Connector) if c.structure_id != session.structure_id]
    assert apps.connector_errors(other, good_fields(identifier=other[0].identifier)) != {}
    assert apps.connector_errors([], good_fields(identifier=other[0].identifier)) == {}


def test_update_connector_keeps_its_own_identifier(session):
    connector = own_connector(session)
    fields = ConnectorFields.of(connector)
    writes = session.store.write_count
    unchanged = apps.update_connector(session, connector.id, fields)
    assert unchanged.changed == 0 and session.store.write_count == writes
    result = apps.update_connector(session, connector.id, ConnectorFields(**{**fields.__dict__, "display_name": "Cantine"}))
    assert result.changed == 1 and session.store.write_count == writes + 1
    stored = session.store.get(Connector, connector.id)
    assert stored.display_name == "Cantine" and stored.groups == connector.groups
    assert last_entry(session.store).action == "connector.update"


def test_locked_and_inherited_connectors_are_read_only(session):
    group = apps.pickable_groups(session)[0]
    for flags in ({"locked": True}, {"inherited": True}):
        connector = own_connector(session, **flags)
        assert apps.read_only_reason(connector)
        writes = session.store.write_count
        for call in (
            lambda: apps.update_connector(session, connector.id, ConnectorFields.of(connector)),
            lambda: apps.delete_connector(session, connector.id),
            lambda: apps.grant_connector(session, connector.id, [group.id]),
            lambda: apps.withdraw_connector(session, connector.id, [connector.groups[0]]),
        ):
            with pytest.raises(PermissionDenied):
                call()
        assert session.store.write_count == writes
        assert session.store.get(Connector, connector.id) == connector


def test_delete_connector(session):
    connector = own_connector(session)
    writes = session.store.write_count
    result = apps.delete_connector(session, connector.id)
    assert session.store.write_count == writes + 1
    assert session.store.get(Connector, connector.id) is None
    assert connector.display_name in result.message
    assert last_entry(session.store).action == "connector.delete"
    with pytest.raises(NotFound):
        apps.delete_connector(session, connector.id)


def test_connectors_of_another_school_are_refused(session):
    foreign = next(c for c in session.store.all(Connector) if c.structure_id != session.structure_id and not c.inherited and not c.locked)
    writes = session.store.write_count
    with pytest.raises(NotFound):
        apps.delete_connector(session, foreign.id)
    with pytest.raises(NotFound):
        apps.update_connector(session, foreign.id, ConnectorFields.of(foreign))
    assert session.store.write_count == writes


def test_grant_and_withdraw_connector_groups(session):
    connector = next(c for c in apps.structure_connectors(session) if not c.groups and not apps.read_only_reason(c))
    groups = apps.pickable_groups(session)[:2]
    writes = session.store.write_count
    result = apps.grant_connector(session, connector.id, [g.id for g in groups])
    assert result.changed == 2 and session.store.write_count == writes + 1
    assert set(session.store.get(Connector, connector.id).groups) == {g.id for g in groups}
    assert last_entry(session.store).action == "connector.grant"
    result = apps.withdraw_connector(session, connector.id, [groups[0].id])
    assert result.changed == 1 and session.store.write_count == writes + 2
    assert session.store.get(Connector, connector.id).groups == (groups[1].id,)
    assert last_entry(session.store).action == "connector.withdraw"
    with pytest.raises(NotFound):
        apps.grant_connector(session, connector.id, [other_school_group(session).id])


# --------------------------------------------------------------------------- widgets


def test_widgets_grant_withdraw_pin(session):
    view = next(v for v in apps.widgets(session) if v.widget.display_name == "Anniversaires")
    assert view.groups == [] and not view.pinned
    group = apps.pickable_groups(session)[0]
    writes = session.store.write_count
    assert apps.grant_widget(session, view.widget.id, [group.id]).changed == 1
    again = apps.grant_widget(session, view.widget.id, [group.id])  # already granted: no write
    assert (again.changed, again.skipped) == (0, 1)
    assert apps.set_widget_pinned(session, view.widget.id, True).changed == 1
    assert session.store.write_count == writes + 2
    stored = session.store.get(Widget, view.widget.id)
    assert stored.groups == (group.id,) and stored.pinned_structures == (session.structure_id,)
    assert last_entry(session.store).action == "widget.pin"
    # pinning again changes nothing
    assert apps.set_widget_pinned(session, view.widget.id, True).changed == 0
    assert session.store.write_count == writes + 2
    assert apps.set_widget_pinned(session, view.widget.id, False).changed == 1
    assert apps.withdraw_widget(session, view.widget.id, [group.id]).changed == 1
    stored = session.store.get(Widget, view.widget.id)
    assert stored.groups == () and stored.pinned_structures == ()
    assert session.store.write_count == writes + 4
    with pytest.raises(ServiceError):
        apps.withdraw_widget(session, view.widget.id, [group.id])


def test_pinning_is_per_structure(session):
    view = next(v for v in apps.widgets(session) if v.pinned)
    other = next(s for s in session.store.all(Structure) if s.is_school and s.id != session.structure_id)
    with session.store.transaction("test", "test.seed") as tx:
        tx.put(view.widget.model_copy(update={"pinned_structures": (other.id, session.structure_id)}))
        tx.journal("seed")
    apps.set_widget_pinned(session, view.widget.id, False)
    assert session.store.get(Widget, view.widget.id).pinned_structures == (other.id,)
    assert not next(v for v in apps.widgets(session) if v.widget.id == view.widget.id).pinned
