"""CSV import of accounts for structures without automatic feed (DOMAIN.md section 10).

`import_csv` runs the wizard's steps on one file of one profile: field check
(column mapping, required fields), class check (unknown classes), the
intermediate report (to create / to update / unchanged / to pre-delete /
rejected with row numbers and reasons), and, when applied, one transaction
with a named backup first and one journal entry. A dry run computes the very
same report without writing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from entconsole import labels as L
from entconsole.models import MANUAL_SOURCES, Profile, SchoolClass, Source, StructureFeed, User, display_name
from entconsole.services.bulk_accounts import ClassBook, TakenLogins, person_key, record_duplicates
from entconsole.services.csv_io import (
    Table,
    UnusableFile,
    name_problem,
    parse_date,
    read_table,
    split_multi,
    text_problem,
    write_csv,
)
from entconsole.services.csv_templates import REQUIRED, map_columns
from entconsole.services.logins import activation_code
from entconsole.services.session import Session
from entconsole.store import Transaction
from entconsole.text import fold, shown


class RowAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass
class RowOutcome:
    line: int
    name: str
    action: RowAction
    reasons: list[str] = field(default_factory=list)  # rejected: why; update: what changes
    warnings: list[str] = field(default_factory=list)
    user_id: str | None = None


@dataclass(frozen=True)
class ImportOptions:
    predelete_absent: bool = False  # "Pré-supprimer les comptes des utilisateurs absents des fichiers"
    year_change: bool = False  # "Changement d'année scolaire": classes replaced, not added
    create_classes: bool = True  # unknown classes are created (else their rows are rejected)


@dataclass
class ImportReport:
    """Everything the wizard shows, and the CLI prints (or dumps as JSON)."""

    profile: Profile
    file_name: str
    columns: dict[str, str] = field(default_factory=dict)  # field -> header used
    ignored_columns: list[str] = field(default_factory=list)
    unknown_classes: list[str] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    predeleted: list[tuple[str, str]] = field(default_factory=list)  # (user id, name)
    duplicates: int = 0
    warnings: list[str] = field(default_factory=list)
    applied: bool = False
    backup: Path | None = None
    message: str = ""

    def of(self, action: RowAction) -> list[RowOutcome]:
        return [r for r in self.rows if r.action is action]

    @property
    def counts(self) -> dict[str, int]:
        out = {a.value: len(self.of(a)) for a in RowAction}
        out["predelete"] = len(self.predeleted)
        return out

    @property
    def has_rejections(self) -> bool:
        return any(r.action is RowAction.REJECTED for r in self.rows)

    def summary(self) -> str:
        c = self.counts
        return (L.IMPORT_SUMMARY_DONE if self.applied else L.IMPORT_SUMMARY).format(
            create=c["create"], update=c["update"], unchanged=c["unchanged"],
            predelete=c["predelete"], rejected=c["rejected"],
        )

    def to_dict(self) -> dict:
        return {
            "profile": self.profile.value,
            "file": self.file_name,
            "applied": self.applied,
            "backup": str(self.backup) if self.backup else None,
            "counts": self.counts,
            "columns": self.columns,
            "ignored_columns": self.ignored_columns,
            "unknown_classes": self.unknown_classes,
            "duplicates": self.duplicates,
            "warnings": self.warnings,
            "rows": [
                {"line": r.line, "name": r.name, "action": r.action.value, "reasons": r.reasons,
                 "warnings": r.warnings}
                for r in self.rows
            ],
            "predeleted": [name for _, name in self.predeleted],
            "message": self.message,
        }

    def to_csv(self) -> bytes:
        """The downloadable final report: Ligne;Nom;Résultat;Détail."""
        rows = [[str(r.line), r.name, L.IMPORT_ACTION[r.action.value], " ; ".join(r.reasons + r.warnings)]
                for r in self.rows]
        rows += [["", name, L.IMPORT_ACTION["predelete"], ""] for _, name in self.predeleted]
        return write_csv(L.IMPORT_REPORT_HEADER, rows)


# --------------------------------------------------------------------------- reading rows


@dataclass
class _Row:
    """One file row read into fields, before matching."""

    line: int
    first: str = ""
    last: str = ""
    birth: date | None = None
    classes: list[str] = field(default_factory=list)
    external_id: str = ""
    email: str = ""
    mobile: str = ""
    address: str = ""
    position: str = ""
    children: list[tuple[str, str, list[str]]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return shown(display_name(self.first, self.last).strip()) or L.IMPORT_NO_NAME


def _cells(cells: list[str], indexes: list[int] | None) -> list[str]:
    return [cells[i] for i in indexes or () if i < len(cells) and cells[i]]


def _compose_address(address: str, postcode: str, city: str, country: str) -> str:
    place = " ".join(p for p in (postcode, city) if p)
    return ", ".join(p for p in (address, place, country) if p)


def read_rows(table: Table, profile: Profile, columns: dict[str, list[int]], today: date) -> list[_Row]:
    out = []
    required = REQUIRED[profile]
    for line, cells in table.rows:
        row = _Row(line)
        first = _cells(cells, columns.get("first_name"))
        last = _cells(cells, columns.get("last_name"))
        row.first = first[0] if first else ""
        row.last = last[0] if last else ""
        for value, label in ((row.first, L.FIELD_FIRST_NAME), (row.last, L.FIELD_LAST_NAME)):
            problem = name_problem(value, label) if value else L.IMPORT_MISSING.format(field=label)
            if problem:
                row.reasons.append(problem)
        births = _cells(cells, columns.get("birth_date"))
        if births:
            try:
                row.birth = parse_date(births[0])
            except ValueError as exc:
                row.reasons.append(str(exc))
            else:
                if row.birth is not None and not (date(1900, 1, 1) <= row.birth <= today):
                    row.reasons.append(L.IO_IMPOSSIBLE_DATE.format(value=births[0]))
                    row.birth = None
        elif "birth_date" in required:
            row.reasons.append(L.IMPORT_MISSING.format(field=L.IMPORT_FIELD_BIRTH))
        for value in _cells(cells, columns.get("classes")):
            row.classes.extend(split_multi(value))
        row.classes = list(dict.fromkeys(row.classes))
        row.reasons += [p for name in row.classes if (p := name_problem(name, L.IMPORT_FIELD_CLASS))]
        if "classes" in required and not row.classes:
            row.reasons.append(L.IMPORT_MISSING.format(field=L.IMPORT_FIELD_CLASS))
        ids = _cells(cells, columns.get("external_id"))
        row.external_id = ids[0] if ids else ""
        emails = _cells(cells, columns.get("email"))
        if emails:
            if "@" not in emails[0] or " " in emails[0]:
                row.reasons.append(L.IMPORT_BAD_EMAIL.format(value=shown(emails[0])))
            row.email = emails[0]
        mobiles = _cells(cells, columns.get("mobile"))
        row.mobile = mobiles[0] if mobiles else ""
        functions = _cells(cells, columns.get("function"))
        row.position = functions[0] if functions else ""
        parts = [(_cells(cells, columns.get(k)) or [""])[0] for k in ("address", "postcode", "city", "country")]
        row.address = _compose_address(*parts)
        for value, label, multiline in (
            (row.external_id, L.CTRL_FIELD_EXTERNAL_ID, False), (row.email, L.CTRL_FIELD_EMAIL, False),
            (row.mobile, L.CTRL_FIELD_MOBILE, False), (row.position, L.CTRL_FIELD_POSITION, False),
            (row.address, L.CTRL_FIELD_ADDRESS, True),  # a cell may hold the address on several lines
        ):
            if problem := text_problem(value, label, multiline=multiline):
                row.reasons.append(problem)
        lasts, firsts, klasses = (columns.get(k, []) for k in ("child_last", "child_first", "child_classes"))
        for n in range(max(len(lasts), len(firsts))):
            c_last = _cells(cells, lasts[n:n + 1])
            c_first = _cells(cells, firsts[n:n + 1])
            c_classes = _cells(cells, klasses[n:n + 1])
            if c_last or c_first:
                row.children.append((c_first[0] if c_first else "", c_last[0] if c_last else "",
                                     split_multi(c_classes[0]) if c_classes else []))
        out.append(row)
    return out


# --------------------------------------------------------------------------- the import


def check_fields(table: Table, profile: Profile) -> tuple[dict[str, list[int]], list[str]]:
    """Column mapping; refuses a file whose header names none of the profile's columns."""
    columns, ignored = map_columns(table.header, profile)
    if not columns:
        raise UnusableFile(L.IMPORT_NO_KNOWN_COLUMN.format(header=shown(" ; ".join(table.header[:8])[:200])))
    missing = [f for f in REQUIRED[profile] if f not in columns]
    if missing:
        names = ", ".join(L.IMPORT_FIELD_NAMES[f] for f in missing)
        raise UnusableFile(L.IMPORT_MISSING_COLUMNS.format(columns=names))
    return columns, ignored


