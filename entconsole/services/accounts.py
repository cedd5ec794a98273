"""The user card's actions (DOMAIN.md sections 2, 3 and 7).

Each public function is one user action: one transaction, one write, one
journal entry, after the scope check (`users_of_structure`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from entconsole import labels as L
from entconsole.models import (
    ADMIN_LOCAL,
    LOGIN_RE,
    MANUAL_SOURCES,
    NAME_MAX_LENGTH,
    RETENTION_DAYS,
    GroupType,
    Group,
    Level,
    OutboxMail,
    Profile,
    SchoolClass,
    ShareBookmark,
    Share,
    Source,
    User,
    display_name,
)
from entconsole.services.errors import InvalidInput, NeedsConfirmation, NotFound, PermissionDenied, ServiceError
from entconsole.services.logins import RENEWAL_LIFETIME_DAYS, renewal_code
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.services.users import Predeletion, predeletion_state, users_of_structure
from entconsole.store import Transaction
from entconsole.text import has_control

FEED_SOURCES = frozenset({Source.AAF, Source.AAF1D, Source.EDT, Source.UDT})

# A first or last name: both, joined by a space into the display name, must fit
# the model's one limit.
PERSON_NAME_MAX_LENGTH = (NAME_MAX_LENGTH - 1) // 2

LEVEL_ORDER = {level: n for n, level in enumerate(Level)}  # TPS, PS, MS, GS, CP ... CM2


# --------------------------------------------------------------------------- facts for the card


def can_be_deleted(user: User) -> bool:
    """Manual accounts, or accounts the feed no longer sends (DOMAIN.md section 2)."""
    return user.source in MANUAL_SOURCES or user.disappearance_date is not None


def deletion_kind(user: User) -> str | None:
    """"delete" (never activated: gone at once), "predelete" (activated), or None."""
    if not can_be_deleted(user) or user.delete_date is not None:
        return None
    return "delete" if not user.activated else "predelete"


def days_left(user: User, today: date) -> int | None:
    """Days before the next step: definitive deletion, or pre-deletion."""
    if user.delete_date is not None:
        return max(0, (user.delete_date + timedelta(days=RETENTION_DAYS) - today).days)
    if user.disappearance_date is not None:
        return max(0, (user.disappearance_date + timedelta(days=RETENTION_DAYS) - today).days)
    return None


def fed_by_feed(user: User) -> bool:
    """Names, birth date, relatives and classes are overwritten by the next feed."""
    return user.source in FEED_SOURCES


def pupil_count(session: Session, class_id: str) -> int:
    store = session.store
    return sum(
        1
        for uid in store.ids_by(User, "class", class_id)
        if (u := store.get(User, uid)) and u.profile is Profile.STUDENT and u.delete_date is None
    )


@dataclass(frozen=True)
class ClassOption:
    school_class: SchoolClass
    pupils: int
    offered: bool
    reason: str | None


def class_order(school_class: SchoolClass) -> tuple[int, str, str]:
    """Classes by level (TPS to CM2), then by name."""
    return (LEVEL_ORDER.get(school_class.level, len(LEVEL_ORDER)), school_class.name.casefold(), school_class.id)


def class_options(session: Session, user: User) -> list[ClassOption]:
    """The structure's classes for "Ajouter une classe", each saying why it is not offered."""
    sid = session.structure.id
    options = []
    for school_class in sorted(session.store.find(SchoolClass, "structure", sid), key=class_order):
        pupils = pupil_count(session, school_class.id)
        if school_class.id in user.classes:
            offered, reason = False, L.CLASS_ALREADY
        elif pupils == 0 and user.profile is not Profile.STUDENT:
            offered, reason = False, L.CLASS_NO_PUPIL
        else:
            offered, reason = True, None
        options.append(ClassOption(school_class, pupils, offered, reason))
    return options


def structure_groups(session: Session, kind: GroupType) -> list[Group]:
    groups = [g for g in session.store.find(Group, "structure", session.structure.id) if g.type is kind]
    return sorted(groups, key=lambda g: g.name.casefold())


# --------------------------------------------------------------------------- helpers


def _one(tx: Transaction, session: Session, user_id: str) -> User:
    return users_of_structure(tx, session, [user_id])[0]


