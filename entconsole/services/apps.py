"""Services (DOMAIN.md section 8): application roles, connectors, widgets.

Applications and widgets are shared by every structure of the platform: an
admin sees and changes only the groups of the structure administered (a role
also held by another school's groups is none of this admin's business).
Connectors belong to one structure; locked ones and those inherited from a
parent structure are read-only.

Each public action is one transaction, one write, one journal entry, after
the scope checks; nothing is written when nothing would change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from entconsole import labels as L
from entconsole.models import (
    Application,
    Connector,
    ConnectorTarget,
    Group,
    GroupType,
    Profile,
    Role,
    SchoolClass,
    Widget,
)
from entconsole.services.errors import InvalidInput, NotFound, PermissionDenied, ServiceError
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.store import Store, Transaction
from entconsole.text import fold, has_control, matches

# --------------------------------------------------------------------------- groups


class GroupKind(StrEnum):
    """The groups a role, a connector or a widget can be given to, in list order."""

    PROFILE = "profile"  # structure-wide profile groups
    CLASS = "class"  # a class's profile groups
    TEACHING = "teaching"  # ULIS, UPE2A
    MANUAL = "manual"


KIND_ORDER = {kind: n for n, kind in enumerate(GroupKind)}
PROFILE_ORDER = {profile: n for n, profile in enumerate(Profile)}


def group_kind(group: Group) -> GroupKind | None:
    """The group's kind, or None for groups not offered (functions, broadcast lists)."""
    if group.type is GroupType.PROFILE:
        return GroupKind.CLASS if group.class_id else GroupKind.PROFILE
    if group.type is GroupType.TEACHING:
        return GroupKind.TEACHING
    if group.type is GroupType.MANUAL:
        return GroupKind.MANUAL
    return None


def sort_groups(store: Store, groups: Iterable[Group]) -> list[Group]:
    """Profile groups, then classes (by class, then profile), teaching, manual groups."""

    def key(group: Group) -> tuple:
        kind = group_kind(group)
        school_class = store.get(SchoolClass, group.class_id)
        return (
            KIND_ORDER.get(kind, len(KIND_ORDER)) if kind else len(KIND_ORDER),
            fold(school_class.name) if school_class else "",
            PROFILE_ORDER.get(group.profile, len(PROFILE_ORDER)) if group.profile else 0,
            fold(group.name),
        )

    return sorted(groups, key=key)


def pickable_groups(session: Session) -> list[Group]:
    """The structure's profile, class, teaching and manual groups (the group picker)."""
    sid = session.structure.id
    session.require_structure(sid)
    store = session.store
    return sort_groups(store, (g for g in store.find(Group, "structure", sid) if group_kind(g)))


def _structure_groups_of(store: Store, structure_id: str, group_ids: Iterable[str]) -> list[Group]:
    """Those of `group_ids` that are groups of the structure (others are not shown)."""
    found = [g for gid in group_ids if (g := store.get(Group, gid)) and g.structure_id == structure_id]
    return sort_groups(store, found)


def _checked_groups(
    tx: Transaction, session: Session, group_ids: Iterable[str], *, to_give: bool
) -> list[Group]:
    """The groups to act on, each checked to be a group of the administered structure.

    `to_give`: only the kinds the picker offers may receive something; any
    group of the structure may lose it.
    """
    sid = session.structure.id
    session.require_structure(sid)
    ids = list(dict.fromkeys(group_ids))
    if not ids:
        raise ServiceError(L.SVC_NO_GROUP_CHOSEN)
    groups = []
    for group_id in ids:
        group = tx.get(Group, group_id)
        if group is None or group.structure_id != sid or (to_give and group_kind(group) is None):
            raise NotFound(L.SVC_GROUP_NOT_IN_STRUCTURE)
        groups.append(group)
    return groups


def _granted_message(one: str, many: str, groups: list[Group], **names: str) -> str:
    if len(groups) == 1:
        return one.format(group=groups[0].name, **names)
    return many.format(count=len(groups), **names)


# --------------------------------------------------------------------------- applications


@dataclass(frozen=True)
class RoleView:
    role: Role
    groups: list[Group]  # groups of the structure holding the role


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    roles: list[RoleView]


def applications(session: Session, search: str = "") -> list[ApplicationView]:
    """Applications by name (searchable), each role with the structure's groups holding it."""
    sid = session.structure.id
    session.require_structure(sid)
    store = session.store
    found = [
        a for a in store.all(Application) if matches(search, a.display_name, a.name)
    ]
    found.sort(key=lambda a: fold(a.display_name))
    return [
        ApplicationView(a, [RoleView(r, _structure_groups_of(store, sid, r.groups)) for r in a.roles])
        for a in found
    ]


