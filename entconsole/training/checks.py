"""The declarative checks of training scenarios: a small vocabulary, one evaluator.

A step of a scenario holds one or more checks (TOML tables with a `kind`);
the step is done when every check holds on the trainee's store. The
vocabulary (every field but `kind` is required unless a default is shown):

| kind | fields | holds when |
|---|---|---|
| `user_detached` | `user` | the user is no longer attached to the school (detached, or deleted) |
| `user_attached` | `user` | the user is still attached to the school and not pre-deleted |
| `user_removed` | `user` | the account is deleted or pre-deleted |
| `user_blocked` | `user`, `blocked = true` | the account's blocked flag is `blocked` |
| `user_in_class` | `user`, `class` | the user is in the school's class named `class` |
| `user_in_group` | `user`, `group` | the user is a member of the school's group named `group` |
| `user_created` | `first_name`, `last_name`, `profile`, `source = "MANUAL"`, `children = []` | an account of the school has these names, profile and source, and among its children every pupil listed |
| `group_exists` | `group` | the school has a group named `group` |
| `group_absent` | `group` | the school has no group named `group` |
| `group_has_profile` | `group`, `profile` | every account of `profile` attached to the school (pre-deleted ones aside) is a member of `group` |
| `profile_blocked` | `profile`, `blocked = true` | every account of `profile` in the school, local admins aside, has the blocked flag `blocked` (and there is at least one) |
| `flash_live` | `title`, `profiles`, `on` (default: the scenario's day) | a flash message of the school with this title targets at least `profiles` and is shown on day `on` |
| `report_treated` | `text`, `action = "DELETE"` | the school's report whose text contains `text` was treated with `action` (DELETE or KEEP) |
| `bookmark_absent` | `bookmark`, `owner = none` | no share bookmark of the school's users (of `owner`, if given) is named `bookmark` (deleted, or renamed) |
| `bookmark_clean` | `bookmark`, `owner = none` | a share bookmark so named exists, and every one so named has members, none of them gone |

Users are named as the users list shows them, "Nom Prénom" (`"Lefebvre
Clément"`); names, titles and texts are compared without accents, case or
hyphens. A departure (`user_detached`, `user_removed`) must hold for every
account so named (a homonym created later keeps it false); the other user
checks need one account so named that satisfies them. Profiles use the store's codes: Teacher, Student, Relative,
Personnel, Guest. Pupils in `children` are named the same way.

Share bookmarks are those the Favoris de partage screen lists: the bookmarks
of the users attached to the school; `owner` names their owner like a user.
A member is "gone" by the rule of services/bookmarks.py (pre-deleted,
pending deletion, detached, out of the owner's schools, or missing), so a
check turns false again when a member leaves after the cleaning.

Validation (pydantic) catches unknown kinds, missing or extra fields and bad
values when the scenario is loaded; `references` lists the users, groups and
classes a check names so that a scenario can be checked against its starting
store before anyone trains on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from entconsole import labels as L

from entconsole.models import (
    ADMIN_LOCAL_TARGET,
    Group,
    Profile,
    Report,
    ReportAction,
    SchoolClass,
    ShareBookmark,
    Source,
    User,
)
from entconsole.services import flash as flash_service
from entconsole.services.bookmarks import member_state
from entconsole.store import Store
from entconsole.text import fold, has_control


class _Check(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", L.TRAIN_VAL_BLANK)
    return value.strip()


class UserCheck(_Check):
    user: str

    _user_not_blank = field_validator("user")(_not_blank)


class UserDetached(UserCheck):
    kind: Literal["user_detached"]


class UserAttached(UserCheck):
    kind: Literal["user_attached"]


class UserRemoved(UserCheck):
    kind: Literal["user_removed"]


class UserBlocked(UserCheck):
    kind: Literal["user_blocked"]
    blocked: bool = True


class UserInClass(UserCheck):
    kind: Literal["user_in_class"]
    class_: str = Field(alias="class")

    _class_not_blank = field_validator("class_")(_not_blank)


class UserInGroup(UserCheck):
    kind: Literal["user_in_group"]
    group: str

    _group_not_blank = field_validator("group")(_not_blank)


class UserCreated(_Check):
    kind: Literal["user_created"]
    first_name: str
    last_name: str
    profile: Profile
    source: Source = Source.MANUAL
    children: tuple[str, ...] = ()

    _names_not_blank = field_validator("first_name", "last_name")(_not_blank)


class GroupExists(_Check):
    kind: Literal["group_exists"]
    group: str

    _group_not_blank = field_validator("group")(_not_blank)


class GroupAbsent(GroupExists):
    kind: Literal["group_absent"]  # type: ignore[assignment]


class GroupHasProfile(_Check):
    kind: Literal["group_has_profile"]
    group: str
    profile: Profile

    _group_not_blank = field_validator("group")(_not_blank)


class ProfileBlocked(_Check):
    kind: Literal["profile_blocked"]
    profile: Profile
    blocked: bool = True


class FlashLive(_Check):
    kind: Literal["flash_live"]
    title: str
    profiles: tuple[str, ...] = Field(min_length=1)
    on: date | None = None

    _title_not_blank = field_validator("title")(_not_blank)

    @field_validator("profiles")
    @classmethod
    def _known_targets(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        known = {p.value for p in Profile} | {ADMIN_LOCAL_TARGET}
        unknown = [v for v in value if v not in known]
        if unknown:
            raise PydanticCustomError("profiles", L.TRAIN_VAL_PROFILES.format(
                unknown=", ".join(unknown), expected=", ".join(sorted(known))))
        return value


class ReportTreated(_Check):
    kind: Literal["report_treated"]
    text: str
    action: ReportAction = ReportAction.DELETE

    _text_not_blank = field_validator("text")(_not_blank)


BOOKMARK_NAME_MAX = 200  # what services.bookmarks.rename_bookmark accepts


def _bookmark_name(value: str) -> str:
    # a name the console could never hold would make a check that never holds
    if has_control(value, multiline=False) or not value.strip() or len(" ".join(value.split())) > BOOKMARK_NAME_MAX:
        raise PydanticCustomError("bookmark_name", L.TRAIN_BKM_ERR_NAME.format(max=BOOKMARK_NAME_MAX))
    return " ".join(value.split())


def _owner_name(value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise PydanticCustomError("bookmark_owner", L.TRAIN_BKM_ERR_OWNER)
    return value.strip() if value is not None else None


class BookmarkCheck(_Check):
    bookmark: str
    owner: str | None = None

    _bookmark_valid = field_validator("bookmark")(_bookmark_name)
    _owner_valid = field_validator("owner")(_owner_name)


class BookmarkAbsent(BookmarkCheck):
    kind: Literal["bookmark_absent"]


class BookmarkClean(BookmarkCheck):
    kind: Literal["bookmark_clean"]


Check = Annotated[
    Union[
        UserDetached,
        UserAttached,
        UserRemoved,
        UserBlocked,
        UserInClass,
        UserInGroup,
        UserCreated,
        GroupExists,
        GroupAbsent,
        GroupHasProfile,
        ProfileBlocked,
        FlashLive,
        ReportTreated,
        BookmarkAbsent,
        BookmarkClean,
    ],
    Field(discriminator="kind"),
]

KINDS: tuple[str, ...] = (
    "user_detached", "user_attached", "user_removed", "user_blocked", "user_in_class",
    "user_in_group", "user_created", "group_exists", "group_absent", "group_has_profile",
    "profile_blocked", "flash_live", "report_treated", "bookmark_absent", "bookmark_clean",
)


# --------------------------------------------------------------------------- lookups


@dataclass(frozen=True)
class Context:
    """Where a check is evaluated: the school and the scenario's day."""

    structure_id: str
    today: date


