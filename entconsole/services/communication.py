"""Communication rules (DOMAIN.md section 5): links between groups, who can talk to whom.

Rules are links between groups, never between users. A user reaches another
when one of their groups has a link to one of the other's groups, when they
share a group whose members communicate with each other (internal BOTH), or
through the relative link (a pupil and their own parents) carried by the
pupils' profile groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from entconsole import labels as L
from entconsole.models import Communication, CommunicationLink, Group, GroupType, Profile, User
from entconsole.services.errors import NotFound, PermissionDenied, ServiceError
from entconsole.services.groups import get_group, groups_of_user
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.store import Store
from entconsole.text import fold

# --------------------------------------------------------------------------- forbidden links


def is_broadcast_group(group: Group) -> bool:
    """All pupils or all parents of a structure, or the parents of a class."""
    if group.type is not GroupType.PROFILE:
        return False
    if group.class_id is None:
        return group.profile in (Profile.STUDENT, Profile.RELATIVE)
    return group.profile is Profile.RELATIVE


def check_link_allowed(source: Group, target: Group) -> None:
    """A local admin may not let those broad pupil/parent groups talk to each other."""
    if is_broadcast_group(source) and is_broadcast_group(target):
        raise PermissionDenied(L.COMM_FORBIDDEN)


def check_internal_allowed(group: Group) -> None:
    if is_broadcast_group(group):
        raise PermissionDenied(L.COMM_FORBIDDEN)


# --------------------------------------------------------------------------- a group's rules


def _sorted(groups) -> list[Group]:
    return sorted(groups, key=lambda g: (fold(g.name), g.id))


def reachable_groups(store: Store, group: Group) -> list[Group]:
    """"Qui les membres du groupe peuvent-ils voir": the link targets."""
    return _sorted(g for link in store.find(CommunicationLink, "source", group.id) if (g := store.get(Group, link.target)))


def reaching_groups(store: Store, group: Group) -> list[Group]:
    """"Qui peut voir le groupe": the groups linked to this one."""
    return _sorted(g for link in store.find(CommunicationLink, "target", group.id) if (g := store.get(Group, link.source)))


def _find_link(store: Store, source_id: str, target_id: str) -> CommunicationLink | None:
    return next((l for l in store.find(CommunicationLink, "source", source_id) if l.target == target_id), None)


def add_link(session: Session, source_id: str, target_id: str) -> ActionResult:
    """Let the members of `source` reach the members of `target`."""
    source, target = get_group(session, source_id), get_group(session, target_id)
    if source.id == target.id:
        raise ServiceError(L.COMM_SAME_GROUP)
    check_link_allowed(source, target)
    if _find_link(session.store, source.id, target.id):
        raise ServiceError(L.COMM_LINK_EXISTS)
    with session.store.transaction(session.admin.login, "comm.link.add", structure_id=session.structure_id) as tx:
        link = tx.put(CommunicationLink(source=source.id, target=target.id))
        message = L.COMM_LINK_ADDED.format(source=source.name, target=target.name)
        tx.journal(message, targets=[link.id, source.id, target.id])
    return ActionResult(message, changed=1, target_id=link.id)


def remove_link(session: Session, source_id: str, target_id: str) -> ActionResult:
    source, target = get_group(session, source_id), get_group(session, target_id)
    link = _find_link(session.store, source.id, target.id)
    if link is None:
        raise NotFound(L.COMM_LINK_MISSING)
    with session.store.transaction(session.admin.login, "comm.link.remove", structure_id=session.structure_id) as tx:
        tx.delete(CommunicationLink, link.id)
        message = L.COMM_LINK_REMOVED.format(source=source.name, target=target.name)
        tx.journal(message, targets=[link.id, source.id, target.id])
    return ActionResult(message, changed=1)


# --------------------------------------------------------------------------- users


class Way(StrEnum):
    LINK = "link"  # a group of A is linked to a group of B
    INTERNAL = "internal"  # A and B share a group whose members communicate
    RELATIVE = "relative"  # a pupil and their own parent


@dataclass(frozen=True)
class Reason:
    way: Way
    source: Group
    target: Group  # same as source for INTERNAL and RELATIVE

    def describe(self) -> str:
        if self.way is Way.LINK:
            return L.COMM_WHY_LINK.format(source=self.source.name, target=self.target.name)
        if self.way is Way.INTERNAL:
            return L.COMM_WHY_INTERNAL.format(group=self.source.name)
        return L.COMM_WHY_RELATIVE.format(group=self.source.name)


def _user_groups(store: Store, user: User) -> list[Group]:
    groups: list[Group] = []
    for sid in user.structures:
        groups.extend(groups_of_user(store, user, sid))
    return groups


def why_can_talk(store: Store, a: User, b: User) -> list[Reason]:
    """Every way `a` can reach `b` (empty: they cannot)."""
    if a.id == b.id or a.delete_date or b.delete_date:
        return []
    groups_a, groups_b = _user_groups(store, a), _user_groups(store, b)
    ids_b = {g.id: g for g in groups_b}
    reasons = []
    for group in groups_a:
        for link in store.find(CommunicationLink, "source", group.id):
            if link.target in ids_b:
                reasons.append(Reason(Way.LINK, group, ids_b[link.target]))
        if group.id in ids_b and group.internal_communication is Communication.BOTH:
            reasons.append(Reason(Way.INTERNAL, group, group))
    pupil, parent = (a, b) if a.profile is Profile.STUDENT else (b, a)
    if parent.id in pupil.relatives or pupil.id in parent.children:
        for group in _user_groups(store, pupil):
            if group.relative_communication:
                reasons.append(Reason(Way.RELATIVE, group, group))
    return sorted(reasons, key=lambda r: (r.way.value, fold(r.source.name), fold(r.target.name)))


def user_rules(store: Store, user: User, structure_id: str) -> tuple[list[Group], list[Group]]:
    """A user's rules: groups their groups reach, and groups that reach them (union)."""
    own = groups_of_user(store, user, structure_id)
    out = {g.id: g for group in own for g in reachable_groups(store, group)}
    inc = {g.id: g for group in own for g in reaching_groups(store, group)}
    return _sorted(out.values()), _sorted(inc.values())