def _role_of(tx: Transaction, application_id: str, role_id: str) -> tuple[Application, Role]:
    application = tx.get(Application, application_id)
    if application is None:
        raise NotFound(L.APP_NOT_FOUND)
    role = next((r for r in application.roles if r.id == role_id), None)
    if role is None:
        raise NotFound(L.APP_ROLE_NOT_FOUND)
    return application, role


def _with_role_groups(application: Application, role_id: str, groups: tuple[str, ...]) -> Application:
    roles = tuple(r.model_copy(update={"groups": groups}) if r.id == role_id else r for r in application.roles)
    return application.model_copy(update={"roles": roles})


def grant_role(session: Session, application_id: str, role_id: str, group_ids: Iterable[str]) -> ActionResult:
    """"Ajouter des groupes": give an application's role to groups of the structure."""
    store = session.store
    with store.transaction(session.admin.login, "app.role_grant", structure_id=session.structure_id) as tx:
        groups = _checked_groups(tx, session, group_ids, to_give=True)
        application, role = _role_of(tx, application_id, role_id)
        new = [g for g in groups if g.id not in role.groups]
        if not new:
            return ActionResult(L.APP_ROLE_ALREADY.format(role=role.name), skipped=len(groups))
        tx.put(_with_role_groups(application, role.id, role.groups + tuple(g.id for g in new)))
        message = _granted_message(L.APP_ROLE_GRANTED_ONE, L.APP_ROLE_GRANTED, new, role=role.name)
        tx.journal(message, targets=[application.id, *(g.id for g in new)], count=len(new))
    return ActionResult(message, changed=len(new), skipped=len(groups) - len(new), target_id=application.id)


def revoke_role(session: Session, application_id: str, role_id: str, group_ids: Iterable[str]) -> ActionResult:
    """Remove groups of the structure from an application's role."""
    store = session.store
    with store.transaction(session.admin.login, "app.role_revoke", structure_id=session.structure_id) as tx:
        groups = _checked_groups(tx, session, group_ids, to_give=False)
        application, role = _role_of(tx, application_id, role_id)
        gone = [g for g in groups if g.id in role.groups]
        if not gone:
            raise ServiceError(L.APP_ROLE_NOT_HELD.format(role=role.name))
        removed = {g.id for g in gone}
        tx.put(_with_role_groups(application, role.id, tuple(g for g in role.groups if g not in removed)))
        message = _granted_message(L.APP_ROLE_REVOKED_ONE, L.APP_ROLE_REVOKED, gone, role=role.name)
        tx.journal(message, targets=[application.id, *removed], count=len(gone))
    return ActionResult(message, changed=len(gone), skipped=len(groups) - len(gone), target_id=application.id)


# --------------------------------------------------------------------------- connectors

MAX_FIELD = 500  # the models' Name limit
_HOST = re.compile(r"^[0-9a-z_]([0-9a-z_.-]*[0-9a-z])?$")
CONNECTOR_TEXT_FIELDS = (
    "identifier", "display_name", "url", "icon", "cas_type", "cas_pattern",
    "oauth_client_id", "oauth_secret", "oauth_scope", "oauth_grant_type",
)
REQUIRED_FIELDS = ("identifier", "display_name", "url")
OAUTH_EXTRA_FIELDS = ("oauth_secret", "oauth_scope", "oauth_grant_type")


@dataclass(frozen=True)
class ConnectorFields:
    """What the connector form holds (text as typed; blanks mean "none")."""

    identifier: str = ""
    display_name: str = ""
    url: str = ""
    icon: str = ""
    target: ConnectorTarget = ConnectorTarget.PAGE
    cas_type: str = ""
    cas_pattern: str = ""
    oauth_client_id: str = ""
    oauth_secret: str = ""
    oauth_scope: str = ""
    oauth_grant_type: str = ""
    oauth_transfer_session: bool = False

    @classmethod
    def of(cls, connector: Connector) -> "ConnectorFields":
        values = {name: getattr(connector, name) or "" for name in CONNECTOR_TEXT_FIELDS}
        return cls(target=connector.target, oauth_transfer_session=connector.oauth_transfer_session, **values)

    def stored(self) -> dict:
        """The connector's fields: trimmed, blanks as None (required ones stay text)."""
        values: dict = {}
        for name in CONNECTOR_TEXT_FIELDS:
            text = getattr(self, name).strip()
            values[name] = text if (text or name in REQUIRED_FIELDS) else None
        values["target"] = ConnectorTarget(self.target)
        values["oauth_transfer_session"] = bool(self.oauth_transfer_session)
        return values


def valid_url(url: str) -> bool:
    """http(s) with a host: "https://exemple.fr/page" yes, "exemple.fr" or "https://" no."""
    if not url or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # raises ValueError on a bad port
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not host:
        return False
    return ":" in host or bool(_HOST.match(host))  # ":": an IPv6 address


