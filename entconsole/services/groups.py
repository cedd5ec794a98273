"""Groups of a structure (DOMAIN.md section 4): listing, members, manual-group CRUD.

Profile groups have no member list: their members are computed from the
users (profile, structure, and class for class groups). Manual and teaching
groups list their members in `user.groups`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from entconsole import labels as L
from entconsole.models import (
    Application,
    Communication,
    CommunicationLink,
    Connector,
    Group,
    GroupType,
    Profile,
    SchoolClass,
    Share,
    ShareBookmark,
    User,
    Widget,
)
from entconsole.services.comm_defaults import manual_group
from entconsole.services.errors import InvalidInput, NotFound, PermissionDenied, ServiceError
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.store import Store, Transaction
from entconsole.text import fold, has_control, matches


class GroupTab(StrEnum):
    """The Groupes section's tabs, in the real console's order."""

    MANUAL = "manual"
    PROFILE = "profile"  # structure-wide profile groups
    TEACHING = "teaching"
    CLASSES = "classes"  # class profile groups


@dataclass(frozen=True)
class GroupRow:
    group: Group
    members: int
    class_name: str | None = None


def _active(user: User | None, structure_id: str) -> bool:
    return user is not None and user.delete_date is None and structure_id in user.structures


def _class_pupil_ids(store: Store, class_id: str) -> set[str]:
    return {uid for uid in store.ids_by(User, "class", class_id) if (u := store.get(User, uid)) and u.profile is Profile.STUDENT}


def _class_parent_ids(store: Store, class_id: str) -> set[str]:
    """Parents have no classes: a class's parents are those whose children are in it."""
    pupils = _class_pupil_ids(store, class_id)
    candidates = {rid for pid in pupils for rid in store.get(User, pid).relatives}
    return {
        rid
        for rid in candidates
        if (parent := store.get(User, rid)) and parent.profile is Profile.RELATIVE and pupils & set(parent.children)
    }


def user_class_ids(store: Store, user: User) -> set[str]:
    """The classes whose profile group holds the user: a parent's are their children's."""
    if user.profile is Profile.RELATIVE:
        return {c for child_id in user.children if (child := store.get(User, child_id)) for c in child.classes}
    return set(user.classes)


def group_member_ids(store: Store, group: Group) -> set[str]:
    """Who is in the group now (pre-deleted and detached accounts excluded)."""
    sid = group.structure_id
    if group.type is GroupType.PROFILE:
        if group.class_id is not None and group.profile is Profile.RELATIVE:
            candidates = _class_parent_ids(store, group.class_id)
        elif group.class_id is not None:
            candidates = store.ids_by(User, "class", group.class_id)
        else:
            candidates = store.ids_by(User, "structure", sid)
        return {
            uid
            for uid in candidates
            if _active(u := store.get(User, uid), sid) and u.profile is group.profile
        }
    return {uid for uid in store.ids_by(User, "group", group.id) if _active(store.get(User, uid), sid)}


def group_members(store: Store, group: Group) -> list[User]:
    users = [store.get(User, uid) for uid in group_member_ids(store, group)]
    return sorted(users, key=lambda u: (fold(u.last_name), fold(u.first_name), u.id))


def groups_of_user(store: Store, user: User, structure_id: str) -> list[Group]:
    """Every group of the structure the user belongs to (profile groups included)."""
    found = []
    classes = None
    for group in store.find(Group, "structure", structure_id):
        if group.type is GroupType.PROFILE:
            if user.profile is not group.profile:
                continue
            if group.class_id is None:
                found.append(group)
                continue
            if classes is None:
                classes = user_class_ids(store, user)
            if group.class_id in classes:
                found.append(group)
        elif group.id in user.groups:
            found.append(group)
    return found


def _tab_of(group: Group) -> GroupTab | None:
    if group.type is GroupType.MANUAL:
        return GroupTab.MANUAL
    if group.type is GroupType.TEACHING:
        return GroupTab.TEACHING
    if group.type is GroupType.PROFILE:
        return GroupTab.CLASSES if group.class_id else GroupTab.PROFILE
    return None


