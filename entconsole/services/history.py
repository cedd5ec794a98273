"""The journal of actions, and the store's backups (seen and restored by admins)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import orjson

from entconsole import labels as L
from entconsole.models import JournalEntry, Structure
from entconsole.services.errors import NotFound, PermissionDenied
from entconsole.services.results import ActionResult
from entconsole.services.session import Session


def journal_entries(
    session: Session, *, since: date | None = None, actor: str | None = None
) -> list[JournalEntry]:
    """Entries the acting admin may see, newest first.

    An ADML sees what concerns its structures and what it did itself; a
    central admin sees everything.
    """
    admin = session.admin
    entries = []
    for entry in session.store.all(JournalEntry):
        visible = (
            admin.is_super_admin
            or entry.actor == admin.login
            or (entry.structure_id is not None and admin.is_admin_of(entry.structure_id))
        )
        if not visible:
            continue
        if since is not None and entry.when.date() < since:
            continue
        if actor is not None and entry.actor != actor:
            continue
        entries.append(entry)
    entries.sort(key=lambda e: (e.revision, e.when), reverse=True)
    return entries


@dataclass(frozen=True)
class BackupInfo:
    name: str
    path: Path
    saved: datetime
    size: int
    revision: int | None


def _can_restore(session: Session) -> bool:
    """A restore rewinds the whole file: only for whoever administers every school in it."""
    admin = session.admin
    schools = [s.id for s in session.store.all(Structure) if s.is_school]
    return admin.is_super_admin or all(admin.is_admin_of(sid) for sid in schools)


def list_backups(session: Session) -> list[BackupInfo]:
    out = []
    for path in session.store.backups.list():
        stat = path.stat()
        try:
            meta = orjson.loads(path.read_bytes()).get("meta", {})
            revision = next(iter(meta.values()), {}).get("revision")
        except (OSError, orjson.JSONDecodeError, AttributeError):
            revision = None
        out.append(BackupInfo(path.name, path, datetime.fromtimestamp(stat.st_mtime), stat.st_size, revision))
    return out


def restore_backup(session: Session, name: str) -> ActionResult:
    """Put the whole store back to a backup (after a backup of the current state)."""
    if not _can_restore(session):
        raise PermissionDenied(L.RESTORE_NOT_ALLOWED)
    path = session.store.backups.find(name)
    if path is None:
        raise NotFound(L.RESTORE_UNKNOWN.format(name=name))
    message = L.RESTORE_DONE.format(name=path.name)
    tx = session.store.restore(path, session.admin.login, message)
    return ActionResult(message, changed=len(tx.changes))
