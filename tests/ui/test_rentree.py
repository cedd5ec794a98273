"""La rentrée by keyboard: open the checklist, do steps 1, 4, 5 and 6, keep an item, the year change.

Every test drives the console with keys only and checks the store afterwards.
"""

from __future__ import annotations

from entconsole import labels as L
from entconsole.models import Group, SchoolClass, ShareBookmark, User
from textual.widgets import OptionList

from entconsole.screens.card_dialogs import PickDialog
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.home import QuickActions
from entconsole.screens.main import MainScreen
from entconsole.screens.rentree import RentreeScreen
from entconsole.screens.rentree_step import StepScreen
from entconsole.screens.rentree_year import YearChangeScreen
from entconsole.services import rentree
from entconsole.services.rentree import Step
from tests.ui.conftest import SIZE, screen_text


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def flat(text: str) -> str:
    return " ".join(w for w in text.split() if w not in ("│", "▏", "▕"))


async def open_step(pilot, number: int) -> None:
    await pilot.press("7", *(["down"] * (number - 1)), "enter")
    await pilot.pause()


async def test_key_7_and_the_line_on_accueil(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, RentreeScreen)
        text = screen_text(app)
        assert "2 / 9 étapes terminées" in text
        assert "1. Détacher les enseignants partis" in text and "9. Blocage d'été" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # from another section too
        await pilot.press("3", "7")
        await pilot.pause()
        assert isinstance(app.screen, RentreeScreen)
        await pilot.press("escape", "0")
        await pilot.pause()
        line = app.screen.query_one("#home-rentree", OptionList)
        assert "2 / 9 étapes terminées" in str(line.get_option_at_index(0).prompt)
        assert app.focused is app.screen.query_one(QuickActions)
        await pilot.press("tab", "enter")  # the line under the quick actions
        await pilot.pause()
        assert isinstance(app.screen, RentreeScreen)


