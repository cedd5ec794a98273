"""The structure's shares, and what the year change will purge or keep (DOMAIN.md sections 11-12).

Only shares to class groups and teaching groups are purged by the year
change; shares to people, manual groups, school-wide groups and bookmarks
stay. The guide's advice "share it to the pupils by name to keep it" is
:func:`share_to_members`: a class share becomes named shares for the class's
current members, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from entconsole import labels as L
from entconsole.models import Group, GroupType, Share, ShareBookmark, ShareGrant, ShareRight, ShareTargetType, User
from entconsole.services.errors import NotFound, ServiceError
from entconsole.services.groups import group_member_ids
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.store import Store
from entconsole.text import fold

RIGHT_ORDER = tuple(ShareRight)


@dataclass(frozen=True)
class GrantView:
    grant: ShareGrant
    name: str
    kind: str  # "class", "teaching", "user", "manual", "structure", "bookmark", "missing"

    @property
    def purged(self) -> bool:
        """Shares to class groups and teaching groups disappear at the year change."""
        return self.kind in ("class", "teaching")

    @property
    def rights_text(self) -> str:
        return ", ".join(L.RT_RIGHT[r.value] for r in RIGHT_ORDER if r in self.grant.rights)


@dataclass(frozen=True)
class ShareView:
    share: Share
    owner: str
    grants: tuple[GrantView, ...]

    @property
    def purged(self) -> tuple[GrantView, ...]:
        return tuple(g for g in self.grants if g.purged)

    @property
    def kept(self) -> tuple[GrantView, ...]:
        return tuple(g for g in self.grants if not g.purged)


def _grant_view(store: Store, grant: ShareGrant) -> GrantView:
    if grant.target_type is ShareTargetType.USER:
        user = store.get(User, grant.target_id)
        return GrantView(grant, user.display_name if user else L.RT_GONE_UNKNOWN_NAME, "user" if user else "missing")
    if grant.target_type is ShareTargetType.BOOKMARK:
        bookmark = store.get(ShareBookmark, grant.target_id)
        return GrantView(grant, bookmark.name if bookmark else L.RT_GONE_UNKNOWN_NAME, "bookmark" if bookmark else "missing")
    group = store.get(Group, grant.target_id)
    if group is None:
        return GrantView(grant, L.RT_GONE_UNKNOWN_NAME, "missing")
    if group.class_id is not None:
        kind = "class"
    elif group.type is GroupType.TEACHING:
        kind = "teaching"
    elif group.type is GroupType.MANUAL:
        kind = "manual"
    else:
        kind = "structure"
    return GrantView(grant, group.name, kind)


def structure_shares(session: Session) -> list[ShareView]:
    """The resources shared in the structure, those the year change touches first, then by name."""
    store = session.store
    sid = session.structure.id
    session.require_structure(sid)
    views = []
    for share in store.find(Share, "structure", sid):
        owner = store.get(User, share.owner_id)
        grants = tuple(_grant_view(store, g) for g in share.grants)
        views.append(ShareView(share, owner.display_name if owner else L.RT_GONE_UNKNOWN_NAME, grants))
    return sorted(views, key=lambda v: (not v.purged, fold(v.share.resource_name), v.share.id))


def share_to_members(session: Session, share_id: str) -> ActionResult:
    """Replace the share's class and teaching-group grants by named grants to their current members.

    Each member gets the union of the rights of the grants they come from
    (and keeps any named grant they already had), so nobody loses access at
    the year change.
    """
    store = session.store
    sid = session.structure.id
    session.require_structure(sid)
    with store.transaction(session.admin.login, "share.to_members", structure_id=sid) as tx:
        share = tx.get(Share, share_id)
        if share is None or share.structure_id != sid:
            raise NotFound(L.RT_SHARE_UNKNOWN)
        views = [_grant_view(store, g) for g in share.grants]
        purged = [v for v in views if v.purged]
        if not purged:
            raise ServiceError(L.RT_SHARE_NOTHING)
        rights: dict[str, set[ShareRight]] = {}
        for view in views:
            if view.grant.target_type is ShareTargetType.USER:
                rights.setdefault(view.grant.target_id, set()).update(view.grant.rights)
        added = set()
        for view in purged:
            for uid in group_member_ids(store, store.get(Group, view.grant.target_id)):
                if uid not in rights:
                    added.add(uid)
                rights.setdefault(uid, set()).update(view.grant.rights)
        kept = [v.grant for v in views if not v.purged and v.grant.target_type is not ShareTargetType.USER]
        users = sorted(rights, key=lambda uid: (fold(store.get(User, uid).display_name), uid))
        named = [
            ShareGrant(target_type=ShareTargetType.USER, target_id=uid,
                       rights=tuple(r for r in RIGHT_ORDER if r in rights[uid]))
            for uid in users
        ]
        tx.put(share.model_copy(update={"grants": tuple(kept + named)}))
        message = L.RT_SHARE_NAMED.format(name=share.resource_name, count=len(added),
                                          groups=", ".join(v.name for v in purged))
        tx.journal(message, targets=[share.id, *sorted(added)], count=len(added))
    return ActionResult(message, changed=len(added), target_id=share.id)
