"""No terminal control character is stored or echoed (ESC, U+009B CSI, other C0/C1, DEL).

Each entry path refuses them with its own French reason and writes nothing;
imports reject the row and keep the others; a store file holding one in a
free-text field is refused at load; ordinary names (accents, apostrophes,
emoji) still pass.
"""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from entconsole import labels as L
from entconsole.models import FreeText, MultilineText, Name, Profile, User
from entconsole.services import accounts, apps, bookmarks
from entconsole.services.errors import InvalidInput
from entconsole.services.establishment import rename_structure
from entconsole.services.feed_pupils import PUPIL_COLUMNS, feed_pupils
from entconsole.services.feed_staff import STAFF_COLUMNS, feed_staff
from entconsole.services.flash import FlashDraft, FlashValidationError, create_message
from entconsole.services.groups import create_group
from entconsole.services.imports import RowAction, import_csv
from entconsole.services.session import Session
from entconsole.services.user_create import NewUser, create_user
from entconsole.store import Store, StoreCorrupt
from entconsole.text import has_control, shown
from tests.conftest import TODAY

ESC = "\x1b[2J"  # clears the screen of the admin's terminal
CSI = "\x9b2J"  # the same with the one-character C1 introducer
HOSTILE = [ESC, CSI, "\x07", "\x7f", "\x85", "\r"]
FINE_NAMES = ["Zoé-Hélène", "O’Brien", "d'Artagnan", "Ǆemal 🙂", "Nguyễn", "שלום", "Mary Ann"]
YEAR = "2024-2025"


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, create=False, clock=clock), None, TODAY)


def some_user(session, profile=Profile.PERSONNEL) -> User:
    return next(u for u in session.store.all(User)
                if u.profile is profile and session.structure.id in u.structures and not u.is_admin)


# --------------------------------------------------------------------------- the one definition


@pytest.mark.parametrize("text", HOSTILE + ["a\x00b", "\x1f", "\x80", "\x9f"])
def test_control_characters_are_found(text):
    assert has_control(text) and has_control(text, multiline=False)


@pytest.mark.parametrize("text", FINE_NAMES + ["", "\xa0", "\u200f", "\ufeff", "\xa9 2024"])
def test_ordinary_text_passes(text):
    assert not has_control(text) and not has_control(text, multiline=False)


def test_tab_and_newline_only_in_multiline_text():
    assert not has_control("a\tb\nc")
    assert has_control("a\tb", multiline=False) and has_control("a\nb", multiline=False)


def test_shown_makes_every_control_visible():
    text = shown(f"a{ESC}b{CSI}c\x7f\x00")
    assert not has_control(text)
    assert text == "a\u241b[2Jb\ufffd2Jc\u2421\u2400"
    assert shown("Zoé 🙂") == "Zoé 🙂"


@pytest.mark.parametrize("kind", [Name, FreeText, MultilineText])
@pytest.mark.parametrize("bad", [ESC, CSI, "\x7f", "\x85"])
def test_model_types_refuse_control_characters(kind, bad):
    with pytest.raises(ValidationError):
        TypeAdapter(kind).validate_python(f"ab{bad}cd")


def test_model_types_keep_ordinary_text():
    for text in FINE_NAMES:
        for kind in (Name, FreeText, MultilineText):
            assert TypeAdapter(kind).validate_python(text) == text
    assert TypeAdapter(MultilineText).validate_python("ligne 1\n\tligne 2") == "ligne 1\n\tligne 2"
    with pytest.raises(ValidationError):
        TypeAdapter(FreeText).validate_python("ligne 1\nligne 2")


def test_the_refusal_quotes_no_control_character():
    with pytest.raises(ValidationError) as info:
        TypeAdapter(FreeText).validate_python(ESC)
    assert not has_control(info.value.errors()[0]["msg"], multiline=False)


# --------------------------------------------------------------------------- forms


@pytest.mark.parametrize("bad", [ESC, CSI])
def test_user_creation_refuses(session, bad):
    revision = session.store.revision
    with pytest.raises(InvalidInput) as info:
        create_user(session, NewUser(first_name=f"Zoé{bad}", last_name=f"Du{bad}pont"))
    assert info.value.errors == {"first_name": L.FIELD_CONTROL, "last_name": L.FIELD_CONTROL}
    assert session.store.revision == revision