async def test_step1_detach_the_teachers_who_left(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store, sid = app.session.store, app.session.structure_id
        left = [i.id for i in rentree.step_report(app.session, Step.TEACHERS_LEFT).items]
        await open_step(pilot, 1)
        assert isinstance(app.screen, StepScreen)
        text = flat(screen_text(app))
        assert "Lefebvre Clément" in text and "Sans école de rattachement" in text
        assert "Compté : enseignant rattaché à l'école" in text  # the rule is on screen
        await pilot.press("space", "space", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Retirer 2 comptes" in str(app.screen.text)
        await pilot.press("enter")
        await pilot.pause()
        for uid in left:
            assert sid not in store.get(User, uid).structures
        assert L.RT_DETACHED.format(count=2, structure=app.session.structure.name) in toasts(app)
        assert L.RT_NO_ITEM in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "3 / 9 étapes terminées" in screen_text(app)
        await pilot.press("escape")  # back on Accueil, the progress is read again
        await pilot.pause()
        assert "3 / 9 étapes terminées" in screen_text(app)


async def test_step4_delete_last_years_groups(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store, sid = app.session.store, app.session.structure_id
        await open_step(pilot, 4)
        assert "APE 2023-2024" in screen_text(app)
        await pilot.press("a", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        names = {g.name for g in store.find(Group, "structure", sid)}
        assert "APE 2023-2024" not in names and "Groupe de besoins CE1" not in names
        assert "RESP-AFFECT-GAR" in names and "Chorale 2024-2025" in names
        assert store.backups.list()


async def test_step4_keep_a_group_then_count_it_again(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, 4)
        await pilot.press("k")
        await pilot.pause()
        assert f"({L.RT_KEPT_TAG})" in screen_text(app)
        assert rentree.step_report(app.session, Step.MANUAL_GROUPS).count == 1
        await pilot.press("k")
        await pilot.pause()
        assert rentree.step_report(app.session, Step.MANUAL_GROUPS).count == 2


async def test_step5_clean_bookmarks_with_a_preview(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        await open_step(pilot, 5)
        await pilot.press("a", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Tardif Noël (pré-supprimé)" in str(app.screen.text)
        await pilot.press("enter")
        await pilot.pause()
        colleagues = next(b for b in store.all(ShareBookmark) if b.name == "Collègues cycle 3")
        assert len(colleagues.members) == 4
        # the empty bookmark went too (an empty bookmark is deleted); the past year's name stays to fix
        assert "Sortie au musée" not in {b.name for b in store.all(ShareBookmark)}
        assert [i.label for i in rentree.step_report(app.session, Step.BOOKMARKS).todo] == [
            "APE 2023-2024 (de Vasseur Nathalie)"]


async def test_step6_attach_a_teacher_to_each_class(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        classes = [i.id for i in rentree.step_report(app.session, Step.CLASSES).items]
        await open_step(pilot, 6)
        for _ in classes:
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PickDialog)
            await pilot.press("enter")
            await pilot.pause()
        assert rentree.step_report(app.session, Step.CLASSES).count == 0
        for class_id in classes:
            teachers = [u for uid in store.ids_by(User, "class", class_id)
                        if (u := store.get(User, uid)).profile.value == "Teacher"]
            assert len(teachers) == 1


async def test_year_change_dry_run_then_run(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store, sid = app.session.store, app.session.structure_id
        raw = store.path.read_bytes()
        await pilot.press("7", "b")
        await pilot.pause()
        assert isinstance(app.screen, YearChangeScreen)
        assert "11 classe(s)" in flat(screen_text(app))
        assert store.path.read_bytes() == raw  # the dry run wrote nothing
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "11 classes supprimées" in str(app.screen.text)
        await pilot.press("escape")
        await pilot.pause()
        assert store.path.read_bytes() == raw
        await pilot.press("b", "enter")
        await pilot.pause()
        assert not store.find(SchoolClass, "structure", sid)
        assert any("avant-bascule-annee" in p.name for p in store.backups.list())
        assert L.RT_YC_NOTHING in screen_text(app)


async def test_shares_share_a_class_blog_by_name(make_app):
    from entconsole.models import Share
    from entconsole.screens.rentree_shares import SharesScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        await pilot.press("7", "p")
        await pilot.pause()
        assert isinstance(app.screen, SharesScreen)
        assert "purgé" in screen_text(app) and "gardé" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Blog de la classe CM1 A" in str(app.screen.text)
        await pilot.press("enter")
        await pilot.pause()
        blog = next(s for s in store.all(Share) if s.resource_name == "Blog de la classe CM1 A")
        assert blog.grants and all(g.target_type.value == "user" for g in blog.grants)


async def test_bookmarks_screen_add_remove_clean(make_app):
    from entconsole.screens.rentree_bookmarks import BookmarksScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store

        def colleagues() -> ShareBookmark:
            return next(b for b in store.all(ShareBookmark) if b.name == "Collègues cycle 3")

        await pilot.press("7", "f")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        assert "parti : pré-supprimé" in screen_text(app)
        before = len(colleagues().members)
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)
        await pilot.press(*"vasseur", "enter")
        await pilot.pause()
        assert len(colleagues().members) == before + 1
        await pilot.press("tab", "x")  # the first member
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert len(colleagues().members) == before
        await pilot.press("shift+tab", "c", "enter")
        await pilot.pause()
        assert len(colleagues().members) == before - 1  # the pre-deleted guest is out
        assert "pré-supprimé" not in screen_text(app)


async def test_palette_opens_the_year_change(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"bascule d'annee")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, YearChangeScreen)
        assert [type(s).__name__ for s in app.screen_stack][-2:] == ["RentreeScreen", "YearChangeScreen"]


async def test_bookmarks_from_a_users_card(make_app):
    from entconsole.screens.rentree_bookmarks import BookmarksScreen
    from entconsole.screens.user_card import UserCardScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        director = app.session.admin
        app.show_section("users", f"user:{director.id}")
        await pilot.pause()
        assert isinstance(app.screen, UserCardScreen)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        text = screen_text(app)
        assert "APE 2023-2024" in text and "Équipe enseignante 2024-2025" in text
        assert "Collègues cycle 3" not in text  # another teacher's
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UserCardScreen)


# ---- from a step to where the guide does it (issue 8 follow-up)


async def test_step1_u_shows_the_users_list_on_the_steps_accounts(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        counted = {i.id for i in rentree.step_report(app.session, Step.TEACHERS_LEFT).todo}
        await open_step(pilot, 1)
        assert "u Voir dans Utilisateurs" in flat(screen_text(app))  # the footer says it
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # the rentrée screens are closed
        users = app.screen.section("users")
        assert app.screen.current_section == "users"
        assert {u.id for u in users.users} == counted and len(counted) == 2
        text = flat(screen_text(app))
        assert "2 utilisateurs" in text and "2 filtre(s) actif(s)" in text
        await pilot.press("f")  # the panel names the step beside the guide's filter
        await pilot.pause()
        text = flat(screen_text(app))
        assert "Rentrée : enseignants partis (étape 1)" in text and "Profil : Enseignant" in text


async def test_checklist_u_on_step_3_and_not_on_step_4(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        counted = {i.id for i in rentree.step_report(app.session, Step.MANUAL_ACCOUNTS).todo}
        await pilot.press("7", "down", "down", "down")  # step 4: groups, done in Groupes
        await pilot.pause()
        assert "Voir dans Utilisateurs" not in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, RentreeScreen)
        await pilot.press("up", "u")  # step 3: Sources = manual
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert {u.id for u in app.screen.section("users").users} == counted and len(counted) == 6


async def test_step8_prefilled_flash_form_saves_only_on_publish(make_app, demo_path):
    from entconsole.models import FlashMessage, JournalEntry
    from entconsole.screens.flash_form import FlashFormScreen
    from entconsole.services.flash import delete_messages
    from entconsole.services.session import Session
    from entconsole.store import Store
    from textual.widgets import Input, SelectionList, TextArea
    from tests.conftest import TODAY

    before = Session.open(Store(demo_path), None, TODAY)  # the demo's rentrée message gone: step 8 to do
    delete_messages(before, [m.id for m in rentree.rentree_messages(before)])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        messages, entries = store.count(FlashMessage), store.count(JournalEntry)
        await open_step(pilot, 8)
        assert isinstance(app.screen, StepScreen)
        assert "1 à traiter" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FlashFormScreen)
        assert form.query_one("#flash-title", Input).value == "Rentrée 2024-2025"
        assert set(form.query_one("#flash-profiles", SelectionList).selected) == {"Relative", "Student"}
        assert "Informations pratiques :" in form.query_one("#flash-text", TextArea).text
        await pilot.press("escape")  # cancelled: nothing written
        await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert (store.count(FlashMessage), store.count(JournalEntry)) == (messages, entries)
        await pilot.press("d")  # the step's action opens the same draft
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FlashFormScreen)
        form.query_one("#flash-title", Input).value = "Rentrée 2024-2025 — horaires"  # the director edits
        await pilot.press("ctrl+s")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):  # more than two messages live: the form asks
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, StepScreen)
        assert store.count(FlashMessage) == messages + 1 and store.count(JournalEntry) == entries + 1
        assert "8. Communiquer" in screen_text(app) and rentree.step_report(app.session, Step.COMMUNICATE).done
        assert "1 à traiter" not in screen_text(app)
        titles = {m.title for m in store.all(FlashMessage)}
        assert "Rentrée 2024-2025 — horaires" in titles
