"""Removing many groups at once, with everything that names them, in one transaction.

Used by the year change (classes' groups and teaching groups) and by the
rentrée checklist (last year's manual groups). `groups.delete_group` does the
same for one manual group from the Groupes section.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from entconsole.models import (
    Application,
    CommunicationLink,
    Connector,
    Group,
    Share,
    ShareBookmark,
    User,
    Widget,
)
from entconsole.store import Store, Transaction


@dataclass(frozen=True)
class GroupReferences:
    """What names the groups: counted by a dry run, removed by the real one."""

    members: tuple[str, ...]  # users holding one of the groups in `user.groups`
    links: tuple[str, ...]  # communication links from or to them
    share_grants: int  # grants of shares made to them
    shares: tuple[str, ...]  # shares losing at least one grant
    bookmarks: tuple[str, ...]  # bookmarks listing one of them
    grants_elsewhere: int  # application roles, connectors, widgets granted to them


def group_references(store: Store, group_ids: Collection[str]) -> GroupReferences:
    ids = set(group_ids)
    members = sorted({uid for gid in ids for uid in store.ids_by(User, "group", gid)})
    links = sorted(
        {lid for gid in ids for lid in store.ids_by(CommunicationLink, "source", gid)}
        | {lid for gid in ids for lid in store.ids_by(CommunicationLink, "target", gid)}
    )
    grants = 0
    shares = []
    for share in store.all(Share):
        n = sum(1 for g in share.grants if g.target_id in ids)
        if n:
            grants += n
            shares.append(share.id)
    bookmarks = [b.id for b in store.all(ShareBookmark) if ids & set(b.members)]
    elsewhere = sum(len(ids & set(r.groups)) for a in store.all(Application) for r in a.roles)
    elsewhere += sum(len(ids & set(d.groups)) for model in (Connector, Widget) for d in store.all(model))
    return GroupReferences(tuple(members), tuple(links), grants, tuple(sorted(shares)), tuple(sorted(bookmarks)), elsewhere)


def stage_group_removal(tx: Transaction, store: Store, group_ids: Collection[str]) -> GroupReferences:
    """Delete the groups and every reference to them; returns what was removed."""
    ids = set(group_ids)
    refs = group_references(store, ids)

    def keep(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v for v in values if v not in ids)

    for uid in refs.members:
        user = tx.get(User, uid)
        if user is not None:
            tx.put(user.model_copy(update={"groups": keep(user.groups), "modification_date": tx.now}))
    for link_id in refs.links:
        tx.delete(CommunicationLink, link_id)
    for share_id in refs.shares:
        share = tx.get(Share, share_id)
        if share is not None:
            tx.put(share.model_copy(update={"grants": tuple(g for g in share.grants if g.target_id not in ids)}))
    for bookmark_id in refs.bookmarks:
        bookmark = tx.get(ShareBookmark, bookmark_id)
        if bookmark is not None:
            tx.put(bookmark.model_copy(update={"members": keep(bookmark.members)}))
    if refs.grants_elsewhere:
        for app in store.all(Application):
            roles = tuple(r.model_copy(update={"groups": keep(r.groups)}) for r in app.roles)
            if roles != app.roles:
                tx.put(app.model_copy(update={"roles": roles}))
        for model in (Connector, Widget):
            for doc in store.all(model):
                if ids & set(doc.groups):
                    tx.put(doc.model_copy(update={"groups": keep(doc.groups)}))
    for gid in ids:
        tx.delete(Group, gid)
    return refs
