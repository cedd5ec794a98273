"""The rentrée checklist: the nine steps of the year-change guide (DOMAIN.md section 13).

:func:`checklist` computes, from the store, each step's items still to handle
with the reason each one is counted (rules in `rentree_rules`). An item the
admin marks "à conserver" (a :class:`KeepMark`, journaled) stops being counted
for this rentrée. The fixes are the console's own actions (one call, one
transaction, one journal entry each); the bulk ones write a named backup first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

from entconsole import labels as L
from entconsole.fmt import pick
from entconsole.models import (
    MANUAL_SOURCES,
    BlockAction,
    BlockTrace,
    FlashColor,
    FlashMessage,
    Group,
    GroupType,
    KeepMark,
    Profile,
    SchoolClass,
    User,
)
from entconsole.services import rentree_rules as rules
from entconsole.services.accounts import deletion_kind, put_user
from entconsole.services.bookmarks import stale_bookmarks
from entconsole.services.errors import NotFound, PermissionDenied, ServiceError
from entconsole.services.flash import DEFAULT_LANGUAGE, FlashDraft, FlashStatus, flash_status, message_text
from entconsole.services.group_purge import stage_group_removal
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.services.user_list import FilterState, step_users_state
from entconsole.services.users import structure_users, users_of_structure
from entconsole.store import Store
from entconsole.text import fold


class Step(StrEnum):
    """The guide's steps, in its order."""

    TEACHERS_LEFT = "teachers_left"
    AESH = "aesh"
    MANUAL_ACCOUNTS = "manual_accounts"
    MANUAL_GROUPS = "manual_groups"
    BOOKMARKS = "bookmarks"
    CLASSES = "classes"
    GAR = "gar"
    COMMUNICATE = "communicate"
    SUMMER = "summer"


class Period(StrEnum):
    BEFORE_ONDE = "before_onde"
    AFTER_ONDE = "after_onde"
    SUMMER = "summer"


PERIOD = {
    Step.TEACHERS_LEFT: Period.BEFORE_ONDE,
    Step.AESH: Period.BEFORE_ONDE,
    Step.MANUAL_ACCOUNTS: Period.BEFORE_ONDE,
    Step.MANUAL_GROUPS: Period.BEFORE_ONDE,
    Step.BOOKMARKS: Period.BEFORE_ONDE,
    Step.CLASSES: Period.AFTER_ONDE,
    Step.GAR: Period.AFTER_ONDE,
    Step.COMMUNICATE: Period.BEFORE_ONDE,
    Step.SUMMER: Period.SUMMER,
}
STEPS = tuple(Step)
FAMILY_PROFILES = (Profile.STUDENT, Profile.RELATIVE)


@dataclass(frozen=True)
class Item:
    """One thing a step counts: an account, a group, a bookmark, a class, a profile…"""

    id: str
    label: str
    reason: str
    kept: bool = False
    kind: str | None = None  # step 3: "delete" / "predelete"; step 9: the profile
    weight: int = 1  # how many accounts the item stands for (step 9: a whole profile)


@dataclass(frozen=True)
class StepReport:
    step: Step
    items: tuple[Item, ...]  # every item the rule finds, kept ones included
    note: str | None = None  # e.g. "no RESP-AFFECT-GAR group in this school"

    @property
    def number(self) -> int:
        return STEPS.index(self.step) + 1

    @property
    def period(self) -> Period:
        return PERIOD[self.step]

    @property
    def todo(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if not i.kept)

    @property
    def kept(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.kept)

    @property
    def count(self) -> int:
        return sum(i.weight for i in self.todo)

    @property
    def done(self) -> bool:
        return self.count == 0

    @property
    def title(self) -> str:
        return L.RT_STEP_TITLE[self.step.value]

    @property
    def purpose(self) -> str:
        return L.RT_STEP_PURPOSE[self.step.value]

    @property
    def rule(self) -> str:
        return L.RT_STEP_RULE[self.step.value]


@dataclass(frozen=True)
class Checklist:
    school_year: str
    steps: tuple[StepReport, ...] = field(default_factory=tuple)

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.steps if s.done)

    @property
    def progress(self) -> str:
        return L.RT_PROGRESS.format(done=self.done_count, total=len(self.steps))

    def step(self, step: Step) -> StepReport:
        return next(s for s in self.steps if s.step is step)


# --------------------------------------------------------------------------- marks


def kept_ids(store: Store, structure_id: str, step: Step, school_year: str) -> set[str]:
    return {
        m.item_id
        for m in store.find(KeepMark, "structure", structure_id)
        if m.step == step.value and m.school_year == school_year
    }