def structure_connectors(session: Session) -> list[Connector]:
    """The structure's connectors (its own and inherited ones), by display name."""
    sid = session.structure.id
    session.require_structure(sid)
    found = session.store.find(Connector, "structure", sid)
    return sorted(found, key=lambda c: (fold(c.display_name), fold(c.identifier)))


def connector_groups(session: Session, connector: Connector) -> list[Group]:
    return _structure_groups_of(session.store, connector.structure_id, connector.groups)


def read_only_reason(connector: Connector) -> str | None:
    """Why a connector cannot be changed here, or None."""
    if connector.locked:
        return L.CONN_READ_ONLY_LOCKED
    if connector.inherited:
        return L.CONN_READ_ONLY_INHERITED
    return None


def connector_errors(
    connectors: Iterable[Connector], fields: ConnectorFields, connector_id: str | None = None
) -> dict[str, str]:
    """Field name -> French reason, for every field of the form that is refused.

    `connectors`: the structure's connectors (the Identifiant is unique among
    them, whatever the case and accents); `connector_id`: the one being edited.
    """
    errors: dict[str, str] = {}
    values = fields.stored()
    for name in CONNECTOR_TEXT_FIELDS:
        text = values[name] or ""
        if name in REQUIRED_FIELDS and not text:
            errors[name] = L.CONN_REQUIRED
        elif has_control(text, multiline=False):
            errors[name] = L.CONN_CONTROL_CHARS
        elif len(text) > MAX_FIELD:
            errors[name] = L.CONN_TOO_LONG.format(max=MAX_FIELD)
    if "url" not in errors and not valid_url(values["url"]):
        errors["url"] = L.CONN_BAD_URL
    if "identifier" not in errors:
        wanted = fold(values["identifier"])
        for other in connectors:
            if other.id != connector_id and fold(other.identifier) == wanted:
                errors["identifier"] = L.CONN_DUPLICATE.format(
                    identifier=values["identifier"], name=other.display_name
                )
                break
    if not values["oauth_client_id"] and "oauth_client_id" not in errors:
        if any(values[name] for name in OAUTH_EXTRA_FIELDS) or values["oauth_transfer_session"]:
            errors["oauth_client_id"] = L.CONN_OAUTH_CLIENT_REQUIRED
    return errors


def _tx_connectors(tx: Transaction, structure_id: str) -> list[Connector]:
    """The structure's connectors as the transaction sees them."""
    ids = set(tx.store.ids_by(Connector, "structure", structure_id))
    ids |= {doc_id for (table, doc_id), doc in tx.changes.items() if table == Connector.TABLE}
    found = [tx.get(Connector, i) for i in ids]
    return [c for c in found if c is not None and c.structure_id == structure_id]


def _editable_connector(tx: Transaction, session: Session, connector_id: str) -> Connector:
    sid = session.structure.id
    session.require_structure(sid)
    connector = tx.get(Connector, connector_id)
    if connector is None or connector.structure_id != sid:
        raise NotFound(L.CONN_NOT_FOUND)
    reason = read_only_reason(connector)
    if reason:
        raise PermissionDenied(reason)
    return connector


def create_connector(session: Session, fields: ConnectorFields) -> ActionResult:
    """"Créer un connecteur" in the administered structure."""
    store = session.store
    sid = session.structure.id
    with store.transaction(session.admin.login, "connector.create", structure_id=sid) as tx:
        session.require_structure(sid)
        errors = connector_errors(_tx_connectors(tx, sid), fields)
        if errors:
            raise InvalidInput(errors)
        connector = tx.put(Connector(structure_id=sid, **fields.stored()))
        message = L.CONN_CREATED.format(name=connector.display_name)
        tx.journal(message, targets=[connector.id], count=1)
    return ActionResult(message, changed=1, target_id=connector.id)


def update_connector(session: Session, connector_id: str, fields: ConnectorFields) -> ActionResult:
    """Change a connector's properties (refused for locked or inherited ones)."""
    store = session.store
    sid = session.structure.id
    with store.transaction(session.admin.login, "connector.update", structure_id=sid) as tx:
        connector = _editable_connector(tx, session, connector_id)
        errors = connector_errors(_tx_connectors(tx, sid), fields, connector.id)
        if errors:
            raise InvalidInput(errors)
        changed = connector.model_copy(update=fields.stored())
        if changed == connector:
            return ActionResult(L.CONN_UNCHANGED.format(name=connector.display_name), target_id=connector.id)
        changed = tx.put(changed)
        message = L.CONN_UPDATED.format(name=changed.display_name)
        tx.journal(message, targets=[connector.id], count=1)
    return ActionResult(message, changed=1, target_id=connector.id)


