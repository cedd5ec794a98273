"""Share bookmarks ("favoris de partage") of a structure's users (DOMAIN.md section 11).

A bookmark belongs to one user and lists users or groups. Shares made to a
bookmark survive the year change, so a bookmark keeping people who left keeps
leaking content to them: the guide asks to delete old bookmarks or to rename
them and replace their members. Each action here is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from entconsole import labels as L
from entconsole.fmt import pick
from entconsole.models import Group, Share, ShareBookmark, ShareTargetType, User
from entconsole.services.errors import InvalidInput, NotFound
from entconsole.services.rentree_rules import past_year_in_name
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.store import Store, Transaction
from entconsole.text import fold, has_control


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    gone: str | None  # why the member no longer counts (None: still here)


@dataclass(frozen=True)
class BookmarkRow:
    bookmark: ShareBookmark
    owner: User
    members: tuple[Member, ...]
    past_year: str | None  # a past school year carried by the name
    shares: int  # resources shared to this bookmark

    @property
    def gone(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.gone)

    @property
    def empty(self) -> bool:
        return not self.members

    @property
    def stale(self) -> bool:
        return self.empty or bool(self.gone) or self.past_year is not None

    def reasons(self, named: int = 0) -> list[str]:
        """Why the bookmark is stale; with `named`, the first gone members and why they are gone."""
        out = []
        if self.empty:
            out.append(L.RT_BKM_EMPTY)
        if self.gone:
            text = pick(len(self.gone), L.RT_BKM_GONE).format(count=len(self.gone))
            if named:
                names = [f"{m.name} : {m.gone}" for m in self.gone[:named]]
                if len(self.gone) > named:
                    names.append(L.RT_AND_MORE.format(count=len(self.gone) - named))
                text += f" ({', '.join(names)})"
            out.append(text)
        if self.past_year:
            out.append(L.RT_BKM_PAST_YEAR.format(year=self.past_year))
        return out


def member_state(store: Store, owner: User, member_id: str) -> Member:
    """A member and why it is gone: pre-deleted, detached, pending deletion, out of the owner's schools."""
    user = store.get(User, member_id)
    if user is not None:
        if user.delete_date is not None:
            gone = L.RT_GONE_PREDELETED
        elif user.disappearance_date is not None:
            gone = L.RT_GONE_PENDING
        elif not set(user.structures) & set(owner.structures):
            detached = set(user.removed_from_structures) & set(owner.structures)
            gone = L.RT_GONE_DETACHED if detached else L.RT_GONE_ELSEWHERE
        else:
            gone = None
        return Member(member_id, user.display_name, gone)
    group = store.get(Group, member_id)
    if group is not None:
        return Member(member_id, group.name, None)
    return Member(member_id, L.RT_GONE_UNKNOWN_NAME, L.RT_GONE_MISSING)


def _row(store: Store, bookmark: ShareBookmark, owner: User, shares: dict[str, int], today: date) -> BookmarkRow:
    members = tuple(member_state(store, owner, m) for m in bookmark.members)
    return BookmarkRow(bookmark, owner, members, past_year_in_name(bookmark.name, today), shares.get(bookmark.id, 0))