def set_kept(session: Session, step: Step, item_ids: Iterable[str], keep: bool = True) -> ActionResult:
    """Mark items "à conserver" (or take the mark back) for this rentrée, in one transaction."""
    sid = session.structure.id
    session.require_structure(sid)
    year = rules.rentree_year(session.today)
    known = {i.id: i for i in step_report(session, step).items}
    wanted = list(dict.fromkeys(item_ids))
    if any(i not in known for i in wanted):
        raise NotFound(L.RT_ITEM_UNKNOWN)
    store = session.store
    with store.transaction(session.admin.login, "rentree.keep" if keep else "rentree.unkeep", structure_id=sid) as tx:
        marks = [m for m in store.find(KeepMark, "structure", sid) if m.step == step.value and m.school_year == year]
        marked = {m.item_id: m for m in marks}
        changed = []
        for item_id in wanted:
            if keep and item_id not in marked:
                tx.put(KeepMark(structure_id=sid, step=step.value, item_id=item_id, school_year=year,
                                by_login=session.admin.login, date=tx.now))
                changed.append(item_id)
            elif not keep and item_id in marked:
                tx.delete(KeepMark, marked[item_id].id)
                changed.append(item_id)
        template = L.RT_KEPT if keep else L.RT_UNKEPT
        message = pick(len(changed), template).format(count=len(changed), step=L.RT_STEP_TITLE[step.value])
        if changed:
            tx.journal(message, targets=changed)
    return ActionResult(message, changed=len(changed), skipped=len(wanted) - len(changed))


# --------------------------------------------------------------------------- the steps


def attached_users(store: Store, structure_id: str) -> tuple[User, ...]:
    """The structure's attached accounts, listed once per store generation (several steps read them)."""
    return rules.cached(store, ("rentree.users", structure_id), lambda: tuple(structure_users(store, structure_id)))


def _user_items(session: Session, step: Step, rule) -> list[Item]:
    store, sid, today = session.store, session.structure.id, session.today
    kept = kept_ids(store, sid, step, rules.rentree_year(today))
    items = []
    for user in attached_users(store, sid):
        reason = rule(store, user, sid, today)
        if reason is None:
            continue
        kind = deletion_kind(user) if step is Step.MANUAL_ACCOUNTS else None
        if kind is not None:
            reason = f"{reason} · {L.RT_DELETION_KIND[kind]}"
        items.append(Item(user.id, user.display_name, reason, user.id in kept, kind))
    return sorted(items, key=lambda i: (fold(i.label), i.id))


def _groups_items(session: Session) -> list[Item]:
    store, sid, today = session.store, session.structure.id, session.today
    kept = kept_ids(store, sid, Step.MANUAL_GROUPS, rules.rentree_year(today))
    items = []
    for group in store.find(Group, "structure", sid):
        reason = rules.last_year_group(group, today)
        if reason is not None:
            items.append(Item(group.id, group.name, reason, group.id in kept))
    return sorted(items, key=lambda i: (fold(i.label), i.id))


GONE_NAMED = 3  # gone members named in a bookmark's reason


def _bookmark_items(session: Session) -> list[Item]:
    kept = kept_ids(session.store, session.structure.id, Step.BOOKMARKS, rules.rentree_year(session.today))
    return [
        Item(r.bookmark.id, L.RT_BKM_LABEL.format(name=r.bookmark.name, owner=r.owner.display_name),
             " · ".join(r.reasons(named=GONE_NAMED)), r.bookmark.id in kept)
        for r in stale_bookmarks(session)
    ]


def pupils_by_class(store: Store, class_ids: Iterable[str]) -> dict[str, int]:
    counts = {}
    for class_id in class_ids:
        counts[class_id] = sum(
            1 for uid in store.ids_by(User, "class", class_id)
            if (u := store.get(User, uid)) and u.profile is Profile.STUDENT and u.delete_date is None
        )
    return counts


def teachers_of_school(session: Session) -> list[User]:
    """Teachers who belong to the school this year: attached, not leaving, not counted as left."""
    store, sid, today = session.store, session.structure.id, session.today
    kept_left = kept_ids(store, sid, Step.TEACHERS_LEFT, rules.rentree_year(today))
    found = []
    for user in attached_users(store, sid):
        if user.profile is not Profile.TEACHER or user.delete_date or user.disappearance_date:
            continue
        if rules.teacher_left(store, user, sid, today) is not None and user.id not in kept_left:
            continue
        found.append(user)
    return sorted(found, key=lambda u: (fold(u.display_name), u.id))


