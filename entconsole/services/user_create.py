""""Créer un utilisateur" (DOMAIN.md section 2, manual creation)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from entconsole import labels as L
from entconsole.models import Profile, SchoolClass, Source, User, display_name
from entconsole.services.accounts import check_birth_date, check_name, put_user, user_transaction
from entconsole.services.errors import InvalidInput
from entconsole.services.logins import activation_code, make_login
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.services.users import users_of_structure


@dataclass(frozen=True)
class NewUser:
    """The creation form, as typed (validated by `create_user`)."""

    first_name: str
    last_name: str
    profile: Profile = Profile.PERSONNEL
    birth_date: str = ""
    class_id: str | None = None  # None: "Sans classe"
    children: Sequence[str] = field(default_factory=tuple)  # pupils, for a Parent


class _TakenLogins:
    """Logins and aliases in use, looked up in the store's index."""

    def __init__(self, session: Session) -> None:
        self.store = session.store

    def __contains__(self, login: object) -> bool:
        return bool(self.store.ids_by(User, "login", login))


def create_user(session: Session, form: NewUser) -> ActionResult:
    """Create a manual account with a generated login and activation code."""
    first, e_first = check_name(form.first_name, L.FIELD_FIRST_NAME)
    last, e_last = check_name(form.last_name, L.FIELD_LAST_NAME)
    birth, e_birth = check_birth_date(form.profile, form.birth_date, session.today)
    errors = {k: v for k, v in (("first_name", e_first), ("last_name", e_last), ("birth_date", e_birth)) if v}
    sid = session.structure.id
    if form.class_id is not None:
        school_class = session.store.get(SchoolClass, form.class_id)
        if school_class is None or school_class.structure_id != sid:
            errors["class_id"] = L.CLASS_UNKNOWN
    if form.children and form.profile is not Profile.RELATIVE:
        errors["children"] = L.CREATE_CHILDREN_ONLY_PARENTS
    if errors:
        raise InvalidInput(errors)
    with user_transaction(session, "user.create") as tx:
        children = users_of_structure(tx, session, form.children)
        if any(c.profile is not Profile.STUDENT for c in children):
            raise InvalidInput({"children": L.CREATE_CHILDREN_PUPILS})
        login = make_login(first, last, _TakenLogins(session))
        user = tx.put(
            User(
                first_name=first,
                last_name=last,
                display_name=display_name(first, last),
                profile=form.profile,
                login=login,
                activation_code=activation_code(),
                birth_date=birth,
                source=Source.MANUAL,
                structures=(sid,),
                classes=(form.class_id,) if form.class_id else (),
                children=tuple(c.id for c in children),
                creation_date=tx.now,
            )
        )
        for child in children:
            put_user(tx, child, relatives=child.relatives + (user.id,))
        message = L.CREATE_DONE.format(name=user.display_name)
        tx.journal(message, targets=[user.id, *(c.id for c in children)], count=1)
    return ActionResult(message, changed=1, target_id=user.id)