def delete_connector(session: Session, connector_id: str) -> ActionResult:
    """Delete a connector of the structure (the groups lose access with it)."""
    store = session.store
    with store.transaction(session.admin.login, "connector.delete", structure_id=session.structure_id) as tx:
        connector = _editable_connector(tx, session, connector_id)
        tx.delete(Connector, connector.id)
        message = L.CONN_DELETED.format(name=connector.display_name)
        tx.journal(message, targets=[connector.id], count=1)
    return ActionResult(message, changed=1, target_id=connector.id)


def grant_connector(session: Session, connector_id: str, group_ids: Iterable[str]) -> ActionResult:
    """Give groups of the structure access to a connector."""
    return _set_access(session, "connector.grant", True, lambda tx: _editable_connector(tx, session, connector_id),
                       group_ids, L.CONN_ALREADY, L.CONN_GRANTED_ONE, L.CONN_GRANTED)


def withdraw_connector(session: Session, connector_id: str, group_ids: Iterable[str]) -> ActionResult:
    """Withdraw groups' access to a connector."""
    return _set_access(session, "connector.withdraw", False, lambda tx: _editable_connector(tx, session, connector_id),
                       group_ids, L.CONN_NOT_GRANTED, L.CONN_WITHDRAWN_ONE, L.CONN_WITHDRAWN)


def _set_access(session: Session, action: str, give: bool, find, group_ids: Iterable[str],
                nothing: str, one: str, many: str) -> ActionResult:
    """Grant (give) or withdraw groups' access to a connector or a widget, in one transaction."""
    with session.store.transaction(session.admin.login, action, structure_id=session.structure_id) as tx:
        groups = _checked_groups(tx, session, group_ids, to_give=give)
        target = find(tx)
        name = target.display_name
        picked = [g for g in groups if (g.id in target.groups) != give]
        if not picked:
            if give:  # already there: nothing to do, not an error
                return ActionResult(nothing.format(name=name), skipped=len(groups), target_id=target.id)
            raise ServiceError(nothing.format(name=name))
        ids = {g.id for g in picked}
        if give:
            kept = target.groups + tuple(g.id for g in picked)
        else:
            kept = tuple(g for g in target.groups if g not in ids)
        tx.put(target.model_copy(update={"groups": kept}))
        message = _granted_message(one, many, picked, name=name)
        tx.journal(message, targets=[target.id, *(g.id for g in picked)], count=len(picked))
    return ActionResult(message, changed=len(picked), skipped=len(groups) - len(picked), target_id=target.id)


# --------------------------------------------------------------------------- widgets


@dataclass(frozen=True)
class WidgetView:
    widget: Widget
    groups: list[Group]  # groups of the structure having the widget
    pinned: bool  # pinned (mandatory on the home page) in this structure


def widgets(session: Session) -> list[WidgetView]:
    sid = session.structure.id
    session.require_structure(sid)
    store = session.store
    found = sorted(store.all(Widget), key=lambda w: fold(w.display_name))
    return [WidgetView(w, _structure_groups_of(store, sid, w.groups), sid in w.pinned_structures) for w in found]


def _widget(tx: Transaction, widget_id: str) -> Widget:
    widget = tx.get(Widget, widget_id)
    if widget is None:
        raise NotFound(L.WDG_NOT_FOUND)
    return widget


def grant_widget(session: Session, widget_id: str, group_ids: Iterable[str]) -> ActionResult:
    return _set_access(session, "widget.grant", True, lambda tx: _widget(tx, widget_id),
                       group_ids, L.WDG_ALREADY, L.WDG_GRANTED_ONE, L.WDG_GRANTED)


def withdraw_widget(session: Session, widget_id: str, group_ids: Iterable[str]) -> ActionResult:
    return _set_access(session, "widget.withdraw", False, lambda tx: _widget(tx, widget_id),
                       group_ids, L.WDG_NOT_GRANTED, L.WDG_WITHDRAWN_ONE, L.WDG_WITHDRAWN)


def set_widget_pinned(session: Session, widget_id: str, pinned: bool) -> ActionResult:
    """Pin ("Épingler le widget et le rendre obligatoire…") or unpin, for this structure."""
    store = session.store
    sid = session.structure.id
    action = "widget.pin" if pinned else "widget.unpin"
    with store.transaction(session.admin.login, action, structure_id=sid) as tx:
        session.require_structure(sid)
        widget = _widget(tx, widget_id)
        message = (L.WDG_PINNED_DONE if pinned else L.WDG_UNPINNED_DONE).format(name=widget.display_name)
        if (sid in widget.pinned_structures) == pinned:
            return ActionResult(message, skipped=1, target_id=widget.id)
        structures = tuple(s for s in widget.pinned_structures if s != sid) + ((sid,) if pinned else ())
        tx.put(widget.model_copy(update={"pinned_structures": structures}))
        tx.journal(message, targets=[widget.id], count=1)
    return ActionResult(message, changed=1, target_id=widget.id)