def put_user(tx: Transaction, user: User, **changes) -> User:
    return tx.put(user.model_copy(update={**changes, "modification_date": tx.now}))


def user_transaction(session: Session, action: str):
    return session.store.transaction(session.admin.login, action, structure_id=session.structure_id)


def require_connection_rights(session: Session, user: User) -> None:
    """An ADML may not change another admin's connection data."""
    admin = session.admin
    if user.is_admin and user.id != admin.id and not admin.is_super_admin:
        raise PermissionDenied(L.CARD_OTHER_ADMIN)


def may_change_connection(session: Session, user: User) -> bool:
    """False when an ADML looks at another admin's card (connection data locked)."""
    try:
        require_connection_rights(session, user)
    except PermissionDenied:
        return False
    return True


def forget_user(tx: Transaction, session: Session, user: User) -> None:
    """Remove every reference to a deleted account from the other documents."""
    store = session.store
    related = set(user.relatives) | set(user.children) | {d.user_id for d in user.duplicates}
    for other_id in related:
        other = tx.get(User, other_id)
        if other is None:
            continue
        tx.put(
            other.model_copy(
                update={
                    "relatives": tuple(i for i in other.relatives if i != user.id),
                    "children": tuple(i for i in other.children if i != user.id),
                    "duplicates": tuple(d for d in other.duplicates if d.user_id != user.id),
                    "ignored_duplicates": tuple(i for i in other.ignored_duplicates if i != user.id),
                }
            )
        )
    for bookmark in store.all(ShareBookmark):
        current = tx.get(ShareBookmark, bookmark.id)
        if current is not None and user.id in current.members:
            tx.put(current.model_copy(update={"members": tuple(m for m in current.members if m != user.id)}))
    for bookmark in store.find(ShareBookmark, "owner", user.id):
        tx.delete(ShareBookmark, bookmark.id)
    for share in store.all(Share):
        if any(g.target_id == user.id for g in share.grants):
            current = tx.get(Share, share.id)
            tx.put(current.model_copy(update={"grants": tuple(g for g in current.grants if g.target_id != user.id)}))
    tx.delete(User, user.id)


# --------------------------------------------------------------------------- delete / restore


def delete_users(session: Session, user_ids: Iterable[str], *, skip_ineligible: bool = False) -> ActionResult:
    """"Supprimer" never-activated accounts, "Pré-supprimer" activated ones.

    Only manual accounts or accounts with a disappearance date may go. With
    `skip_ineligible` (marked rows in the list) the others are skipped and
    counted; otherwise one ineligible account refuses the whole action.
    """
    with user_transaction(session, "user.delete") as tx:
        users = users_of_structure(tx, session, user_ids)
        if len(users) > 1:
            tx.backup(L.BACKUP_REASON_DELETE)
        deleted, predeleted, skipped = [], [], []
        for user in users:
            kind = deletion_kind(user)
            if user.id == session.admin_id:
                kind = None
            if kind is None:
                if not skip_ineligible:
                    raise ServiceError(L.CARD_CANNOT_DELETE.format(name=user.display_name))
                skipped.append(user)
            elif kind == "delete":
                forget_user(tx, session, user)
                deleted.append(user)
            else:
                put_user(
                    tx,
                    user,
                    delete_date=session.today,
                    saved_links={"classes": user.classes, "groups": user.groups},
                    classes=(),
                    groups=(),
                )
                predeleted.append(user)
        if len(users) == 1 and not skipped:
            user = users[0]
            message = (L.CARD_DELETED if deleted else L.CARD_PREDELETED).format(name=user.display_name)
        else:
            message = L.USERS_DELETED.format(deleted=len(deleted), predeleted=len(predeleted), skipped=len(skipped))
        done = deleted + predeleted
        if done:
            tx.journal(message, targets=[u.id for u in done])
    return ActionResult(message, changed=len(done), skipped=len(skipped))