def teachers_without_class(session: Session) -> list[User]:
    """Candidates for step 6: teachers of the school with no class of this year here."""
    current = rules.current_class_ids(session.store, session.structure.id, session.today)
    return [t for t in teachers_of_school(session) if not set(t.classes) & current]


def _class_items(session: Session) -> list[Item]:
    """Step 6: classes of this year holding pupils but no teacher (only those can be attached)."""
    store, sid, today = session.store, session.structure.id, session.today
    kept = kept_ids(store, sid, Step.CLASSES, rules.rentree_year(today))
    current = rules.current_class_ids(store, sid, today)
    pupils = pupils_by_class(store, current)
    items = []
    for class_id in current:
        if pupils[class_id] == 0:
            continue
        has_teacher = any(
            (u := store.get(User, uid)) and u.profile is Profile.TEACHER and u.delete_date is None
            and sid in u.structures
            for uid in store.ids_by(User, "class", class_id)
        )
        if not has_teacher:
            school_class = store.get(SchoolClass, class_id)
            reason = pick(pupils[class_id], L.RT_WHY_CLASS).format(count=pupils[class_id])
            items.append(Item(class_id, school_class.name, reason, class_id in kept))
    return sorted(items, key=lambda i: (fold(i.label), i.id))


def gar_group(session: Session) -> Group | None:
    for group in session.store.find(Group, "structure", session.structure.id):
        if group.type is GroupType.MANUAL and rules.is_gar_group(group):
            return group
    return None


def _gar_items(session: Session) -> tuple[list[Item], str | None]:
    group = gar_group(session)
    if group is None:
        return [], L.RT_GAR_MISSING
    kept = kept_ids(session.store, session.structure.id, Step.GAR, rules.rentree_year(session.today))
    items = [
        Item(t.id, t.display_name, L.RT_WHY_GAR, t.id in kept)
        for t in teachers_of_school(session)
        if group.id not in t.groups
    ]
    return items, None


def rentree_messages(session: Session) -> list[FlashMessage]:
    """Current or coming flash messages of the school for families that speak of the rentrée."""
    found = []
    for message in session.store.find(FlashMessage, "structure", session.structure.id):
        if flash_status(message, session.today) is FlashStatus.OBSOLETE:
            continue
        if not {Profile.RELATIVE.value, Profile.STUDENT.value} & set(message.profiles):
            continue
        if "rentree" in fold(f"{message.title} {message_text(message)}"):
            found.append(message)
    return found


def _communicate_items(session: Session) -> list[Item]:
    if rentree_messages(session):
        return []
    year = rules.rentree_year(session.today)
    item_id = f"flash-{year}"
    kept = kept_ids(session.store, session.structure.id, Step.COMMUNICATE, year)
    return [Item(item_id, L.RT_COMMUNICATE_ITEM, L.RT_WHY_COMMUNICATE, item_id in kept)]


def last_mass_action(store: Store, structure_id: str, profile: Profile) -> BlockTrace | None:
    traces = [t for t in store.find(BlockTrace, "structure", structure_id) if t.profile is profile]
    return max(traces, key=lambda t: t.date, default=None)


def _summer_items(session: Session) -> list[Item]:
    """Step 9: in summer, families not blocked; after it, families still blocked by a summer block.

    Accounts blocked one by one (at a parent's request, after a report) are
    not counted: only a Blocage en lot not yet undone is.
    """
    from entconsole.services.mass_block import profile_rows

    store, sid, today = session.store, session.structure.id, session.today
    kept = kept_ids(store, sid, Step.SUMMER, rules.rentree_year(today))
    items = []
    rows = {r.profile: r for r in profile_rows(session)}  # one pass over the accounts
    for profile in FAMILY_PROFILES:
        row = rows[profile]
        label = L.PROFILE_PLURAL[profile.value]
        if rules.is_summer(today):
            if row.to_block:
                items.append(Item(profile.value, label, pick(row.to_block, L.RT_WHY_SUMMER_OPEN).format(count=row.to_block),
                                  profile.value in kept, kind=BlockAction.BLOCK.value, weight=row.to_block))
            continue
        trace = last_mass_action(store, sid, profile)
        if trace is not None and trace.action is BlockAction.BLOCK and row.to_unblock:
            reason = pick(row.to_unblock, L.RT_WHY_SUMMER_BLOCKED).format(
                count=row.to_unblock, day=rules.short_date(trace.date.date()))
            items.append(Item(profile.value, label, reason, profile.value in kept,
                              kind=BlockAction.UNBLOCK.value, weight=row.to_unblock))
    return items


