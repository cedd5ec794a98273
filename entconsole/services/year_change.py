"""The year change ("bascule d'année", DOMAIN.md section 12) with its dry run.

For the administered structure: every user loses their links to the
structure's classes and teaching groups; the classes, their profile groups
and the teaching groups are deleted with every share grant, communication
link and bookmark entry naming them; the structure leaves every
`removed_from_structures`. Accounts, manual groups, structure-wide groups,
personal data and the other shares are kept.

:func:`plan_year_change` is the dry run: it computes exactly the documents the
change will touch and writes nothing. :func:`run_year_change` stages that very
plan in one transaction, after a named backup, and refuses if the store no
longer gives the figures the admin confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from entconsole import labels as L
from entconsole.models import Group, GroupType, SchoolClass, Share, ShareTargetType, User
from entconsole.services.errors import ServiceError
from entconsole.services.group_purge import GroupReferences, group_references, stage_group_removal
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.store import Store
from entconsole.text import fold


@dataclass(frozen=True)
class YearChangePlan:
    structure_id: str
    classes: tuple[SchoolClass, ...]
    class_groups: tuple[Group, ...]  # profile groups of those classes
    teaching_groups: tuple[Group, ...]
    class_links: dict[str, tuple[str, ...]]  # user id -> class ids removed
    group_refs: GroupReferences
    teaching_links: int  # memberships of teaching groups removed
    detached_cleared: tuple[str, ...]  # users whose struck-through attachment is forgotten
    # kept, for the admin to see
    accounts_kept: int
    manual_groups_kept: int
    structure_groups_kept: int
    shares_kept: dict[str, int]  # target type -> grants kept ("user", "manual", "structure", "bookmark")
    purged_shares: tuple[tuple[str, str], ...] = ()  # (resource, the groups it loses), for the admin to read

    @property
    def users_unlinked(self) -> int:
        return len(set(self.class_links) | set(self.group_refs.members))

    @property
    def class_link_count(self) -> int:
        return sum(len(v) for v in self.class_links.values())

    def figures(self) -> dict[str, int]:
        """The numbers repeated by the confirmation and compared before the real run."""
        return {
            "classes": len(self.classes),
            "class_groups": len(self.class_groups),
            "teaching_groups": len(self.teaching_groups),
            "class_links": self.class_link_count,
            "teaching_links": self.teaching_links,
            "users": self.users_unlinked,
            "share_grants": self.group_refs.share_grants,
            "shares": len(self.group_refs.shares),
            "comm_links": len(self.group_refs.links),
            "bookmarks": len(self.group_refs.bookmarks),
            "grants_elsewhere": self.group_refs.grants_elsewhere,
            "detached_cleared": len(self.detached_cleared),
        }

    @property
    def empty(self) -> bool:
        return not any(self.figures().values())


def _plan(store: Store, structure_id: str) -> YearChangePlan:
    classes = sorted(store.find(SchoolClass, "structure", structure_id), key=lambda c: (fold(c.name), c.id))
    class_ids = {c.id for c in classes}
    groups = store.find(Group, "structure", structure_id)
    class_groups = sorted((g for g in groups if g.class_id in class_ids), key=lambda g: (fold(g.name), g.id))
    teaching = sorted((g for g in groups if g.type is GroupType.TEACHING), key=lambda g: (fold(g.name), g.id))
    removed_groups = {g.id for g in class_groups} | {g.id for g in teaching}
    class_links: dict[str, tuple[str, ...]] = {}
    for class_id in class_ids:
        for uid in store.ids_by(User, "class", class_id):
            class_links.setdefault(uid, ())
            class_links[uid] += (class_id,)
    refs = group_references(store, removed_groups)
    teaching_ids = {g.id for g in teaching}
    teaching_links = sum(
        len(teaching_ids & set(u.groups)) for uid in refs.members if (u := store.get(User, uid))
    )
    detached = sorted(
        u.id for uid in store.ids_by(User, "structure", structure_id)
        if (u := store.get(User, uid)) and structure_id in u.removed_from_structures
    )
    kept_groups = [g for g in groups if g.id not in removed_groups]
    shares_kept = {"user": 0, "manual": 0, "structure": 0, "bookmark": 0, "other": 0}
    for share in store.find(Share, "structure", structure_id):
        for grant in share.grants:
            if grant.target_id in removed_groups:
                continue
            if grant.target_type is ShareTargetType.USER:
                shares_kept["user"] += 1
            elif grant.target_type is ShareTargetType.BOOKMARK:
                shares_kept["bookmark"] += 1
            else:
                group = store.get(Group, grant.target_id)
                if group is not None and group.type is GroupType.MANUAL:
                    shares_kept["manual"] += 1
                elif group is not None and group.class_id is None:
                    shares_kept["structure"] += 1
                else:
                    shares_kept["other"] += 1
    purged_shares = []
    for share_id in refs.shares:
        share = store.get(Share, share_id)
        names = [g.name for grant in share.grants if grant.target_id in removed_groups
                 and (g := store.get(Group, grant.target_id))]
        purged_shares.append((share.resource_name, ", ".join(names)))
    purged_shares.sort(key=lambda p: fold(p[0]))
    accounts = sum(1 for uid in store.ids_by(User, "structure", structure_id)
                   if (u := store.get(User, uid)) and structure_id in u.structures)
    return YearChangePlan(
        structure_id=structure_id,
        classes=tuple(classes),
        class_groups=tuple(class_groups),
        teaching_groups=tuple(teaching),
        class_links=class_links,
        group_refs=refs,
        teaching_links=teaching_links,
        detached_cleared=tuple(detached),
        accounts_kept=accounts,
        manual_groups_kept=sum(1 for g in kept_groups if g.type is GroupType.MANUAL),
        structure_groups_kept=sum(1 for g in kept_groups if g.type is not GroupType.MANUAL),
        shares_kept=shares_kept,
        purged_shares=tuple(purged_shares),
    )


def plan_lines(plan: YearChangePlan) -> list[str]:
    """The dry run in French lines: what goes, what stays (CLI and screen)."""
    f = plan.figures()
    kept = plan.shares_kept
    return [
        L.RT_YC_SECTION_REMOVED,
        L.RT_YC_LINE_CLASSES.format(count=f["classes"], names=", ".join(c.name for c in plan.classes) or "—"),
        L.RT_YC_LINE_GROUPS.format(class_groups=f["class_groups"], teaching=f["teaching_groups"],
                                   names=", ".join(g.name for g in plan.teaching_groups) or "—"),
        L.RT_YC_LINE_LINKS.format(class_links=f["class_links"], teaching_links=f["teaching_links"], users=f["users"]),
        L.RT_YC_LINE_SHARES.format(grants=f["share_grants"], shares=f["shares"]),
        *(L.RT_YC_LINE_SHARE.format(resource=name, groups=groups) for name, groups in plan.purged_shares),
        L.RT_YC_LINE_OTHER.format(comm=f["comm_links"], bookmarks=f["bookmarks"], grants=f["grants_elsewhere"],
                                  detached=f["detached_cleared"]),
        L.RT_YC_SECTION_KEPT,
        L.RT_YC_LINE_KEPT.format(accounts=plan.accounts_kept, manual=plan.manual_groups_kept,
                                 structure=plan.structure_groups_kept),
        L.RT_YC_LINE_KEPT_SHARES.format(user=kept["user"], manual=kept["manual"], structure=kept["structure"],
                                        bookmark=kept["bookmark"]),
        L.RT_YC_LINE_APPS,
    ]


def plan_year_change(session: Session) -> YearChangePlan:
    """The dry run: what the year change would do to the structure; nothing is written."""
    sid = session.structure.id
    session.require_structure(sid)
    return _plan(session.store, sid)


def run_year_change(session: Session, confirmed: dict[str, int] | None = None) -> ActionResult:
    """The year change, in one transaction after a named backup.

    `confirmed` holds the figures the admin saw (``plan.figures()``): if the
    store changed since, nothing is done and the admin is asked to look again.
    """
    sid = session.structure.id
    session.require_structure(sid)
    store = session.store
    with store.transaction(session.admin.login, "structure.year_change", structure_id=sid) as tx:
        plan = _plan(store, sid)  # the store as the lock holds it
        if confirmed is not None and plan.figures() != confirmed:
            raise ServiceError(L.RT_YC_CHANGED)
        if plan.empty:
            return ActionResult(L.RT_YC_NOTHING)
        backup = tx.backup(L.RT_BACKUP_YEAR_CHANGE)
        removed_groups = [g.id for g in plan.class_groups] + [g.id for g in plan.teaching_groups]
        stage_group_removal(tx, store, removed_groups)
        for uid, class_ids in plan.class_links.items():
            user = tx.get(User, uid)
            if user is not None:
                tx.put(user.model_copy(update={
                    "classes": tuple(c for c in user.classes if c not in class_ids),
                    "modification_date": tx.now,
                }))
        for school_class in plan.classes:
            tx.delete(SchoolClass, school_class.id)
        for uid in plan.detached_cleared:
            user = tx.get(User, uid)
            tx.put(user.model_copy(update={
                "removed_from_structures": tuple(s for s in user.removed_from_structures if s != sid),
            }))
        f = plan.figures()
        message = L.RT_YC_DONE.format(
            structure=session.structure.name, classes=f["classes"], users=f["users"],
            share_grants=f["share_grants"], groups=f["class_groups"] + f["teaching_groups"],
            backup=backup.name,
        )
        tx.journal(message, targets=[c.id for c in plan.classes], count=f["users"])
    return ActionResult(message, changed=f["users"])
