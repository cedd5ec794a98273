"""Message Flash (DOMAIN.md section 6): status, visibility, form rules, actions.

- A message is *current* from its start date through its end date included:
  the end date is shown until midnight. Before: *upcoming*; after: *obsolete*.
- A user sees a message when their profile is targeted (or, for the
  "Administrateurs locaux" target, they are local admin of the structure),
  today is within the dates, and the message targets one of their
  structures: :func:`visible_messages`, used by "Aperçu en tant que …" and
  by the tests.
- Notifications (mail / mobile) only for a message that starts today and
  targets one structure; they are written to the outbox with their
  recipients counted (there is no mail server).
- The guide advises at most two messages live at once for a profile:
  :func:`live_warning` says when a draft would break that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from entconsole import labels as L
from entconsole.fmt import parse_date, pick
from entconsole.models import (
    ADMIN_LOCAL_TARGET,
    FlashColor,
    FlashMessage,
    OutboxMail,
    Profile,
    Structure,
    User,
)
from entconsole.services.errors import NotFound, PermissionDenied, ServiceError
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.services.users import structure_users
from entconsole.store import Store, Transaction
from entconsole.text import has_control

TITLE_MAX = 500  # models.Name
MAX_LIVE = 2  # the guide: no more than two messages at once
# The form's targets: the five profiles in DOMAIN.md order, then local admins.
TARGETS: tuple[str, ...] = (*(p.value for p in Profile), ADMIN_LOCAL_TARGET)
LANGUAGES: tuple[str, ...] = tuple(L.LANGUAGES)  # "fr" first
DEFAULT_LANGUAGE = "fr"
COLORS: tuple[FlashColor, ...] = (
    FlashColor.GREY_DARK,
    FlashColor.RED,
    FlashColor.ORANGE,
    FlashColor.GREEN,
    FlashColor.BLUE,
)
DEFAULT_COLOR = FlashColor.RED


class FlashStatus(StrEnum):
    CURRENT = "current"
    UPCOMING = "upcoming"
    OBSOLETE = "obsolete"


def target_label(target: str) -> str:
    if target == ADMIN_LOCAL_TARGET:
        return L.ADMIN_LOCAL_TARGET
    return L.PROFILE.get(target, target)


# --------------------------------------------------------------------------- status


def flash_status(message: FlashMessage, when: date | datetime) -> FlashStatus:
    """Status of `message` at `when` (a day, or a moment: only its day counts).

    The end date is included up to midnight: at 23:59:59 on the end date the
    message is still current, at 00:00 the next day it is obsolete.
    """
    day = when.date() if isinstance(when, datetime) else when
    if day < message.start_date:
        return FlashStatus.UPCOMING
    if day > message.end_date:
        return FlashStatus.OBSOLETE
    return FlashStatus.CURRENT


def is_current(message: FlashMessage, when: date | datetime) -> bool:
    return flash_status(message, when) is FlashStatus.CURRENT


def message_text(message: FlashMessage, language: str = DEFAULT_LANGUAGE) -> str:
    """The text in `language`, else French, else the first non-empty one."""
    for code in (language, DEFAULT_LANGUAGE, *message.contents):
        text = message.contents.get(code, "").strip()
        if text:
            return text
    return ""


def structure_messages(store: Store, structure_id: str) -> list[FlashMessage]:
    """Messages targeting the structure, newest start first."""
    found = store.find(FlashMessage, "structure", structure_id)
    return sorted(found, key=lambda m: (m.start_date, m.created), reverse=True)


def list_messages(session: Session, status: FlashStatus | None = None) -> list[FlashMessage]:
    """The list of the Message Flash tab (status computed from the session's today)."""
    sid = session.structure.id
    session.require_structure(sid)
    messages = structure_messages(session.store, sid)
    if status is None:
        return messages
    return [m for m in messages if flash_status(m, session.today) is status]


def status_counts(messages: Iterable[FlashMessage], today: date) -> dict[FlashStatus, int]:
    counts = {s: 0 for s in FlashStatus}
    for message in messages:
        counts[flash_status(message, today)] += 1
    return counts


# --------------------------------------------------------------------------- visibility


def targets_user(message: FlashMessage, user: User, structure_id: str | None = None) -> bool:
    """Whether `message` addresses `user` (dates aside), in `structure_id` if given.

    Profile targets reach the user in the structures they are attached to;
    "Administrateurs locaux" reaches the local admins of a targeted structure.
    """
    structures = message.structures if structure_id is None else (
        (structure_id,) if structure_id in message.structures else ()
    )
    if not structures or user.delete_date is not None:
        return False
    if user.profile.value in message.profiles and any(s in user.structures for s in structures):
        return True
    scope = user.admin_scope()
    return ADMIN_LOCAL_TARGET in message.profiles and any(s in scope for s in structures)


def visible_messages(
    store: Store,
    viewer: User | Profile | str,
    structure_id: str | None,
    today: date | datetime,
) -> list[FlashMessage]:
    """The messages `viewer` sees on `today`, newest start first.

    `viewer` is a user, or a target ("Aperçu en tant que …": a profile or
    ``ADMIN_LOCAL_TARGET``) seen in `structure_id`. For a user, `structure_id`
    narrows to one structure (None: all of theirs).
    """
    if isinstance(viewer, User):
        if structure_id is None:
            structure_ids = {*viewer.structures, *viewer.admin_scope()}
        else:
            structure_ids = {structure_id}
        candidates = {m.id: m for sid in structure_ids for m in store.find(FlashMessage, "structure", sid)}
        found = [
            m for m in candidates.values()
            if is_current(m, today) and targets_user(m, viewer, structure_id)
        ]
    else:
        if structure_id is None:
            raise ValueError("a profile is seen in one structure")
        target = viewer.value if isinstance(viewer, Profile) else str(viewer)
        found = [
            m for m in store.find(FlashMessage, "structure", structure_id)
            if is_current(m, today) and target in m.profiles
        ]
    return sorted(found, key=lambda m: (m.start_date, m.created), reverse=True)


def recipients_count(store: Store, message: FlashMessage, structure_id: str) -> int:
    """Accounts of the structure the message addresses (pre-deleted ones excepted)."""
    return sum(1 for user in structure_users(store, structure_id) if targets_user(message, user, structure_id))


# --------------------------------------------------------------------------- form rules


def notification_allowed(start: date | None, structures_count: int, today: date) -> bool:
    """Mail / mobile notifications: only for a message starting today on one structure."""
    return start == today and structures_count == 1


@dataclass(frozen=True)
class FlashDraft:
    """What the form holds. Dates may be typed text ("05/09/2024", "2024-09-05")."""

    title: str = ""
    start: str | date = ""
    end: str | date = ""
    profiles: tuple[str, ...] = ()
    contents: dict[str, str] = field(default_factory=dict)
    color: FlashColor = DEFAULT_COLOR
    mail: bool = False
    mobile: bool = False

    def with_(self, **changes) -> "FlashDraft":
        return replace(self, **changes)

    @property
    def start_date(self) -> date | None:
        return _as_date(self.start)

    @property
    def end_date(self) -> date | None:
        return _as_date(self.end)

    @property
    def texts(self) -> dict[str, str]:
        """Non-empty texts, in the languages' order (French first)."""
        order = {code: n for n, code in enumerate(LANGUAGES)}
        filled = {k: v.strip() for k, v in self.contents.items() if v.strip()}
        return dict(sorted(filled.items(), key=lambda kv: order.get(kv[0], len(order))))

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(t for t in TARGETS if t in self.profiles)


def _as_date(value: str | date) -> date | None:
    if isinstance(value, date):
        return value
    return parse_date(value)


class FlashValidationError(ServiceError):
    """The draft is refused; `errors` maps each field to its reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(L.FLASH_ERR_FORM)
        self.errors = errors


def validate_draft(
    draft: FlashDraft,
    today: date,
    *,
    structures_count: int = 1,
    original: FlashMessage | None = None,
) -> dict[str, str]:
    """Every refusal of the form, keyed by field: title, start, end, profiles, contents, notification.

    An edit may keep an end date already past (fixing a typo in an old
    message); a new or changed end date must not be past.
    """
    errors: dict[str, str] = {}
    title = draft.title.strip()
    if not title:
        errors["title"] = L.FLASH_ERR_TITLE
    elif len(title) > TITLE_MAX:
        errors["title"] = L.FLASH_ERR_TITLE_LONG.format(max=TITLE_MAX)
    elif has_control(title, multiline=False):
        errors["title"] = L.FIELD_CONTROL
    start, end = draft.start_date, draft.end_date
    for name, raw, parsed in (("start", draft.start, start), ("end", draft.end, end)):
        if parsed is None:
            empty = isinstance(raw, str) and not raw.strip()
            errors[name] = L.FLASH_ERR_DATE_REQUIRED if empty else L.FLASH_ERR_DATE_FORMAT
    if start and end:
        if start > end:
            errors["start"] = L.FLASH_ERR_START_AFTER_END
        elif end < today and (original is None or end != original.end_date):
            errors["end"] = L.FLASH_ERR_END_PAST
    if not draft.targets:
        errors["profiles"] = L.FLASH_ERR_PROFILES
    if not draft.texts:
        errors["contents"] = L.FLASH_ERR_TEXT
    elif any(has_control(text) or has_control(code, multiline=False) for code, text in draft.texts.items()):
        errors["contents"] = L.FIELD_CONTROL  # e.g. an ANSI escape pasted in: it would reach terminals
    if (draft.mail or draft.mobile) and not notification_allowed(start, structures_count, today):
        errors["notification"] = L.FLASH_NOTIFY_RULE
    return errors


def draft_from_message(message: FlashMessage) -> FlashDraft:
    """The form filled with a stored message (Éditer)."""
    return FlashDraft(
        title=message.title,
        start=message.start_date,
        end=message.end_date,
        profiles=tuple(message.profiles),
        contents=dict(message.contents),
        color=message.color,
        mail=message.mail_notification,
        mobile=message.mobile_notification,
    )


def duplicate_draft(message: FlashMessage, today: date) -> FlashDraft:
    """The form filled with a copy (Dupliquer): new title, no notification sent yet.

    A copy of a message that has already started starts today and keeps its length.
    """
    start, end = message.start_date, message.end_date
    if start < today:
        end = today + (end - start)
        start = today
    return draft_from_message(message).with_(
        title=L.FLASH_COPY_TITLE.format(title=message.title),
        start=start,
        end=end,
        mail=False,
        mobile=False,
    )


# --------------------------------------------------------------------------- two at most


def max_live(
    messages: Iterable[FlashMessage], target: str, start: date, end: date, today: date,
    exclude_id: str | None = None,
) -> int:
    """Most messages live at once for `target` while a draft [start, end] is online (draft included)."""
    low = max(start, today)
    if low > end:
        return 0
    events: list[tuple[date, int]] = []
    for message in messages:
        if message.id == exclude_id or target not in message.profiles:
            continue
        a, b = max(message.start_date, low), min(message.end_date, end)
        if a <= b:
            events.append((a, 1))
            events.append((b + timedelta(days=1), -1))
    events.sort()  # at the same day, -1 sorts before +1: a message ending the day before does not count
    running = best = 0
    for _day, step in events:
        running += step
        best = max(best, running)
    return best + 1


def live_warning(
    store: Store, structure_id: str, draft: FlashDraft, today: date, exclude_id: str | None = None
) -> str | None:
    """The guide's advice, when publishing would put more than two messages live at once."""
    start, end = draft.start_date, draft.end_date
    if start is None or end is None or start > end:
        return None
    messages = store.find(FlashMessage, "structure", structure_id)
    worst = 0
    crowded: list[str] = []
    for target in draft.targets:
        count = max_live(messages, target, start, end, today, exclude_id)
        if count > MAX_LIVE:
            crowded.append(target_label(target))
            worst = max(worst, count)
    if not crowded:
        return None
    return L.FLASH_WARN_LIVE.format(count=worst, profiles=", ".join(crowded))


# --------------------------------------------------------------------------- actions


def _editable(tx: Transaction, session: Session, message_id: str) -> FlashMessage:
    """A message of the administered structure, all of whose structures are in scope."""
    sid = session.structure.id
    message = tx.get(FlashMessage, message_id)
    if message is None or sid not in message.structures:
        raise NotFound(L.FLASH_NOT_FOUND)
    admin = session.admin
    if not all(admin.is_admin_of(s) for s in message.structures):
        raise PermissionDenied(L.FLASH_OUT_OF_SCOPE.format(title=message.title))
    return message


def _notify(
    tx: Transaction, session: Session, message: FlashMessage, channels: list[str]
) -> int:
    """Outbox records for the channels asked; returns the recipients counted."""
    if not channels:
        return 0
    sid = message.structures[0]
    count = recipients_count(session.store, message, sid)
    structure = tx.get(Structure, sid)
    for channel in channels:
        tx.put(OutboxMail(
            when=tx.now,
            kind=f"flash_notification_{channel}",
            recipients_count=count,
            subject=L.FLASH_MAIL_SUBJECT.format(structure=structure.name if structure else sid),
            body=message_text(message),
            structure_id=sid,
        ))
    return count


def _status_word(message: FlashMessage, today: date) -> str:
    return L.FLASH_STATUS[flash_status(message, today).value].lower()


def _summary(template: str, message: FlashMessage, today: date, channels: list[str], count: int) -> str:
    text = template.format(title=message.title, status=_status_word(message, today))
    if channels:
        text += pick(count, L.FLASH_NOTIFIED).format(
            count=count, channels=", ".join(L.FLASH_CHANNEL[c] for c in channels)
        )
    return text


def _checked(draft: FlashDraft, session: Session, structures_count: int, original: FlashMessage | None) -> None:
    errors = validate_draft(draft, session.today, structures_count=structures_count, original=original)
    if errors:
        raise FlashValidationError(errors)


def create_message(session: Session, draft: FlashDraft) -> ActionResult:
    """"Mettre en ligne" a new message for the administered structure."""
    sid = session.structure.id
    session.require_structure(sid)
    _checked(draft, session, 1, None)
    admin = session.admin
    with session.store.transaction(admin.login, "flash.create", structure_id=sid) as tx:
        message = tx.put(FlashMessage(
            title=draft.title.strip(),
            contents=draft.texts,
            start_date=draft.start_date,
            end_date=draft.end_date,
            profiles=draft.targets,
            color=draft.color,
            structures=(sid,),
            author=admin.display_name,
            author_login=admin.login,
            created=tx.now,
            mail_notification=draft.mail,
            mobile_notification=draft.mobile,
        ))
        channels = [c for c, on in (("mail", draft.mail), ("mobile", draft.mobile)) if on]
        count = _notify(tx, session, message, channels)
        summary = _summary(L.FLASH_CREATED, message, session.today, channels, count)
        tx.journal(summary, targets=[message.id], count=1)
    return ActionResult(summary, changed=1, target_id=message.id)


def update_message(session: Session, message_id: str, draft: FlashDraft) -> ActionResult:
    """Save an edited message; a notification newly asked for is sent now."""
    sid = session.structure.id
    session.require_structure(sid)
    admin = session.admin
    with session.store.transaction(admin.login, "flash.update", structure_id=sid) as tx:
        original = _editable(tx, session, message_id)
        _checked(draft, session, len(original.structures), original)
        message = tx.put(original.model_copy(update={
            "title": draft.title.strip(),
            "contents": draft.texts,
            "start_date": draft.start_date,
            "end_date": draft.end_date,
            "profiles": draft.targets,
            "color": draft.color,
            "mail_notification": original.mail_notification or draft.mail,
            "mobile_notification": original.mobile_notification or draft.mobile,
            "modified": tx.now,
            "modified_by": admin.display_name,
        }))
        channels = [
            c for c, was, now in (
                ("mail", original.mail_notification, draft.mail),
                ("mobile", original.mobile_notification, draft.mobile),
            ) if now and not was
        ]
        count = _notify(tx, session, message, channels)
        summary = _summary(L.FLASH_UPDATED, message, session.today, channels, count)
        tx.journal(
            summary, targets=[message.id], count=1,
            undo={FlashMessage.TABLE: [original.model_dump(mode="json")]},
        )
    return ActionResult(summary, changed=1, target_id=message.id)


def delete_messages(session: Session, message_ids: Iterable[str]) -> ActionResult:
    """Delete one or several messages (confirmed by the screen): one write."""
    ids = list(dict.fromkeys(message_ids))
    if not ids:
        raise ServiceError(L.FLASH_NONE_SELECTED)
    sid = session.structure.id
    session.require_structure(sid)
    with session.store.transaction(session.admin.login, "flash.delete", structure_id=sid) as tx:
        messages = [_editable(tx, session, i) for i in ids]
        for message in messages:
            tx.delete(FlashMessage, message.id)
        if len(messages) == 1:
            summary = L.FLASH_DELETED_ONE.format(title=messages[0].title)
        else:
            summary = L.FLASH_DELETED_MANY.format(count=len(messages))
        tx.journal(
            summary, targets=ids, count=len(ids),
            undo={FlashMessage.TABLE: [m.model_dump(mode="json") for m in messages]},
        )
    return ActionResult(summary, changed=len(ids))


def can_edit(session: Session, message: FlashMessage) -> bool:
    """The screen greys out what the service would refuse."""
    admin = session.admin
    return all(admin.is_admin_of(s) for s in message.structures)