def step_report(session: Session, step: Step) -> StepReport:
    sid = session.structure.id
    session.require_structure(sid)
    note = None
    if step is Step.TEACHERS_LEFT:
        items = _user_items(session, step, rules.teacher_left)
    elif step is Step.AESH:
        items = _user_items(session, step, rules.aesh_elsewhere)
    elif step is Step.MANUAL_ACCOUNTS:
        items = _user_items(session, step, rules.obsolete_manual)
    elif step is Step.MANUAL_GROUPS:
        items = _groups_items(session)
    elif step is Step.BOOKMARKS:
        items = _bookmark_items(session)
    elif step is Step.CLASSES:
        items = _class_items(session)
    elif step is Step.GAR:
        items, note = _gar_items(session)
    elif step is Step.COMMUNICATE:
        items = _communicate_items(session)
    else:
        items = _summer_items(session)
    return StepReport(step, tuple(items), note)


def checklist(session: Session) -> Checklist:
    return Checklist(rules.rentree_year(session.today), tuple(step_report(session, s) for s in STEPS))


def checklist_unless(session: Session, stop: Callable[[], bool]) -> Checklist | None:
    """checklist(), or None when `stop()` is true before a step (a thread told to stop:
    seconds at 100,000 accounts that the screen needs for something else)."""
    reports = []
    for step in STEPS:
        if stop():
            return None
        reports.append(step_report(session, step))
    return Checklist(rules.rentree_year(session.today), tuple(reports))


# --------------------------------------------------------------------------- fixes


def _todo_ids(session: Session, step: Step, item_ids: Iterable[str]) -> list[str]:
    """The asked items, each checked to be one the step counts (kept ones included)."""
    known = {i.id for i in step_report(session, step).items}
    wanted = list(dict.fromkeys(item_ids))
    if not wanted:
        raise ServiceError(L.RT_NOTHING_MARKED)
    if any(i not in known for i in wanted):
        raise NotFound(L.RT_ITEM_UNKNOWN)
    return wanted


def detach_users(session: Session, step: Step, user_ids: Iterable[str]) -> ActionResult:
    """Steps 1 and 2: "Retirer de cet établissement" for many accounts, one transaction.

    Only accounts the step counts are accepted, so a teacher whose home school
    is this one (replacement, PES) can never be detached from here.
    """
    if step not in (Step.TEACHERS_LEFT, Step.AESH):
        raise ServiceError(L.RT_ITEM_UNKNOWN)
    ids = _todo_ids(session, step, user_ids)
    store = session.store
    sid = session.structure.id
    with store.transaction(session.admin.login, "user.detach", structure_id=sid) as tx:
        users = users_of_structure(tx, session, ids)
        if any(u.home_structure == sid or u.id == session.admin_id for u in users):
            raise PermissionDenied(L.RT_DETACH_REFUSED)
        if len(users) > 1:
            tx.backup(L.RT_BACKUP_DETACH)
        local_classes = {c.id for c in store.find(SchoolClass, "structure", sid)}
        local_groups = {g.id for g in store.find(Group, "structure", sid)}
        for user in users:
            put_user(
                tx,
                user,
                structures=tuple(s for s in user.structures if s != sid),
                removed_from_structures=tuple(dict.fromkeys(user.removed_from_structures + (sid,))),
                classes=tuple(c for c in user.classes if c not in local_classes),
                groups=tuple(g for g in user.groups if g not in local_groups),
            )
        if len(users) == 1:
            message = L.CARD_DETACHED.format(name=users[0].display_name, structure=session.structure.name)
        else:
            message = L.RT_DETACHED.format(count=len(users), structure=session.structure.name)
        tx.journal(message, targets=[u.id for u in users])
    return ActionResult(message, changed=len(users))


def delete_manual_accounts(session: Session, user_ids: Iterable[str]) -> ActionResult:
    """Step 3: "Supprimer" never-activated accounts, "Pré-supprimer" the others (accounts.delete_users)."""
    from entconsole.services.accounts import delete_users

    ids = _todo_ids(session, Step.MANUAL_ACCOUNTS, user_ids)
    return delete_users(session, ids, skip_ineligible=True)


