"""Blocage en lot (DOMAIN.md section 6): block or unblock a whole profile of the structure.

Every account of the profile attached to the structure changes in one
transaction (one write, one journal entry) and a :class:`BlockTrace` records
the action, the profile, when and who. Local administrators are skipped, so
that blocking the teachers never locks the director out of the console.
Blocking a teacher or a staff member blocks them in every structure (the flag
is on the account); the confirmation says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from entconsole import labels as L
from entconsole.fmt import pick
from entconsole.models import BLOCKING_ORDER, BlockAction, BlockTrace, Profile, User
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.services.users import structure_users
from entconsole.store import Store
from entconsole.text import fold

PAGE_SIZES = (10, 20, 50)
# A mass block's journal entry says which history line its undo adds (services.undo).
REVERSE_TRACE = "reverse_trace"
EVERYWHERE = frozenset({Profile.TEACHER, Profile.PERSONNEL})


def is_skipped(user: User) -> bool:
    """Local (and central) administrators are never blocked in bulk."""
    return user.is_admin


@dataclass(frozen=True)
class ProfileRow:
    """One row of the tab: what [Bloquer] / [Débloquer] would change."""

    profile: Profile
    total: int  # accounts of the profile in the structure
    blocked: int
    admins: int  # local admins among them (skipped)
    to_block: int  # not blocked, not admin
    to_unblock: int  # blocked, not admin
    admins_unblocked: int  # admins a block would skip
    admins_blocked: int  # admins an unblock would skip

    def changes(self, action: BlockAction) -> int:
        return self.to_block if action is BlockAction.BLOCK else self.to_unblock

    def skipped(self, action: BlockAction) -> int:
        return self.admins_unblocked if action is BlockAction.BLOCK else self.admins_blocked

    @property
    def everywhere(self) -> bool:
        """Blocking this profile blocks the accounts in every structure (users.blocking_applies_everywhere)."""
        return self.profile in EVERYWHERE


def profile_rows(session: Session) -> list[ProfileRow]:
    """Personnel, Enseignant, Parent, Élève, Invité with their counts."""
    sid = session.structure.id
    session.require_structure(sid)
    # per profile: (blocked?, admin?) -> accounts
    counts = {p: Counter() for p in BLOCKING_ORDER}
    for user in structure_users(session.store, sid):
        counts[user.profile][(user.blocked, is_skipped(user))] += 1
    rows = []
    for profile, c in counts.items():
        rows.append(ProfileRow(
            profile=profile,
            total=sum(c.values()),
            blocked=c[(True, False)] + c[(True, True)],
            admins=c[(False, True)] + c[(True, True)],
            to_block=c[(False, False)],
            to_unblock=c[(True, False)],
            admins_unblocked=c[(False, True)],
            admins_blocked=c[(True, True)],
        ))
    return rows


def profile_row(session: Session, profile: Profile) -> ProfileRow:
    return next(r for r in profile_rows(session) if r.profile is profile)


def mass_block(session: Session, profile: Profile, action: BlockAction) -> ActionResult:
    """Block or unblock every account of `profile` in the structure, admins excepted.

    One transaction and one write whatever the count, with one BlockTrace.
    Nothing to change: nothing written, and the result says so.
    """
    blocked = action is BlockAction.BLOCK
    sid = session.structure.id
    session.require_structure(sid)
    admin = session.admin
    store = session.store
    label = L.PROFILE[profile.value]
    with store.transaction(admin.login, f"structure.mass_{action.value.lower()}", structure_id=sid) as tx:
        targets: list[User] = []
        skipped = 0
        for user in structure_users(store, sid):
            if user.profile is not profile or user.blocked == blocked:
                continue
            if is_skipped(user):
                skipped += 1
            else:
                targets.append(user)
        if targets:
            tx.backup(L.BACKUP_REASON_MASS[action.value])  # a bulk action: a named copy first
        for user in targets:
            tx.put(user.model_copy(update={"blocked": blocked, "modification_date": tx.now}))
        changed = [u.id for u in targets]
        if not changed:
            message = L.BLOCK_NOTHING[action.value].format(profile=label)
            if skipped:
                message += pick(skipped, L.BLOCK_SKIPPED).format(count=skipped)
            return ActionResult(message, changed=0, skipped=skipped)
        tx.put(BlockTrace(
            structure_id=sid,
            action=action,
            profile=profile,
            author_login=admin.login,
            author_name=admin.display_name,
            date=tx.now,
            count=len(changed),
        ))
        message = pick(len(changed), L.BLOCK_DONE[action.value]).format(count=len(changed), profile=label)
        if skipped:
            message += pick(skipped, L.BLOCK_SKIPPED).format(count=skipped)
        # undone, the history gains the opposite line (it keeps this one)
        reverse = BlockAction.UNBLOCK if blocked else BlockAction.BLOCK
        tx.journal(message, targets=changed, count=len(changed),
                   undo={REVERSE_TRACE: {"action": reverse.value, "profile": profile.value}})
    return ActionResult(message, changed=len(changed), skipped=skipped)


# --------------------------------------------------------------------------- history


class HistorySort(StrEnum):
    DATE = "date"
    ACTION = "action"
    PROFILE = "profile"
    AUTHOR = "author"


HISTORY_SORTS = tuple(HistorySort)


@dataclass(frozen=True)
class HistoryPage:
    rows: list[BlockTrace]
    total: int
    page: int  # 1-based, clamped to the pages there are
    pages: int
    size: int

    @property
    def first(self) -> int:
        return (self.page - 1) * self.size + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.page * self.size, self.total)


def _sort_key(sort: HistorySort):
    if sort is HistorySort.ACTION:
        return lambda t: (L.BLOCK_ACTION[t.action.value], t.date)
    if sort is HistorySort.PROFILE:
        return lambda t: (fold(L.PROFILE[t.profile.value]), t.date)
    if sort is HistorySort.AUTHOR:
        return lambda t: (fold(t.author_name), t.date)
    return lambda t: t.date


def block_history(
    session: Session,
    *,
    sort: HistorySort = HistorySort.DATE,
    descending: bool = True,
    page: int = 1,
    size: int = PAGE_SIZES[0],
) -> HistoryPage:
    """"Historique des actions": newest first by default, sortable by each column, paged."""
    sid = session.structure.id
    session.require_structure(sid)
    return history_page(session.store, sid, sort=sort, descending=descending, page=page, size=size)


def history_page(
    store: Store, structure_id: str, *, sort: HistorySort, descending: bool, page: int, size: int
) -> HistoryPage:
    traces = sorted(store.find(BlockTrace, "structure", structure_id), key=_sort_key(sort), reverse=descending)
    size = size if size > 0 else PAGE_SIZES[0]
    pages = max(1, -(-len(traces) // size))
    page = min(max(1, page), pages)
    start = (page - 1) * size
    return HistoryPage(traces[start:start + size], len(traces), page, pages, size)