def import_csv(
    session: Session,
    profile: Profile,
    raw: bytes,
    options: ImportOptions = ImportOptions(),
    *,
    apply: bool = False,
    file_name: str = "",
) -> ImportReport:
    """Read, check and (when `apply`) import one profile's file. See the module doc."""
    structure = session.structure
    session.require_structure(structure.id)
    table = read_table(raw)
    columns, ignored = check_fields(table, profile)
    rows = read_rows(table, profile, columns, session.today)
    file_name = shown(file_name)  # a file's name is quoted in the report and the journal
    report = ImportReport(profile=profile, file_name=file_name, ignored_columns=ignored)
    report.columns = {f: table.header[i[0]] for f, i in columns.items()}
    if structure.feed is StructureFeed.AUTOMATIC:
        report.warnings.append(L.IMPORT_AUTOMATIC_STRUCTURE)
    if not apply:
        _plan(session, profile, rows, options, report, None)
        report.message = report.summary()
        return report
    store = session.store
    with store.transaction(session.admin.login, "import.csv", structure_id=structure.id) as tx:
        changed = _plan(session, profile, rows, options, report, tx)
        report.applied = True
        report.message = L.IMPORT_DONE.format(file=file_name or "CSV", summary=report.summary())
        if changed:
            # The lock is held: the file is still the state before this import.
            report.backup = tx.backup(L.IMPORT_BACKUP_REASON)
            tx.journal(report.message, targets=changed, count=len(changed))
        else:
            report.message = L.IMPORT_NOTHING
    return report