def delete_groups(session: Session, group_ids: Iterable[str]) -> ActionResult:
    """Step 4: delete last year's manual groups in one transaction (never RESP-AFFECT-GAR)."""
    ids = _todo_ids(session, Step.MANUAL_GROUPS, group_ids)
    store = session.store
    sid = session.structure.id
    with store.transaction(session.admin.login, "group.delete", structure_id=sid) as tx:
        groups = [tx.get(Group, gid) for gid in ids]
        if any(g is None or g.type is not GroupType.MANUAL or g.lock_delete or rules.is_gar_group(g) for g in groups):
            raise PermissionDenied(L.RT_GROUP_REFUSED)
        if len(groups) > 1:
            tx.backup(L.RT_BACKUP_GROUPS)
        refs = stage_group_removal(tx, store, ids)
        if len(groups) == 1:
            message = L.GROUP_DELETED.format(name=groups[0].name, count=len(refs.members))
        else:
            message = L.RT_GROUPS_DELETED.format(count=len(groups), members=len(refs.members))
        tx.journal(message, targets=[*ids, *refs.members], count=len(groups))
    return ActionResult(message, changed=len(groups))


def add_teachers_to_gar(session: Session, user_ids: Iterable[str] | None = None) -> ActionResult:
    """Step 7: put the missing teachers (all by default) in RESP-AFFECT-GAR, one transaction."""
    from entconsole.services.accounts import add_to_group

    group = gar_group(session)
    if group is None:
        raise NotFound(L.RT_GAR_MISSING)
    report = step_report(session, Step.GAR)
    ids = [i.id for i in report.todo] if user_ids is None else _todo_ids(session, Step.GAR, user_ids)
    if not ids:
        raise ServiceError(L.RT_NOTHING_MARKED)
    return add_to_group(session, ids, group.id)


def attach_teacher(session: Session, class_id: str, teacher_id: str) -> ActionResult:
    """Step 6: attach a teacher to a class holding pupils (accounts.add_class checks the class)."""
    from entconsole.services.accounts import add_class

    _todo_ids(session, Step.CLASSES, [class_id])
    return add_class(session, teacher_id, class_id)


def summer_fix(session: Session, profile: Profile) -> ActionResult:
    """Step 9: the Blocage en lot the step asks for that profile (block in summer, unblock after)."""
    from entconsole.services.mass_block import mass_block

    item = next((i for i in step_report(session, Step.SUMMER).items if i.id == profile.value), None)
    if item is None:
        raise NotFound(L.RT_ITEM_UNKNOWN)
    return mass_block(session, profile, BlockAction(item.kind))


# --------------------------------------------------------------------------- where the guide does it


# The Utilisateurs filter the guide uses for each step done from the users list
# (000_*: "filtre enseignants", "filtre Personnels", "filtre Sources, Manuel").
USERS_LIST_FILTER: dict[Step, dict] = {
    Step.TEACHERS_LEFT: {"profiles": (Profile.TEACHER,)},
    Step.AESH: {"profiles": (Profile.PERSONNEL,)},
    Step.MANUAL_ACCOUNTS: {"sources": tuple(sorted(MANUAL_SOURCES))},  # the rule counts every manual source
}


def users_list_state(session: Session, step: Step) -> FilterState:
    """The Utilisateurs filters showing exactly the accounts `step` still counts (kept ones left out)."""
    if step not in USERS_LIST_FILTER:
        raise ServiceError(L.RTU_NO_USERS_STEP)
    report = step_report(session, step)
    return step_users_state(step.value, (i.id for i in report.todo), **USERS_LIST_FILTER[step])


RENTREE_FLASH_DAYS = 14  # shown two weeks from the rentrée (or from today, once it is past)
RENTREE_FLASH_PROFILES = (Profile.RELATIVE.value, Profile.STUDENT.value)  # step 8 counts messages for families


def rentree_flash_draft(session: Session) -> FlashDraft:
    """Step 8: a rentrée message for families to edit in the flash form (nothing saved here).

    Practical information only, as the guide asks; a blue banner (information,
    not an alert); no notification ticked. The title and text say "rentrée",
    so once published the step counts it.
    """
    today = session.today
    year = rules.rentree_year(today)
    start = max(today, rules.rentree_start(today))
    return FlashDraft(
        title=L.RTU_FLASH_TITLE.format(year=year),
        start=today,
        end=start + timedelta(days=RENTREE_FLASH_DAYS),
        profiles=RENTREE_FLASH_PROFILES,
        contents={DEFAULT_LANGUAGE: L.RTU_FLASH_TEXT.format(school=session.structure.name, year=year)},
        color=FlashColor.BLUE,
    )