def restore_user(session: Session, user_id: str) -> ActionResult:
    """"Restaurer" a pre-deleted account: its saved classes and groups come back."""
    with user_transaction(session, "user.restore") as tx:
        user = _one(tx, session, user_id)
        if predeletion_state(user) is not Predeletion.PREDELETED:
            raise ServiceError(L.CARD_NOT_PREDELETED)
        saved = user.saved_links or {}
        classes = tuple(c for c in saved.get("classes", ()) if tx.get(SchoolClass, c))
        groups = tuple(g for g in saved.get("groups", ()) if tx.get(Group, g))
        put_user(tx, user, delete_date=None, disappearance_date=None, saved_links=None,
             classes=tuple(dict.fromkeys(user.classes + classes)), groups=tuple(dict.fromkeys(user.groups + groups)))
        message = L.CARD_RESTORED.format(name=user.display_name)
        tx.journal(message, targets=[user.id])
    return ActionResult(message, changed=1, target_id=user.id)


# --------------------------------------------------------------------------- structures


def detach_from_structure(session: Session, user_id: str, *, confirm_home: bool = False) -> ActionResult:
    """"Retirer de cet établissement": struck through, restorable, kept by the next feed."""
    with user_transaction(session, "user.detach") as tx:
        user = _one(tx, session, user_id)
        sid = session.structure.id
        if sid not in user.structures:
            raise ServiceError(L.CARD_ALREADY_DETACHED)
        if user.id == session.admin_id:
            raise PermissionDenied(L.CARD_CANNOT_DETACH_SELF)
        if user.home_structure == sid and not confirm_home:
            raise NeedsConfirmation(L.CARD_DETACH_HOME.format(name=user.display_name))
        local_classes = {c.id for c in session.store.find(SchoolClass, "structure", sid)}
        local_groups = {g.id for g in session.store.find(Group, "structure", sid)}
        put_user(
            tx,
            user,
            structures=tuple(s for s in user.structures if s != sid),
            removed_from_structures=tuple(dict.fromkeys(user.removed_from_structures + (sid,))),
            classes=tuple(c for c in user.classes if c not in local_classes),
            groups=tuple(g for g in user.groups if g not in local_groups),
        )
        message = L.CARD_DETACHED.format(name=user.display_name, structure=session.structure.name)
        tx.journal(message, targets=[user.id])
    return ActionResult(message, changed=1, target_id=user.id)


def reattach_to_structure(session: Session, user_id: str) -> ActionResult:
    """"Rétablir le rattachement" after a detachment."""
    with user_transaction(session, "user.reattach") as tx:
        user = _one(tx, session, user_id)
        sid = session.structure.id
        if sid not in user.removed_from_structures:
            raise ServiceError(L.CARD_NOT_DETACHED)
        put_user(
            tx,
            user,
            structures=tuple(dict.fromkeys(user.structures + (sid,))),
            removed_from_structures=tuple(s for s in user.removed_from_structures if s != sid),
        )
        message = L.CARD_REATTACHED.format(name=user.display_name, structure=session.structure.name)
        tx.journal(message, targets=[user.id])
    return ActionResult(message, changed=1, target_id=user.id)


# --------------------------------------------------------------------------- classes and groups


def add_class(session: Session, user_id: str, class_id: str) -> ActionResult:
    with user_transaction(session, "user.class.add") as tx:
        user = _one(tx, session, user_id)
        option = next((o for o in class_options(session, user) if o.school_class.id == class_id), None)
        if option is None:
            raise NotFound(L.CLASS_UNKNOWN)
        if not option.offered:
            raise ServiceError(option.reason or L.CLASS_UNKNOWN)
        put_user(tx, user, classes=user.classes + (class_id,))
        message = L.CARD_CLASS_ADDED.format(name=user.display_name, group=option.school_class.name)
        tx.journal(message, targets=[user.id, class_id])
    return ActionResult(message, changed=1, target_id=user.id)


def remove_class(session: Session, user_id: str, class_id: str) -> ActionResult:
    with user_transaction(session, "user.class.remove") as tx:
        user = _one(tx, session, user_id)
        school_class = tx.get(SchoolClass, class_id)
        # a class of another school stays: only that school's admin removes it
        if class_id not in user.classes or school_class is None or school_class.structure_id != session.structure.id:
            raise NotFound(L.CLASS_UNKNOWN)
        put_user(tx, user, classes=tuple(c for c in user.classes if c != class_id))
        message = L.CARD_CLASS_REMOVED.format(name=user.display_name, group=school_class.name)
        tx.journal(message, targets=[user.id, class_id])
    return ActionResult(message, changed=1, target_id=user.id)