def _plan(session: Session, profile: Profile, rows: list[_Row], options: ImportOptions,
          report: ImportReport, tx: Transaction | None) -> list[str]:
    """Match each row; with `tx`, stage the changes. Returns the ids changed."""
    store = session.store
    sid = session.structure.id
    today = session.today
    pool = [u for uid in store.ids_by(User, "structure", sid)
            if (u := store.get(User, uid)) and u.profile is profile]
    by_ident: dict[str, User] = {}
    by_key: dict[tuple, list[User]] = {}
    by_names: dict[tuple, list[User]] = {}
    for user in pool:
        by_ident[user.id] = user
        if user.external_id:
            by_ident[user.external_id] = user
        key = person_key(user.first_name, user.last_name, user.birth_date)
        by_key.setdefault(key, []).append(user)
        by_names.setdefault(key[:2], []).append(user)
    classes = ClassBook(store, sid)
    unknown = {}
    for row in rows:
        if row.reasons:  # a rejected row creates nothing, not even its class
            continue
        for name in row.classes:
            if classes.find(name) is None:
                unknown.setdefault(name.casefold(), name)
    report.unknown_classes = sorted(unknown.values(), key=str.casefold)
    if options.create_classes:
        for name in report.unknown_classes:
            classes.create(tx, name, school_year=None)
    pupils = _pupil_index(session) if profile is Profile.RELATIVE else {}
    logins = TakenLogins(store)
    seen: dict[object, int] = {}
    matched: set[str] = set()
    changed: dict[str, User] = {}
    for row in rows:
        outcome = RowOutcome(row.line, row.name, RowAction.REJECTED, list(row.reasons))
        report.rows.append(outcome)
        if not options.create_classes:
            for name in row.classes:
                if classes.find(name) is None:
                    outcome.reasons.append(L.IMPORT_UNKNOWN_CLASS.format(name=shown(name)))
        if outcome.reasons:
            continue
        key = person_key(row.first, row.last, row.birth)
        ident = row.external_id or key
        if ident in seen:
            outcome.reasons.append(L.IMPORT_SAME_AS_LINE.format(line=seen[ident]))
            continue
        seen[ident] = row.line
        user = by_ident.get(row.external_id) if row.external_id else None
        if user is None:
            found = by_key.get(key, [])
            if not found and row.birth is None:
                found = by_names.get(key[:2], [])
            user = found[0] if len(found) == 1 else None
            if len(found) > 1:
                outcome.reasons.append(L.IMPORT_AMBIGUOUS.format(count=len(found)))
                continue
        if user is not None and user.id in matched:
            outcome.reasons.append(L.IMPORT_SAME_ACCOUNT)
            continue
        class_ids = [c.id for n in row.classes if (c := classes.find(n))]
        children, missing = _children(store, row, pupils)
        outcome.warnings += missing
        if user is None:
            outcome.action = RowAction.CREATE
            if tx is None:  # a dry run only counts: no login or code drawn
                continue
            new = User(
                first_name=row.first, last_name=row.last, display_name=display_name(row.first, row.last),
                profile=profile, login=logins.new(row.first, row.last), activation_code=activation_code(),
                birth_date=row.birth, email=row.email or None, mobile=row.mobile or None,
                address=row.address or None, position=row.position or None,
                external_id=row.external_id or None, source=Source.CSV, structures=(sid,),
                classes=tuple(class_ids), children=tuple(c.id for c in children),
                creation_date=tx.now,
            )
            outcome.user_id = new.id
            changed[new.id] = tx.put(new)
            _link_children(tx, new, children, changed)
            continue
        matched.add(user.id)
        outcome.user_id = user.id
        if user.delete_date is not None:  # its links are saved: "Restaurer" on the card brings them back
            outcome.action = RowAction.UNCHANGED
            outcome.warnings.append(L.IMPORT_PREDELETED.format(login=user.login))
            continue
        updates = _updates(session, user, row, class_ids, children, options)
        if not updates:
            outcome.action = RowAction.UNCHANGED
            continue
        outcome.action = RowAction.UPDATE
        outcome.reasons = [L.IMPORT_FIELD_LABELS.get(f, f) for f in updates]
        if tx is not None:
            updated = tx.put(changed.get(user.id, user).model_copy(update={**updates, "modification_date": tx.now}))
            changed[user.id] = updated
            _link_children(tx, updated, children, changed)
    if options.predelete_absent:
        for user in sorted(pool, key=lambda u: (u.last_name, u.first_name)):
            if (user.id in matched or user.source not in MANUAL_SOURCES or user.delete_date is not None
                    or user.is_admin or user.id == session.admin_id):
                continue
            report.predeleted.append((user.id, user.display_name))
            if tx is not None:
                changed[user.id] = tx.put(user.model_copy(update={
                    "delete_date": today, "saved_links": {"classes": user.classes, "groups": user.groups},
                    "classes": (), "groups": (), "modification_date": tx.now,
                }))
    if tx is None:
        return []
    if changed:
        pool_ids = {u.id for u in pool}
        fresh = [changed.get(u.id, u) for u in pool]
        fresh += [u for u in changed.values() if u.profile is profile and u.id not in pool_ids]
        touched = [u for u in changed.values() if u.profile is profile and u.delete_date is None]
        report.duplicates = record_duplicates(tx, touched, fresh)
    return list(changed) + [c.id for c in classes.created]