@pytest.mark.parametrize("name", FINE_NAMES)
def test_user_creation_keeps_ordinary_names(session, name):
    result = create_user(session, NewUser(first_name=name, last_name=name))
    assert session.store.get(User, result.target_id).first_name == name


@pytest.mark.parametrize("bad", [ESC, CSI])
def test_identity_refuses_names_and_address(session, bad):
    user = some_user(session)
    revision = session.store.revision
    with pytest.raises(InvalidInput) as info:
        accounts.update_identity(session, user.id, first_name=f"A{bad}", last_name=user.last_name,
                                 birth_date="", address=f"12 rue{bad} des Lilas")
    assert info.value.errors == {"first_name": L.FIELD_CONTROL, "address": L.FIELD_CONTROL}
    assert session.store.revision == revision


def test_identity_keeps_an_ordinary_address(session):
    user = some_user(session)
    accounts.update_identity(session, user.id, first_name="Éloïse", last_name="L’Hôte", birth_date="",
                             address="3 allée de l'Église, 06000 Nice 🙂")
    stored = session.store.get(User, user.id)
    assert (stored.first_name, stored.address) == ("Éloïse", "3 allée de l'Église, 06000 Nice 🙂")


@pytest.mark.parametrize("bad", [ESC, CSI, "\t"])
def test_email_refuses(session, bad):
    user = some_user(session)
    revision = session.store.revision
    with pytest.raises(InvalidInput) as info:
        accounts.set_email(session, user.id, f"jean{bad}@example.org")
    assert info.value.errors == {"email": L.FIELD_CONTROL}
    assert session.store.revision == revision


@pytest.mark.parametrize("bad", [ESC, CSI])
def test_flash_form_refuses_title_and_text(session, bad):
    draft = FlashDraft(title=f"Sortie{bad}", start=TODAY, end=TODAY, profiles=("Teacher",),
                       contents={"fr": f"Bonjour{bad}\nà tous"})
    with pytest.raises(FlashValidationError) as info:
        create_message(session, draft)
    assert info.value.errors == {"title": L.FIELD_CONTROL, "contents": L.FIELD_CONTROL}


def test_flash_refuses_a_language_code_with_an_escape(session):
    draft = FlashDraft(title="Sortie", start=TODAY, end=TODAY, profiles=("Teacher",), contents={f"fr{ESC}": "Bonjour"})
    with pytest.raises(FlashValidationError) as info:
        create_message(session, draft)
    assert info.value.errors == {"contents": L.FIELD_CONTROL}


def test_flash_text_keeps_its_lines(session):
    draft = FlashDraft(title="Sortie 🙂", start=TODAY, end=TODAY, profiles=("Teacher",),
                       contents={"fr": "Bonjour,\n\tl'école ferme à 16 h."})
    create_message(session, draft)


@pytest.mark.parametrize("bad", [ESC, CSI])
@pytest.mark.parametrize("field", apps.CONNECTOR_TEXT_FIELDS)
def test_connector_form_refuses_every_field(field, bad):
    fields = apps.ConnectorFields(identifier="ent-lecture", display_name="Lecture", url="https://lecture.example/",
                                  oauth_client_id="client")
    fields = apps.ConnectorFields(**{**fields.__dict__, field: f"abc{bad}"})
    assert apps.connector_errors([], fields)[field] == L.CONN_CONTROL_CHARS


@pytest.mark.parametrize("bad", [ESC, CSI])
def test_group_and_bookmark_names_refused(session, bad):
    revision = session.store.revision
    with pytest.raises(InvalidInput) as info:
        create_group(session, f"Chorale{bad}")
    assert info.value.errors == {"name": L.GROUP_NAME_INVALID}
    row = bookmarks.structure_bookmarks(session)[0]
    with pytest.raises(InvalidInput) as info:
        bookmarks.rename_bookmark(session, row.bookmark.id, f"Sortie{bad}")
    assert info.value.errors == {"name": L.RT_BKM_NAME_INVALID}
    assert session.store.revision == revision


@pytest.mark.parametrize("bad", [ESC, CSI])
def test_structure_rename_stores_no_control_character(session, bad):
    # This form cleans rather than refuses: unprintable characters become spaces.
    rename_structure(session, f"École{bad}Papillons")
    assert not has_control(session.structure.name)
    assert session.structure.name.startswith("École ")


