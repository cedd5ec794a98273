""""Annuler la dernière action": generic undo from the journal's before-images.

Every transaction records, in its journal entry, what the documents it changed
were before (the fields that changed) and a hash of each as it left them (see
:mod:`entconsole.undo_data`). Undoing the acting admin's last action puts the
documents back in one transaction, itself journaled as ``journal.undo``,
and only when every document is still exactly as the action left it.
Refused, with the reason: definitive deletions, sent notifications or mails,
deleted reported notifications, restores, actions too large to keep, and
actions whose documents someone changed since.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from entconsole import labels as L
from entconsole.models import (
    MODEL_BY_TABLE,
    BlockAction,
    BlockTrace,
    JournalEntry,
    OutboxMail,
    Profile,
    Report,
    ReportAction,
    User,
)
from entconsole.services.errors import NotFound, ServiceError
from entconsole.services.mass_block import REVERSE_TRACE
from entconsole.services.results import ActionResult
from entconsole.services.session import Session, find_login
from entconsole.store import Store, Transaction
from entconsole.undo_data import SKIPPED_RESTORE, SKIPPED_TOO_LARGE, UNDO_FORMAT, doc_hash, restored

UNDO_ACTION = "journal.undo"
# Deleting a communication link only removes a rule: putting it back is an undo.
# Any other deleted document is gone for good.
REVERSIBLE_DELETIONS = frozenset({"links"})


@dataclass(frozen=True)
class UndoPlan:
    """The action "Annuler la dernière action" would reverse, and why it cannot, if so."""

    entry: JournalEntry
    refusal: str | None
    count: int

    @property
    def possible(self) -> bool:
        return self.refusal is None


def _changed_something(entry: JournalEntry) -> bool:
    undo = entry.undo
    if undo is None or undo.get("v") != UNDO_FORMAT:
        return entry.count > 0  # recorded before this undo data existed
    return "skipped" in undo or any(undo.get("before", {}).values())


def undone_ids(store: Store | Transaction, login: str) -> set[str]:
    store = store.store if isinstance(store, Transaction) else store
    return {
        target
        for entry in store.find(JournalEntry, "actor", login)
        if entry.action == UNDO_ACTION
        for target in entry.targets
    }


def last_action(store: Store, login: str) -> JournalEntry | None:
    """`login`'s most recent action that changed something and is not undone yet."""
    undone = undone_ids(store, login)
    entries = sorted(store.find(JournalEntry, "actor", login), key=lambda e: e.revision, reverse=True)
    for entry in entries:
        if entry.action == UNDO_ACTION or entry.id in undone or not _changed_something(entry):
            continue
        return entry
    return None


def _current_hash(store: Store, table: str, doc_id: str) -> str | None:
    doc = store.get(MODEL_BY_TABLE[table], doc_id)
    return None if doc is None else doc_hash(doc.model_dump(mode="json"))


def _who_changed(store: Store, entry: JournalEntry, keys: set[tuple[str, str]]) -> str | None:
    """The display name of the first admin who changed one of `keys` after `entry`."""
    later = sorted(
        (e for e in store.all(JournalEntry) if e.revision > entry.revision and e.actor != entry.actor),
        key=lambda e: e.revision,
    )
    for other in later:
        before = (other.undo or {}).get("before", {})
        if any(doc_id in before.get(table, {}) for table, doc_id in keys):
            user = find_login(store, other.actor)
            return user.display_name if user else other.actor
    return None


