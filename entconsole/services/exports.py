"""Account exports (DOMAIN.md section 10): classic CSV, year-transition CSV, activation codes.

Exports read the store and write nothing to it; the file goes where the
admin says and never replaces an existing file unless asked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from entconsole import labels as L
from entconsole.models import ADMIN_LOCAL, Profile, SchoolClass, Structure, User
from entconsole.services.csv_io import format_date, join_values, write_csv
from entconsole.services.csv_templates import EXTERNAL_ID_HEADER, TEMPLATES
from entconsole.services.errors import NeedsConfirmation, ServiceError
from entconsole.services.session import Session
from entconsole.services.users import UserQuery, query_users
from entconsole.store import Store, atomic_write


class ExportKind(StrEnum):
    CLASSIC = "classic"
    TRANSITION = "transition"


CLASSIC_HEADER = (
    "Id", "Identifiant SIECLE", "Type", "Nom", "Prénom", "Identifiant", "Login personnalisé (Alias)",
    "Code d'activation", "Fonctions", "Établissements", "Classes", "Enfants", "Parents",
    "Dernière connexion", "Courriel", "Téléphone",
)
CODES_HEADER = ("Type", "Nom", "Prénom", "Login", "Alias de login", "Code d'activation")
PROFILE_FILE_SLUG = {
    Profile.STUDENT: "eleves", Profile.TEACHER: "enseignants", Profile.PERSONNEL: "personnels",
    Profile.RELATIVE: "parents", Profile.GUEST: "invites",
}


@dataclass(frozen=True)
class ExportFilter:
    """The export form: Classe (None: Toutes), Profil (None: Tous), activation (None: tous)."""

    class_id: str | None = None
    profile: Profile | None = None
    activated: bool | None = None

    def query(self) -> UserQuery:
        return UserQuery(
            profiles=frozenset({self.profile}) if self.profile else frozenset(),
            classes=frozenset({self.class_id}) if self.class_id else frozenset(),
            activated=self.activated,
        )


def selected_users(session: Session, flt: ExportFilter) -> list[User]:
    """The administered structure's accounts matching the form, by name."""
    structure = session.structure
    session.require_structure(structure.id)
    if flt.class_id is not None:
        school_class = session.store.get(SchoolClass, flt.class_id)
        if school_class is None or school_class.structure_id != structure.id:
            raise ServiceError(L.CLASS_UNKNOWN)
    return query_users(session.store, structure.id, flt.query())


# --------------------------------------------------------------------------- rows


def _names(store: Store, model, ids) -> list[str]:
    return [doc.name for i in ids if (doc := store.get(model, i))]


def _people(store: Store, ids) -> list[str]:
    return [u.display_name for i in ids if (u := store.get(User, i))]


def _functions(user: User) -> list[str]:
    return [L.EXPORT_FUNCTION_ADMIN if code == ADMIN_LOCAL else code for code in user.functions]


def classic_row(store: Store, user: User) -> list[str]:
    return [
        user.id,
        user.external_id or "",
        L.PROFILE[user.profile.value],
        user.last_name,
        user.first_name,
        user.login,
        user.login_alias or "",
        user.activation_code or "",
        join_values(_functions(user)),
        join_values(_names(store, Structure, user.structures)),
        join_values(_names(store, SchoolClass, user.classes)),
        join_values(_people(store, user.children)),
        join_values(_people(store, user.relatives)),
        user.last_login.strftime("%d-%m-%Y %H:%M") if user.last_login else "",
        user.email or "",
        user.mobile or "",
    ]