def _school_users(store: Store, structure_id: str) -> list[User]:
    """Accounts attached to the school now or once (detached ones included)."""
    ids = store.ids_by(User, "structure", structure_id)
    return [u for i in ids if (u := store.get(User, i)) is not None]


def users_named(store: Store, structure_id: str, name: str) -> list[User]:
    wanted = fold(name)
    return [u for u in _school_users(store, structure_id) if fold(u.display_name) == wanted]


def groups_named(store: Store, structure_id: str, name: str) -> list[Group]:
    wanted = fold(name)
    return [g for g in store.find(Group, "structure", structure_id) if fold(g.name) == wanted]


def classes_named(store: Store, structure_id: str, name: str) -> list[SchoolClass]:
    wanted = fold(name)
    return [c for c in store.find(SchoolClass, "structure", structure_id) if fold(c.name) == wanted]


def bookmarks_named(store: Store, structure_id: str, name: str, owner: str | None = None) -> list[tuple[ShareBookmark, User]]:
    """Bookmarks so named of the school's users (of the users named `owner`, if given), with their owner."""
    wanted = fold(name)
    owners = None if owner is None else {u.id for u in users_named(store, structure_id, owner)}
    found = []
    for bookmark in store.all(ShareBookmark):
        if fold(bookmark.name) != wanted or (owners is not None and bookmark.owner_id not in owners):
            continue
        user = store.get(User, bookmark.owner_id)
        # the same bookmarks as services.bookmarks.structure_bookmarks lists
        if user is not None and structure_id in user.structures:
            found.append((bookmark, user))
    return found


def _present(user: User, structure_id: str) -> bool:
    return structure_id in user.structures and user.delete_date is None


