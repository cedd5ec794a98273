"""The ONDE feed, simulated from a file: one row per pupil with up to two legal guardians.

A pupil is taken only if ONDE would send them (the rules of the 2018 rentrée
note, DOMAIN.md section 10): valid INE, "Admis définitivement", a class, the
current school year, at least one legal guardian; every other row is reported
with its line and every reason. Siblings share their parents' accounts;
classes appear with their first pupil.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from entconsole import labels as L
from entconsole.models import INE_RE, Level, Profile, SchoolClass, Source, User, display_name, school_year_of
from entconsole.services.bulk_accounts import ClassBook, TakenLogins, person_key
from entconsole.services.csv_io import Table, name_problem, parse_date, text_problem
from entconsole.services.feed_common import (
    FeedKind,
    FeedReport,
    cell_getter,
    mark_disappearances,
    note_duplicates,
    midnight,
    name_reasons,
    run_feed,
    year_matches,
)
from entconsole.services.imports import RowAction, RowOutcome
from entconsole.services.logins import activation_code
from entconsole.services.session import Session
from entconsole.store import Store, Transaction
from entconsole.text import fold, shown

PUPIL_COLUMNS = (
    "INE", "Nom", "Prénom", "Date de naissance", "Niveau", "Classe", "Admission", "Année scolaire",
    "Responsable 1 nom", "Responsable 1 prénom", "Responsable 1 courriel", "Responsable 1 téléphone",
    "Responsable 2 nom", "Responsable 2 prénom", "Responsable 2 courriel", "Responsable 2 téléphone",
)
_PUPIL_REQUIRED = ("INE", "Nom", "Prénom", "Date de naissance", "Classe", "Admission", "Année scolaire",
                   "Responsable 1 nom", "Responsable 1 prénom")
ADMITTED = "admis definitivement"


@dataclass
class _Guardian:
    first: str
    last: str
    email: str = ""
    phone: str = ""
    children: list[str] = field(default_factory=list)  # ids of the pupils naming this guardian


def feed_pupils(session: Session, raw: bytes, *, apply: bool = False, file_name: str = "") -> FeedReport:
    """The ONDE file: one row per pupil, with up to two guardians."""
    return run_feed(session, raw, FeedKind.PUPILS, (PUPIL_COLUMNS, _PUPIL_REQUIRED), _pupils, apply=apply, file_name=file_name)


def _pupil_reasons(get, today: date, ine: str) -> list[str]:
    reasons = []
    if not ine:
        reasons.append(L.FEED_INE_MISSING)
    elif not INE_RE.match(ine):
        reasons.append(L.FEED_INE_INVALID.format(value=shown(ine)))
    reasons += name_reasons(get)
    admission = get("Admission")
    if fold(admission) != ADMITTED:
        reasons.append(L.FEED_NOT_ADMITTED.format(value=shown(admission) or "—"))
    if not get("Classe"):
        reasons.append(L.FEED_NO_CLASS)
    elif problem := name_problem(get("Classe"), L.IMPORT_FIELD_CLASS):
        reasons.append(problem)
    year = get("Année scolaire")
    if not year_matches(year, today):
        reasons.append(L.FEED_WRONG_YEAR.format(value=shown(year) or "—", year=school_year_of(today)))
    if not any(get(f"Responsable {n} nom") and get(f"Responsable {n} prénom") for n in (1, 2)):
        reasons.append(L.FEED_NO_GUARDIAN)
    for n in (1, 2):
        for part in ("nom", "prénom"):
            problem = name_problem(get(f"Responsable {n} {part}"), f"Responsable {n} {part}")
            if problem:
                reasons.append(problem)
        for part in ("courriel", "téléphone"):  # stored on the parent's account
            if problem := text_problem(get(f"Responsable {n} {part}"), f"Responsable {n} {part}"):
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
        get = cell_getter(columns, cells)
        ine = get("INE").upper().replace(" ", "")
        first, last = get("Prénom"), get("Nom")
        outcome = RowOutcome(line, shown(display_name(first, last).strip()) or L.IMPORT_NO_NAME, RowAction.REJECTED)
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
            outcome.warnings.append(L.FEED_UNKNOWN_LEVEL.format(value=shown(get("Niveau"))))
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
                classes=(school_class.id,), creation_date=tx.now if tx else midnight(today),
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
                creation_date=tx.now if tx else midnight(today),
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

    mark_disappearances(users, {Profile.STUDENT, Profile.RELATIVE}, {Source.AAF1D}, seen_ids, sid, today,
                    report, put, current)
    if tx is None:
        return []
    note_duplicates(tx, report, users, changed, current)
    return list(changed) + [c.id for c in classes.created]


def _pupil_updates(store: Store, user: User, sid: str, first: str, last: str, birth: date | None,
                   ine: str, class_id: str) -> dict:
    """What the feed overwrites on a pupil: names, birth date, INE, class of this school, source."""
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
