"""Who is acting, on which structure, on which day; and the scope checks.

Every service takes a :class:`Session`. Scope is checked here, never only by
the screens: an ADML acts on the structures of its ADMIN_LOCAL function, a
central admin (SUPER_ADMIN) on every school.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from entconsole import labels as L
from entconsole.models import Structure, User
from entconsole.services.errors import NotFound, PermissionDenied
from entconsole.store import Store
from entconsole.text import fold, matches


def find_login(store: Store, login: str) -> User | None:
    """The account whose login or login alias is `login`."""
    for user_id in store.ids_by(User, "login", login.strip().lower()):
        return store.get(User, user_id)
    return None


def admins(store: Store) -> list[User]:
    """Every administrator of the store, by display name."""
    found = [u for u in store.all(User) if u.is_admin and u.delete_date is None]
    return sorted(found, key=lambda u: fold(u.display_name))


def administered_structures(store: Store, admin: User) -> list[Structure]:
    """The schools `admin` may administer, sorted by name."""
    if admin.is_super_admin:
        found = [s for s in store.all(Structure) if s.is_school]
    else:
        found = [s for sid in admin.admin_scope() if (s := store.get(Structure, sid))]
    return sorted(found, key=lambda s: fold(s.name))


def search_structures(structures: list[Structure], query: str) -> list[Structure]:
    """"Rechercher un établissement": by name or UAI."""
    return [s for s in structures if matches(query, s.name, s.uai or "")]


@dataclass
class Session:
    """The acting admin, the structure administered and today's date."""

    store: Store
    admin_id: str
    today: date
    structure_id: str | None = None
    _structures: list[str] = field(default_factory=list)

    @classmethod
    def open(
        cls, store: Store, login: str | None, today: date, structure_id: str | None = None
    ) -> "Session":
        """Resolve the acting admin (default: the store's) and their structure."""
        login = login or store.meta.default_admin
        if not login:
            raise NotFound(L.NO_ADMIN)
        user = find_login(store, login)
        if user is None or not user.is_admin:
            # only then: listing the admins reads every account (100,000 at a department)
            names = ", ".join(u.login for u in admins(store)) or "—"
            if user is None:
                raise NotFound(L.UNKNOWN_LOGIN.format(login=login, admins=names))
            raise PermissionDenied(L.NOT_ADMIN.format(login=login, admins=names))
        session = cls(store=store, admin_id=user.id, today=today)
        scope = administered_structures(store, user)
        if not scope:
            raise PermissionDenied(L.NO_STRUCTURE.format(login=login))
        if structure_id is not None:
            session.switch(structure_id)
        elif len(scope) == 1:
            session.structure_id = scope[0].id
        return session

    @property
    def admin(self) -> User:
        user = self.store.get(User, self.admin_id)
        if user is None:  # deleted by another session
            raise NotFound(L.ADMIN_GONE)
        return user

    @property
    def structures(self) -> list[Structure]:
        return administered_structures(self.store, self.admin)

    @property
    def structure(self) -> Structure:
        if self.structure_id is None:
            raise NotFound(L.NO_STRUCTURE_CHOSEN)
        structure = self.store.get(Structure, self.structure_id)
        if structure is None:
            raise NotFound(L.STRUCTURE_GONE)
        return structure

    @property
    def needs_structure_choice(self) -> bool:
        return self.structure_id is None

    def switch(self, structure_id: str) -> Structure:
        """Administer another structure of the admin's scope."""
        self.require_structure(structure_id)
        self.structure_id = structure_id
        return self.structure

    def require_structure(self, structure_id: str) -> None:
        """Refuse any action on a structure outside the acting admin's scope."""
        admin = self.admin
        if not admin.is_admin_of(structure_id):
            structure = self.store.get(Structure, structure_id)
            name = structure.name if structure else structure_id
            raise PermissionDenied(L.OUT_OF_SCOPE.format(structure=name))
