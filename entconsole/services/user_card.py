"""What the user card shows (DOMAIN.md sections 2, 3 and 7): read-only facts.

No Textual here: the card screen turns these facts into widgets, and the rules
stay in the action services (accounts, duplicates). Nothing in this module
writes to the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from entconsole import labels as L
from entconsole.models import (
    ADMIN_LOCAL,
    GroupType,
    Group,
    Profile,
    SchoolClass,
    Structure,
    User,
)
from entconsole.services.accounts import (
    days_left,
    deletion_kind,
    fed_by_feed,
    local_admins,
)
from entconsole.services.duplicates import is_blocking
from entconsole.services.session import Session
from entconsole.services.users import UserQuery, query_users
from entconsole.text import fold

PICK_LIMIT = 50  # people offered at once by a search; the admin refines beyond


# --------------------------------------------------------------------------- formatting


def short_date(day: date | None) -> str:
    """dd/mm/yyyy, "—" when unknown."""
    return day.strftime("%d/%m/%Y") if day else L.CARD_NONE


def short_datetime(moment: datetime | None) -> str:
    return moment.strftime("%d/%m/%Y %H:%M") if moment else L.CARD_NONE


def size_text(size: int) -> str:
    """Bytes as the console shows them: "12,5 Mo" (decimal comma)."""
    value = float(max(0, size))
    for unit in L.CARD_SIZE_UNITS[:-1]:
        if value < 1024:
            break
        value /= 1024
    else:
        unit = L.CARD_SIZE_UNITS[-1]
    if unit == L.CARD_SIZE_UNITS[0]:
        return f"{int(value)} {unit}"
    return f"{value:.1f} {unit}".replace(".", ",")


def quota_text(user: User) -> tuple[str, float]:
    """("12,5 Mo utilisés sur 100,0 Mo (12 %)", ratio between 0 and 1)."""
    ratio = user.quota_used / user.quota if user.quota > 0 else 0.0
    text = L.CARD_QUOTA_USED.format(
        used=size_text(user.quota_used), total=size_text(user.quota), percent=round(ratio * 100)
    )
    return text, min(1.0, ratio)


def days_text(days: int) -> str:
    return L.CARD_DAYS.format(days=days)


# --------------------------------------------------------------------------- banners


class BannerKind(StrEnum):
    ADMIN = "admin"
    INACTIVE = "inactive"
    BLOCKED = "blocked"
    DETACHED = "detached"
    DUPLICATE = "duplicate"
    PREDELETED = "predeleted"
    PENDING = "pending"


@dataclass(frozen=True)
class Banner:
    kind: BannerKind
    text: str
    action: str | None = None  # the card action offered beside the banner
    action_label: str | None = None


def banners(session: Session, user: User) -> list[Banner]:
    """The header's banners, in DOMAIN.md's status order (admin first)."""
    sid = session.structure.id
    out: list[Banner] = []
    if sid in user.functions.get(ADMIN_LOCAL, ()):
        out.append(Banner(BannerKind.ADMIN, L.BANNER_ADMIN))
    if not user.activated:
        out.append(Banner(BannerKind.INACTIVE, L.BANNER_INACTIVE.format(code=user.activation_code)))
    if user.blocked:
        out.append(Banner(BannerKind.BLOCKED, L.BANNER_BLOCKED, "unblock", L.ACT_UNBLOCK))
    if sid in user.removed_from_structures and sid not in user.structures:
        out.append(Banner(BannerKind.DETACHED, L.BANNER_DETACHED, "reattach", L.ACT_REATTACH))
    if user.duplicates:
        out.append(
            Banner(
                BannerKind.DUPLICATE,
                L.BANNER_DUPLICATE.format(count=len(user.duplicates)),
                "duplicates",
                L.ACT_DUPLICATES,
            )
        )
    left = days_left(user, session.today)
    if user.delete_date is not None:
        out.append(
            Banner(
                BannerKind.PREDELETED,
                L.BANNER_PREDELETED.format(days=days_text(left or 0)),
                "restore",
                L.ACT_RESTORE,
            )
        )
    elif user.disappearance_date is not None:
        out.append(Banner(BannerKind.PENDING, L.BANNER_PENDING.format(days=days_text(left or 0))))
    return out


# --------------------------------------------------------------------------- what may be done


def admin_right_offered(user: User) -> bool:
    """"Attribuer droit d'Administrateur local" is not offered to pupils and parents."""
    return user.profile not in (Profile.STUDENT, Profile.RELATIVE)


def is_local_admin(session: Session, user: User) -> bool:
    return session.structure.id in user.functions.get(ADMIN_LOCAL, ())


def is_attached(session: Session, user: User) -> bool:
    return session.structure.id in user.structures


def renewal_shown(user: User, now: datetime) -> tuple[str, datetime] | None:
    """The current password-renewal code and its end, if it is still valid."""
    if user.renewal_code and user.renewal_code_expires and user.renewal_code_expires > now:
        return user.renewal_code, user.renewal_code_expires
    return None


def feed_warning(user: User) -> str | None:
    if not fed_by_feed(user):
        return None
    return L.CARD_FEED_LINE.format(source=L.SOURCE[user.source.value])


def delete_offer(user: User, session: Session) -> str | None:
    """"delete", "predelete" or None (the acting admin never deletes themself)."""
    if user.id == session.admin_id:
        return None
    return deletion_kind(user)


def admin_summary(session: Session) -> tuple[int, str]:
    """How many local admins the structure has, and their names."""
    found = local_admins(session)
    return len(found), ", ".join(u.display_name for u in found) or L.CARD_NONE


# --------------------------------------------------------------------------- lists


@dataclass(frozen=True)
class Item:
    """One row of a card list: `removable` says whether this admin may remove it here."""

    id: str
    label: str
    detail: str = ""
    removable: bool = True
    struck: bool = False


def _structure_name(session: Session, structure_id: str) -> str:
    structure = session.store.get(Structure, structure_id)
    return structure.name if structure else structure_id


def structure_items(session: Session, user: User) -> list[Item]:
    """Attached structures, then detached ones (struck through, re-attachable here)."""
    sid = session.structure.id
    items = []
    for structure_id in user.structures:
        details = []
        if structure_id == sid:
            details.append(L.CARD_STRUCTURE_CURRENT)
        if structure_id == user.home_structure:
            details.append(L.CARD_STRUCTURE_HOME)
        items.append(
            Item(structure_id, _structure_name(session, structure_id), " · ".join(details), structure_id == sid)
        )
    for structure_id in user.removed_from_structures:
        if structure_id in user.structures:
            continue
        details = [L.CARD_STRUCTURE_DETACHED]
        if structure_id == user.home_structure:
            details.append(L.CARD_STRUCTURE_HOME)
        items.append(
            Item(structure_id, _structure_name(session, structure_id), " · ".join(details),
                 structure_id == sid, struck=True)
        )
    return items


def class_items(session: Session, user: User) -> list[Item]:
    """The user's classes; only this structure's can be removed from here."""
    sid = session.structure.id
    items = []
    for class_id in user.classes:
        school_class = session.store.get(SchoolClass, class_id)
        if school_class is None:
            continue
        here = school_class.structure_id == sid
        detail = "" if here else _structure_name(session, school_class.structure_id)
        items.append(Item(class_id, school_class.name, detail, removable=here))
    return sorted(items, key=lambda i: (not i.removable, fold(i.label)))


def group_items(session: Session, user: User, kind: GroupType) -> list[Item]:
    sid = session.structure.id
    items = []
    for group_id in user.groups:
        group = session.store.get(Group, group_id)
        if group is None or group.type is not kind:
            continue
        here = group.structure_id == sid
        detail = "" if here else _structure_name(session, group.structure_id)
        items.append(Item(group_id, group.name, detail, removable=here))
    return sorted(items, key=lambda i: (not i.removable, fold(i.label)))


def family_profile(user: User) -> Profile | None:
    """Whom the family section lists: a pupil's parents, a parent's children."""
    if user.profile is Profile.STUDENT:
        return Profile.RELATIVE
    if user.profile is Profile.RELATIVE:
        return Profile.STUDENT
    return None


def family_items(session: Session, user: User) -> list[Item]:
    ids = user.relatives if user.profile is Profile.STUDENT else user.children
    items = []
    for other_id in ids:
        other = session.store.get(User, other_id)
        if other is None:
            continue
        details = [L.CARD_STATUS_SHORT[s.value] for s in other.statuses]
        items.append(Item(other.id, other.display_name, " · ".join(details)))
    return sorted(items, key=lambda i: fold(i.label))


def family_candidates(session: Session, user: User, search: str) -> tuple[list[User], int]:
    """Parents (for a pupil) or pupils (for a parent) of the structure matching `search`.

    Returns at most PICK_LIMIT accounts and how many more matched.
    """
    profile = family_profile(user)
    if profile is None:
        return [], 0
    linked = set(user.relatives) | set(user.children)
    found = [
        u
        for u in query_users(session.store, session.structure.id, UserQuery(search=search, profiles=frozenset({profile})))
        if u.id not in linked
    ]
    return found[:PICK_LIMIT], max(0, len(found) - PICK_LIMIT)


def pupil_candidates(session: Session, search: str, exclude: set[str] = frozenset()) -> tuple[list[User], int]:
    """Pupils of the structure for the creation form's "Enfant(s)"."""
    query = UserQuery(search=search, profiles=frozenset({Profile.STUDENT}))
    found = [u for u in query_users(session.store, session.structure.id, query) if u.id not in exclude]
    return found[:PICK_LIMIT], max(0, len(found) - PICK_LIMIT)


