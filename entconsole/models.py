"""Pydantic models and enums of the ENT administration console (DOMAIN.md names).

Models are frozen: services never mutate a document in place, they build a
changed copy (`model_copy(update=...)`) and hand it to a store transaction,
which validates it again before it reaches the file.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from entconsole.text import CONTROL_RE, MULTILINE_PATTERN, SINGLE_LINE_PATTERN

SCHEMA_VERSION = 1

ADMIN_LOCAL = "ADMIN_LOCAL"
SUPER_ADMIN = "SUPER_ADMIN"

RETENTION_DAYS = 90  # pre-deletion and deletion delays (DOMAIN.md section 2)


def new_id() -> str:
    return str(uuid.uuid4())


# --------------------------------------------------------------------------- enums


class Profile(StrEnum):
    TEACHER = "Teacher"
    STUDENT = "Student"
    RELATIVE = "Relative"
    PERSONNEL = "Personnel"
    GUEST = "Guest"


# Order used by the mass-blocking screen (DOMAIN.md section 1).
BLOCKING_ORDER = (
    Profile.PERSONNEL,
    Profile.TEACHER,
    Profile.RELATIVE,
    Profile.STUDENT,
    Profile.GUEST,
)


class Source(StrEnum):
    AAF = "AAF"
    AAF1D = "AAF1D"
    EDT = "EDT"
    UDT = "UDT"
    MANUAL = "MANUAL"
    CSV = "CSV"
    CLASS_PARAM = "CLASS_PARAM"
    BE1D = "BE1D"
    SSO = "SSO"


MANUAL_SOURCES = frozenset(
    {Source.MANUAL, Source.CSV, Source.CLASS_PARAM, Source.BE1D, Source.SSO}
)
# Merge survivor priority (DOMAIN.md section 2): first is strongest.
SOURCE_PRIORITY = (
    Source.AAF,
    Source.AAF1D,
    Source.CSV,
    Source.EDT,
    Source.UDT,
    Source.SSO,
    Source.MANUAL,
    Source.CLASS_PARAM,
    Source.BE1D,
)


class Status(StrEnum):
    """List icons, in DOMAIN.md's display order."""

    INACTIVE = "inactive"
    BLOCKED = "blocked"
    DUPLICATE = "duplicate"
    PREDELETED = "predeleted"
    PENDING_PREDELETION = "pending_predeletion"


class Level(StrEnum):
    TPS = "TPS"
    PS = "PS"
    MS = "MS"
    GS = "GS"
    CP = "CP"
    CE1 = "CE1"
    CE2 = "CE2"
    CM1 = "CM1"
    CM2 = "CM2"


class StructureFeed(StrEnum):
    AUTOMATIC = "AUTOMATIC"
    MANUAL = "MANUAL"


class GroupType(StrEnum):
    MANUAL = "ManualGroup"
    PROFILE = "ProfileGroup"  # structure-wide or class-wide, members computed
    TEACHING = "TeachingGroup"  # ULIS, UPE2A: members listed in user.groups
    FUNCTION = "FunctionGroup"  # function / discipline groups
    BROADCAST = "BroadcastGroup"


class Communication(StrEnum):
    """A group's internal communication rule (members with each other)."""

    BOTH = "BOTH"
    INCOMING = "INCOMING"
    OUTGOING = "OUTGOING"
    NONE = "NONE"


class FlashColor(StrEnum):
    GREY_DARK = "grey-dark"
    RED = "red"
    ORANGE = "orange"
    GREEN = "green"
    BLUE = "blue"


ADMIN_LOCAL_TARGET = "AdminLocal"  # flash-message target besides the 5 profiles


class BlockAction(StrEnum):
    BLOCK = "BLOCK"
    UNBLOCK = "UNBLOCK"


class ConnectorTarget(StrEnum):
    PAGE = "PAGE"  # same page
    NEW_PAGE = "NEW_PAGE"  # _blank
    IFRAME = "IFRAME"  # adapter


class ReportAction(StrEnum):
    KEEP = "KEEP"
    DELETE = "DELETE"


