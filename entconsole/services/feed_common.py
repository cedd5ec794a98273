"""What the simulated nightly feeds share (DOMAIN.md sections 2, 10, 12): the report, reading columns, disappearances.

A feed is one transaction with a named backup first and one journal entry.
After a feed, fed accounts absent from it get a disappearance date and
accounts that come back lose it; detachments made by the admin are not undone.
The feeds themselves: feed_pupils.py (ONDE) and feed_staff.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path

from entconsole import labels as L
from entconsole.models import school_year_of
from entconsole.services.bulk_accounts import record_duplicates
from entconsole.services.csv_io import Table, UnusableFile, header_key, name_problem, read_table, write_csv
from entconsole.services.imports import RowAction, RowOutcome
from entconsole.services.session import Session
from entconsole.text import shown


class FeedKind(StrEnum):
    PUPILS = "pupils"
    STAFF = "staff"


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


def read_columns(table: Table, expected: tuple[str, ...], required: tuple[str, ...]) -> dict[str, int]:
    wanted = {header_key(c): c for c in expected}
    found: dict[str, int] = {}
    for index, title in enumerate(table.header):
        name = wanted.get(header_key(title))
        if name is not None and name not in found:
            found[name] = index
    if not found:
        raise UnusableFile(L.IMPORT_NO_KNOWN_COLUMN.format(header=shown(" ; ".join(table.header[:8])[:200])))
    missing = [c for c in required if c not in found]
    if missing:
        raise UnusableFile(L.IMPORT_MISSING_COLUMNS.format(columns=", ".join(missing)))
    return found


def cell_getter(columns: dict[str, int], cells: list[str]):
    def get(name: str) -> str:
        i = columns.get(name)
        return cells[i] if i is not None and i < len(cells) else ""
    return get


def feed_transaction(session: Session, action: str):
    return session.store.transaction(session.admin.login, action, structure_id=session.structure_id)


def run_feed(session: Session, raw: bytes, kind: FeedKind, columns: tuple[tuple[str, ...], tuple[str, ...]],
             body, *, apply: bool, file_name: str) -> FeedReport:
    """Read the file, then a dry run (body with tx=None) or one journaled, backed-up write.

    `body(session, table, columns, report, tx)` fills the report and returns the
    ids it changed.
    """
    session.require_structure(session.structure.id)
    table = read_table(raw)
    found = read_columns(table, *columns)
    report = FeedReport(kind, shown(file_name))  # quoted in the report
    if not apply:
        body(session, table, found, report, None)
        report.message = report.summary()
        return report
    with feed_transaction(session, f"feed.{kind.value}") as tx:
        changed = body(session, table, found, report, tx)
        report.applied = True
        report.message = L.FEED_DONE.format(summary=report.summary())
        if changed:
            # The lock is held: the file is still the state before this feed.
            report.backup = tx.backup(L.FEED_BACKUP_REASON)
            tx.journal(report.message, targets=changed, count=len(changed))
        else:
            report.message = L.FEED_NOTHING
    return report


def midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def year_matches(text: str, today: date) -> bool:
    current = school_year_of(today)
    cleaned = text.replace("/", "-").replace(" ", "")
    return cleaned in (current, current.split("-")[0])


def name_reasons(get) -> list[str]:
    reasons = []
    for name, label in (("Nom", L.FIELD_LAST_NAME), ("Prénom", L.FIELD_FIRST_NAME)):
        value = get(name)
        problem = name_problem(value, label) if value else L.IMPORT_MISSING.format(field=label)
        if problem:
            reasons.append(problem)
    return reasons


def mark_disappearances(users, profiles, sources, seen_ids, sid, today, report, put, current) -> None:
    """Fed accounts of the structure absent from the feed get a disappearance date."""
    for user in users:
        user = current(user)
        if (user.profile in profiles and user.source in sources and user.id not in seen_ids
                and sid in user.structures and user.disappearance_date is None and user.delete_date is None):
            put(user, disappearance_date=today)
            report.disappeared.append(user.display_name)


def note_duplicates(tx, report, users, changed, current) -> None:
    """Duplicates among the accounts the feed created or changed, against the others."""
    known = {u.id for u in users}
    pool = [current(u) for u in users] + [u for u in changed.values() if u.id not in known]
    touched = [u for u in changed.values() if u.delete_date is None and u.disappearance_date is None]
    report.duplicates = record_duplicates(tx, touched, pool)
