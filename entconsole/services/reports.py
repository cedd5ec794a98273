"""Signalements (DOMAIN.md section 9): reported news-feed notifications.

A pending report has no decision. "Traiter le signalement" records KEEP or
DELETE with who and when; a kept notification can still be deleted later (the
keep decision moves to `history`); a deleted one is gone for good. The guide's
crisis procedure (delete the notification, block the author, then meet them)
is one action here: :func:`block_author`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from entconsole import labels as L
from entconsole.models import Report, ReportAction, ReportDecision, Reporter, User
from entconsole.services.errors import NotFound, PermissionDenied, ServiceError
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.services.users import users_of_structure
from entconsole.store import Transaction


class ReportState(StrEnum):
    PENDING = "pending"
    KEPT = "kept"
    DELETED = "deleted"


def report_state(report: Report) -> ReportState:
    if report.decision is None:
        return ReportState.PENDING
    if report.decision.action is ReportAction.DELETE:
        return ReportState.DELETED
    return ReportState.KEPT


def first_report(report: Report) -> Reporter | None:
    """The first reporter ("Signalé le … par …")."""
    return min(report.reporters, key=lambda r: r.date, default=None)


def reported_on(report: Report) -> datetime:
    first = first_report(report)
    return first.date if first else report.notification_date


# --------------------------------------------------------------------------- lists


def structure_reports(session: Session) -> list[Report]:
    sid = session.structure.id
    session.require_structure(sid)
    return session.store.find(Report, "structure", sid)


def pending_reports(session: Session) -> list[Report]:
    """"Signalements à traiter", newest report first."""
    found = [r for r in structure_reports(session) if r.decision is None]
    return sorted(found, key=lambda r: (reported_on(r), r.id), reverse=True)


def treated_reports(session: Session) -> list[Report]:
    """"Historique": treated reports, latest decision first."""
    found = [r for r in structure_reports(session) if r.decision is not None]
    return sorted(found, key=lambda r: (r.decision.date, r.id), reverse=True)  # type: ignore[union-attr]


def pending_count(session: Session) -> int:
    return sum(1 for r in structure_reports(session) if r.decision is None)


def report_author(session: Session, report: Report) -> User | None:
    """The author's account, if it is still in the administered structure."""
    user = session.store.get(User, report.author_id)
    sid = session.structure.id
    if user is None or (sid not in user.structures and sid not in user.removed_from_structures):
        return None
    return user


# --------------------------------------------------------------------------- actions


def _report(tx: Transaction, session: Session, report_id: str) -> Report:
    sid = session.structure.id
    session.require_structure(sid)
    report = tx.get(Report, report_id)
    if report is None or sid not in report.structures:
        raise NotFound(L.RPT_NOT_FOUND)
    return report


def _decided(tx: Transaction, session: Session, report: Report, action: ReportAction) -> Report:
    """The report with `action` decided now by the acting admin (earlier decision kept)."""
    admin = session.admin
    decision = ReportDecision(action=action, by_login=admin.login, by_name=admin.display_name, date=tx.now)
    history = report.history + ((report.decision,) if report.decision else ())
    return report.model_copy(update={"decision": decision, "history": history})


def _check_decision(report: Report, action: ReportAction) -> None:
    state = report_state(report)
    if state is ReportState.DELETED:
        raise ServiceError(L.RPT_ALREADY_DELETED)
    if state is ReportState.KEPT and action is ReportAction.KEEP:
        raise ServiceError(L.RPT_ALREADY_KEPT)


def treat_report(session: Session, report_id: str, action: ReportAction) -> ActionResult:
    """"Traiter le signalement": Supprimer (for good) or Conserver.

    A kept report can still be deleted; a deleted one cannot change again.
    """
    action = ReportAction(action)
    verb = "report.delete" if action is ReportAction.DELETE else "report.keep"
    store = session.store
    with store.transaction(session.admin.login, verb, structure_id=session.structure_id) as tx:
        report = _report(tx, session, report_id)
        _check_decision(report, action)
        tx.put(_decided(tx, session, report, action))
        message = L.RPT_DONE_DELETE if action is ReportAction.DELETE else L.RPT_DONE_KEEP
        tx.journal(message, targets=[report.id], count=1)
    return ActionResult(message, changed=1, target_id=report.id)


def block_author(session: Session, report_id: str, *, delete_notification: bool = False) -> ActionResult:
    """"Bloquer l'auteur" of a reported notification, in one step.

    The same rules as blocking from the users list (`services.users.set_blocked`):
    the account must belong to the administered structure, an admin cannot
    block themself, blocking a teacher or staff member blocks them everywhere.
    With `delete_notification`, the notification is deleted in the same
    action (the guide's crisis procedure) unless it already is.
    """
    store = session.store
    with store.transaction(session.admin.login, "report.block_author", structure_id=session.structure_id) as tx:
        report = _report(tx, session, report_id)
        try:
            [author] = users_of_structure(tx, session, [report.author_id])
        except NotFound:
            raise NotFound(L.RPT_AUTHOR_GONE) from None
        if author.id == session.admin_id:
            raise PermissionDenied(L.USER_CANNOT_BLOCK_SELF)
        delete = delete_notification and report_state(report) is not ReportState.DELETED
        block = not author.blocked
        name = author.display_name
        if delete:
            tx.put(_decided(tx, session, report, ReportAction.DELETE))
        if block:
            tx.put(author.model_copy(update={"blocked": True, "modification_date": tx.now}))
        if delete and block:
            message = L.RPT_BLOCKED_AND_DELETED.format(name=name)
        elif delete:
            message = L.RPT_DELETED_ALREADY_BLOCKED.format(name=name)
        elif block:
            message = L.USER_BLOCKED.format(name=name)
        else:
            return ActionResult(L.RPT_ALREADY_BLOCKED.format(name=name), skipped=1, target_id=author.id)
        tx.journal(message, targets=[author.id, report.id], count=int(block) + int(delete))
    return ActionResult(message, changed=int(block) + int(delete), target_id=author.id)
