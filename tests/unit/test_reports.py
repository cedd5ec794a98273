"""Signalements: treatment, history, delete after keep, blocking the author."""

from __future__ import annotations

from datetime import datetime

import pytest

from entconsole import labels as L
from entconsole.models import JournalEntry, Report, ReportAction, User
from entconsole.services import reports
from entconsole.services.errors import NotFound, PermissionDenied, ServiceError
from entconsole.services.reports import ReportState
from entconsole.services.session import Session
from entconsole.store import Store
from tests.conftest import TODAY

NOW = datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0)  # the frozen test clock


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


def last_entry(store: Store) -> JournalEntry:
    return max(store.all(JournalEntry), key=lambda e: e.revision)


def kept_report(session) -> Report:
    return next(r for r in reports.treated_reports(session) if reports.report_state(r) is ReportState.KEPT)


def test_pending_newest_first_and_count(session):
    pending = reports.pending_reports(session)
    assert len(pending) == reports.pending_count(session) == 2
    dates = [reports.reported_on(r) for r in pending]
    assert dates == sorted(dates, reverse=True)
    assert all(r.decision is None for r in pending)
    treated = reports.treated_reports(session)
    assert {reports.report_state(r) for r in treated} == {ReportState.KEPT, ReportState.DELETED}
    decided = [r.decision.date for r in treated]
    assert decided == sorted(decided, reverse=True)


@pytest.mark.parametrize("action", [ReportAction.DELETE, ReportAction.KEEP])
def test_treat_records_who_and_when_in_one_write(session, action):
    report = reports.pending_reports(session)[0]
    writes = session.store.write_count
    result = reports.treat_report(session, report.id, action)
    assert session.store.write_count == writes + 1
    stored = session.store.get(Report, report.id)
    admin = session.admin
    assert stored.decision.action is action
    assert (stored.decision.by_login, stored.decision.by_name, stored.decision.date) == (
        admin.login, admin.display_name, NOW
    )
    assert stored.history == ()
    assert reports.pending_count(session) == 1
    assert report.id in [r.id for r in reports.treated_reports(session)]
    assert reports.treated_reports(session)[0].id == report.id  # latest decision first
    entry = last_entry(session.store)
    assert entry.action == ("report.delete" if action is ReportAction.DELETE else "report.keep")
    assert entry.targets == (report.id,) and entry.summary == result.message


def test_a_kept_notification_can_still_be_deleted_then_never_again(session):
    report = kept_report(session)
    earlier = report.decision
    result = reports.treat_report(session, report.id, ReportAction.DELETE)
    assert result.message == L.RPT_DONE_DELETE
    stored = session.store.get(Report, report.id)
    assert stored.decision.action is ReportAction.DELETE
    assert stored.history == (earlier,)
    writes = session.store.write_count
    for action in ReportAction:
        with pytest.raises(ServiceError, match="déjà supprimée"):
            reports.treat_report(session, report.id, action)
    assert session.store.write_count == writes


def test_keeping_twice_is_refused(session):
    report = kept_report(session)
    with pytest.raises(ServiceError, match=L.RPT_ALREADY_KEPT):
        reports.treat_report(session, report.id, ReportAction.KEEP)


def test_reports_of_another_structure_are_refused(session, demo_path):
    report = reports.pending_reports(session)[0]
    # the district advisor, administering the other school, does not see it there
    store = session.store
    advisor = next(u for u in store.all(User) if len(u.admin_scope()) == 2)
    advisor_session = Session.open(store, advisor.login, TODAY)
    second = next(s for s in advisor_session.structures if s.id != session.structure_id)
    advisor_session.switch(second.id)
    writes = store.write_count
    with pytest.raises(NotFound):
        reports.treat_report(advisor_session, report.id, ReportAction.DELETE)
    with pytest.raises(NotFound):
        reports.block_author(advisor_session, report.id)
    assert store.write_count == writes
    assert report.id not in [r.id for r in reports.pending_reports(advisor_session)]


def test_block_author_and_delete_in_one_write(session):
    report = reports.pending_reports(session)[0]
    author = session.store.get(User, report.author_id)
    assert not author.blocked
    writes = session.store.write_count
    result = reports.block_author(session, report.id, delete_notification=True)
    assert session.store.write_count == writes + 1
    assert session.store.get(User, author.id).blocked
    stored = session.store.get(Report, report.id)
    assert reports.report_state(stored) is ReportState.DELETED and stored.decision.date == NOW
    assert result.message == L.RPT_BLOCKED_AND_DELETED.format(name=author.display_name)
    entry = last_entry(session.store)
    assert entry.action == "report.block_author" and set(entry.targets) == {author.id, report.id}
    assert entry.count == 2
    # again: nothing left to do, nothing written
    again = reports.block_author(session, report.id, delete_notification=True)
    assert again.changed == 0 and session.store.write_count == writes + 1
    assert again.message == L.RPT_ALREADY_BLOCKED.format(name=author.display_name)


def test_block_author_only_leaves_the_report_pending(session):
    report = reports.pending_reports(session)[0]
    result = reports.block_author(session, report.id)
    assert result.message == L.USER_BLOCKED.format(name=report.author_name)
    assert session.store.get(User, report.author_id).blocked
    assert session.store.get(Report, report.id).decision is None


def test_block_author_already_blocked_still_deletes(session):
    report = reports.pending_reports(session)[0]
    reports.block_author(session, report.id)
    result = reports.block_author(session, report.id, delete_notification=True)
    assert result.changed == 1
    assert result.message == L.RPT_DELETED_ALREADY_BLOCKED.format(name=report.author_name)
    assert reports.report_state(session.store.get(Report, report.id)) is ReportState.DELETED


def test_block_author_refuses_self_and_authors_gone(session):
    report = reports.pending_reports(session)[0]
    store = session.store
    with store.transaction("test", "test.seed") as tx:
        tx.put(report.model_copy(update={"author_id": session.admin_id}))
        tx.journal("seed")
    writes = store.write_count
    with pytest.raises(PermissionDenied):
        reports.block_author(session, report.id, delete_notification=True)
    # an author who left every structure of this admin
    outsider = next(u for u in store.all(User) if session.structure_id not in u.structures
                    and session.structure_id not in u.removed_from_structures)
    with store.transaction("test", "test.seed") as tx:
        tx.put(report.model_copy(update={"author_id": outsider.id}))
        tx.journal("seed")
    writes = store.write_count
    with pytest.raises(NotFound, match=L.RPT_AUTHOR_GONE):
        reports.block_author(session, report.id, delete_notification=True)
    assert store.write_count == writes
    assert store.get(Report, report.id).decision is None
    assert reports.report_author(session, store.get(Report, report.id)) is None

