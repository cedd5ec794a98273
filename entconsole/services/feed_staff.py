"""The staff feed, simulated from a file: one row per person and school.

An AESH of a PIAL is listed for every school of the PIAL, a TRS for each of
their schools: the account is attached to each listed school of the acting
admin's scope (never back to one the admin detached it from).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from entconsole import labels as L
from entconsole.models import Profile, Source, User, display_name
from entconsole.services.bulk_accounts import TakenLogins, person_key
from entconsole.services.csv_io import Table, parse_date, text_problem
from entconsole.services.feed_common import (
    FeedKind,
    FeedReport,
    cell_getter,
    mark_disappearances,
    note_duplicates,
    midnight,
    name_reasons,
    run_feed,
)
from entconsole.services.imports import RowAction, RowOutcome
from entconsole.services.logins import activation_code
from entconsole.services.session import Session
from entconsole.store import Transaction
from entconsole.text import fold, shown

STAFF_COLUMNS = ("Profil", "Nom", "Prénom", "Date de naissance", "Courriel", "Fonction", "UAI")
_STAFF_REQUIRED = ("Profil", "Nom", "Prénom", "UAI")
STAFF_PROFILES = {"enseignant": Profile.TEACHER, "teacher": Profile.TEACHER, "personnel": Profile.PERSONNEL}



def feed_staff(session: Session, raw: bytes, *, apply: bool = False, file_name: str = "") -> FeedReport:
    """The staff file: one row per person and school (AESH of a PIAL, TRS listed for each school)."""
    return run_feed(session, raw, FeedKind.STAFF, (STAFF_COLUMNS, _STAFF_REQUIRED), _staff, apply=apply, file_name=file_name)


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
        get = cell_getter(columns, cells)
        first, last = get("Prénom"), get("Nom")
        outcome = RowOutcome(line, shown(display_name(first, last).strip()) or L.IMPORT_NO_NAME, RowAction.REJECTED)
        report.rows.append(outcome)
        profile = STAFF_PROFILES.get(fold(get("Profil")))
        if profile is None:
            outcome.reasons.append(L.FEED_BAD_PROFILE.format(value=shown(get("Profil")) or "—"))
        outcome.reasons += name_reasons(get)
        for column in ("Courriel", "Fonction"):  # stored on the account
            if problem := text_problem(get(column), column):
                outcome.reasons.append(problem)
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
            outcome.reasons.append(L.FEED_UNKNOWN_UAI.format(value=shown(uai) or "—"))
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
                creation_date=tx.now if tx else midnight(today),
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
        mark_disappearances(users, {Profile.TEACHER, Profile.PERSONNEL}, {Source.AAF}, seen_ids, sid, today,
                        report, put, current)
    if tx is None:
        return []
    note_duplicates(tx, report, staff, changed, current)
    return list(changed)