# --------------------------------------------------------------------------- the evaluator


def evaluate(store: Store, ctx: Context, check: Check) -> bool:
    """Whether `check` holds on `store` for the school of `ctx`."""
    sid = ctx.structure_id
    # "gone" checks hold for every account so named (none left counts);
    # the others need one account so named that satisfies them
    found = users_named(store, sid, check.user) if isinstance(check, UserCheck) else []
    match check:
        case UserDetached():
            return all(sid not in u.structures for u in found)
        case UserRemoved():
            return all(u.delete_date is not None for u in found)
        case UserAttached():
            return any(_present(u, sid) for u in found)
        case UserBlocked():
            return bool(found) and all(u.blocked == check.blocked for u in found)
        case UserInClass():
            classes = {c.id for c in classes_named(store, sid, check.class_)}
            return any(classes & set(u.classes) for u in found)
        case UserInGroup():
            groups = {g.id for g in groups_named(store, sid, check.group)}
            return any(groups & set(u.groups) for u in found)
        case UserCreated():
            first, last = fold(check.first_name), fold(check.last_name)
            children = [users_named(store, sid, name) for name in check.children]
            if any(len(named) != 1 for named in children):
                return False
            wanted_children = {named[0].id for named in children}
            return any(
                fold(u.first_name) == first and fold(u.last_name) == last
                and u.profile is check.profile and u.source is check.source
                and _present(u, sid) and wanted_children <= set(u.children)
                for u in _school_users(store, sid)
            )
        case GroupAbsent():
            return not groups_named(store, sid, check.group)
        case GroupExists():
            return bool(groups_named(store, sid, check.group))
        case GroupHasProfile():
            groups = {g.id for g in groups_named(store, sid, check.group)}
            if not groups:
                return False
            members = [u for u in _school_users(store, sid) if u.profile is check.profile and _present(u, sid)]
            return bool(members) and all(groups & set(u.groups) for u in members)
        case ProfileBlocked():
            concerned = [
                u for u in _school_users(store, sid)
                if u.profile is check.profile and sid in u.structures and not u.is_admin
            ]
            return bool(concerned) and all(u.blocked == check.blocked for u in concerned)
        case FlashLive():
            wanted = fold(check.title)
            day = check.on or ctx.today
            return any(
                fold(m.title) == wanted and set(check.profiles) <= set(m.profiles)
                and flash_service.is_current(m, day)
                for m in flash_service.structure_messages(store, sid)
            )
        case ReportTreated():
            fragment = fold(check.text)
            return any(
                fragment in fold(r.text) and r.decision is not None and r.decision.action is check.action
                for r in store.find(Report, "structure", sid)
            )
        case BookmarkAbsent():
            return not bookmarks_named(store, sid, check.bookmark, check.owner)
        case BookmarkClean():
            found_bookmarks = bookmarks_named(store, sid, check.bookmark, check.owner)
            return bool(found_bookmarks) and all(
                bookmark.members and not any(member_state(store, owner, m).gone for m in bookmark.members)
                for bookmark, owner in found_bookmarks
            )
    raise TypeError(f"unknown check {check!r}")  # pragma: no cover - the union is closed


# --------------------------------------------------------------------------- references


@dataclass(frozen=True)
class Reference:
    """Something a check names, which must exist (once) in the starting store."""

    what: str  # "user", "group", "class", "bookmark"
    name: str
    owner: str | None = None  # a bookmark's owner, when the check names one


def references(check: Check) -> list[Reference]:
    """The users, groups and classes `check` names in the starting store.

    A user that a step creates (`user_created`) is not a reference; the
    children it names are.
    """
    refs: list[Reference] = []
    if isinstance(check, UserCheck):
        refs.append(Reference("user", check.user))
    if isinstance(check, UserCreated):
        refs += [Reference("user", name) for name in check.children]
    if isinstance(check, UserInClass):
        refs.append(Reference("class", check.class_))
    # a group to delete (group_absent) exists too before the trainee deletes it
    if isinstance(check, (UserInGroup, GroupExists, GroupHasProfile)):
        refs.append(Reference("group", check.group))
    # likewise a bookmark to delete exists before the trainee deletes it
    if isinstance(check, BookmarkCheck):
        if check.owner is not None:
            refs.append(Reference("user", check.owner))
        refs.append(Reference("bookmark", check.bookmark, check.owner))
    return refs


def reference_count(store: Store, structure_id: str, ref: Reference) -> int:
    if ref.what == "bookmark":
        return len(bookmarks_named(store, structure_id, ref.name, ref.owner))
    lookup = {"user": users_named, "group": groups_named, "class": classes_named}[ref.what]
    return len(lookup(store, structure_id, ref.name))