class ShareRight(StrEnum):
    READ = "read"
    CONTRIB = "contrib"
    COMMENT = "comment"
    MANAGER = "manager"


class ShareTargetType(StrEnum):
    USER = "user"
    GROUP = "group"
    BOOKMARK = "bookmark"


# --------------------------------------------------------------------------- field types

UAI_RE = re.compile(r"^[0-9]{7}[A-Z]$")
LOGIN_RE = re.compile(r"^[0-9a-z.]{1,64}$")
INE_RE = re.compile(r"^[0-9A-Z]{10}[A-Z]$")


def _clean_name(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    if CONTROL_RE.search(value):  # the regex itself: this runs for every name loaded
        raise ValueError("must not contain control characters")
    return value


def _check_uai(value: str) -> str:
    if not UAI_RE.match(value):
        raise ValueError("UAI must be 7 digits followed by an uppercase letter")
    return value


def _check_login(value: str) -> str:
    if not LOGIN_RE.match(value):
        raise ValueError("login must match [0-9a-z.]{1,64}")
    return value


def _check_ine(value: str) -> str:
    if not INE_RE.match(value):
        raise ValueError("INE must be 10 alphanumerics followed by a letter")
    return value


# Longest stored name; the forms derive their limits from it (services.accounts).
NAME_MAX_LENGTH = 500
Name = Annotated[str, StringConstraints(max_length=NAME_MAX_LENGTH), AfterValidator(_clean_name)]
Uai = Annotated[str, AfterValidator(_check_uai)]
Login = Annotated[str, AfterValidator(_check_login)]
Ine = Annotated[str, AfterValidator(_check_ine)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=100)]
# Free text typed by a person or read from a file: never a terminal control
# character (entconsole.text). Checked by pydantic-core's regex, in Rust: the
# store validates every document it loads, 100,000 accounts included.
FreeText = Annotated[str, StringConstraints(pattern=SINGLE_LINE_PATTERN)]  # one line
MultilineText = Annotated[str, StringConstraints(pattern=MULTILINE_PATTERN)]  # tabs, newlines allowed