# --------------------------------------------------------------------------- imports and feeds


def csv_file(header: list[str], *rows: list[str]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue().encode("utf-8")


def assert_no_control_shown(report) -> None:
    for row in report.rows:
        assert not has_control(" ".join([row.name, *row.reasons, *row.warnings]))


def test_pupil_import_rejects_the_rows_and_keeps_the_others(session):
    raw = csv_file(["Prénom*", "Nom*", "Date de naissance*", "Classes*"],
                   ["Zoé", "Ordinaire", "12/03/2016", "CM1 A"],
                   [f"Zoé{ESC}", "Ordinaire", "12/03/2016", "CM1 A"],
                   ["Léo", f"Ordi{CSI}naire", "12/03/2016", "CM1 A"],
                   ["Ana", "O’Ordinaire 🙂", "14/03/2016", f"CM1{CSI}"])
    report = import_csv(session, Profile.STUDENT, raw, apply=True)
    actions = {r.line: r.action for r in report.rows}
    assert actions == {2: RowAction.CREATE, 3: RowAction.REJECTED, 4: RowAction.REJECTED, 5: RowAction.REJECTED}
    reasons = {r.line: r.reasons for r in report.rows}
    assert reasons[3] == [L.IO_NAME_CONTROL.format(field=L.FIELD_FIRST_NAME)]
    assert reasons[4] == [L.IO_NAME_CONTROL.format(field=L.FIELD_LAST_NAME)]
    assert reasons[5] == [L.IO_NAME_CONTROL.format(field=L.IMPORT_FIELD_CLASS)]
    assert_no_control_shown(report)
    stored = [u for u in session.store.all(User) if "Ordinaire" in u.last_name]
    assert [(u.first_name, u.last_name) for u in stored] == [("Zoé", "Ordinaire")]


@pytest.mark.parametrize(("column", "label"), [
    ("email", L.CTRL_FIELD_EMAIL), ("telephone", L.CTRL_FIELD_MOBILE), ("fonction", L.CTRL_FIELD_POSITION),
    ("adresse", L.CTRL_FIELD_ADDRESS), ("Identifiant externe", L.CTRL_FIELD_EXTERNAL_ID),
])
@pytest.mark.parametrize("bad", [ESC, CSI])
def test_staff_import_rejects_a_free_text_cell(session, column, label, bad):
    header = ["Prénom*", "Nom*", "email", "telephone", "fonction", "adresse", "Identifiant externe"]
    good = {"email": "a@example.org", "telephone": "0601020304", "fonction": "ATSEM",
            "adresse": "1 rue de l'Église", "Identifiant externe": "X1"}
    other = {**good, "Identifiant externe": "X2"}
    hostile = {**other, column: f"{other[column][:1]}{bad}{other[column][1:]}"}
    raw = csv_file(header, ["Anne", "Cellule", *good.values()], ["Paul", "Cellule", *hostile.values()])
    report = import_csv(session, Profile.PERSONNEL, raw, apply=True)
    [kept, rejected] = report.rows
    assert kept.action is RowAction.CREATE
    assert rejected.action is RowAction.REJECTED
    assert L.IO_NAME_CONTROL.format(field=label) in rejected.reasons
    assert_no_control_shown(report)
    assert [u.first_name for u in session.store.all(User) if u.last_name == "Cellule"] == ["Anne"]


def test_an_address_over_several_lines_is_kept(session):
    raw = csv_file(["Prénom*", "Nom*", "adresse"], ["Anne", "Lignes", "1 rue de l'Église\nBâtiment B"])
    report = import_csv(session, Profile.PERSONNEL, raw, apply=True)
    assert [r.action for r in report.rows] == [RowAction.CREATE]
    [user] = [u for u in session.store.all(User) if u.last_name == "Lignes"]
    assert user.address == "1 rue de l'Église\nBâtiment B"


def onde_row(ine: str, first: str, *, guardian_mail: str = "marc@example.org", guardian_phone: str = "",
             admission: str = "Admis définitivement") -> list[str]:
    return [ine, "Zanzibar", first, "12/03/2016", "CM1", "CM1 A", admission, YEAR, "Zanzibar", "Marc",
            guardian_mail, guardian_phone, "", "", "", ""]


@pytest.mark.parametrize("bad", [ESC, CSI])
def test_onde_feed_rejects_the_row_and_keeps_the_others(session, bad):
    raw = csv_file(list(PUPIL_COLUMNS),
                   onde_row("1234567890A", "Zoé"),
                   onde_row("1234567891A", f"Léo{bad}"),
                   onde_row("1234567892A", "Ana", guardian_mail=f"marc{bad}@example.org"),
                   onde_row("1234567893A", "Tom", guardian_phone=f"06{bad}"),
                   onde_row("1234567894A", "Max", admission=f"Admis{bad}"))
    report = feed_pupils(session, raw, apply=True)
    actions = [r.action for r in report.rows]
    assert actions == [RowAction.CREATE] + [RowAction.REJECTED] * 4
    reasons = [r.reasons for r in report.rows]
    assert L.IO_NAME_CONTROL.format(field=L.FIELD_FIRST_NAME) in reasons[1]
    assert L.IO_NAME_CONTROL.format(field="Responsable 1 courriel") in reasons[2]
    assert L.IO_NAME_CONTROL.format(field="Responsable 1 téléphone") in reasons[3]
    assert_no_control_shown(report)  # the refused admission value is quoted, made visible
    assert sorted(u.first_name for u in session.store.all(User) if u.last_name == "Zanzibar") == ["Marc", "Zoé"]


@pytest.mark.parametrize("bad", [ESC, CSI])
def test_staff_feed_rejects_the_row_and_keeps_the_others(session, bad):
    uai = session.structure.uai
    raw = csv_file(list(STAFF_COLUMNS),
                   ["Enseignant", "Flux", "Anne", "", "anne@example.org", "Adjointe", uai],
                   ["Enseignant", "Flux", "Paul", "", f"paul{bad}@example.org", "Adjoint", uai],
                   ["Personnel", "Flux", "Rose", "", "", f"ATSEM{bad}", uai],
                   [f"Ense{bad}ignant", "Flux", "Luc", "", "", "", f"{uai}{bad}"])
    report = feed_staff(session, raw, apply=True)
    assert [r.action for r in report.rows] == [RowAction.CREATE] + [RowAction.REJECTED] * 3
    assert L.IO_NAME_CONTROL.format(field="Courriel") in report.rows[1].reasons
    assert L.IO_NAME_CONTROL.format(field="Fonction") in report.rows[2].reasons
    assert_no_control_shown(report)
    assert [u.first_name for u in session.store.all(User) if u.last_name == "Flux"] == ["Anne"]


# --------------------------------------------------------------------------- the store file


@pytest.mark.parametrize("escape", ["\\u001b[2J", "\\u009b2J", "\\u0007"])
@pytest.mark.parametrize(("field", "value"), [("position", "Directrice"), ("email", None)])
def test_a_store_holding_a_control_character_is_refused_at_load(demo_path, escape, field, value):
    raw = demo_path.read_bytes()
    if value is None:  # the first email of the file
        start = raw.index(b'"email":"') + len(b'"email":"')
        value = raw[start:raw.index(b'"', start)].decode()
    old = f'"{field}":"{value}"'.encode()
    assert old in raw
    demo_path.write_bytes(raw.replace(old, f'"{field}":"{value[:2]}{escape}{value[2:]}"'.encode(), 1))
    with pytest.raises(StoreCorrupt) as info:
        Store(demo_path, create=False)
    assert field in info.value.message and str(demo_path) in info.value.message
    assert not has_control(info.value.message, multiline=False)


def test_a_report_text_with_an_escape_is_refused_at_load(demo_path):
    raw = demo_path.read_bytes()
    start = raw.index(b'"text":"') + len(b'"text":"')
    demo_path.write_bytes(raw[:start] + b"\\u001b]0;pwned\\u0007" + raw[start:])
    with pytest.raises(StoreCorrupt):
        Store(demo_path, create=False)


def test_a_file_name_with_an_escape_is_quoted_visibly(session):
    from entconsole.models import JournalEntry

    raw = csv_file(["Prénom*", "Nom*"], ["Anne", "Fichier"])
    report = import_csv(session, Profile.PERSONNEL, raw, apply=True, file_name=f"comptes{ESC}.csv")
    assert report.file_name == "comptes\u241b[2J.csv"
    journal = max(session.store.all(JournalEntry), key=lambda e: e.revision)
    assert "comptes\u241b[2J.csv" in journal.summary and not has_control(journal.summary)