def _share_counts(store: Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    for share in store.all(Share):
        for grant in share.grants:
            if grant.target_type is ShareTargetType.BOOKMARK:
                counts[grant.target_id] = counts.get(grant.target_id, 0) + 1
    return counts


def structure_bookmarks(session: Session, owner_id: str | None = None) -> list[BookmarkRow]:
    """Bookmarks of the users attached to the structure (or of one of them), by owner then name."""
    store = session.store
    sid = session.structure.id
    session.require_structure(sid)
    shares = _share_counts(store)
    rows = []
    for bookmark in store.all(ShareBookmark):
        owner = store.get(User, bookmark.owner_id)
        if owner is None or sid not in owner.structures:
            continue
        if owner_id is not None and owner.id != owner_id:
            continue
        rows.append(_row(store, bookmark, owner, shares, session.today))
    return sorted(rows, key=lambda r: (fold(r.owner.display_name), fold(r.bookmark.name), r.bookmark.id))


def stale_bookmarks(session: Session) -> list[BookmarkRow]:
    return [r for r in structure_bookmarks(session) if r.stale]


def _rows_by_id(session: Session, bookmark_ids: Iterable[str]) -> list[BookmarkRow]:
    rows = {r.bookmark.id: r for r in structure_bookmarks(session)}
    found = []
    for bookmark_id in dict.fromkeys(bookmark_ids):
        if bookmark_id not in rows:
            raise NotFound(L.RT_BKM_UNKNOWN)
        found.append(rows[bookmark_id])
    return found


def _tx(session: Session, action: str):
    return session.store.transaction(session.admin.login, action, structure_id=session.structure_id)


def stage_bookmark_deletion(tx: Transaction, store: Store, bookmark_id: str) -> None:
    """Delete a bookmark and the shares' grants made to it (they would point at nothing)."""
    for share in store.all(Share):
        current = tx.get(Share, share.id)
        if current is None:
            continue
        grants = tuple(g for g in current.grants if g.target_id != bookmark_id)
        if grants != current.grants:
            tx.put(current.model_copy(update={"grants": grants}))
    tx.delete(ShareBookmark, bookmark_id)


def delete_bookmarks(session: Session, bookmark_ids: Iterable[str]) -> ActionResult:
    """Delete bookmarks (a named backup first when there are several)."""
    rows = _rows_by_id(session, bookmark_ids)
    if not rows:
        return ActionResult(L.RT_NOTHING_MARKED)
    with _tx(session, "bookmark.delete") as tx:
        if len(rows) > 1:
            tx.backup(L.RT_BACKUP_BOOKMARKS)
        for row in rows:
            stage_bookmark_deletion(tx, session.store, row.bookmark.id)
        if len(rows) == 1:
            message = L.RT_BKM_DELETED_ONE.format(name=rows[0].bookmark.name, owner=rows[0].owner.display_name)
        else:
            message = L.RT_BKM_DELETED.format(count=len(rows))
        tx.journal(message, targets=[r.bookmark.id for r in rows])
    return ActionResult(message, changed=len(rows))


@dataclass(frozen=True)
class CleanChange:
    """What "Nettoyer" does to one bookmark: gone members out, and deleted if nothing is left."""

    row: BookmarkRow
    removed: tuple[Member, ...]
    delete: bool

    @property
    def changes(self) -> bool:
        return bool(self.removed) or self.delete


def clean_preview(session: Session, bookmark_ids: Iterable[str]) -> list[CleanChange]:
    changes = []
    for row in _rows_by_id(session, bookmark_ids):
        removed = row.gone
        changes.append(CleanChange(row, removed, delete=len(removed) == len(row.members)))
    return changes


def clean_bookmarks(session: Session, bookmark_ids: Iterable[str]) -> ActionResult:
    """"Nettoyer": remove gone members; a bookmark left empty is deleted (DOMAIN.md section 11)."""
    plan = [c for c in clean_preview(session, bookmark_ids) if c.changes]
    if not plan:
        return ActionResult(L.RT_BKM_CLEAN_NOTHING)
    with _tx(session, "bookmark.clean") as tx:
        if len(plan) > 1:
            tx.backup(L.RT_BACKUP_BOOKMARKS)
        deleted = removed = 0
        for change in plan:
            bookmark = change.row.bookmark
            if change.delete:
                stage_bookmark_deletion(tx, session.store, bookmark.id)
                deleted += 1
            else:
                gone = {m.id for m in change.removed}
                tx.put(bookmark.model_copy(update={"members": tuple(m for m in bookmark.members if m not in gone)}))
            removed += len(change.removed)
        message = L.RT_BKM_CLEANED.format(bookmarks=len(plan), members=removed, deleted=deleted)
        tx.journal(message, targets=[c.row.bookmark.id for c in plan], count=len(plan))
    return ActionResult(message, changed=len(plan))


def rename_bookmark(session: Session, bookmark_id: str, name: str) -> ActionResult:
    clean = " ".join(name.split())
    if not clean or has_control(name, multiline=False) or len(clean) > 200:
        raise InvalidInput({"name": L.RT_BKM_NAME_INVALID})
    row = _rows_by_id(session, [bookmark_id])[0]
    with _tx(session, "bookmark.rename") as tx:
        tx.put(row.bookmark.model_copy(update={"name": clean}))
        message = L.RT_BKM_RENAMED.format(old=row.bookmark.name, name=clean)
        tx.journal(message, targets=[bookmark_id])
    return ActionResult(message, changed=1, target_id=bookmark_id)


PICK_LIMIT = 50


def member_candidates(session: Session, bookmark_id: str, search: str) -> tuple[list[User], int]:
    """Accounts of the school (not pre-deleted) that are not yet in the bookmark, matching `search`."""
    from entconsole.services.users import UserQuery, query_users

    row = _rows_by_id(session, [bookmark_id])[0]
    present = set(row.bookmark.members) | {row.owner.id}
    found = [u for u in query_users(session.store, session.structure.id, UserQuery(search=search))
             if u.id not in present]
    return found[:PICK_LIMIT], max(0, len(found) - PICK_LIMIT)


def add_bookmark_members(session: Session, bookmark_id: str, user_ids: Iterable[str]) -> ActionResult:
    """Add accounts of the school to a bookmark ("ajouter les nouveaux")."""
    row = _rows_by_id(session, [bookmark_id])[0]
    store = session.store
    sid = session.structure.id
    with _tx(session, "bookmark.members.add") as tx:
        added = []
        for uid in dict.fromkeys(user_ids):
            user = store.get(User, uid)
            if user is None or sid not in user.structures or user.delete_date is not None:
                raise NotFound(L.USER_NOT_IN_STRUCTURE)
            if uid not in row.bookmark.members and uid != row.owner.id:
                added.append(user)
        if added:
            tx.put(row.bookmark.model_copy(update={"members": row.bookmark.members + tuple(u.id for u in added)}))
        message = L.RT_BKM_ADDED.format(count=len(added), name=row.bookmark.name)
        if added:
            tx.journal(message, targets=[bookmark_id, *(u.id for u in added)], count=len(added))
    return ActionResult(message, changed=len(added), target_id=bookmark_id)


def remove_bookmark_members(session: Session, bookmark_id: str, member_ids: Iterable[str]) -> ActionResult:
    """Take members out of a bookmark ("retirer les anciens"); the bookmark stays, even empty."""
    row = _rows_by_id(session, [bookmark_id])[0]
    gone = set(member_ids) & set(row.bookmark.members)
    if not gone:
        return ActionResult(L.RT_NOTHING_MARKED)
    with _tx(session, "bookmark.members.remove") as tx:
        tx.put(row.bookmark.model_copy(update={"members": tuple(m for m in row.bookmark.members if m not in gone)}))
        message = L.RT_BKM_REMOVED.format(count=len(gone), name=row.bookmark.name)
        tx.journal(message, targets=[bookmark_id, *sorted(gone)], count=len(gone))
    return ActionResult(message, changed=len(gone), target_id=bookmark_id)