def transition_row(store: Store, user: User, structure_id: str) -> list[str]:
    """One row in the layout of the profile's import template (+ identifier)."""
    classes = [c.name for i in user.classes if (c := store.get(SchoolClass, i)) and c.structure_id == structure_id]
    birth = format_date(user.birth_date)
    ident = user.external_id or user.id
    adult = [user.first_name, user.last_name, birth, user.position or "", user.mobile or "", "",
             user.email or "", user.address or "", "", "", ""]
    match user.profile:
        case Profile.STUDENT:
            row = [user.first_name, user.last_name, birth, join_values(classes)]
        case Profile.TEACHER:
            row = adult + [classes[0] if classes else "", join_values(classes[1:])]
        case Profile.PERSONNEL:
            row = adult
        case Profile.GUEST:
            row = [user.first_name, user.last_name, join_values(classes), birth, user.mobile or "", "",
                   user.email or "", user.address or "", "", "", ""]
        case Profile.RELATIVE:
            row = [user.last_name, user.first_name, user.address or "", "", "", "", user.email or "",
                   user.mobile or ""]
            children = [c for i in user.children if (c := store.get(User, i))][:3]
            for child in children:
                names = [k.name for i in child.classes if (k := store.get(SchoolClass, i))]
                row += [child.last_name, child.first_name, join_values(names)]
            row += [""] * (3 * (3 - len(children)))
    return row + [ident]


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class ExportFile:
    """One file of an export: its suggested name, its bytes and how many accounts."""

    name: str
    data: bytes
    count: int


def _stamp(session: Session) -> str:
    structure = session.structure
    return f"{structure.uai or structure.id[:8]}-{session.today:%Y%m%d}"


def export_accounts(session: Session, kind: ExportKind, flt: ExportFilter = ExportFilter()) -> list[ExportFile]:
    """"Exporter des comptes": one classic file, or one transition file per profile."""
    users = selected_users(session, flt)
    store = session.store
    stamp = _stamp(session)
    if kind is ExportKind.CLASSIC:
        rows = [classic_row(store, u) for u in users]
        return [ExportFile(f"export-comptes-{stamp}.csv", write_csv(CLASSIC_HEADER, rows), len(rows))]
    files = []
    sid = session.structure.id
    for profile in Profile:
        chosen = [u for u in users if u.profile is profile]
        if not chosen and (flt.profile is not profile):
            continue
        header = TEMPLATES[profile] + [EXTERNAL_ID_HEADER]
        rows = [transition_row(store, u, sid) for u in chosen]
        name = f"transition-{PROFILE_FILE_SLUG[profile]}-{stamp}.csv"
        files.append(ExportFile(name, write_csv(header, rows), len(rows)))
    return files


def export_activation_codes(session: Session, flt: ExportFilter = ExportFilter()) -> ExportFile:
    """Type;Nom;Prénom;Login;Alias de login;Code d'activation of the non-activated accounts."""
    users = [u for u in selected_users(session, flt) if u.activation_code]
    rows = [[L.PROFILE[u.profile.value], u.last_name, u.first_name, u.login, u.login_alias or "",
             u.activation_code] for u in users]
    return ExportFile(f"codes-activation-{_stamp(session)}.csv", write_csv(CODES_HEADER, rows), len(rows))


class FileExists(NeedsConfirmation):
    """The target exists: the UI asks, the CLI needs --force."""

    def __init__(self, path: Path) -> None:
        super().__init__(L.EXPORT_FILE_EXISTS.format(path=path))
        self.path = path


def output_path(directory: str | os.PathLike[str] | None, name: str) -> Path:
    """Where a file goes: `directory` (default: the current directory) / `name`.

    A path ending in a file name (with a suffix) is taken as the file itself.
    """
    target = Path(directory).expanduser() if directory else Path.cwd()
    if target.suffix and not target.is_dir():
        return target.resolve()
    return (target / name).resolve()


def save_file(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write `data` to `path` atomically; an existing file needs `overwrite`."""
    if path.exists() and not overwrite:
        raise FileExists(path)
    if path.is_dir():
        raise ServiceError(L.EXPORT_CANNOT_WRITE.format(path=path, detail=L.DETAIL_IS_DIR))
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise ServiceError(L.EXPORT_CANNOT_WRITE.format(path=path, detail=exc.strerror or exc)) from exc
    return path
