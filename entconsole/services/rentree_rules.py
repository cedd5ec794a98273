"""The rentrée checklist's detection rules (DOMAIN.md section 13), one function each.

Every rule returns the French reason shown beside the item (or None when the
item is fine), so what "left the school", "works here" and "last year's" mean
is never hidden: the checklist screen and `entconsole check` print it.

The school year the checklist prepares is the *rentrée year*: in July and
August the one starting on the next 1 September, otherwise the current one.
"""

from __future__ import annotations

import re
from datetime import date

from entconsole import labels as L
from entconsole.fmt import format_date
from entconsole.models import (
    MANUAL_SOURCES,
    Group,
    GroupType,
    Profile,
    SchoolClass,
    Structure,
    User,
    school_year_of,
)
from entconsole.store import Store
from entconsole.text import fold

SUMMER_MONTHS = (7, 8)
GAR_GROUP_NAME = "resp affect gar"  # folded: "RESP-AFFECT-GAR", "Resp Affect Gar"…

# "2023-2024", "2023/2024", "2023-24": a school year written in a name.
_YEAR_RE = re.compile(r"(?<!\d)(20\d{2})\s*[-/–]\s*(20\d{2}|\d{2})(?!\d)")


def rentree_start(today: date) -> date:
    """1 September of the rentrée being prepared."""
    year = today.year if today.month >= 9 or today.month in SUMMER_MONTHS else today.year - 1
    return date(year, 9, 1)


def rentree_year(today: date) -> str:
    return school_year_of(rentree_start(today))


def is_summer(today: date) -> bool:
    return today.month in SUMMER_MONTHS


def short_date(day: date) -> str:
    return format_date(day)


def years_in_name(name: str) -> list[int]:
    """Start years of the school years written in `name` ("APE 2023-2024" -> [2023])."""
    found = []
    for match in _YEAR_RE.finditer(name):
        start, end = int(match.group(1)), match.group(2)
        end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
        if end_year == start + 1:
            found.append(start)
    return found


def past_year_in_name(name: str, today: date) -> str | None:
    """The past school year a name carries, when it carries no current one."""
    starts = years_in_name(name)
    current = rentree_start(today).year
    if not starts or max(starts) >= current:
        return None
    start = max(starts)
    return f"{start}-{start + 1}"


# --------------------------------------------------------------------------- links of this year


def cached(store: Store, key: tuple, compute):
    """A set computed once per store generation (the rules ask it for every account)."""
    generation = store.generation  # before computing: a commit meanwhile (a thread) makes it stale
    hit = store.caches.get(key)
    if hit is not None and hit[0] == generation:
        return hit[1]
    value = compute()
    store.caches[key] = (generation, value)
    return value


def current_class_ids(store: Store, structure_id: str, today: date) -> frozenset[str]:
    """The structure's classes of the rentrée year (a class without a year counts as current)."""
    year = rentree_year(today)
    return cached(store, ("rentree.classes", structure_id, year), lambda: frozenset(
        c.id for c in store.find(SchoolClass, "structure", structure_id) if c.school_year in (None, year)
    ))


def teaching_group_ids(store: Store, structure_id: str) -> frozenset[str]:
    return cached(store, ("rentree.teaching", structure_id), lambda: frozenset(
        g.id for g in store.find(Group, "structure", structure_id) if g.type is GroupType.TEACHING
    ))


def works_here(store: Store, user: User, structure_id: str, today: date) -> bool:
    """A class of this year in the school, or a teaching group (ULIS, UPE2A) of the school."""
    if not current_class_ids(store, structure_id, today).isdisjoint(user.classes):
        return True
    return not teaching_group_ids(store, structure_id).isdisjoint(user.groups)


def _attached(user: User, structure_id: str) -> bool:
    return structure_id in user.structures and user.delete_date is None


# --------------------------------------------------------------------------- steps 1 to 3


def teacher_left(store: Store, user: User, structure_id: str, today: date) -> str | None:
    """Step 1: a teacher still attached who no longer works here.

    Left = the home school (rattachement) is not this one, and no class of
    this year nor teaching group here. Replacement teachers and PES whose home
    school is this one are never counted, with or without a class.
    """
    if user.profile is not Profile.TEACHER or not _attached(user, structure_id) or user.is_admin_of(structure_id):
        return None
    if user.home_structure == structure_id:
        return None
    if works_here(store, user, structure_id, today):
        return None
    if user.home_structure is None:
        return L.RT_WHY_TEACHER_NO_HOME
    return L.RT_WHY_TEACHER_HOME_ELSEWHERE.format(home=home_name(store, user))


def home_name(store: Store, user: User) -> str:
    structure = store.get(Structure, user.home_structure)
    return structure.name if structure else ""


def is_aesh(user: User) -> bool:
    return user.profile is Profile.PERSONNEL and "aesh" in fold(user.position or "").split()


def aesh_elsewhere(store: Store, user: User, structure_id: str, today: date) -> str | None:
    """Step 2: an AESH loaded for the PIAL with no class nor teaching group in this school."""
    if not is_aesh(user) or not _attached(user, structure_id) or user.is_admin_of(structure_id):
        return None
    if works_here(store, user, structure_id, today):
        return None
    return L.RT_WHY_AESH


def previous_year_start(today: date) -> date:
    start = rentree_start(today)
    return date(start.year - 1, 9, 1)


def has_child_here(store: Store, user: User, structure_id: str) -> bool:
    for child_id in user.children:
        child = store.get(User, child_id)
        if child is not None and _attached(child, structure_id) and child.disappearance_date is None:
            return True
    return False


def obsolete_manual(store: Store, user: User, structure_id: str, today: date) -> str | None:
    """Step 3: a manual account unused for a whole school year.

    Manual source, attached here, not an administrator, no class of this year
    here, no child in the school, and neither created nor logged in since the
    start of the previous school year.
    """
    if user.source not in MANUAL_SOURCES or not _attached(user, structure_id) or user.is_admin:
        return None
    if not current_class_ids(store, structure_id, today).isdisjoint(user.classes):
        return None
    if has_child_here(store, user, structure_id):
        return None
    cutoff = previous_year_start(today)
    if user.creation_date.date() >= cutoff:
        return None
    if user.last_login is not None:
        if user.last_login.date() >= cutoff:
            return None
        return L.RT_WHY_MANUAL_LOGIN.format(day=short_date(user.last_login.date()), cutoff=short_date(cutoff))
    return L.RT_WHY_MANUAL_NEVER.format(day=short_date(user.creation_date.date()), cutoff=short_date(cutoff))


# --------------------------------------------------------------------------- step 4


def is_gar_group(group: Group) -> bool:
    return fold(group.name) == GAR_GROUP_NAME


def last_year_group(group: Group, today: date) -> str | None:
    """Step 4: a manual group of a past school year (never RESP-AFFECT-GAR nor a locked group).

    The name wins over the creation date: "Chorale 2024-2025" created in June
    for the coming year is current; "APE 2023-2024" is last year's whenever it
    was created. A name without a year is last year's when the group was
    created before this school year's 1 September.
    """
    if group.type is not GroupType.MANUAL or group.lock_delete or is_gar_group(group):
        return None
    past = past_year_in_name(group.name, today)
    if past is not None:
        return L.RT_WHY_GROUP_NAME.format(year=past)
    if years_in_name(group.name):
        return None  # carries this year (or a later one)
    start = rentree_start(today)
    if group.created is not None and group.created.date() < start:
        return L.RT_WHY_GROUP_CREATED.format(day=short_date(group.created.date()), start=short_date(start))
    return None