def _editable_group(tx: Transaction, session: Session, group_id: str) -> Group:
    group = tx.get(Group, group_id)
    if group is None or group.structure_id != session.structure.id:
        raise NotFound(L.GROUP_UNKNOWN)
    if group.type not in (GroupType.MANUAL, GroupType.TEACHING):
        raise PermissionDenied(L.GROUP_NOT_EDITABLE)
    return group


def add_to_group(session: Session, user_ids: Iterable[str], group_id: str) -> ActionResult:
    """Add accounts to a manual or teaching group (pre-deleted accounts are skipped)."""
    with user_transaction(session, "group.members.add") as tx:
        group = _editable_group(tx, session, group_id)
        users = users_of_structure(tx, session, user_ids)
        added = [u for u in users if group_id not in u.groups and u.delete_date is None]
        for user in added:
            put_user(tx, user, groups=user.groups + (group_id,))
        message = L.GROUP_MEMBERS_ADDED.format(count=len(added), group=group.name)
        if added:
            tx.journal(message, targets=[group_id, *(u.id for u in added)], count=len(added))
    return ActionResult(message, changed=len(added), skipped=len(users) - len(added))


def remove_from_group(session: Session, user_ids: Iterable[str], group_id: str) -> ActionResult:
    with user_transaction(session, "group.members.remove") as tx:
        group = _editable_group(tx, session, group_id)
        users = users_of_structure(tx, session, user_ids)
        removed = [u for u in users if group_id in u.groups]
        for user in removed:
            put_user(tx, user, groups=tuple(g for g in user.groups if g != group_id))
        message = L.GROUP_MEMBERS_REMOVED.format(count=len(removed), group=group.name)
        if removed:
            tx.journal(message, targets=[group_id, *(u.id for u in removed)], count=len(removed))
    return ActionResult(message, changed=len(removed), skipped=len(users) - len(removed))


# --------------------------------------------------------------------------- relatives


def _family(tx: Transaction, session: Session, first_id: str, second_id: str) -> tuple[User, User]:
    users = users_of_structure(tx, session, [first_id, second_id])
    by_profile = {u.profile: u for u in users}
    pupil, parent = by_profile.get(Profile.STUDENT), by_profile.get(Profile.RELATIVE)
    if pupil is None or parent is None or len(users) != 2:
        raise ServiceError(L.CARD_RELATIVE_PROFILES)
    return pupil, parent


def link_relative(session: Session, pupil_id: str, parent_id: str) -> ActionResult:
    """Add a Responsable to a pupil (and the Enfant to the parent)."""
    with user_transaction(session, "user.relative.add") as tx:
        pupil, parent = _family(tx, session, pupil_id, parent_id)
        if parent.id in pupil.relatives:
            raise ServiceError(L.CARD_RELATIVE_ALREADY)
        put_user(tx, pupil, relatives=pupil.relatives + (parent.id,))
        put_user(tx, parent, children=tuple(dict.fromkeys(parent.children + (pupil.id,))))
        message = L.CARD_RELATIVE_LINKED.format(parent=parent.display_name, pupil=pupil.display_name)
        tx.journal(message, targets=[pupil.id, parent.id])
    return ActionResult(message, changed=2)


def unlink_relative(session: Session, pupil_id: str, parent_id: str) -> ActionResult:
    with user_transaction(session, "user.relative.remove") as tx:
        pupil, parent = _family(tx, session, pupil_id, parent_id)
        if parent.id not in pupil.relatives:
            raise ServiceError(L.CARD_RELATIVE_NOT_LINKED)
        put_user(tx, pupil, relatives=tuple(i for i in pupil.relatives if i != parent.id))
        put_user(tx, parent, children=tuple(i for i in parent.children if i != pupil.id))
        message = L.CARD_RELATIVE_UNLINKED.format(parent=parent.display_name, pupil=pupil.display_name)
        tx.journal(message, targets=[pupil.id, parent.id])
    return ActionResult(message, changed=2)