def _pupil_index(session: Session) -> dict[tuple[str, str], list[User]]:
    store = session.store
    index: dict[tuple[str, str], list[User]] = {}
    for uid in store.ids_by(User, "structure", session.structure.id):
        user = store.get(User, uid)
        if user and user.profile is Profile.STUDENT and user.delete_date is None:
            index.setdefault(person_key(user.first_name, user.last_name, None)[:2], []).append(user)
    return index


def _children(store, row: _Row, pupils: dict) -> tuple[list[User], list[str]]:
    """The pupils a parent row names (homonyms told apart by class); warnings for the others."""
    found, missing = [], []
    for first, last, class_names in row.children:
        candidates = pupils.get(person_key(first, last, None)[:2], [])
        if len(candidates) > 1 and class_names:
            wanted = {fold(n) for n in class_names}
            candidates = [c for c in candidates
                          if wanted & {fold(k.name) for i in c.classes if (k := store.get(SchoolClass, i))}]
        if len(candidates) == 1:
            found.append(candidates[0])
        else:
            missing.append(L.IMPORT_CHILD_NOT_FOUND.format(name=shown(display_name(first, last))))
    return found, missing


def _link_children(tx: Transaction, parent: User, children: list[User], changed: dict[str, User]) -> None:
    for child in children:
        child = changed.get(child.id) or tx.get(User, child.id) or child
        if parent.id not in child.relatives:
            changed[child.id] = tx.put(child.model_copy(update={"relatives": child.relatives + (parent.id,)}))


def _updates(session: Session, user: User, row: _Row, class_ids: list[str], children: list[User],
             options: ImportOptions) -> dict:
    """Fields the row changes on an existing account (empty: nothing to do)."""
    updates: dict = {}
    if row.first != user.first_name or row.last != user.last_name:
        updates.update(first_name=row.first, last_name=row.last, display_name=display_name(row.first, row.last))
    if row.birth is not None and row.birth != user.birth_date:
        updates["birth_date"] = row.birth
    for name, value in (("email", row.email), ("mobile", row.mobile), ("address", row.address),
                        ("position", row.position)):
        if value and value != getattr(user, name):
            updates[name] = value
    sid = session.structure.id
    store = session.store
    if options.year_change:
        others = tuple(c for c in user.classes
                       if (k := store.get(SchoolClass, c)) is None or k.structure_id != sid)
        classes = others + tuple(class_ids)
    else:
        classes = tuple(dict.fromkeys(user.classes + tuple(class_ids)))
    if set(classes) != set(user.classes):
        updates["classes"] = classes
    new_children = tuple(dict.fromkeys(user.children + tuple(c.id for c in children)))
    if new_children != user.children:
        updates["children"] = new_children
    return updates
