"""Imports / Exports by keyboard: export with overwrite confirmation, sheets, the import wizard."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from textual.widgets import Select

from entconsole import labels as L
from entconsole.models import JournalEntry, SchoolClass, User
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.import_wizard import ImportPane
from tests.ui.conftest import SIZE, screen_text

ELEVES = "prénom,NOM,date de naissance,classe\r\nZoé,Zanzibar,12/03/2016,CM1 A\r\n" \
         "Léo,Zanzibar,31/02/2016,CM1 A\r\nAna,Zanzibar,2016-01-01,CM9 Z\r\n"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def store_of(app):
    return app.session.store


async def until(pilot, predicate, tries: int = 100) -> bool:
    """Let the app process its messages until `predicate()` holds (a busy machine is slow)."""
    for _ in range(tries):
        if predicate():
            return True
        await pilot.pause(0.05)
    return predicate()


async def press_again(pilot, button) -> None:
    """Enter on a button pressed a moment ago: Textual ignores it while the press effect lasts."""
    assert await until(pilot, lambda: not button.has_class("-active"))
    await pilot.press("enter")


async def test_export_by_keyboard_then_replace_only_after_confirmation(make_app, workdir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert L.IE_SELECTED.format(count=782) in screen_text(app)
        await pilot.press(*["tab"] * 6, "enter")  # Type, Classe, Profil, Activation, Dossier, Exporter
        await pilot.pause()
        [path] = list(workdir.glob("export-comptes-*.csv"))
        assert str(path) in screen_text(app)
        path.write_bytes(b"old")
        await press_again(pilot, app.screen.query_one("#exp-go"))  # again: the file exists
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")
        assert await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        assert path.read_bytes() == b"old"
        await press_again(pilot, app.screen.query_one("#exp-go"))
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # "Remplacer" has the focus
        assert await until(pilot, lambda: path.read_bytes() != b"old")
        assert path.read_bytes().startswith(b"\xef\xbb\xbf\"Id\"")


async def test_export_filters_and_activation_codes(make_app, workdir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        cm1a = next(c for c in store_of(app).all(SchoolClass)
                    if c.name == "CM1 A" and c.structure_id == app.session.structure_id)
        app.screen.query_one("#exp-class", Select).value = cm1a.id
        app.screen.query_one("#exp-activation", Select).value = "no"
        await pilot.pause()
        inactive = [u for u in store_of(app).all(User)
                    if cm1a.id in u.classes and u.activation_code and u.delete_date is None]
        assert L.IE_SELECTED.format(count=len(inactive)) in screen_text(app)
        app.screen.query_one("#exp-codes").focus()
        await pilot.press("enter")
        await pilot.pause()
        [codes] = list(workdir.glob("codes-activation-*.csv"))
        lines = codes.read_bytes().decode("utf-8-sig").splitlines()
        assert len(lines) == len(inactive) + 1


async def test_sheets_counts_pdf_and_mail(make_app, workdir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "d")
        await pilot.pause()
        text = screen_text(app)
        assert "comptes sélectionnés au total" in text and "comptes sans adresse courriel" in text
        app.screen.query_one("#sht-profile", Select).value = "Teacher"
        app.screen.query_one("#sht-per-page", Select).value = "2"
        await pilot.pause()
        app.screen.query_one("#sht-url").focus()
        await pilot.press(*"https://ent.example.fr")
        app.screen.query_one("#sht-pdf").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [pdf] = list(workdir.glob("fiches-connexion-*.pdf"))
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        assert "https://ent.example.fr" in reader.pages[0].extract_text()
        teachers = [u for u in store_of(app).all(User)
                    if u.profile.value == "Teacher" and app.session.structure_id in u.structures
                    and u.delete_date is None]
        assert len(reader.pages) == -(-len(teachers) // 2)
        entries = store_of(app).count(JournalEntry)
        app.screen.query_one("#sht-mail").focus()
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")
        await pilot.pause()
        assert store_of(app).count(JournalEntry) == entries + 1


@pytest.mark.parametrize("threaded", [False, True], ids=["at-once", "in-a-thread"])
async def test_import_wizard_by_keyboard(make_app, workdir, monkeypatch, threaded):
    if threaded:  # what a big file or a big store does
        monkeypatch.setattr("entconsole.screens.import_wizard.LARGE_FILE_BYTES", 0)
    (workdir / "eleves.csv").write_bytes(ELEVES.encode("cp1252"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "i")
        await pilot.pause()
        assert app.focused.id == "imp-file"
        await pilot.press(*"eleves.csv", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one(ImportPane).loading
        text = screen_text(app)
        assert "2 à créer" in text and "1 ligne(s) rejetée(s)" in text
        assert "CM9 Z" in text  # the class check lists the unknown class
        assert not any(u.last_name == "Zanzibar" for u in store_of(app).all(User))  # nothing written yet
        app.screen.query_one("#imp-sec-rejected CollapsibleTitle").focus()
        await pilot.press("enter")  # expand the rejected rows
        await pilot.pause()
        assert "Ligne 3" in screen_text(app) and "31/02/2016" in screen_text(app)
        entries = store_of(app).count(JournalEntry)
        app.screen.query_one("#imp-apply").focus()
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        created = [u for u in store_of(app).all(User) if u.last_name == "Zanzibar"]
        assert {u.first_name for u in created} == {"Zoé", "Ana"}
        assert store_of(app).count(JournalEntry) == entries + 1
        assert any(c.name == "CM9 Z" for c in store_of(app).all(SchoolClass))
        assert "Import de eleves.csv" in screen_text(app)
        assert app.screen.query_one("#imp-apply").disabled
        app.screen.query_one("#imp-report-save").focus()
        await pilot.press("enter")
        await pilot.pause()
        [report] = list(workdir.glob("rapport-import-eleves-*.csv"))
        assert "31/02/2016" in report.read_bytes().decode("utf-8-sig")


async def test_import_of_an_unusable_file_says_why(make_app, workdir):
    (workdir / "image.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 40)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "i", *"image.csv", "enter")
        await pilot.pause()
        assert str(app.screen.query_one("#imp-status").content) == L.IO_FILE_BINARY
        assert app.screen.query_one("#imp-apply").disabled


async def test_names_with_markup_are_shown_literally(make_app, workdir):
    (workdir / "eleves.csv").write_text("Prénom;Nom;Date de naissance;Classes\n[bold]x[/];[red]y;12/03/2016;CM1 A\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "i", *"eleves.csv", "enter")
        await pilot.pause()
        app.screen.query_one("#imp-sec-create CollapsibleTitle").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "[red]y [bold]x[/]" in screen_text(app)


async def test_a_class_created_by_an_import_joins_the_export_filter(make_app, workdir):
    (workdir / "eleves.csv").write_text("Prénom;Nom;Date de naissance;Classes\nZoé;Zanzibar;12/03/2016;CM9 Z\n")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "i", *"eleves.csv", "enter")
        await pilot.pause()
        app.screen.query_one("#imp-apply").focus()
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("enter")  # confirm
        assert await until(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        await pilot.press("e")
        await pilot.pause()
        klass = next(c for c in store_of(app).all(SchoolClass) if c.name == "CM9 Z")
        select = app.screen.query_one("#exp-class", Select)
        select.value = klass.id  # refused if the option were missing
        await pilot.pause()
        assert L.IE_SELECTED.format(count=1) in screen_text(app)


async def test_quick_action_opens_the_export_tab(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.show_section("imports", "export")
        await pilot.pause()
        assert app.screen.query_one("#ie-tabs").active == "ie-export"
        assert L.IE_SELECTED.format(count=782) in screen_text(app)
        await pilot.press("escape", "5", "d")
        await pilot.pause()
        assert app.screen.query_one("#ie-tabs").active == "ie-sheets"