# --------------------------------------------------------------------------- local admin


def set_local_admin(session: Session, user_id: str, grant: bool) -> ActionResult:
    """"Attribuer / Retirer droit d'Administrateur local" for this structure."""
    with user_transaction(session, "user.admin.grant" if grant else "user.admin.revoke") as tx:
        user = _one(tx, session, user_id)
        sid = session.structure.id
        scope = user.functions.get(ADMIN_LOCAL, ())
        if grant and user.profile in (Profile.STUDENT, Profile.RELATIVE):
            raise PermissionDenied(L.CARD_ADMIN_NOT_FOR_PROFILE)
        if grant and sid not in user.structures:
            # a detached account (kept struck through on the card) gets no rights here
            raise PermissionDenied(L.QP_ADMIN_NOT_ATTACHED)
        if not grant and user.id == session.admin_id:
            raise PermissionDenied(L.CARD_ADMIN_NOT_SELF)
        if grant == (sid in scope):
            raise ServiceError(L.CARD_ADMIN_ALREADY if grant else L.CARD_ADMIN_NOT)
        functions = dict(user.functions)
        new_scope = scope + (sid,) if grant else tuple(s for s in scope if s != sid)
        if new_scope:
            functions[ADMIN_LOCAL] = new_scope
        else:
            functions.pop(ADMIN_LOCAL, None)
        put_user(tx, user, functions=functions)
        template = L.CARD_ADMIN_GRANTED if grant else L.CARD_ADMIN_REVOKED
        message = template.format(name=user.display_name)
        tx.journal(message, targets=[user.id])
    return ActionResult(message, changed=1, target_id=user.id)


def local_admins(session: Session) -> list[User]:
    """This structure's local admins (the guide: one delegated colleague at most)."""
    from entconsole.services.users import UserQuery, query_users

    return query_users(session.store, session.structure.id, UserQuery(admins_only=True))


# --------------------------------------------------------------------------- identity and connection


def parse_date(text: str) -> date:
    """dd/mm/yyyy or yyyy-mm-dd; ValueError otherwise (31/02/2015 included)."""
    text = text.strip()
    if "/" in text:
        day, month, year = text.split("/")
        return date(int(year), int(month), int(day))
    return date.fromisoformat(text)


def check_birth_date(profile: Profile, text: str, today: date) -> tuple[date | None, str | None]:
    """The birth date of a form: (value, error). Required for pupils only."""
    if not text.strip():
        return None, (L.FIELD_BIRTH_REQUIRED if profile is Profile.STUDENT else None)
    try:
        value = parse_date(text)
    except ValueError:
        return None, L.FIELD_BAD_DATE
    if not date(1900, 1, 1) <= value <= today:
        return None, L.FIELD_BIRTH_RANGE
    return value, None


def check_name(text: str, label: str) -> tuple[str | None, str | None]:
    value = " ".join(text.split())
    if not value:
        return None, L.FIELD_REQUIRED.format(field=label)
    if len(value) > PERSON_NAME_MAX_LENGTH:
        return None, L.FIELD_TOO_LONG.format(field=label, max=PERSON_NAME_MAX_LENGTH)
    if has_control(text):  # tabs and newlines were folded into spaces above
        return None, L.FIELD_CONTROL
    return value, None


def update_identity(
    session: Session, user_id: str, *, first_name: str, last_name: str, birth_date: str, address: str = ""
) -> ActionResult:
    """"Informations administratives": names, birth date, address."""
    user0 = session.store.get(User, user_id)
    profile = user0.profile if user0 else Profile.PERSONNEL
    first, e1 = check_name(first_name, L.FIELD_FIRST_NAME)
    last, e2 = check_name(last_name, L.FIELD_LAST_NAME)
    birth, e3 = check_birth_date(profile, birth_date, session.today)
    errors = {k: v for k, v in (("first_name", e1), ("last_name", e2), ("birth_date", e3)) if v}
    if len(address) > 500:
        errors["address"] = L.FIELD_TOO_LONG.format(field=L.FIELD_ADDRESS, max=500)
    elif has_control(address):
        errors["address"] = L.FIELD_CONTROL
    if errors:
        raise InvalidInput(errors)
    with user_transaction(session, "user.identity") as tx:
        user = _one(tx, session, user_id)
        put_user(tx, user, first_name=first, last_name=last, display_name=display_name(first, last),
             birth_date=birth, address=address.strip() or None)
        message = L.CARD_IDENTITY_SAVED.format(name=display_name(first, last))
        if fed_by_feed(user):
            message += " " + L.CARD_FEED_WARNING
        tx.journal(message, targets=[user.id])
    return ActionResult(message, changed=1, target_id=user_id)


