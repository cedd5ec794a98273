"""Message Flash: status around midnight, visibility, notifications, form rules, actions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entconsole import labels as L
from entconsole.models import (
    ADMIN_LOCAL_TARGET,
    FlashColor,
    FlashMessage,
    JournalEntry,
    OutboxMail,
    Profile,
    Structure,
    User,
)
from entconsole.services.errors import NotFound, PermissionDenied
from entconsole.services.flash import (
    FlashDraft,
    FlashStatus,
    FlashValidationError,
    create_message,
    delete_messages,
    draft_from_message,
    duplicate_draft,
    flash_status,
    list_messages,
    live_warning,
    max_live,
    notification_allowed,
    recipients_count,
    update_message,
    validate_draft,
    visible_messages,
)
from entconsole.services.session import Session
from entconsole.services.users import structure_users
from entconsole.store import Store
from tests.conftest import TODAY

DAY = timedelta(days=1)


def message(start: date, end: date, **extra) -> FlashMessage:
    fields = dict(
        title="Test", contents={"fr": "Bonjour"}, start_date=start, end_date=end,
        profiles=(Profile.RELATIVE.value,), structures=("s1",), author="Vasseur Nathalie",
        created=datetime(2024, 9, 1, 8, 0),
    )
    fields.update(extra)
    return FlashMessage(**fields)


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


@pytest.fixture
def advisor(demo_path, clock):
    """The district advisor (ADML of both schools), on the Papillons."""
    store = Store(demo_path, clock=clock)
    return Session.open(store, "julien.carpentier", TODAY, structure_id=_papillons(store).id)


def _papillons(store: Store) -> Structure:
    return next(s for s in store.all(Structure) if s.uai == "0601234X")


def _coquelicots(store: Store) -> Structure:
    return next(s for s in store.all(Structure) if s.uai == "0601567K")


def titles(messages) -> list[str]:
    return [m.title for m in messages]


def good_draft(**changes) -> FlashDraft:
    draft = FlashDraft(
        title="Conseil d'école", start=TODAY, end=TODAY + 3 * DAY,
        profiles=(Profile.TEACHER.value,), contents={"fr": "Conseil d'école mardi à 18 h."},
    )
    return draft.with_(**changes)


# --------------------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2024, 9, 4, 23, 59, 59), FlashStatus.UPCOMING),  # the evening before the start
        (datetime(2024, 9, 5, 0, 0, 0), FlashStatus.CURRENT),  # midnight: it starts
        (date(2024, 9, 5), FlashStatus.CURRENT),
        (date(2024, 9, 10), FlashStatus.CURRENT),  # the end date is shown…
        (datetime(2024, 9, 10, 23, 59, 59), FlashStatus.CURRENT),  # …until midnight
        (datetime(2024, 9, 11, 0, 0, 0), FlashStatus.OBSOLETE),  # midnight: it is over
        (date(2024, 9, 11), FlashStatus.OBSOLETE),
    ],
)
def test_status_around_midnight_and_bounds(moment, expected):
    assert flash_status(message(date(2024, 9, 5), date(2024, 9, 10)), moment) is expected


def test_one_day_message_is_current_that_whole_day_only():
    one_day = message(TODAY, TODAY)
    assert flash_status(one_day, datetime.combine(TODAY, datetime.min.time())) is FlashStatus.CURRENT
    assert flash_status(one_day, datetime.combine(TODAY, datetime.max.time())) is FlashStatus.CURRENT
    assert flash_status(one_day, TODAY - DAY) is FlashStatus.UPCOMING
    assert flash_status(one_day, TODAY + DAY) is FlashStatus.OBSOLETE


@given(
    start=st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    length=st.integers(0, 400),
    a=st.integers(-500, 500),
    b=st.integers(-500, 500),
)
def test_status_only_moves_forward(start, length, a, b):
    """Upcoming, then current, then obsolete: never back, whatever the days compared."""
    m = message(start, start + timedelta(days=length))
    order = [FlashStatus.UPCOMING, FlashStatus.CURRENT, FlashStatus.OBSOLETE]
    first, second = sorted((a, b))
    s1 = flash_status(m, start + timedelta(days=first))
    s2 = flash_status(m, start + timedelta(days=second))
    assert order.index(s1) <= order.index(s2)
    assert (s1 is FlashStatus.CURRENT) == (0 <= first <= length)


def test_list_filters_follow_today(session):
    everything = titles(list_messages(session))
    assert everything == [
        "Réunions de rentrée", "Bascule ONDE", "Rentrée : horaires",
        "Sortie au théâtre (annulée)", "Fête de l'école",
    ]  # newest start first; the Coquelicots' message is not listed
    assert titles(list_messages(session, FlashStatus.CURRENT)) == ["Bascule ONDE", "Rentrée : horaires"]
    assert titles(list_messages(session, FlashStatus.UPCOMING)) == ["Réunions de rentrée"]
    assert titles(list_messages(session, FlashStatus.OBSOLETE)) == ["Sortie au théâtre (annulée)", "Fête de l'école"]
    # a week later the meetings are live and the welcome message still is
    session.today = TODAY + 7 * DAY
    assert titles(list_messages(session, FlashStatus.CURRENT)) == [
        "Réunions de rentrée", "Bascule ONDE", "Rentrée : horaires",
    ]


# --------------------------------------------------------------------------- visibility


def test_visibility_by_profile(session):
    store, sid = session.store, session.structure_id
    seen = {
        target: titles(visible_messages(store, target, sid, TODAY))
        for target in (*(p.value for p in Profile), ADMIN_LOCAL_TARGET)
    }
    assert seen == {
        "Teacher": [],  # the theatre message is over, the party too
        "Student": ["Rentrée : horaires"],
        "Relative": ["Rentrée : horaires"],  # the meetings start next week
        "Personnel": [],
        "Guest": [],
        ADMIN_LOCAL_TARGET: ["Bascule ONDE"],
    }
    assert titles(visible_messages(store, Profile.RELATIVE, sid, TODAY + 7 * DAY)) == [
        "Réunions de rentrée", "Rentrée : horaires",
    ]


def test_visibility_of_users_follows_their_structures(session):
    store = session.store
    pap, coq = _papillons(store), _coquelicots(store)
    parents = [u for u in store.all(User) if u.profile is Profile.RELATIVE and u.delete_date is None]
    both = next(u for u in parents if {pap.id, coq.id} <= set(u.structures))
    only_coq = next(u for u in parents if u.structures == (coq.id,))
    assert sorted(titles(visible_messages(store, both, None, TODAY))) == ["Photos de classe", "Rentrée : horaires"]
    assert titles(visible_messages(store, both, pap.id, TODAY)) == ["Rentrée : horaires"]
    assert titles(visible_messages(store, only_coq, None, TODAY)) == ["Photos de classe"]
    # a local admin sees the messages for local admins of the schools they administer
    advisor = next(u for u in store.all(User) if u.login == "julien.carpentier")
    assert "Bascule ONDE" in titles(visible_messages(store, advisor, None, TODAY))
    # a pre-deleted account sees nothing
    gone = both.model_copy(update={"delete_date": TODAY})
    assert visible_messages(store, gone, None, TODAY) == []


# --------------------------------------------------------------------------- notifications


def test_notification_rule():
    assert notification_allowed(TODAY, 1, TODAY)
    assert not notification_allowed(TODAY + DAY, 1, TODAY)  # scheduled for later
    assert not notification_allowed(TODAY - DAY, 1, TODAY)  # already running
    assert not notification_allowed(TODAY, 2, TODAY)  # several structures
    assert not notification_allowed(None, 1, TODAY)
    errors = validate_draft(good_draft(start=TODAY + DAY, end=TODAY + 2 * DAY, mail=True), TODAY)
    assert errors == {"notification": L.FLASH_NOTIFY_RULE}
    assert validate_draft(good_draft(mail=True, mobile=True), TODAY) == {}
    assert "notification" in validate_draft(good_draft(mobile=True), TODAY, structures_count=2)


def test_notifications_go_to_the_outbox_with_recipients_counted(session):
    store, sid = session.store, session.structure_id
    draft = good_draft(profiles=(Profile.RELATIVE.value, Profile.STUDENT.value), mail=True, mobile=True,
                       end=TODAY + DAY)
    result = create_message(session, draft)
    expected = sum(
        1 for u in structure_users(store, sid)
        if u.profile in (Profile.RELATIVE, Profile.STUDENT) and u.delete_date is None
    )
    assert expected > 700
    mails = sorted(store.all(OutboxMail), key=lambda m: m.kind)
    assert [(m.kind, m.recipients_count, m.structure_id) for m in mails] == [
        ("flash_notification_mail", expected, sid),
        ("flash_notification_mobile", expected, sid),
    ]
    assert mails[0].body == "Conseil d'école mardi à 18 h."
    assert str(expected) in result.message
    created = store.get(FlashMessage, result.target_id)
    assert created.mail_notification and created.mobile_notification
    assert recipients_count(store, created, sid) == expected


def test_no_notification_no_outbox(session):
    create_message(session, good_draft())
    assert session.store.count(OutboxMail) == 0


def test_notification_asked_on_edit_is_sent_once(session):
    result = create_message(session, good_draft())
    teachers = sum(1 for u in structure_users(session.store, session.structure_id) if u.profile is Profile.TEACHER)
    update_message(session, result.target_id, good_draft(mail=True))
    update_message(session, result.target_id, good_draft(mail=True, title="Conseil d'école (salle 2)"))
    assert [(m.kind, m.recipients_count) for m in session.store.all(OutboxMail)] == [
        ("flash_notification_mail", teachers)
    ]


# --------------------------------------------------------------------------- form rules


def test_a_good_draft_has_no_error():
    assert validate_draft(good_draft(), TODAY) == {}
    assert validate_draft(good_draft(start="05/09/2024", end="2024-09-06"), TODAY) == {}


@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"title": "   "}, "title", L.FLASH_ERR_TITLE),
        ({"start": ""}, "start", L.FLASH_ERR_DATE_REQUIRED),
        ({"end": "31/02/2024"}, "end", L.FLASH_ERR_DATE_FORMAT),
        ({"end": "demain"}, "end", L.FLASH_ERR_DATE_FORMAT),
        ({"start": TODAY + 5 * DAY, "end": TODAY + 4 * DAY}, "start", L.FLASH_ERR_START_AFTER_END),
        ({"start": TODAY - 9 * DAY, "end": TODAY - DAY}, "end", L.FLASH_ERR_END_PAST),
        ({"profiles": ()}, "profiles", L.FLASH_ERR_PROFILES),
        ({"contents": {"fr": "  \n ", "en": ""}}, "contents", L.FLASH_ERR_TEXT),
        ({"contents": {}}, "contents", L.FLASH_ERR_TEXT),
    ],
)
def test_refusals_name_their_field(changes, field, reason):
    assert validate_draft(good_draft(**changes), TODAY) == {field: reason}


def test_every_refusal_at_once():
    errors = validate_draft(FlashDraft(start="", end="", contents={"fr": ""}), TODAY)
    assert set(errors) == {"title", "start", "end", "profiles", "contents"}


def test_text_in_another_language_is_enough_and_french_comes_first():
    draft = good_draft(contents={"en": "Hello", "fr": "", "de": "Hallo"})
    assert validate_draft(draft, TODAY) == {}
    assert list(draft.texts) == ["en", "de"]
    assert list(good_draft(contents={"en": "Hello", "fr": "Bonjour"}).texts) == ["fr", "en"]


def test_an_edit_may_keep_a_past_end_date(session):
    old = next(m for m in list_messages(session) if m.title == "Fête de l'école")
    draft = draft_from_message(old).with_(title="Fête de l'école 2024")
    assert validate_draft(draft, TODAY, original=old) == {}
    assert "end" in validate_draft(draft.with_(end=old.end_date + DAY), TODAY, original=old)
    update_message(session, old.id, draft)
    assert session.store.get(FlashMessage, old.id).title == "Fête de l'école 2024"


def test_the_service_refuses_what_the_form_refuses(session):
    writes = session.store.write_count
    with pytest.raises(FlashValidationError) as refused:
        create_message(session, good_draft(profiles=(), start=TODAY + DAY, end=TODAY))
    assert set(refused.value.errors) == {"profiles", "start"}
    assert session.store.write_count == writes


# --------------------------------------------------------------------------- more than two live


def test_max_live_counts_overlaps_from_today():
    msgs = [
        message(TODAY - 3 * DAY, TODAY + 10 * DAY, id="a"),
        message(TODAY + 7 * DAY, TODAY + 14 * DAY, id="b"),
        message(TODAY - 30 * DAY, TODAY - DAY, id="old"),  # over: never counts
    ]
    relative = Profile.RELATIVE.value
    assert max_live(msgs, relative, TODAY, TODAY + 5 * DAY, TODAY) == 2
    assert max_live(msgs, relative, TODAY, TODAY + 7 * DAY, TODAY) == 3  # all three on day 7
    assert max_live(msgs, relative, TODAY + 11 * DAY, TODAY + 20 * DAY, TODAY) == 2
    assert max_live(msgs, Profile.TEACHER.value, TODAY, TODAY + 20 * DAY, TODAY) == 1
    assert max_live(msgs, relative, TODAY, TODAY + 7 * DAY, TODAY, exclude_id="b") == 2
    # a message ending the day before another starts does not overlap it
    touching = [message(TODAY, TODAY + DAY, id="x"), message(TODAY + 2 * DAY, TODAY + 3 * DAY, id="y")]
    assert max_live(touching, relative, TODAY, TODAY + 3 * DAY, TODAY) == 2


def test_live_warning_names_the_crowded_profiles(session):
    store, sid = session.store, session.structure_id
    parents = good_draft(profiles=(Profile.RELATIVE.value, Profile.TEACHER.value), end=TODAY + 8 * DAY)
    warning = live_warning(store, sid, parents, TODAY)
    assert warning == L.FLASH_WARN_LIVE.format(count=3, profiles="Parent")
    assert live_warning(store, sid, parents.with_(end=TODAY + 2 * DAY), TODAY) is None
    meetings = next(m for m in list_messages(session) if m.title == "Réunions de rentrée")
    assert live_warning(store, sid, parents, TODAY, exclude_id=meetings.id) is None


# --------------------------------------------------------------------------- actions


def test_create_is_one_write_with_its_journal_entry(session):
    store = session.store
    writes = store.write_count
    result = create_message(session, good_draft(color=FlashColor.BLUE, contents={"fr": " Bonjour ", "en": ""}))
    assert store.write_count == writes + 1
    created = store.get(FlashMessage, result.target_id)
    assert created.structures == (session.structure_id,)
    assert created.contents == {"fr": "Bonjour"}
    assert created.color is FlashColor.BLUE
    assert created.author == session.admin.display_name
    entry = max(store.all(JournalEntry), key=lambda e: e.revision)
    assert (entry.action, entry.targets, entry.summary) == ("flash.create", (created.id,), result.message)
    assert "(en cours)" in result.message


def test_update_records_who_and_when(session):
    store = session.store
    result = create_message(session, good_draft())
    update_message(session, result.target_id, good_draft(title="Conseil des maîtres"))
    updated = store.get(FlashMessage, result.target_id)
    assert updated.title == "Conseil des maîtres"
    assert updated.modified_by == session.admin.display_name and updated.modified is not None


def test_delete_several_in_one_write(session):
    store = session.store
    ids = [m.id for m in list_messages(session, FlashStatus.OBSOLETE)]
    writes = store.write_count
    result = delete_messages(session, ids)
    assert store.write_count == writes + 1
    assert result.changed == 2 and all(store.get(FlashMessage, i) is None for i in ids)
    entry = max(store.all(JournalEntry), key=lambda e: e.revision)
    assert entry.count == 2 and len(entry.undo["service"][FlashMessage.TABLE]) == 2


def test_a_message_shared_with_a_school_out_of_scope_cannot_be_changed(session, advisor):
    shared = next(m for m in list_messages(session) if m.title == "Bascule ONDE")
    writes = session.store.write_count
    with pytest.raises(PermissionDenied):
        delete_messages(session, [shared.id])
    with pytest.raises(PermissionDenied):
        update_message(session, shared.id, good_draft())
    assert session.store.write_count == writes
    # the advisor administers both schools: allowed (notifications are not, two structures)
    draft = draft_from_message(shared).with_(title="Bascule ONDE faite")
    update_message(advisor, shared.id, draft)
    with pytest.raises(FlashValidationError):
        update_message(advisor, shared.id, draft.with_(start=TODAY, mail=True))


def test_messages_of_another_school_are_not_found(session):
    other = next(m for m in session.store.all(FlashMessage) if session.structure_id not in m.structures)
    with pytest.raises(NotFound):
        delete_messages(session, [other.id])


def test_duplicate_starts_today_when_the_original_has_started():
    original = message(TODAY - 3 * DAY, TODAY + 4 * DAY, mail_notification=True, title="Rentrée")
    copy = duplicate_draft(original, TODAY)
    assert (copy.start_date, copy.end_date) == (TODAY, TODAY + 7 * DAY)
    assert copy.title == L.FLASH_COPY_TITLE.format(title="Rentrée") and not copy.mail
    later = duplicate_draft(message(TODAY + DAY, TODAY + 2 * DAY), TODAY)
    assert (later.start_date, later.end_date) == (TODAY + DAY, TODAY + 2 * DAY)