class Doc(BaseModel):
    """Base of every stored document: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    id: Id = Field(default_factory=new_id)

    TABLE: ClassVar[str] = ""  # set on subclasses: the store table holding them


# --------------------------------------------------------------------------- documents


class Meta(BaseModel):
    model_config = ConfigDict(frozen=True, extra="allow")

    version: int = SCHEMA_VERSION
    revision: int = 0
    default_admin: str | None = None
    created: datetime | None = None
    generator: str = "entconsole"


class Structure(Doc):
    TABLE = "structures"

    name: Name
    default_name: Name | None = None  # "Rétablir le nom par défaut"
    uai: Uai | None = None
    external_id: FreeText | None = None
    parents: tuple[Id, ...] = ()
    mobile_app: bool = True
    feed: StructureFeed = StructureFeed.AUTOMATIC
    is_school: bool = True  # communes / circonscriptions are parents, not schools
    created: datetime | None = None


class SchoolClass(Doc):
    TABLE = "classes"

    structure_id: Id
    name: Name
    level: Level | None = None
    external_id: FreeText | None = None
    school_year: FreeText | None = None  # "2024-2025"


class Group(Doc):
    TABLE = "groups"

    name: Name
    type: GroupType
    structure_id: Id
    class_id: Id | None = None  # class profile groups
    profile: Profile | None = None  # profile groups: whose members they hold
    lock_delete: bool = False
    internal_communication: Communication = Communication.NONE
    # pupils and their own parents reach each other through this group
    relative_communication: bool = False
    created_by: FreeText | None = None  # display name of the creator
    created: datetime | None = None
    modified: datetime | None = None


class CommunicationLink(Doc):
    """Group `source` can reach group `target` (communique_with)."""

    TABLE = "links"

    source: Id
    target: Id


class Duplicate(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    user_id: Id
    score: int


class User(Doc):
    TABLE = "users"

    external_id: FreeText | None = None
    first_name: Name
    last_name: Name
    display_name: Name
    profile: Profile
    login: Login
    login_alias: Login | None = None
    activation_code: FreeText | None = None
    renewal_code: FreeText | None = None  # password renewal, activated accounts only
    renewal_code_expires: datetime | None = None
    email: FreeText | None = None
    mobile: FreeText | None = None
    birth_date: date | None = None
    ine: Ine | None = None
    address: MultilineText | None = None  # a file's cell may hold several lines
    position: FreeText | None = None  # free text: "AESH", "ATSEM", "Directrice"…
    source: Source
    structures: tuple[Id, ...] = ()
    removed_from_structures: tuple[Id, ...] = ()
    home_structure: Id | None = None  # teachers: the school they belong to
    classes: tuple[Id, ...] = ()
    groups: tuple[Id, ...] = ()  # manual and teaching groups
    functions: dict[str, tuple[Id, ...]] = {}
    relatives: tuple[Id, ...] = ()  # a pupil's parents
    children: tuple[Id, ...] = ()  # a parent's pupils
    blocked: bool = False
    creation_date: datetime
    modification_date: datetime | None = None
    last_login: datetime | None = None
    disappearance_date: date | None = None
    delete_date: date | None = None
    duplicates: tuple[Duplicate, ...] = ()
    ignored_duplicates: tuple[Id, ...] = ()
    quota: int = 104857600
    quota_used: int = 0
    # links saved at pre-deletion ("classes", "groups"), given back by "Restaurer"
    saved_links: dict[str, tuple[Id, ...]] | None = None

    @field_validator("birth_date")
    @classmethod
    def _birth_date_range(cls, value: date | None) -> date | None:
        if value is not None and value < date(1900, 1, 1):
            raise ValueError("birth date before 1900-01-01")
        return value

    # ---- computed facts (never stored)
    @property
    def activated(self) -> bool:
        return self.activation_code is None

    @property
    def statuses(self) -> tuple[Status, ...]:
        out = []
        if self.activation_code is not None:
            out.append(Status.INACTIVE)
        if self.blocked:
            out.append(Status.BLOCKED)
        if self.duplicates:
            out.append(Status.DUPLICATE)
        if self.delete_date is not None:
            out.append(Status.PREDELETED)
        elif self.disappearance_date is not None:
            out.append(Status.PENDING_PREDELETION)
        return tuple(out)

    def admin_scope(self) -> tuple[Id, ...]:
        return self.functions.get(ADMIN_LOCAL, ())

    @property
    def is_super_admin(self) -> bool:
        return SUPER_ADMIN in self.functions

    def is_admin_of(self, structure_id: str) -> bool:
        return self.is_super_admin or structure_id in self.admin_scope()

    @property
    def is_admin(self) -> bool:
        return self.is_super_admin or bool(self.admin_scope())


class FlashMessage(Doc):
    TABLE = "flash_messages"

    title: Name
    contents: dict[FreeText, MultilineText]  # language code -> text ("fr" first)
    start_date: date
    end_date: date
    profiles: tuple[str, ...]  # Profile values and ADMIN_LOCAL_TARGET
    color: FlashColor = FlashColor.RED
    structures: tuple[Id, ...]
    author: FreeText  # display name
    author_login: FreeText | None = None
    created: datetime
    modified: datetime | None = None
    modified_by: FreeText | None = None
    read_count: int = 0
    mail_notification: bool = False
    mobile_notification: bool = False


class BlockTrace(Doc):
    TABLE = "block_traces"

    structure_id: Id
    action: BlockAction
    profile: Profile
    author_login: FreeText
    author_name: FreeText
    date: datetime
    count: int = 0


class Role(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id = Field(default_factory=new_id)
    name: Name
    groups: tuple[Id, ...] = ()


class Application(Doc):
    TABLE = "applications"

    name: Name  # technical name
    display_name: Name
    address: FreeText
    icon: FreeText | None = None
    pupil_creation: bool = False  # pupils may create (hence share) here
    roles: tuple[Role, ...] = ()


class Connector(Doc):
    TABLE = "connectors"

    identifier: Name  # Identifiant*
    display_name: Name
    url: FreeText
    icon: FreeText | None = None
    target: ConnectorTarget = ConnectorTarget.PAGE
    structure_id: Id
    locked: bool = False
    inherited: bool = False
    cas_type: FreeText | None = None
    cas_pattern: FreeText | None = None
    oauth_client_id: FreeText | None = None
    oauth_secret: FreeText | None = None
    oauth_scope: FreeText | None = None
    oauth_grant_type: FreeText | None = None
    oauth_transfer_session: bool = False
    groups: tuple[Id, ...] = ()


class Widget(Doc):
    TABLE = "widgets"

    name: Name
    display_name: Name
    groups: tuple[Id, ...] = ()
    pinned_structures: tuple[Id, ...] = ()


class Reporter(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    user_id: Id
    name: FreeText
    date: datetime


class ReportDecision(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    action: ReportAction
    by_login: FreeText
    by_name: FreeText
    date: datetime


class Report(Doc):
    TABLE = "reports"

    text: MultilineText  # the reported notification's text
    resource: FreeText | None = None  # what it is about ("Blog de la classe CM1 A")
    author_id: Id
    author_name: FreeText
    notification_date: datetime
    reporters: tuple[Reporter, ...]
    structures: tuple[Id, ...]
    decision: ReportDecision | None = None
    history: tuple[ReportDecision, ...] = ()  # earlier decisions (keep, then delete)


class ShareGrant(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    target_type: ShareTargetType
    target_id: Id
    rights: tuple[ShareRight, ...]


class Share(Doc):
    TABLE = "shares"

    resource_type: FreeText  # "blog", "cahier multimédia", "document"…
    resource_name: Name
    owner_id: Id
    structure_id: Id
    grants: tuple[ShareGrant, ...] = ()
    created: datetime | None = None


class ShareBookmark(Doc):
    TABLE = "share_bookmarks"

    owner_id: Id
    name: Name
    members: tuple[Id, ...] = ()  # user or group ids
    created: datetime | None = None


class JournalEntry(Doc):
    TABLE = "journal"

    when: datetime
    actor: str  # acting login
    action: str  # dotted code: "user.block", "flash.create"…
    structure_id: Id | None = None
    targets: tuple[Id, ...] = ()
    count: int = 0
    summary: str
    revision: int = 0
    # what undo needs (issue 10): previous versions of the documents changed
    undo: dict[str, Any] | None = None


class OutboxMail(Doc):
    """Mails and notifications that would be sent (there is no mail server)."""

    TABLE = "outbox"

    when: datetime
    kind: str  # "reset_password", "flash_notification", "account_sheet"…
    to: tuple[FreeText, ...] = ()
    recipients_count: int = 0
    subject: FreeText = ""
    body: MultilineText = ""
    structure_id: Id | None = None


class KeepMark(Doc):
    """"À conserver": an item of the rentrée checklist the admin decided to keep.

    It stops the item being counted for that rentrée (`school_year`) only: next
    year the same group or account is looked at again.
    """

    TABLE = "keep_marks"

    structure_id: Id
    step: str  # checklist step code ("teachers_left", "manual_groups"…)
    item_id: Id  # the user, group, bookmark, class… kept
    school_year: str  # "2024-2025"
    by_login: str
    date: datetime


DOC_TYPES: tuple[type[Doc], ...] = (
    Structure,
    SchoolClass,
    Group,
    CommunicationLink,
    User,
    FlashMessage,
    BlockTrace,
    Application,
    Connector,
    Widget,
    Report,
    Share,
    ShareBookmark,
    JournalEntry,
    OutboxMail,
    KeepMark,
)
MODEL_BY_TABLE: dict[str, type[Doc]] = {m.TABLE: m for m in DOC_TYPES}
META_TABLE = "meta"
TABLES: tuple[str, ...] = tuple(MODEL_BY_TABLE) + (META_TABLE,)


def display_name(first_name: str, last_name: str) -> str:
    """The console's "NOM Prénom" form used in lists ("Lastname Firstname")."""
    return f"{last_name.strip()} {first_name.strip()}"


def school_year_of(day: date) -> str:
    """School year containing `day` ("2024-2025"); it starts on 1 September."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def school_year_start(day: date) -> date:
    return date(day.year if day.month >= 9 else day.year - 1, 9, 1)