@dataclass(frozen=True)
class DuplicateRow:
    other: User
    score: int
    blocking: bool


def duplicate_rows(session: Session, user: User) -> list[DuplicateRow]:
    rows = []
    for duplicate in user.duplicates:
        other = session.store.get(User, duplicate.user_id)
        if other is not None:
            rows.append(DuplicateRow(other, duplicate.score, is_blocking(duplicate.score)))
    return rows


def account_state(user: User) -> str:
    return L.CARD_ACTIVATED if user.activated else L.CARD_NOT_ACTIVATED


@dataclass(frozen=True)
class CompareRow:
    label: str
    left: str
    right: str
    same: bool


def compare_rows(session: Session, a: User, b: User) -> list[CompareRow]:
    """"Comparer": the two accounts side by side, equal values marked."""

    def names(ids, model) -> str:
        found = [d.name for i in ids if (d := session.store.get(model, i))]
        return ", ".join(sorted(found, key=fold)) or L.CARD_NONE

    def people(ids) -> str:
        found = [u.display_name for i in ids if (u := session.store.get(User, i))]
        return ", ".join(sorted(found, key=fold)) or L.CARD_NONE

    def row(label: str, left: str, right: str, *, folded: bool = False) -> CompareRow:
        # two missing values are not a match (they do not count in the score either)
        same = left != L.CARD_NONE and (fold(left) == fold(right) if folded else left == right)
        return CompareRow(label, left, right, same)

    return [
        row(L.FIELD_LAST_NAME, a.last_name, b.last_name, folded=True),
        row(L.FIELD_FIRST_NAME, a.first_name, b.first_name, folded=True),
        row(L.FIELD_BIRTH_DATE, short_date(a.birth_date), short_date(b.birth_date)),
        row(L.CARD_EMAIL, a.email or L.CARD_NONE, b.email or L.CARD_NONE, folded=True),
        row(L.CARD_PROFILE, L.PROFILE[a.profile.value], L.PROFILE[b.profile.value]),
        row(L.CARD_SOURCE, L.SOURCE[a.source.value], L.SOURCE[b.source.value]),
        row(L.CARD_LOGIN, a.login, b.login),
        row(L.CARD_STATE, account_state(a), account_state(b)),
        row(L.CARD_CREATED, short_datetime(a.creation_date), short_datetime(b.creation_date)),
        row(L.CARD_LAST_LOGIN_LABEL, short_datetime(a.last_login), short_datetime(b.last_login)),
        row(L.CARD_STRUCTURES, names(a.structures, Structure), names(b.structures, Structure)),
        row(L.CARD_CLASSES, names(a.classes, SchoolClass), names(b.classes, SchoolClass)),
        row(L.CARD_FAMILY, people(a.relatives + a.children), people(b.relatives + b.children)),
    ]


def both_activated(a: User, b: User) -> bool:
    """The merge will be refused (DOMAIN.md): say so before the admin tries."""
    return a.activated and b.activated