# --------------------------------------------------------------------------- the matrix


class Reach(StrEnum):
    YES = "yes"
    CLASS = "class"  # those of their class
    OWN = "own"  # their own (children / parents)
    NO = "no"

    @property
    def label(self) -> str:
        return L.COMM_REACH[self.value]


MATRIX_PROFILES = (Profile.PERSONNEL, Profile.TEACHER, Profile.STUDENT, Profile.RELATIVE, Profile.GUEST)


def communication_matrix(session: Session) -> dict[tuple[Profile, Profile], Reach]:
    """"Qui peut communiquer avec qui ?": profiles x profiles, from the actual links."""
    store = session.store
    sid = session.structure.id
    session.require_structure(sid)
    groups = [g for g in store.find(Group, "structure", sid) if g.type is GroupType.PROFILE]
    structure_groups = {g.profile: g for g in groups if g.class_id is None}
    class_groups: dict[str, dict[Profile, Group]] = {}
    for group in groups:
        if group.class_id is not None:
            class_groups.setdefault(group.class_id, {})[group.profile] = group

    def linked(source: Group | None, target: Group | None) -> bool:
        if source is None or target is None:
            return False
        if source.id == target.id:
            return source.internal_communication is Communication.BOTH
        return _find_link(store, source.id, target.id) is not None

    def family(p: Profile, q: Profile) -> bool:
        if {p, q} != {Profile.STUDENT, Profile.RELATIVE}:
            return False
        pupils = [structure_groups.get(Profile.STUDENT)] + [c.get(Profile.STUDENT) for c in class_groups.values()]
        return any(g is not None and g.relative_communication for g in pupils)

    matrix = {}
    for p in MATRIX_PROFILES:
        for q in MATRIX_PROFILES:
            if linked(structure_groups.get(p), structure_groups.get(q)):
                matrix[(p, q)] = Reach.YES
            elif any(linked(c.get(p), c.get(q)) for c in class_groups.values()):
                matrix[(p, q)] = Reach.CLASS
            elif family(p, q):
                matrix[(p, q)] = Reach.OWN
            else:
                matrix[(p, q)] = Reach.NO
    return matrix
