"""Bad input everywhere (hypothesis): markup, ANSI escapes, control characters,
right-to-left marks, emoji, 10,000-character strings, dates out of range.

Properties, through the real services on a small store:
- a form either refuses with a reason for the field, or stores the cleaned text;
  a pydantic error escaping a service (a form that let the store refuse) fails;
- the store never holds an invalid document: the file always reloads;
- screens show names literally (two pilot tests at the end).
The numbers of examples are quoted in the README "Fiabilité" section.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entconsole import labels as L
from entconsole.app import EntConsoleApp
from entconsole.clock import make_clock
from entconsole.models import FlashMessage, Group, Profile, SchoolClass, Source, Structure, User
from entconsole.services.errors import InvalidInput, ServiceError
from entconsole.services.establishment import rename_structure
from entconsole.services.flash import FlashDraft, FlashValidationError, create_message
from entconsole.services.groups import create_group
from entconsole.services.session import Session
from entconsole.services.user_create import NewUser, create_user
from entconsole.store import Store
from entconsole.text import has_control
from tests.reliability.small_store import TODAY, write_small_store
from tests.ui.conftest import SIZE, screen_text

PIECES = [
    "[b]", "[/]", "[@click=app.quit]", "[red on blue]", "\\[", "[link=http://x]",
    "\x1b[31m", "\x1b]0;titre\x07", "\x1b[2J", "\x9b31m", "\x1b", "\x9b", "\x85", "\x90", "\x9d",
    "\u200f", "\u202e", "\u200b", "\ufeff",
    "🙂", "👩‍👩‍👧", "ﷺ", "ǅ", "é", "e\u0301",
    "\x00", "\t", "\n", "\r", "\x7f", "\x0b", " ",
    "=1+1", "@SUM(A1)", "{name}", "%s", "'", '"', ";",
]
LONG = [piece * (10_000 // len(piece)) for piece in ("a", "[b]", "é", "🙂", "\u200f")]
hostile_text = st.one_of(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=10).map("".join),
    st.sampled_from(LONG),
    st.text(),
)

EXAMPLES = 150
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def session(tmp_path_factory) -> Session:
    path = write_small_store(tmp_path_factory.mktemp("hostile") / "s.json")
    return Session.open(Store(path, clock=make_clock(TODAY, frozen=True)), None, TODAY)


def reloads(session: Session) -> None:
    """The file holds only valid documents (loading validates every one)."""
    Store(session.store.path)


def refused_with_reasons(errors: dict[str, str]) -> None:
    assert errors and all(isinstance(r, str) and r.strip() for r in errors.values())


@SETTINGS
@given(first=hostile_text, last=hostile_text)
def test_user_creation_refuses_or_stores_clean_names(session, first, last):
    revision = session.store.revision
    try:
        result = create_user(session, NewUser(first_name=first, last_name=last))
    except InvalidInput as refused:
        refused_with_reasons(refused.errors)
        assert set(refused.errors) <= {"first_name", "last_name"}
        assert session.store.revision == revision  # nothing written
        return
    user = session.store.get(User, result.target_id)
    assert user.first_name == " ".join(first.split()) and user.last_name == " ".join(last.split())
    assert not has_control(user.display_name)
    reloads(session)


any_day = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
typed_date = st.one_of(
    any_day.map(date.isoformat),
    any_day.map(lambda d: f"{d.day:02d}/{d.month:02d}/{d.year:04d}"),
    st.text(max_size=12),
    st.sampled_from(["31/02/2020", "2024-13-01", "00/00/0000", "05/09/2024\x00", "0" * 10_000]),
)


@SETTINGS
@given(typed=typed_date)
def test_pupil_birth_dates_out_of_range_are_refused(session, typed):
    form = NewUser(first_name="Date", last_name="Essai", profile=Profile.STUDENT, birth_date=typed)
    try:
        result = create_user(session, form)
    except InvalidInput as refused:
        refused_with_reasons(refused.errors)
        assert refused.errors["birth_date"] in (L.FIELD_BAD_DATE, L.FIELD_BIRTH_RANGE, L.FIELD_BIRTH_REQUIRED)
        return
    born = session.store.get(User, result.target_id).birth_date
    assert date(1900, 1, 1) <= born <= TODAY


@SETTINGS
@given(title=hostile_text, text=hostile_text, start=typed_date, end=typed_date)
def test_flash_form_refuses_or_stores(session, title, text, start, end):
    draft = FlashDraft(title=title, start=start, end=end, profiles=("Teacher",), contents={"fr": text})
    try:
        result = create_message(session, draft)
    except FlashValidationError as refused:
        refused_with_reasons(refused.errors)
        return
    message = session.store.get(FlashMessage, result.target_id)
    assert message.title == title.strip()
    assert not has_control(message.title)
    assert TODAY <= message.end_date
    reloads(session)


@SETTINGS
@given(name=hostile_text)
def test_group_and_structure_names(session, name):
    for action in (lambda: create_group(session, name), lambda: rename_structure(session, name)):
        try:
            action()
        except InvalidInput as refused:
            refused_with_reasons(refused.errors)
        except ServiceError as refused:
            assert refused.message.strip()
    for doc in (*session.store.all(Group), *session.store.all(Structure)):
        assert not has_control(doc.name)
    reloads(session)


# --------------------------------------------------------------------------- shown literally

HOSTILE_FIRST = "[b]Gras[/] [@click=app.quit]Quitter 🙂 \u200fשלום"


@pytest.fixture
def hostile_app(demo_path):
    store = Store(demo_path, clock=make_clock(TODAY, frozen=True))
    school = next(s for s in store.all(Structure) if s.uai == "0601234X")
    with store.transaction("test", "user.create", structure_id=school.id) as tx:
        user = tx.put(User(
            first_name=HOSTILE_FIRST, last_name="Zorglub [red]", display_name=f"Zorglub [red] {HOSTILE_FIRST}",
            profile=Profile.PERSONNEL, login="hostile.name", source=Source.MANUAL,
            structures=(school.id,), creation_date=datetime(2024, 9, 1, 8, 0),
        ))
        tx.journal("hostile", targets=[user.id])
    return EntConsoleApp(db_path=demo_path, today=TODAY)


async def test_hostile_name_shown_literally_in_list_and_card(hostile_app):
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"zorglub", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "ZORGLUB [RED] [b]Gras[/] [@click=app.quit]Q" in text  # the column cuts the rest
        await pilot.press("enter")  # open the card
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]Quitter" in text and "[b]Gras[/]" in text
        assert app.is_running  # the click markup was not an action


async def test_hostile_name_in_the_journal_screen(hostile_app):
    app = hostile_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "slash", *"zorglub", "enter", "b")
        await pilot.press("enter")  # confirm the block
        await pilot.pause()
        await pilot.press("j")
        assert "[b]Gras[/]" in screen_text(app)


# --------------------------------------------------------------------------- imports and exports

IMPORT_EXAMPLES = 60


def _csv(rows: list[list[str]]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@settings(max_examples=IMPORT_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=hostile_text, last=hostile_text, born=typed_date,
       klass=st.sampled_from(["CM1 A", "[b]CM2[/]", "\u200fCE1", "🙂 CP", "=CE2"]))
def test_csv_import_rejects_rows_with_reasons_or_stores_clean_names(session, first, last, born, klass):
    from entconsole.services.csv_io import UnusableFile
    from entconsole.services.imports import RowAction, import_csv

    raw = _csv([["Prénom*", "Nom*", "Date de naissance*", "Classes*"], [first, last, born, klass]])
    try:
        report = import_csv(session, Profile.STUDENT, raw, apply=True, file_name="hostile.csv")
    except (UnusableFile, ServiceError) as refused:  # the whole file refused, with the reason
        assert refused.message.strip()
        return
    for row in report.rows:
        if row.action is RowAction.REJECTED:
            assert row.reasons and all(r.strip() for r in row.reasons)
    for user in session.store.all(User):
        assert not has_control(user.first_name + user.last_name)
    reloads(session)


@settings(max_examples=IMPORT_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=hostile_text, function=hostile_text, address=hostile_text, external_id=hostile_text)
def test_csv_import_of_staff_free_text_rejects_or_stores_clean(session, email, function, address, external_id):
    from entconsole.services.csv_io import UnusableFile
    from entconsole.services.imports import RowAction, import_csv

    header = ["Prénom*", "Nom*", "email", "fonction", "adresse", "Identifiant externe"]
    raw = _csv([header, ["Libre", "Texte", email, function, address, external_id]])
    try:
        report = import_csv(session, Profile.PERSONNEL, raw, apply=True, file_name="hostile.csv")
    except (UnusableFile, ServiceError) as refused:
        assert refused.message.strip()
        return
    for row in report.rows:
        assert not has_control(" ".join([row.name, *row.reasons, *row.warnings]))  # the report shows them
        if row.action is RowAction.REJECTED:
            assert row.reasons and all(r.strip() for r in row.reasons)
    for user in session.store.all(User):
        assert not any(has_control(v or "") for v in (user.email, user.position, user.address, user.external_id))
    reloads(session)


@settings(max_examples=IMPORT_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=hostile_text)
def test_exports_neutralise_formulas_and_keep_names(session, first):
    import csv
    import io

    from entconsole.services.csv_io import FORMULA_STARTS, read_table
    from entconsole.services.exports import ExportKind, export_accounts

    try:
        result = create_user(session, NewUser(first_name=first, last_name="=HYPERLINK(\"http://x\")"))
    except InvalidInput:
        return
    user = session.store.get(User, result.target_id)
    [exported] = export_accounts(session, ExportKind.CLASSIC)
    text = exported.data.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell  # a spreadsheet would run it
    table = read_table(exported.data)  # our own reader undoes the neutralising quote
    names = {(cells[3], cells[4]) for _, cells in table.rows}
    assert (user.last_name, user.first_name) in names


@pytest.mark.parametrize("klass", ["CM1\x1b[31m", "CM1\x7f", "a" * 600])
def test_csv_import_rejects_a_class_name_the_store_refuses(session, klass):
    from entconsole.services.imports import RowAction, import_csv

    raw = _csv([["Prénom*", "Nom*", "Date de naissance*", "Classes*"], ["Léa", "Classe", "2016-01-01", klass]])
    # The row is rejected with a reason; no class is created from it.
    classes_before = session.store.count(SchoolClass)
    report = import_csv(session, Profile.STUDENT, raw, apply=True)
    assert [row.action for row in report.rows] == [RowAction.REJECTED]
    assert session.store.count(SchoolClass) == classes_before
