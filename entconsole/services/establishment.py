"""Gérer mon établissement, Informations: the "Général" block, statistics, the name.

DOMAIN.md section 6. Reading and renaming both check the acting admin's scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from entconsole import labels as L
from entconsole.models import BLOCKING_ORDER, Profile, Structure
from entconsole.services.errors import NotFound, ServiceError
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.services.users import structure_users

NAME_MAX = 500  # models.Name


@dataclass(frozen=True)
class StructureInfo:
    """The "Général" block, ready to show (plain text, never markup)."""

    name: str
    default_name: str | None
    id: str
    uai: str | None
    mobile_app: bool
    parents: tuple[str, ...]  # parent structures' names
    feed: str  # StructureFeed value


@dataclass(frozen=True)
class ProfileStats:
    profile: Profile
    activated: int
    inactive: int

    @property
    def total(self) -> int:
        return self.activated + self.inactive

    @property
    def rate(self) -> float:
        """Share of activated accounts, 0.0 … 1.0 (0.0 for no account)."""
        return self.activated / self.total if self.total else 0.0


def structure_info(session: Session) -> StructureInfo:
    structure = session.structure
    session.require_structure(structure.id)
    store = session.store
    parents = tuple(
        parent.name for pid in structure.parents if (parent := store.get(Structure, pid)) is not None
    )
    return StructureInfo(
        name=structure.name,
        default_name=structure.default_name,
        id=structure.id,
        uai=structure.uai,
        mobile_app=structure.mobile_app,
        parents=parents,
        feed=structure.feed.value,
    )


def account_stats(session: Session) -> list[ProfileStats]:
    """Activated / non-activated accounts per profile (Personnel, Enseignant, Parent, Élève, Invité).

    Counts the accounts attached to the structure, as the Accueil does.
    """
    sid = session.structure.id
    session.require_structure(sid)
    activated = {p: 0 for p in BLOCKING_ORDER}
    inactive = {p: 0 for p in BLOCKING_ORDER}
    for user in structure_users(session.store, sid):
        (activated if user.activated else inactive)[user.profile] += 1
    return [ProfileStats(p, activated[p], inactive[p]) for p in BLOCKING_ORDER]


def _clean_name(name: str) -> str:
    printable = "".join(c if c.isprintable() else " " for c in name)
    cleaned = " ".join(printable.split())
    if not cleaned:
        raise ServiceError(L.STRUCTURE_NAME_EMPTY)
    if len(cleaned) > NAME_MAX:
        raise ServiceError(L.STRUCTURE_NAME_TOO_LONG.format(max=NAME_MAX))
    return cleaned


def _set_name(session: Session, name: str, action: str, template: str) -> ActionResult:
    store = session.store
    sid = session.structure.id
    session.require_structure(sid)
    with store.transaction(session.admin.login, action, structure_id=sid) as tx:
        structure = tx.get(Structure, sid)
        if structure is None:
            raise NotFound(L.STRUCTURE_GONE)
        if structure.name == name:
            return ActionResult(L.STRUCTURE_NAME_UNCHANGED, target_id=sid)
        tx.put(structure.model_copy(update={"name": name}))
        message = template.format(name=name)
        tx.journal(message, targets=[sid], count=1, undo={"name": structure.name})
    return ActionResult(message, changed=1, target_id=sid)


def rename_structure(session: Session, name: str) -> ActionResult:
    """Give the administered structure a new display name."""
    return _set_name(session, _clean_name(name), "structure.rename", L.STRUCTURE_RENAMED)


def reset_structure_name(session: Session) -> ActionResult:
    """"Rétablir le nom par défaut": the name the feed gave the structure."""
    default = session.structure.default_name
    if not default:
        raise ServiceError(L.STRUCTURE_NO_DEFAULT_NAME)
    return _set_name(session, default, "structure.reset_name", L.STRUCTURE_NAME_RESET)
