"""Accueil: the figures of the structure shown on the home screen."""

from __future__ import annotations

from dataclasses import dataclass

from entconsole.models import BLOCKING_ORDER, FlashMessage, Profile, Report, Status
from entconsole.services.flash import is_current
from entconsole.services.session import Session
from entconsole.services.users import structure_users


@dataclass(frozen=True)
class HomeFigures:
    total: int
    by_profile: dict[Profile, int]  # in the console's profile order
    inactive: int
    blocked: int
    duplicates: int
    pending_predeletion: int
    predeleted: int
    reports_pending: int
    flash_current: int


def home_figures(session: Session) -> HomeFigures:
    sid = session.structure.id
    session.require_structure(sid)
    store = session.store
    by_profile = {p: 0 for p in BLOCKING_ORDER}
    counts = {s: 0 for s in Status}
    total = 0
    for user in structure_users(store, sid):
        total += 1
        by_profile[user.profile] += 1
        for status in user.statuses:
            counts[status] += 1
    reports = sum(1 for r in store.find(Report, "structure", sid) if r.decision is None)
    flash = sum(1 for m in store.find(FlashMessage, "structure", sid) if is_current(m, session.today))
    return HomeFigures(
        total=total,
        by_profile=by_profile,
        inactive=counts[Status.INACTIVE],
        blocked=counts[Status.BLOCKED],
        duplicates=counts[Status.DUPLICATE],
        pending_predeletion=counts[Status.PENDING_PREDELETION],
        predeleted=counts[Status.PREDELETED],
        reports_pending=reports,
        flash_current=flash,
    )