def _refusal(session: Session, entry: JournalEntry) -> str | None:
    """Why `entry` cannot be undone now, or None."""
    store = session.store
    undo: dict[str, Any] | None = entry.undo
    if undo is None or undo.get("v") != UNDO_FORMAT:
        return L.UNDO_REASON_NO_DATA
    skipped = undo.get("skipped")
    if skipped == SKIPPED_RESTORE:
        return L.UNDO_REASON_RESTORE
    if skipped == SKIPPED_TOO_LARGE:
        return L.UNDO_REASON_TOO_LARGE.format(count=undo.get("count", "?"))
    if skipped is not None:
        return L.UNDO_REASON_NO_DATA
    if entry.structure_id is not None and not session.admin.is_admin_of(entry.structure_id):
        return L.UNDO_REASON_SCOPE
    before: dict[str, dict[str, Any]] = undo.get("before", {})
    after: dict[str, dict[str, str | None]] = undo.get("after", {})
    for table, hashes in after.items():
        if table not in REVERSIBLE_DELETIONS and any(h is None for h in hashes.values()):
            return L.UNDO_REASON_DELETED
    if any(raw is None for raw in before.get(OutboxMail.TABLE, {}).values()):
        return L.UNDO_REASON_SENT
    for doc_id, record in before.get(Report.TABLE, {}).items():
        report = store.get(Report, doc_id)
        if report is None or report.decision is None or report.decision.action is not ReportAction.DELETE:
            continue
        old = restored(report.model_dump(mode="json"), record) if record else {}
        if (old.get("decision") or {}).get("action") != ReportAction.DELETE.value:
            return L.UNDO_REASON_REPORT_DELETED
    changed = {
        (table, doc_id)
        for table, hashes in after.items()
        for doc_id, expected in hashes.items()
        if _current_hash(store, table, doc_id) != expected
    }
    if changed:
        who = _who_changed(store, entry, changed)
        return L.UNDO_REASON_CHANGED_BY.format(who=who) if who else L.UNDO_REASON_CHANGED
    return None


def _count(entry: JournalEntry) -> int:
    before = (entry.undo or {}).get("before", {})
    return sum(len(docs) for docs in before.values())


def plan_undo(session: Session) -> UndoPlan:
    """What "Annuler la dernière action" would do for the acting admin (nothing changes)."""
    entry = last_action(session.store, session.admin.login)
    if entry is None:
        raise NotFound(L.UNDO_NOTHING)
    return UndoPlan(entry, _refusal(session, entry), _count(entry))


def undo_last(session: Session, expected_entry_id: str | None = None) -> ActionResult:
    """Reverse the acting admin's last action, in one journaled transaction.

    `expected_entry_id` is the entry the admin confirmed (from :func:`plan_undo`):
    if another of their sessions acted meanwhile, the undo is refused rather
    than reversing something they did not see.
    """
    store = session.store
    login = session.admin.login
    with store.transaction(login, UNDO_ACTION) as tx:
        entry = last_action(store, login)  # the transaction reloaded the file
        if entry is None:
            raise NotFound(L.UNDO_NOTHING)
        if expected_entry_id is not None and entry.id != expected_entry_id:
            raise ServiceError(L.UNDO_STALE)
        refusal = _refusal(session, entry)
        if refusal is not None:
            raise ServiceError(L.UNDO_CANNOT.format(summary=entry.summary, reason=refusal))
        tx.structure_id = entry.structure_id
        count = 0
        for table, docs in entry.undo["before"].items():  # type: ignore[index]
            model = MODEL_BY_TABLE[table]
            for doc_id, record in docs.items():
                if record is None:  # created by the action
                    tx.delete(model, doc_id)
                else:
                    current = tx.get(model, doc_id)
                    current_json = current.model_dump(mode="json") if current is not None else {}
                    tx.put(model.model_validate(restored(current_json, record)))
                count += 1
        reverse = (entry.undo.get("service") or {}).get(REVERSE_TRACE)  # type: ignore[union-attr]
        if reverse is not None and entry.structure_id is not None:
            admin = session.admin
            tx.put(BlockTrace(
                structure_id=entry.structure_id,
                action=BlockAction(reverse["action"]),
                profile=Profile(reverse["profile"]),
                author_login=admin.login,
                author_name=admin.display_name,
                date=tx.now,
                count=len(entry.undo["before"].get(User.TABLE, {})),  # type: ignore[index]
            ))
        message = L.UNDO_DONE.format(summary=entry.summary)
        tx.journal(message, targets=[entry.id], count=count)
    return ActionResult(message, changed=count)