def login_taken(session: Session, login: str, except_id: str) -> bool:
    return any(i != except_id for i in session.store.ids_by(User, "login", login))


def set_login_alias(session: Session, user_id: str, alias: str) -> ActionResult:
    """Alias: same pattern as logins, 64 characters at most, unique. Empty removes it."""
    alias = alias.strip()
    if alias and not LOGIN_RE.match(alias):
        raise InvalidInput({"login_alias": L.FIELD_ALIAS_PATTERN})
    if alias and login_taken(session, alias, user_id):
        raise InvalidInput({"login_alias": L.FIELD_ALIAS_TAKEN.format(alias=alias)})
    with user_transaction(session, "user.alias") as tx:
        user = _one(tx, session, user_id)
        require_connection_rights(session, user)
        put_user(tx, user, login_alias=alias or None)
        message = (L.CARD_ALIAS_SET if alias else L.CARD_ALIAS_REMOVED).format(name=user.display_name, alias=alias)
        tx.journal(message, targets=[user.id])
    return ActionResult(message, changed=1, target_id=user_id)


def set_email(session: Session, user_id: str, email: str) -> ActionResult:
    email = email.strip()
    if has_control(email, multiline=False):
        raise InvalidInput({"email": L.FIELD_CONTROL})
    if email and ("@" not in email or " " in email or len(email) > 254 or email.startswith("@") or email.endswith("@")):
        raise InvalidInput({"email": L.FIELD_EMAIL})
    with user_transaction(session, "user.email") as tx:
        user = _one(tx, session, user_id)
        require_connection_rights(session, user)
        put_user(tx, user, email=email or None)
        message = L.CARD_EMAIL_SAVED.format(name=user.display_name)
        tx.journal(message, targets=[user.id])
    return ActionResult(message, changed=1, target_id=user_id)


def generate_renewal_code(session: Session, user_id: str) -> ActionResult:
    """"Générer un code de renouvellement de mot de passe" (activated accounts)."""
    with user_transaction(session, "user.renewal_code") as tx:
        user = _one(tx, session, user_id)
        require_connection_rights(session, user)
        if not user.activated:
            raise ServiceError(L.CARD_RENEWAL_NOT_ACTIVATED)
        code = renewal_code()
        expires = datetime.combine(session.today + timedelta(days=RENEWAL_LIFETIME_DAYS), tx.now.time())
        put_user(tx, user, renewal_code=code, renewal_code_expires=expires)
        message = L.CARD_RENEWAL_DONE.format(name=user.display_name, code=code, days=RENEWAL_LIFETIME_DAYS)
        # the code itself stays out of the journal
        tx.journal(L.CARD_RENEWAL_JOURNAL.format(name=user.display_name), targets=[user.id])
    return ActionResult(message, changed=1, target_id=user_id)


def send_reset_mail(session: Session, user_id: str) -> ActionResult:
    """"Envoyer" a password-reset mail: recorded in the outbox (no mail server here)."""
    with user_transaction(session, "user.reset_mail") as tx:
        user = _one(tx, session, user_id)
        require_connection_rights(session, user)
        if not user.email:
            raise ServiceError(L.CARD_RESET_NO_EMAIL)
        tx.put(
            OutboxMail(
                when=tx.now,
                kind="reset_password",
                to=(user.email,),
                recipients_count=1,
                subject=L.MAIL_RESET_SUBJECT,
                body=L.MAIL_RESET_BODY.format(login=user.login),
                structure_id=session.structure_id,
            )
        )
        message = L.CARD_RESET_SENT.format(email=user.email)
        tx.journal(message, targets=[user.id])
    return ActionResult(message, changed=1, target_id=user_id)