def list_groups(session: Session, tab: GroupTab, search: str = "") -> list[GroupRow]:
    """One tab of the Groupes section: searchable, sorted by name, with member counts."""
    store = session.store
    sid = session.structure.id
    session.require_structure(sid)
    rows = []
    for group in store.find(Group, "structure", sid):
        if _tab_of(group) is not tab or not matches(search, group.name):
            continue
        school_class = store.get(SchoolClass, group.class_id)
        rows.append(GroupRow(group, len(group_member_ids(store, group)), school_class.name if school_class else None))
    return sorted(rows, key=lambda r: (fold(r.group.name), r.group.id))


def get_group(session: Session, group_id: str) -> Group:
    group = session.store.get(Group, group_id)
    if group is None or group.structure_id != session.structure.id:
        raise NotFound(L.GROUP_UNKNOWN)
    session.require_structure(group.structure_id)
    return group


# --------------------------------------------------------------------------- manual groups


def _check_group_name(session: Session, name: str, except_id: str | None = None) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise InvalidInput({"name": L.FIELD_REQUIRED.format(field=L.GROUP_NAME_FIELD)})
    if len(clean) > 200 or has_control(name, multiline=False):  # the store refuses controls
        raise InvalidInput({"name": L.GROUP_NAME_INVALID})
    for group in session.store.find(Group, "structure", session.structure.id):
        if group.id != except_id and fold(group.name) == fold(clean):
            raise InvalidInput({"name": L.GROUP_NAME_TAKEN.format(name=clean)})
    return clean


def _editable_manual(tx: Transaction, session: Session, group_id: str) -> Group:
    group = tx.get(Group, group_id)
    if group is None or group.structure_id != session.structure.id:
        raise NotFound(L.GROUP_UNKNOWN)
    session.require_structure(group.structure_id)
    if group.type is not GroupType.MANUAL:
        raise PermissionDenied(L.GROUP_NOT_EDITABLE)
    return group


def lock_reason(group: Group) -> str | None:
    """Why a group cannot be renamed or deleted (RESP-AFFECT-GAR and locked groups)."""
    if group.type is GroupType.TEACHING:
        return L.QP_GROUP_TEACHING_LOCKED
    if group.type is not GroupType.MANUAL:
        return L.QP_GROUP_AUTOMATIC_LOCKED
    if group.lock_delete:
        return L.GROUP_LOCKED.format(name=group.name)
    return None


def _groups_tx(session: Session, action: str):
    return session.store.transaction(session.admin.login, action, structure_id=session.structure_id)


def create_group(session: Session, name: str) -> ActionResult:
    """"Créer un groupe": a manual group whose members communicate with each other."""
    clean = _check_group_name(session, name)
    session.require_structure(session.structure.id)
    with _groups_tx(session, "group.create") as tx:
        group = tx.put(manual_group(clean, session.structure.id, tx.now, created_by=session.admin.display_name))
        message = L.GROUP_CREATED.format(name=clean)
        tx.journal(message, targets=[group.id])
    return ActionResult(message, changed=1, target_id=group.id)


def rename_group(session: Session, group_id: str, name: str) -> ActionResult:
    clean = _check_group_name(session, name, except_id=group_id)
    with _groups_tx(session, "group.rename") as tx:
        group = _editable_manual(tx, session, group_id)
        if (reason := lock_reason(group)) is not None:
            raise PermissionDenied(reason)
        tx.put(group.model_copy(update={"name": clean, "modified": tx.now}))
        message = L.GROUP_RENAMED.format(old=group.name, name=clean)
        tx.journal(message, targets=[group.id])
    return ActionResult(message, changed=1, target_id=group.id)


def _references(store: Store, group_id: str) -> Iterator[tuple[type, object]]:
    """Documents that name the group, other than its members."""
    for link in store.find(CommunicationLink, "source", group_id) + store.find(CommunicationLink, "target", group_id):
        yield CommunicationLink, link
    for model in (Application, Connector, Widget, Share, ShareBookmark):
        for doc in store.all(model):
            yield model, doc


