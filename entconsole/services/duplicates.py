"""Duplicates (DOMAIN.md section 2): scores, "Dissocier", "Fusionner"."""

from __future__ import annotations

from entconsole import labels as L
from entconsole.models import SOURCE_PRIORITY, Duplicate, User
from entconsole.services.accounts import forget_user, put_user, user_transaction
from entconsole.services.errors import ServiceError
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.services.users import users_of_structure
from entconsole.text import fold

BLOCKING_SCORE = 3  # a score above this blocks activation


def duplicate_score(a: User, b: User) -> int:
    """2 + one point per exact match of last name, first name, birth date, e-mail."""
    score = 2
    for left, right in (
        (a.last_name, b.last_name),
        (a.first_name, b.first_name),
        (a.birth_date, b.birth_date),
        (a.email, b.email),
    ):
        if left is None or right is None:
            continue
        if isinstance(left, str):
            left, right = fold(left).replace(" ", ""), fold(right).replace(" ", "")
        if left == right:
            score += 1
    return score


def is_blocking(score: int) -> bool:
    return score > BLOCKING_SCORE


def badge(score: int) -> str:
    return L.DUPLICATE_BLOCKING if is_blocking(score) else L.DUPLICATE_MINOR


def _pair(tx, session: Session, user_id: str, other_id: str) -> tuple[User, User]:
    user, other = users_of_structure(tx, session, [user_id, other_id]) if user_id != other_id else (None, None)
    if user is None or not any(d.user_id == other.id for d in user.duplicates):
        raise ServiceError(L.DUPLICATE_NOT_A_PAIR)
    return user, other


def _without(duplicates: tuple[Duplicate, ...], user_id: str) -> tuple[Duplicate, ...]:
    return tuple(d for d in duplicates if d.user_id != user_id)


def dissociate(session: Session, user_id: str, other_id: str) -> ActionResult:
    """"Dissocier": each account ignores the other from now on."""
    with user_transaction(session, "user.duplicate.dissociate") as tx:
        user, other = _pair(tx, session, user_id, other_id)
        put_user(tx, user, duplicates=_without(user.duplicates, other.id),
             ignored_duplicates=tuple(dict.fromkeys(user.ignored_duplicates + (other.id,))))
        put_user(tx, other, duplicates=_without(other.duplicates, user.id),
             ignored_duplicates=tuple(dict.fromkeys(other.ignored_duplicates + (user.id,))))
        message = L.DUPLICATE_DISSOCIATED.format(a=user.display_name, b=other.display_name)
        tx.journal(message, targets=[user.id, other.id])
    return ActionResult(message, changed=2)


def merge_survivor(a: User, b: User) -> User:
    """The activated account survives; else the one with the stronger source."""
    if a.activated != b.activated:
        return a if a.activated else b
    rank = {s: n for n, s in enumerate(SOURCE_PRIORITY)}
    return a if rank[a.source] <= rank[b.source] else b


def _union(first: tuple, second: tuple) -> tuple:
    return tuple(dict.fromkeys(first + second))


def merge(session: Session, user_id: str, other_id: str, *, keep_attachments: bool) -> ActionResult:
    """"Fusionner": refused when both accounts are activated.

    The survivor keeps its identity; with `keep_attachments` it also takes the
    other account's structures, classes, groups and family links.
    """
    with user_transaction(session, "user.duplicate.merge") as tx:
        user, other = _pair(tx, session, user_id, other_id)
        if user.activated and other.activated:
            raise ServiceError(L.DUPLICATE_BOTH_ACTIVATED)
        survivor = merge_survivor(user, other)
        gone = other if survivor is user else user
        changes: dict = {"duplicates": _without(survivor.duplicates, gone.id)}
        if keep_attachments:
            changes.update(
                structures=_union(survivor.structures, gone.structures),
                classes=_union(survivor.classes, gone.classes),
                groups=_union(survivor.groups, gone.groups),
                relatives=_union(survivor.relatives, gone.relatives),
                children=_union(survivor.children, gone.children),
            )
        survivor = put_user(tx, survivor, **changes)
        # Family members of the removed account now point at the survivor.
        if keep_attachments:
            for other_id in set(gone.relatives) | set(gone.children):
                relative = tx.get(User, other_id)
                if relative is None:
                    continue
                tx.put(relative.model_copy(update={
                    "relatives": _union(tuple(survivor.id if i == gone.id else i for i in relative.relatives), ()),
                    "children": _union(tuple(survivor.id if i == gone.id else i for i in relative.children), ()),
                }))
        gone = tx.get(User, gone.id)
        forget_user(tx, session, gone)
        message = L.DUPLICATE_MERGED.format(survivor=survivor.display_name, login=survivor.login)
        tx.journal(message, targets=[survivor.id, gone.id])
    return ActionResult(message, changed=2, target_id=survivor.id)
