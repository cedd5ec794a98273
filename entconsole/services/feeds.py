"""The nightly ONDE (pupils and parents) and staff feeds, simulated from files (DOMAIN.md sections 2, 10, 12).

A feed is one transaction with a named backup first and one journal entry.
Rows that ONDE would not send are reported with their line and every reason
(the rules of the 2018 rentrée note): valid INE, "Admis définitivement",
a class, the current school year, at least one legal guardian.
After a feed, fed accounts absent from it get a disappearance date and
accounts that come back lose it; classes appear with their first pupil;
detachments made by the admin are not undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path

from entconsole import labels as L
from entconsole.models import INE_RE, Level, Profile, Source, User, display_name, school_year_of
from entconsole.services.bulk_accounts import ClassBook, TakenLogins, person_key, record_duplicates
from entconsole.services.csv_io import Table, UnusableFile, header_key, name_problem, parse_date, read_table, write_csv
from entconsole.services.imports import RowAction, RowOutcome
from entconsole.services.logins import activation_code
from entconsole.services.session import Session
from entconsole.store import Store, Transaction
from entconsole.text import fold


class FeedKind(StrEnum):
    PUPILS = "pupils"
    STAFF = "staff"


PUPIL_COLUMNS = (
    "INE", "Nom", "Prénom", "Date de naissance", "Niveau", "Classe", "Admission", "Année scolaire",
    "Responsable 1 nom", "Responsable 1 prénom", "Responsable 1 courriel", "Responsable 1 téléphone",
    "Responsable 2 nom", "Responsable 2 prénom", "Responsable 2 courriel", "Responsable 2 téléphone",
)
STAFF_COLUMNS = ("Profil", "Nom", "Prénom", "Date de naissance", "Courriel", "Fonction", "UAI")
_PUPIL_REQUIRED = ("INE", "Nom", "Prénom", "Date de naissance", "Classe", "Admission", "Année scolaire",
                   "Responsable 1 nom", "Responsable 1 prénom")
_STAFF_REQUIRED = ("Profil", "Nom", "Prénom", "UAI")
ADMITTED = "admis definitivement"
STAFF_PROFILES = {"enseignant": Profile.TEACHER, "teacher": Profile.TEACHER, "personnel": Profile.PERSONNEL}


@dataclass
class FeedReport:
    kind: FeedKind
    file_name: str
    rows: list[RowOutcome] = field(default_factory=list)
    created_classes: list[str] = field(default_factory=list)
    disappeared: list[str] = field(default_factory=list)  # display names
    returned: list[str] = field(default_factory=list)
    parents_created: int = 0
    duplicates: int = 0
    applied: bool = False
    backup: Path | None = None
    message: str = ""

    def of(self, action: RowAction) -> list[RowOutcome]:
        return [r for r in self.rows if r.action is action]

    @property
    def counts(self) -> dict[str, int]:
        out = {a.value: len(self.of(a)) for a in RowAction}
        out.update(disappeared=len(self.disappeared), returned=len(self.returned),
                   parents_created=self.parents_created, classes_created=len(self.created_classes))
        return out

    @property
    def has_rejections(self) -> bool:
        return any(r.action is RowAction.REJECTED for r in self.rows)

    def summary(self) -> str:
        c = self.counts
        return L.FEED_SUMMARY.format(**c)

    def to_dict(self) -> dict:
        return {
            "feed": self.kind.value, "file": self.file_name, "applied": self.applied,
            "backup": str(self.backup) if self.backup else None, "counts": self.counts,
            "created_classes": self.created_classes, "disappeared": self.disappeared,
            "returned": self.returned, "duplicates": self.duplicates, "message": self.message,
            "rows": [{"line": r.line, "name": r.name, "action": r.action.value, "reasons": r.reasons,
                      "warnings": r.warnings} for r in self.rows],
        }

    def to_csv(self) -> bytes:
        rows = [[str(r.line), r.name, L.IMPORT_ACTION[r.action.value], " ; ".join(r.reasons + r.warnings)]
                for r in self.rows]
        rows += [["", name, L.FEED_DISAPPEARED, ""] for name in self.disappeared]
        return write_csv(L.IMPORT_REPORT_HEADER, rows)


def _columns(table: Table, expected: tuple[str, ...], required: tuple[str, ...]) -> dict[str, int]:
    wanted = {header_key(c): c for c in expected}
    found: dict[str, int] = {}
    for index, title in enumerate(table.header):
        name = wanted.get(header_key(title))
        if name is not None and name not in found:
            found[name] = index
    if not found:
        raise UnusableFile(L.IMPORT_NO_KNOWN_COLUMN.format(header=" ; ".join(table.header[:8])[:200]))
    missing = [c for c in required if c not in found]
    if missing:
        raise UnusableFile(L.IMPORT_MISSING_COLUMNS.format(columns=", ".join(missing)))
    return found


def _getter(columns: dict[str, int], cells: list[str]):
    def get(name: str) -> str:
        i = columns.get(name)
        return cells[i] if i is not None and i < len(cells) else ""
    return get


def _transaction(session: Session, action: str):
    return session.store.transaction(session.admin.login, action, structure_id=session.structure_id)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def _year_matches(text: str, today: date) -> bool:
    current = school_year_of(today)
    cleaned = text.replace("/", "-").replace(" ", "")
    return cleaned in (current, current.split("-")[0])


# --------------------------------------------------------------------------- pupils and parents


@dataclass
class _Guardian:
    first: str
    last: str
    email: str = ""
    phone: str = ""
    children: list[str] = field(default_factory=list)  # ids of the pupils naming this guardian


def feed_pupils(session: Session, raw: bytes, *, apply: bool = False, file_name: str = "") -> FeedReport:
    """The ONDE file: one row per pupil, with up to two guardians."""
    structure = session.structure
    session.require_structure(structure.id)
    table = read_table(raw)
    columns = _columns(table, PUPIL_COLUMNS, _PUPIL_REQUIRED)
    report = FeedReport(FeedKind.PUPILS, file_name)
    if not apply:
        _pupils(session, table, columns, report, None)
        report.message = report.summary()
        return report
    with _transaction(session, "feed.pupils") as tx:
        changed = _pupils(session, table, columns, report, tx)
        report.applied = True
        report.message = L.FEED_DONE.format(summary=report.summary())
        if changed:
            # The lock is held: the file is still the state before this feed.
            report.backup = tx.backup(L.FEED_BACKUP_REASON)
            tx.journal(report.message, targets=changed, count=len(changed))
        else:
            report.message = L.FEED_NOTHING
    return report


def _pupil_reasons(get, today: date, ine: str) -> list[str]:
    reasons = []
    if not ine:
        reasons.append(L.FEED_INE_MISSING)
    elif not INE_RE.match(ine):
        reasons.append(L.FEED_INE_INVALID.format(value=ine))
    reasons += _name_reasons(get)
    admission = get("Admission")
    if fold(admission) != ADMITTED:
        reasons.append(L.FEED_NOT_ADMITTED.format(value=admission or "—"))
    if not get("Classe"):
        reasons.append(L.FEED_NO_CLASS)
    elif problem := name_problem(get("Classe"), L.IMPORT_FIELD_CLASS):
        reasons.append(problem)
    year = get("Année scolaire")
    if not _year_matches(year, today):
        reasons.append(L.FEED_WRONG_YEAR.format(value=year or "—", year=school_year_of(today)))
    if not any(get(f"Responsable {n} nom") and get(f"Responsable {n} prénom") for n in (1, 2)):
        reasons.append(L.FEED_NO_GUARDIAN)
    for n in (1, 2):
        for part in ("nom", "prénom"):
            problem = name_problem(get(f"Responsable {n} {part}"), f"Responsable {n} {part}")
            if problem:
                reasons.append(problem)
    return reasons


def _name_reasons(get) -> list[str]:
    reasons = []
    for name, label in (("Nom", L.FIELD_LAST_NAME), ("Prénom", L.FIELD_FIRST_NAME)):
        value = get(name)
        problem = name_problem(value, label) if value else L.IMPORT_MISSING.format(field=label)
        if problem:
            reasons.append(problem)
    return reasons


def _pupils(session: Session, table: Table, columns: dict[str, int], report: FeedReport,
            tx: Transaction | None) -> list[str]:
    store = session.store
    sid = session.structure.id
    today = session.today
    year = school_year_of(today)
    users = [u for uid in store.ids_by(User, "structure", sid) if (u := store.get(User, uid))]
    pupils = [u for u in users if u.profile is Profile.STUDENT]
    parents = [u for u in users if u.profile is Profile.RELATIVE]
    by_ine = {key: u for u in pupils for key in (u.ine, u.external_id) if key}
    by_key = {person_key(u.first_name, u.last_name, u.birth_date): u for u in pupils}
    parents_by_name: dict[tuple, list[User]] = {}
    for parent in parents:
        parents_by_name.setdefault(person_key(parent.first_name, parent.last_name, None)[:2], []).append(parent)
    classes = ClassBook(store, sid)
    logins = TakenLogins(store)
    changed: dict[str, User] = {}
    seen_ids: set[str] = set()
    seen_ine: dict[str, int] = {}
    guardians: dict[tuple, _Guardian] = {}
    accepted: list[tuple[RowOutcome, User]] = []  # each pupil row taken, with its (new) account
    guardian_keys_of: dict[str, list[tuple]] = {}

    def current(user: User) -> User:
        return changed.get(user.id, user)

    def current_id(user_id: str) -> User | None:
        return changed.get(user_id) or store.get(User, user_id)

    def put(user: User, **updates) -> User:
        if tx is None:
            new = user.model_copy(update=updates)
        else:
            new = tx.put(user.model_copy(update={**updates, "modification_date": tx.now}))
        changed[new.id] = new
        return new

    for line, cells in table.rows:
        get = _getter(columns, cells)
        ine = get("INE").upper().replace(" ", "")
        first, last = get("Prénom"), get("Nom")
        outcome = RowOutcome(line, display_name(first, last).strip() or L.IMPORT_NO_NAME, RowAction.REJECTED)
        report.rows.append(outcome)
        outcome.reasons = _pupil_reasons(get, today, ine)
        birth = None
        try:
            birth = parse_date(get("Date de naissance"))
            if birth is None:
                outcome.reasons.append(L.IMPORT_MISSING.format(field=L.IMPORT_FIELD_BIRTH))
            elif not date(1900, 1, 1) <= birth <= today:
                outcome.reasons.append(L.IO_IMPOSSIBLE_DATE.format(value=get("Date de naissance")))
        except ValueError as exc:
            outcome.reasons.append(str(exc))
        if ine and ine in seen_ine:
            outcome.reasons.append(L.IMPORT_SAME_AS_LINE.format(line=seen_ine[ine]))
        if outcome.reasons:
            continue
        seen_ine[ine] = line
        level_text = get("Niveau").upper().replace(" ", "")
        level = Level(level_text) if level_text in Level.__members__ else None
        if get("Niveau") and level is None:
            outcome.warnings.append(L.FEED_UNKNOWN_LEVEL.format(value=get("Niveau")))
        school_class = classes.find(get("Classe"))
        if school_class is None:
            school_class = classes.create(tx, get("Classe"), level, year)
            report.created_classes.append(school_class.name)
        user = by_ine.get(ine)
        if user is None:  # same name and birth date, but never another pupil's INE
            namesake = by_key.get(person_key(first, last, birth))
            user = namesake if namesake is not None and namesake.ine in (None, ine) else None
        if user is None:
            outcome.action = RowAction.CREATE
            new = User(
                first_name=first, last_name=last, display_name=display_name(first, last),
                profile=Profile.STUDENT, login=logins.new(first, last), activation_code=activation_code(),
                birth_date=birth, ine=ine, external_id=ine, source=Source.AAF1D, structures=(sid,),
                classes=(school_class.id,), creation_date=tx.now if tx else _midnight(today),
            )
            user = tx.put(new) if tx else new
            changed[user.id] = user
        else:
            user = current(user)
            updates = _pupil_updates(store, user, sid, first, last, birth, ine, school_class.id)
            if user.disappearance_date is not None:
                updates["disappearance_date"] = None
                report.returned.append(user.display_name)
            outcome.action = RowAction.UPDATE if updates else RowAction.UNCHANGED
            outcome.reasons = [L.IMPORT_FIELD_LABELS.get(k, k) for k in updates if k in L.IMPORT_FIELD_LABELS]
            if updates:
                user = put(user, **updates)
        outcome.user_id = user.id
        seen_ids.add(user.id)
        accepted.append((outcome, user))
        keys = []
        named = [(n, get(f"Responsable {n} nom"), get(f"Responsable {n} prénom")) for n in (1, 2)]
        named = [(n, last, first) for n, last, first in named if last and first]
        for n, g_last, g_first in named:
            email, phone = get(f"Responsable {n} courriel"), get(f"Responsable {n} téléphone")
            name_key = person_key(g_first, g_last, None)[:2]
            known = [r for rid in user.relatives if (r := current_id(rid)) is not None
                     and person_key(r.first_name, r.last_name, None)[:2] == name_key]
            if known:  # the pupil's own parent of that name: no namesake can be mistaken for them
                key: tuple = ("id", known[0].id)
            else:
                # Siblings' rows repeat the same guardians (names and contacts); namesakes
                # of different families differ by their contacts or by the other guardian.
                others = tuple(person_key(f, l, None)[:2] for m, l, f in named if m != n)
                key = (*name_key, fold(email), "".join(c for c in phone if c.isdigit()), others)
            guardian = guardians.setdefault(key, _Guardian(g_first, g_last, email, phone))
            if user.id not in guardian.children:
                guardian.children.append(user.id)
            keys.append(key)
        guardian_keys_of[user.id] = keys

    # Parents: one account per guardian, shared by siblings.
    parent_of_key: dict[tuple, User] = {}
    for key, guardian in guardians.items():
        children_ids = guardian.children
        if key[0] == "id":
            parent = current_id(key[1])
        else:
            found = parents_by_name.get(key[:2], [])
            # A namesake is this guardian only if already linked to one of the children,
            # or if the feed gives the same address: never another family's parent.
            linked = [p for p in found if set(p.children) & set(children_ids)]
            same_mail = [p for p in found if guardian.email and p.email and fold(p.email) == fold(guardian.email)]
            parent = (linked or same_mail or [None])[0]
        if parent is None:
            new = User(
                first_name=guardian.first, last_name=guardian.last,
                display_name=display_name(guardian.first, guardian.last), profile=Profile.RELATIVE,
                login=logins.new(guardian.first, guardian.last), activation_code=activation_code(),
                email=guardian.email or None, mobile=guardian.phone or None, source=Source.AAF1D,
                structures=(sid,), children=tuple(children_ids),
                creation_date=tx.now if tx else _midnight(today),
            )
            parent = tx.put(new) if tx else new
            changed[parent.id] = parent
            report.parents_created += 1
        else:
            parent = current(parent)
            updates: dict = {}
            kids = tuple(dict.fromkeys(parent.children + tuple(children_ids)))
            if kids != parent.children:
                updates["children"] = kids
            if guardian.email and guardian.email != parent.email:
                updates["email"] = guardian.email
            if guardian.phone and guardian.phone != parent.mobile:
                updates["mobile"] = guardian.phone
            if parent.disappearance_date is not None:
                updates["disappearance_date"] = None
                report.returned.append(parent.display_name)
            if sid not in parent.structures and sid not in parent.removed_from_structures:
                updates["structures"] = parent.structures + (sid,)
            if updates:
                parent = put(parent, **updates)
        parent_of_key[key] = parent
        seen_ids.add(parent.id)
    for outcome, pupil in accepted:
        pupil = current(pupil)
        wanted = tuple(parent_of_key[k].id for k in guardian_keys_of.get(pupil.id, ()))
        relatives = tuple(dict.fromkeys(pupil.relatives + wanted))
        if relatives != pupil.relatives:
            put(pupil, relatives=relatives)
            if outcome.action is RowAction.UNCHANGED:
                outcome.action = RowAction.UPDATE
                outcome.reasons.append(L.FEED_FIELD_RELATIVES)

    _disappearances(users, {Profile.STUDENT, Profile.RELATIVE}, {Source.AAF1D}, seen_ids, sid, today,
                    report, put, current)
    if tx is None:
        return []
    known = {u.id for u in users}
    pool = [current(u) for u in users] + [u for u in changed.values() if u.id not in known]
    touched = [u for u in changed.values() if u.delete_date is None and u.disappearance_date is None]
    report.duplicates = record_duplicates(tx, touched, pool)
    return list(changed) + [c.id for c in classes.created]


def _pupil_updates(store: Store, user: User, sid: str, first: str, last: str, birth: date | None,
                   ine: str, class_id: str) -> dict:
    """What the feed overwrites on a pupil: names, birth date, INE, class of this school, source."""
    from entconsole.models import SchoolClass

    updates: dict = {}
    if (first, last) != (user.first_name, user.last_name):
        updates.update(first_name=first, last_name=last, display_name=display_name(first, last))
    if birth != user.birth_date:
        updates["birth_date"] = birth
    if user.ine != ine:
        updates["ine"] = ine
    if user.source is not Source.AAF1D:
        updates["source"] = Source.AAF1D
    others = tuple(c for c in user.classes if (k := store.get(SchoolClass, c)) is not None and k.structure_id != sid)
    classes = others + (class_id,)
    if set(classes) != set(user.classes) and user.delete_date is None:
        updates["classes"] = classes
    if sid not in user.structures and sid not in user.removed_from_structures:
        updates["structures"] = user.structures + (sid,)
    return updates


def _disappearances(users, profiles, sources, seen_ids, sid, today, report, put, current) -> None:
    """Fed accounts of the structure absent from the feed get a disappearance date."""
    for user in users:
        user = current(user)
        if (user.profile in profiles and user.source in sources and user.id not in seen_ids
                and sid in user.structures and user.disappearance_date is None and user.delete_date is None):
            put(user, disappearance_date=today)
            report.disappeared.append(user.display_name)


# --------------------------------------------------------------------------- staff


def feed_staff(session: Session, raw: bytes, *, apply: bool = False, file_name: str = "") -> FeedReport:
    """The staff file: one row per person and school (AESH of a PIAL, TRS listed for each school)."""
    structure = session.structure
    session.require_structure(structure.id)
    table = read_table(raw)
    columns = _columns(table, STAFF_COLUMNS, _STAFF_REQUIRED)
    report = FeedReport(FeedKind.STAFF, file_name)
    if not apply:
        _staff(session, table, columns, report, None)
        report.message = report.summary()
        return report
    with _transaction(session, "feed.staff") as tx:
        changed = _staff(session, table, columns, report, tx)
        report.applied = True
        report.message = L.FEED_DONE.format(summary=report.summary())
        if changed:
            # The lock is held: the file is still the state before this feed.
            report.backup = tx.backup(L.FEED_BACKUP_REASON)
            tx.journal(report.message, targets=changed, count=len(changed))
        else:
            report.message = L.FEED_NOTHING
    return report


@dataclass
class _Person:
    profile: Profile
    first: str
    last: str
    birth: date | None
    email: str
    function: str
    structures: list[str]
    outcomes: list[RowOutcome]


def _staff(session: Session, table: Table, columns: dict[str, int], report: FeedReport,
           tx: Transaction | None) -> list[str]:
    store = session.store
    today = session.today
    in_scope = {s.uai: s for s in session.structures if s.uai}
    people: dict[tuple, _Person] = {}
    for line, cells in table.rows:
        get = _getter(columns, cells)
        first, last = get("Prénom"), get("Nom")
        outcome = RowOutcome(line, display_name(first, last).strip() or L.IMPORT_NO_NAME, RowAction.REJECTED)
        report.rows.append(outcome)
        profile = STAFF_PROFILES.get(fold(get("Profil")))
        if profile is None:
            outcome.reasons.append(L.FEED_BAD_PROFILE.format(value=get("Profil") or "—"))
        outcome.reasons += _name_reasons(get)
        birth = None
        try:
            birth = parse_date(get("Date de naissance"))
            if birth is not None and not date(1900, 1, 1) <= birth <= today:
                outcome.reasons.append(L.IO_IMPOSSIBLE_DATE.format(value=get("Date de naissance")))
        except ValueError as exc:
            outcome.reasons.append(str(exc))
        uai = get("UAI").upper().replace(" ", "")
        structure = in_scope.get(uai)
        if structure is None:
            outcome.reasons.append(L.FEED_UNKNOWN_UAI.format(value=uai or "—"))
        if outcome.reasons:
            continue
        key = (profile, *person_key(first, last, birth))
        person = people.get(key)
        if person is None:
            person = people[key] = _Person(profile, first, last, birth, get("Courriel"), get("Fonction"), [], [])
        if structure.id not in person.structures:
            person.structures.append(structure.id)
        person.email = person.email or get("Courriel")
        person.function = person.function or get("Fonction")
        person.outcomes.append(outcome)

    covered = {sid for p in people.values() for sid in p.structures}
    staff = [u for p in (Profile.TEACHER, Profile.PERSONNEL) for u in store.find(User, "profile", p)]
    by_key: dict[tuple, User] = {}
    for user in staff:
        by_key.setdefault((user.profile, *person_key(user.first_name, user.last_name, user.birth_date)), user)
    logins = TakenLogins(store)
    changed: dict[str, User] = {}
    seen_ids: set[str] = set()

    def current(user: User) -> User:
        return changed.get(user.id, user)

    def put(user: User, **updates) -> User:
        new = user.model_copy(update=updates) if tx is None else tx.put(
            user.model_copy(update={**updates, "modification_date": tx.now}))
        changed[new.id] = new
        return new

    for key, person in people.items():
        user = by_key.get(key)
        if user is None and person.birth is None:
            homonyms = [u for k, u in by_key.items() if k[:3] == key[:3]]
            user = homonyms[0] if len(homonyms) == 1 else None
        if user is None:
            action = RowAction.CREATE
            new = User(
                first_name=person.first, last_name=person.last,
                display_name=display_name(person.first, person.last), profile=person.profile,
                login=logins.new(person.first, person.last), activation_code=activation_code(),
                birth_date=person.birth, email=person.email or None, position=person.function or None,
                source=Source.AAF, structures=tuple(person.structures), home_structure=person.structures[0],
                creation_date=tx.now if tx else _midnight(today),
            )
            user = tx.put(new) if tx else new
            changed[user.id] = user
            details: list[str] = []
        else:
            user = current(user)
            updates: dict = {}
            added = tuple(s for s in person.structures
                          if s not in user.structures and s not in user.removed_from_structures)
            if added:
                updates["structures"] = user.structures + added
            if person.email and person.email != user.email:
                updates["email"] = person.email
            if person.function and person.function != user.position:
                updates["position"] = person.function
            if user.source not in (Source.AAF, Source.AAF1D):
                updates["source"] = Source.AAF
            if user.disappearance_date is not None:
                updates["disappearance_date"] = None
                report.returned.append(user.display_name)
            action = RowAction.UPDATE if updates else RowAction.UNCHANGED
            details = [L.FEED_FIELD_STRUCTURES if k == "structures" else L.IMPORT_FIELD_LABELS.get(k, k)
                       for k in updates if k not in ("source", "disappearance_date")]
            if updates:
                user = put(user, **updates)
        seen_ids.add(user.id)
        for n, outcome in enumerate(person.outcomes):
            outcome.user_id = user.id
            outcome.action = action if n == 0 else RowAction.UNCHANGED
            outcome.reasons = details if n == 0 else []
    for sid in covered:
        users = [u for uid in store.ids_by(User, "structure", sid) if (u := store.get(User, uid))]
        _disappearances(users, {Profile.TEACHER, Profile.PERSONNEL}, {Source.AAF}, seen_ids, sid, today,
                        report, put, current)
    if tx is None:
        return []
    known = {u.id for u in staff}
    pool = [current(u) for u in staff] + [u for u in changed.values() if u.id not in known]
    touched = [u for u in changed.values() if u.delete_date is None and u.disappearance_date is None]
    report.duplicates = record_duplicates(tx, touched, pool)
    return list(changed)