def delete_group(session: Session, group_id: str) -> ActionResult:
    """Delete a manual group, its links, its role grants and its members' membership."""
    store = session.store
    with _groups_tx(session, "group.delete") as tx:
        group = _editable_manual(tx, session, group_id)
        if (reason := lock_reason(group)) is not None:
            raise PermissionDenied(reason)
        # every membership goes, but the count is the list's: current members only
        # (pre-deleted and detached accounts excluded, as in "Gérer les utilisateurs du groupe")
        counted = group_member_ids(store, group)
        members = [store.get(User, uid) for uid in store.ids_by(User, "group", group_id)]
        for user in members:
            tx.put(user.model_copy(update={"groups": tuple(g for g in user.groups if g != group_id)}))
        for model, doc in _references(store, group_id):
            if model is CommunicationLink:
                tx.delete(CommunicationLink, doc.id)
            elif model is Application:
                roles = tuple(r.model_copy(update={"groups": tuple(g for g in r.groups if g != group_id)})
                              for r in doc.roles)
                if roles != doc.roles:
                    tx.put(doc.model_copy(update={"roles": roles}))
            elif model in (Connector, Widget):
                if group_id in doc.groups:
                    tx.put(doc.model_copy(update={"groups": tuple(g for g in doc.groups if g != group_id)}))
            elif model is Share:
                grants = tuple(g for g in doc.grants if g.target_id != group_id)
                if grants != doc.grants:
                    tx.put(doc.model_copy(update={"grants": grants}))
            elif model is ShareBookmark and group_id in doc.members:
                tx.put(doc.model_copy(update={"members": tuple(m for m in doc.members if m != group_id)}))
        tx.delete(Group, group_id)
        message = L.GROUP_DELETED.format(name=group.name, count=len(counted))
        tx.journal(message, targets=[group_id, *(u.id for u in members)], count=len(counted))
    return ActionResult(message, changed=1, target_id=group_id)


def set_internal_communication(session: Session, group_id: str, can_communicate: bool) -> ActionResult:
    """The switch "Les membres du groupe peuvent communiquer entre eux" (confirmed in the UI)."""
    from entconsole.services.communication import check_internal_allowed

    with _groups_tx(session, "group.internal") as tx:
        group = get_group(session, group_id)
        group = tx.get(Group, group.id)
        wanted = Communication.BOTH if can_communicate else Communication.NONE
        if can_communicate:
            check_internal_allowed(group)
        if group.internal_communication is wanted:
            raise ServiceError(L.GROUP_INTERNAL_ALREADY)
        tx.put(group.model_copy(update={"internal_communication": wanted, "modified": tx.now}))
        template = L.GROUP_INTERNAL_ON if can_communicate else L.GROUP_INTERNAL_OFF
        message = template.format(name=group.name)
        tx.journal(message, targets=[group.id])
    return ActionResult(message, changed=1, target_id=group.id)


# --------------------------------------------------------------------------- read-only helpers of the screens (issue 5)


def members_editable(group: Group) -> bool:
    """Whether "Gérer les utilisateurs du groupe" may change the members (as accounts.add_to_group)."""
    return group.type in (GroupType.MANUAL, GroupType.TEACHING)


# The guide's table "Règles de communication par défaut" (003_*, chapter 6), row reaches
# column, as `communication.Reach` values (plain strings: no import cycle). The matrix
# screen marks the cells that differ from it.
_GUIDE_ROWS = {
    "Personnel": ("yes", "yes", "yes", "yes", "yes"),
    "Teacher": ("yes", "yes", "yes", "yes", "no"),
    "Student": ("class", "class", "class", "own", "no"),
    "Relative": ("no", "class", "own", "no", "no"),
    "Guest": ("no", "no", "no", "no", "no"),
}
_GUIDE_COLUMNS = ("Personnel", "Teacher", "Student", "Relative", "Guest")
GUIDE_MATRIX: dict[tuple[str, str], str] = {
    (row, column): reach
    for row, reaches in _GUIDE_ROWS.items()
    for column, reach in zip(_GUIDE_COLUMNS, reaches)
}


def matrix_differences(matrix) -> list[tuple[str, str, str, str]]:
    """(row profile, column profile, actual reach, the guide's reach) for each changed cell."""
    return [
        (row, column, str(matrix[(row, column)]), default)
        for (row, column), default in GUIDE_MATRIX.items()
        if (row, column) in matrix and str(matrix[(row, column)]) != default
    ]
