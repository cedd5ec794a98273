"""From a rentrée step to where the guide does it: the Utilisateurs filter of steps 1 to 3
(it lists exactly the accounts the step counts) and the rentrée flash draft of step 8."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from entconsole import labels as L
from entconsole.models import FlashColor, JournalEntry, Profile, Source, User
from entconsole.services import rentree
from entconsole.services.errors import ServiceError
from entconsole.services.flash import create_message, validate_draft
from entconsole.services.rentree import USERS_LIST_FILTER, Step
from entconsole.services.session import Session
from entconsole.services.user_list import Category, FilterState, selected_chips
from entconsole.services.users import query_users
from entconsole.store import Store
from tests.conftest import TODAY
from tests.unit.rentree_store import HERE, OTHER, make_store, school_class, user

USERS_STEPS = (Step.TEACHERS_LEFT, Step.AESH, Step.MANUAL_ACCOUNTS)


def listed(session: Session, state: FilterState) -> set[str]:
    return {u.id for u in query_users(session.store, session.structure.id, state.query())}


def counted(session: Session, step: Step) -> set[str]:
    return {i.id for i in rentree.step_report(session, step).todo}


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, clock=clock), None, TODAY)


@pytest.fixture
def coq_session(demo_path, clock):
    session = Session.open(Store(demo_path, clock=clock), "julien.carpentier", TODAY)
    session.switch(next(s.id for s in session.structures if "Coquelicots" in s.name))
    return session


def test_the_users_steps_are_one_to_three():
    assert tuple(USERS_LIST_FILTER) == USERS_STEPS


@pytest.mark.parametrize("step", USERS_STEPS)
def test_demo_filter_lists_exactly_the_step_count(session, coq_session, step):
    for s in (session, coq_session):
        state = rentree.users_list_state(s, step)
        assert listed(s, state) == counted(s, step)
        assert len(listed(s, state)) == rentree.step_report(s, step).count
    assert counted(session, step)  # the demo has some of each, so the equality says something


@pytest.mark.parametrize("step", USERS_STEPS)
def test_removing_the_rentree_chip_leaves_the_guides_filter(session, step):
    state = rentree.users_list_state(session, step)
    guide = state.clear(Category.RENTREE)
    assert guide.query().only_ids is None
    wider = listed(session, guide)
    assert counted(session, step) < wider  # the guide's filter lists more: the director sorts by hand
    profiles = {Profile(p) for p in guide.values(Category.PROFILES)}
    sources = {Source(s) for s in guide.values(Category.SOURCES)}
    users = [session.store.get(User, uid) for uid in wider]
    assert all((not profiles or u.profile in profiles) and (not sources or u.source in sources) for u in users)


def test_chip_names_the_step(session):
    state = rentree.users_list_state(session, Step.TEACHERS_LEFT)
    chips = [c.label for c in selected_chips(state, [])]
    assert "Rentrée : enseignants partis (étape 1)" in chips
    assert "Profil : Enseignant" in chips
    assert state.changed_categories() == 2  # Profils and Rentrée


def test_kept_items_are_not_listed(session):
    first = sorted(counted(session, Step.MANUAL_ACCOUNTS))[0]
    rentree.set_kept(session, Step.MANUAL_ACCOUNTS, [first])
    ids = listed(session, rentree.users_list_state(session, Step.MANUAL_ACCOUNTS))
    assert first not in ids and ids == counted(session, Step.MANUAL_ACCOUNTS)


def test_a_step_not_done_in_utilisateurs_is_refused(session):
    with pytest.raises(ServiceError):
        rentree.users_list_state(session, Step.MANUAL_GROUPS)


def test_crafted_store_edge_cases(tmp_path, clock):
    """Replacement teacher, TRS, AESH of the PIAL, every manual source, a pending pre-deletion."""
    this_year = school_class("CM1 A")
    elsewhere = school_class("GS", structure=OTHER)
    docs = [
        this_year, elsewhere,
        user("Rémi", "Brigade", home_structure=HERE),  # replacement: never counted
        user("Théo", "Trs", structures=(HERE, OTHER), home_structure=OTHER, classes=(this_year.id,)),
        moved := user("Marc", "Parti", structures=(HERE, OTHER), home_structure=OTHER, classes=(elsewhere.id,)),
        gone := user("Gil", "Ailleurs", home_structure=None),
        user("Ana", "Classe", Profile.PERSONNEL, position="AESH", classes=(this_year.id,)),
        pial := user("Cid", "Pial", Profile.PERSONNEL, position="AESH", structures=(HERE, OTHER)),
        user("Dan", "Atsem", Profile.PERSONNEL, position="ATSEM"),
        old := user("Olga", "Ancienne", Profile.GUEST, source=Source.MANUAL, last_login=datetime(2023, 4, 11, 17, 0)),
        csv := user("Nina", "Jamais", Profile.GUEST, source=Source.CSV, activation_code="abcdefgh",
                    creation_date=datetime(2022, 9, 15, 16, 0)),
        sso := user("Sam", "Sso", Profile.PERSONNEL, source=Source.SSO, last_login=datetime(2022, 5, 1, 8, 0),
                    disappearance_date=date(2024, 7, 1)),
        user("Rita", "Recente", Profile.GUEST, source=Source.MANUAL, last_login=datetime(2023, 9, 2, 10, 0)),
        user("Fred", "Flux", Profile.GUEST, last_login=datetime(2020, 1, 1, 9, 0)),
    ]
    store = make_store(tmp_path / "s.json", docs)
    s = Session.open(store, None, TODAY)
    expected = {
        Step.TEACHERS_LEFT: {moved.id, gone.id},
        Step.AESH: {pial.id},
        Step.MANUAL_ACCOUNTS: {old.id, csv.id, sso.id},  # CSV and SSO are manual sources too
    }
    for step, ids in expected.items():
        assert counted(s, step) == ids
        assert listed(s, rentree.users_list_state(s, step)) == ids
    # detached meanwhile: the list (opened before) no longer shows it, like the step
    state = rentree.users_list_state(s, Step.TEACHERS_LEFT)
    rentree.detach_users(s, Step.TEACHERS_LEFT, [moved.id])
    assert listed(s, state) == counted(s, Step.TEACHERS_LEFT) == {gone.id}


# ---- step 8: the rentrée flash draft


def test_flash_draft_is_valid_and_writes_nothing(coq_session):
    entries = coq_session.store.count(JournalEntry)
    draft = rentree.rentree_flash_draft(coq_session)
    assert validate_draft(draft, TODAY) == {}
    assert draft.title == "Rentrée 2024-2025"
    assert set(draft.profiles) == {Profile.RELATIVE.value, Profile.STUDENT.value}
    assert draft.start_date == TODAY and draft.end_date == date(2024, 9, 19)
    assert draft.color is FlashColor.BLUE and not draft.mail and not draft.mobile
    assert coq_session.structure.name in draft.texts["fr"]
    assert coq_session.store.count(JournalEntry) == entries


def test_flash_draft_published_finishes_step_8(coq_session):
    assert rentree.step_report(coq_session, Step.COMMUNICATE).count == 1
    create_message(coq_session, rentree.rentree_flash_draft(coq_session))
    assert rentree.step_report(coq_session, Step.COMMUNICATE).count == 0


def test_flash_draft_in_summer_runs_past_the_rentree(coq_session):
    coq_session.today = date(2024, 8, 20)
    draft = rentree.rentree_flash_draft(coq_session)
    assert draft.start_date == date(2024, 8, 20) and draft.end_date == date(2024, 9, 15)
    assert validate_draft(draft, coq_session.today) == {}
    assert L.RTU_FLASH_TITLE.format(year="2024-2025") == draft.title
