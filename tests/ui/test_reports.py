"""Section 6, Signalements, by keyboard: treat, history, block the author, the counts."""

from __future__ import annotations

from textual.widgets import OptionList

from entconsole import labels as L
from entconsole.models import Report, ReportAction, User
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.home import HomeSection
from entconsole.screens.main import MainScreen
from entconsole.screens.report_dialogs import BlockAuthorDialog, TreatDialog
from entconsole.services import reports
from entconsole.services.home import home_figures
from entconsole.widgets.section_bar import SectionBar
from tests.ui.conftest import SIZE, screen_text


def notifications(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def badge(app) -> str | None:
    return app.screen.query_one(SectionBar).badges.get("reports")


def home_reports_line(app) -> str:
    text = app.screen.query_one(HomeSection).query_one("#home-attention").render()
    return next(line for line in str(text).splitlines() if L.HOME_REPORTS in line)


async def test_treat_a_report_by_keyboard(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        store = app.store
        first, second = reports.pending_reports(app.session)
        # the count of reports to handle: on the section's tab and on Accueil
        assert badge(app) == "2"
        assert "Signalements (2)" in screen_text(app)
        assert home_reports_line(app).split()[-1] == "2"

        # the quick action "Signalements à traiter" (the last one) opens the tab
        assert L.QUICK_ACTIONS[-1][1:] == ("reports", "pending")
        await pilot.press("end", "enter")
        await pilot.pause()
        assert app.screen.current_section == "reports"
        listing = app.screen.query_one("#rpt-pending-pane OptionList", OptionList)
        assert app.focused is listing and listing.highlighted_option.id == first.id  # newest first
        text = screen_text(app)
        assert first.author_name in text and L.RPT_REPORTERS.format(count=len(first.reporters)) in text
        assert L.RPT_TAB_PENDING + " (2)" in text

        # Annuler: nothing happens
        writes = store.write_count
        await pilot.press("enter")
        assert isinstance(app.screen, TreatDialog)
        assert L.RPT_TREAT_DELETE_HELP.split(".")[0] in screen_text(app)  # says it is for good
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen) and store.write_count == writes

        # Supprimer
        await pilot.press("enter", "s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert store.write_count == writes + 1
        decided = store.get(Report, first.id).decision
        assert decided.action is ReportAction.DELETE and decided.by_login == app.session.admin.login
        assert L.RPT_DONE_DELETE in notifications(app)
        assert badge(app) == "1"
        assert home_reports_line(app).split()[-1] == "1"
        # the next report is highlighted; Conserver it with the keyboard too
        assert listing.highlighted_option.id == second.id
        await pilot.press("enter", "c")
        await pilot.pause()
        assert store.get(Report, second.id).decision.action is ReportAction.KEEP
        assert badge(app) is None and home_figures(app.session).reports_pending == 0
        assert L.RPT_NONE_PENDING in screen_text(app)
        assert "Signalements (" not in screen_text(app)


async def test_history_delete_a_kept_notification(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "greater_than_sign")
        await pilot.pause()
        store = app.store
        kept, deleted = reports.treated_reports(app.session)
        listing = app.screen.query_one("#rpt-history-pane OptionList", OptionList)
        assert app.focused is listing and listing.highlighted_option.id == kept.id
        text = screen_text(app)
        assert L.RPT_STATE["KEEP"] in text and L.RPT_STATE["DELETE"] in text
        writes = store.write_count
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmScreen)
        assert kept.author_name in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert store.write_count == writes + 1
        stored = store.get(Report, kept.id)
        assert stored.decision.action is ReportAction.DELETE and stored.history == (kept.decision,)
        # an already deleted notification cannot be deleted again
        listing.highlighted = next(
            i for i in range(listing.option_count) if listing.get_option_at_index(i).id == deleted.id
        )
        await pilot.press("s")
        assert isinstance(app.screen, MainScreen)
        assert L.RPT_ALREADY_DELETED in notifications(app)
        assert store.write_count == writes + 1


async def test_block_the_author_and_delete_in_one_step(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        store = app.store
        report = reports.pending_reports(app.session)[0]
        author = store.get(User, report.author_id)
        writes = store.write_count
        await pilot.press("b")
        assert isinstance(app.screen, BlockAuthorDialog)
        text = screen_text(app)
        assert author.display_name in text and L.RPT_BLOCK_AND_DELETE in text
        await pilot.press("escape")
        assert store.write_count == writes and not store.get(User, author.id).blocked
        await pilot.press("b", "s")
        await pilot.pause()
        assert store.write_count == writes + 1
        assert store.get(User, author.id).blocked
        assert reports.report_state(store.get(Report, report.id)) is reports.ReportState.DELETED
        assert L.RPT_BLOCKED_AND_DELETED.format(name=author.display_name) in notifications(app)
        assert badge(app) == "1"


async def test_block_a_teacher_warns_it_applies_everywhere(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "greater_than_sign")
        await pilot.pause()
        store = app.store
        kept = reports.treated_reports(app.session)[0]
        teacher = store.get(User, kept.author_id)
        assert teacher.profile.value == "Teacher"
        await pilot.press("b")
        assert isinstance(app.screen, BlockAuthorDialog)
        assert L.RPT_BLOCK_EVERYWHERE.split(" : ")[0] in screen_text(app)
        await pilot.press("b")  # "Bloquer seulement": the kept notification stays kept
        await pilot.pause()
        assert store.get(User, teacher.id).blocked
        assert reports.report_state(store.get(Report, kept.id)) is reports.ReportState.KEPT
        assert L.RPT_AUTHOR_BLOCKED in screen_text(app)


async def test_author_card_link_opens_the_users_section(make_app):
    app = make_app()
    calls = []
    async with app.run_test(size=SIZE) as pilot:
        original = app.show_section

        def recording(section_id, target=None):
            calls.append((section_id, target))
            original(section_id, target)

        app.show_section = recording
        await pilot.press("6")
        await pilot.pause()
        report = reports.pending_reports(app.session)[0]
        await pilot.press("f")
        await pilot.pause()
        assert calls[-1] == ("users", f"user:{report.author_id}")
        assert app.main_screen.current_section == "users"
        # the Utilisateurs section opens the author's card
        assert report.author_name in screen_text(app)


async def test_report_texts_are_shown_literally(make_app, demo_path):
    from entconsole.store import Store

    store = Store(demo_path)
    report = next(r for r in store.all(Report) if r.decision is None)
    trap = "[bold]Gras[/] [@click=app.quit]x[/]"
    with store.transaction("test", "test.seed") as tx:
        tx.put(report.model_copy(update={"text": trap, "author_name": f"Auteur {trap}"}))
        tx.journal("seed")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        listing = app.screen.query_one("#rpt-pending-pane OptionList", OptionList)
        listing.highlighted = next(
            i for i in range(listing.option_count) if listing.get_option_at_index(i).id == report.id
        )
        await pilot.pause()
        assert trap in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, TreatDialog)
        assert trap in screen_text(app)
        await pilot.press("escape")
        assert app.is_running
