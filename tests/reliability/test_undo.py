""""Annuler la dernière action": the service, its refusals, and `entconsole undo`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from entconsole import labels as L
from entconsole import undo_data
from entconsole.cli import main
from entconsole.clock import make_clock
from entconsole.models import JournalEntry, OutboxMail, Profile, Report, Source, User
from entconsole.services.accounts import add_to_group, delete_users, send_reset_mail
from entconsole.services.errors import NotFound, ServiceError
from entconsole.services.history import list_backups, restore_backup
from entconsole.services.reports import treat_report
from entconsole.services.session import Session
from entconsole.services.undo import UNDO_ACTION, plan_undo, undo_last
from entconsole.services.user_create import NewUser, create_user
from entconsole.services.users import UserQuery, query_users, set_blocked
from entconsole.store import Store
from tests.reliability.small_store import ADVISOR, TODAY, write_small_store


@pytest.fixture
def path(tmp_path):
    return write_small_store(tmp_path / "s.json")


@pytest.fixture
def session(path):
    return Session.open(Store(path, clock=make_clock(TODAY, frozen=True)), None, TODAY)


def pupils(session, n=2):
    found = query_users(session.store, session.structure_id, UserQuery(profiles=frozenset({Profile.STUDENT})))
    return [u for u in found if not u.blocked and u.delete_date is None][:n]


def last_entry(store):
    return max(store.all(JournalEntry), key=lambda e: e.revision)


def manual_group(session):
    from entconsole.models import Group, GroupType

    return next(
        g for g in session.store.all(Group)
        if g.type is GroupType.MANUAL and g.structure_id == session.structure_id and not g.lock_delete
    )


def test_undo_puts_documents_back_in_one_journaled_write(session):
    store = session.store
    targets = pupils(session)
    set_blocked(session, [u.id for u in targets], True)
    plan = plan_undo(session)
    assert plan.possible and plan.count == 2 and plan.entry.action == "user.block"
    writes = store.write_count
    result = undo_last(session, plan.entry.id)
    assert store.write_count == writes + 1
    assert result.message == L.UNDO_DONE.format(summary=plan.entry.summary)
    for user in targets:
        assert store.get(User, user.id) == user  # exactly as before, dates included
    entry = last_entry(store)
    assert entry.action == UNDO_ACTION and entry.targets == (plan.entry.id,) and entry.count == 2
    assert Store(store.path).get(User, targets[0].id) == targets[0]  # on disk too
    with pytest.raises(NotFound, match=L.UNDO_NOTHING):
        plan_undo(session)


def test_undo_walks_back_several_actions(session):
    store = session.store
    [pupil] = pupils(session, 1)
    group = manual_group(session)
    set_blocked(session, [pupil.id], True)
    add_to_group(session, [pupil.id], group.id)
    assert plan_undo(session).entry.action == "group.members.add"
    undo_last(session)
    assert group.id not in store.get(User, pupil.id).groups and store.get(User, pupil.id).blocked
    assert plan_undo(session).entry.action == "user.block"
    undo_last(session)
    assert store.get(User, pupil.id) == pupil


def test_undo_of_a_creation_removes_the_account_and_frees_the_login(session):
    store = session.store
    result = create_user(session, NewUser(first_name="Zoé", last_name="Essai"))
    login = store.get(User, result.target_id).login
    undo_last(session)
    assert store.get(User, result.target_id) is None
    assert not store.ids_by(User, "login", login)


def test_undo_of_a_predeletion_brings_links_back(session):
    store = session.store
    user = next(
        u for u in query_users(store, session.structure_id, UserQuery())
        if u.source is Source.MANUAL and u.activation_code is None and u.id != session.admin_id
        and u.delete_date is None
    )
    delete_users(session, [user.id])
    assert store.get(User, user.id).delete_date is not None
    undo_last(session)
    assert store.get(User, user.id) == user


def test_definitive_deletion_is_refused(session):
    store = session.store
    user = next(
        u for u in query_users(store, session.structure_id, UserQuery())
        if u.source is Source.MANUAL and u.activation_code is not None and u.id != session.admin_id
    )
    delete_users(session, [user.id])
    plan = plan_undo(session)
    assert plan.refusal == L.UNDO_REASON_DELETED
    revision = store.revision
    with pytest.raises(ServiceError, match="suppression définitive"):
        undo_last(session)
    assert store.revision == revision  # nothing written


def test_sent_mail_is_refused(session):
    store = session.store
    user = next(
        u for u in query_users(store, session.structure_id, UserQuery())
        if u.email and u.activation_code is None and not u.is_admin
    )
    send_reset_mail(session, user.id)
    assert store.count(OutboxMail) == 1
    assert plan_undo(session).refusal == L.UNDO_REASON_SENT


def test_deleted_reported_notification_is_refused(session):
    store = session.store
    report = next(r for r in store.all(Report) if session.structure_id in r.structures and r.decision is None)
    treat_report(session, report.id, "DELETE")
    assert plan_undo(session).refusal == L.UNDO_REASON_REPORT_DELETED


def test_change_by_another_admin_since_is_refused_with_their_name(session):
    store = session.store
    [pupil] = pupils(session, 1)
    set_blocked(session, [pupil.id], True)
    advisor = Session.open(Store(store.path, clock=store.clock), ADVISOR, TODAY, structure_id=session.structure_id)
    set_blocked(advisor, [pupil.id], False)
    # The director's session has not reloaded yet: undo reloads under the lock.
    with pytest.raises(ServiceError, match=advisor.admin.display_name):
        undo_last(session)
    assert store.get(User, pupil.id).blocked is False  # the advisor's change stands


def test_restore_and_too_large_actions_are_refused(session, monkeypatch):
    store = session.store
    targets = pupils(session, 3)
    monkeypatch.setattr(undo_data, "MAX_UNDO_DOCS", 2)
    set_blocked(session, [u.id for u in targets], True)
    assert plan_undo(session).refusal == L.UNDO_REASON_TOO_LARGE.format(count=3)
    monkeypatch.undo()
    delete_users(session, [u.id for u in query_users(store, session.structure_id, UserQuery())
                           if u.source is Source.MANUAL and u.id != session.admin_id][:2])
    [backup] = list_backups(session)
    advisor = Session.open(store, ADVISOR, TODAY, structure_id=session.structure_id)  # restores need every school
    restore_backup(advisor, backup.name)
    assert plan_undo(advisor).refusal == L.UNDO_REASON_RESTORE


def test_confirmed_entry_must_still_be_the_last(session):
    [a, b] = pupils(session)
    set_blocked(session, [a.id], True)
    plan = plan_undo(session)
    set_blocked(session, [b.id], True)
    with pytest.raises(ServiceError, match="entre-temps"):
        undo_last(session, plan.entry.id)


# --------------------------------------------------------------------------- CLI


def cli(path, *args, input=None):
    return CliRunner().invoke(main, ["--db", str(path), "--today", "2024-09-05", *args], input=input)


def test_cli_undo(path, session):
    [pupil] = pupils(session, 1)
    set_blocked(session, [pupil.id], True)
    refused = cli(path, "undo")  # no terminal to ask
    assert refused.exit_code == 2 and L.UNDO_NEEDS_YES in refused.output
    done = cli(path, "undo", "--yes")
    assert done.exit_code == 0, done.output
    assert done.output.strip() == L.UNDO_DONE.format(summary=L.USER_BLOCKED.format(name=pupil.display_name))
    assert Store(path).get(User, pupil.id) == pupil
    nothing = cli(path, "undo", "--yes")
    assert nothing.exit_code == 2 and nothing.output.strip() == L.UNDO_NOTHING


def test_cli_undo_refusal_is_one_line(path, session):
    user = next(
        u for u in query_users(session.store, session.structure_id, UserQuery())
        if u.source is Source.MANUAL and u.activation_code is not None and u.id != session.admin_id
    )
    delete_users(session, [user.id])
    result = cli(path, "undo", "--yes")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "suppression définitive" in result.output


# --------------------------------------------------------------------------- other areas, same mechanism


def test_undo_a_flash_edit_a_detachment_and_a_role_grant(session):
    from entconsole.models import Application, FlashMessage, Group
    from entconsole.services.accounts import detach_from_structure
    from entconsole.services.apps import grant_role
    from entconsole.services.flash import draft_from_message, list_messages, update_message

    store = session.store
    message = next(m for m in list_messages(session) if m.end_date >= TODAY)
    update_message(session, message.id, draft_from_message(message).with_(title="Titre changé"))
    assert store.get(FlashMessage, message.id).title == "Titre changé"
    undo_last(session)
    assert store.get(FlashMessage, message.id) == message

    pupil = pupils(session, 1)[0]
    detach_from_structure(session, pupil.id)
    assert session.structure_id in store.get(User, pupil.id).removed_from_structures
    undo_last(session)
    assert store.get(User, pupil.id) == pupil

    application = next(a for a in store.all(Application) if a.roles)
    role = application.roles[0]
    group = next(g for g in store.all(Group) if g.structure_id == session.structure_id and g.id not in role.groups)
    grant_role(session, application.id, role.id, [group.id])
    assert store.get(Application, application.id) != application
    undo_last(session)
    assert store.get(Application, application.id) == application
    assert [e.action for e in sorted(store.all(JournalEntry), key=lambda e: e.revision)][-2:] == ["app.role_grant", UNDO_ACTION]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)
documents = st.dictionaries(st.sampled_from(["id", "a", "b", "c", "d"]), json_values, max_size=5)


@settings(max_examples=300, deadline=None)
@given(before=documents, after=documents)
def test_patch_brings_any_document_back(before, after):
    assert undo_data.restored(after, undo_data.patch(before, after)) == before
    assert undo_data.restored({}, {"doc": before}) == before


def test_a_bulk_block_keeps_small_patches(session):
    store = session.store
    targets = pupils(session, 5)
    set_blocked(session, [u.id for u in targets], True)
    before = last_entry(store).undo["before"]["users"]
    assert set(before) == {u.id for u in targets}
    assert all(set(record) == {"set", "unset"} and set(record["set"]) <= {"blocked", "modification_date"}
               for record in before.values())


def test_undoing_a_mass_block_keeps_its_history_line_and_adds_the_opposite(session):
    from entconsole.models import BlockAction, BlockTrace
    from entconsole.services.mass_block import mass_block

    store = session.store
    before = set(t.id for t in store.all(BlockTrace))
    result = mass_block(session, Profile.RELATIVE, BlockAction.BLOCK)
    assert result.changed > 0
    blocked = [u for u in store.all(User) if u.blocked and u.profile is Profile.RELATIVE]
    undo_last(session, plan_undo(session).entry.id)
    assert not any(store.get(User, u.id).blocked for u in blocked)
    new = [t for t in store.all(BlockTrace) if t.id not in before]
    assert sorted((t.action.value, t.profile, t.count) for t in new) == [
        (BlockAction.BLOCK.value, Profile.RELATIVE, result.changed),
        (BlockAction.UNBLOCK.value, Profile.RELATIVE, result.changed),
    ]
    assert all(t.author_login == session.admin.login for t in new)
