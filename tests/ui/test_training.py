"""Training mode by keyboard: each shipped scenario solved in its console, the panel's ticks.

Each test opens `TrainingApp` on a fresh sandbox and performs the scenario's
steps with key presses, as a trainee would; the store, not the screen, says
whether a step is done (the panel re-reads the checks after each action; the
tests call `refresh_progress` instead of waiting for its poll).
"""

from __future__ import annotations

from entconsole import labels as L
from entconsole.models import FlashMessage, Report, ReportAction, User
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.flash_form import FlashFormScreen
from entconsole.screens.main import MainScreen
from entconsole.screens.report_dialogs import BlockAuthorDialog
from entconsole.screens.rentree_bookmarks import BookmarksScreen
from entconsole.screens.training import StepsScreen, TrainingApp, TrainingPanel
from entconsole.training.sandbox import open_sandbox
from entconsole.services.users import set_blocked
from entconsole.text import fold
from entconsole.training.scenarios import find_scenario
from tests.ui.conftest import SIZE, screen_text


def make_training(tmp_path, scenario_id: str, trainee: str = "stagiaire") -> TrainingApp:
    sandbox, _ = open_sandbox(tmp_path, find_scenario(scenario_id), trainee)
    return TrainingApp(sandbox)


def done(app: TrainingApp) -> tuple[bool, ...]:
    return app.refresh_progress().done


def panel_text(app: TrainingApp) -> str:
    panel = app.screen.query_one(TrainingPanel)
    return "\n".join(str(s.render()) for s in panel.query("Static") if s.display)


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_panel_shows_progress_and_the_hint_on_f9(tmp_path):
    app = make_training(tmp_path, "crise-signalement")
    scenario = app.scenario
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = panel_text(app)
        assert L.TRAIN_PANEL_TITLE.format(title=scenario.title) in text
        assert "0/3 étapes" in text and "· · ·" in text
        assert L.TRAIN_PANEL_STEP.format(n=1, instruction=scenario.steps[0].instruction) in text
        assert scenario.steps[0].hint not in text
        await pilot.press("f9")
        assert scenario.steps[0].hint in panel_text(app)
        await pilot.press("f9")
        assert scenario.steps[0].hint not in panel_text(app)
        # the panel is on the screen, above the footer, and in the help
        assert "Formation : Crise" in screen_text(app)
        await pilot.press("question_mark")
        assert L.TRAIN_KEY_HINT in screen_text(app) and L.TRAIN_KEY_STEPS in screen_text(app)
        await pilot.press("escape")
        # F8: every step, with its tick and hint
        await pilot.press("f8")
        assert isinstance(app.screen, StepsScreen)
        text = " ".join(screen_text(app).split())
        for n, step in enumerate(scenario.steps, start=1):
            assert f"· {n}. " + " ".join(step.instruction.split())[:40] in text
        await pilot.press("f8")
        assert isinstance(app.screen, MainScreen)
        # and both in the command palette
        await pilot.press("ctrl+p", *"indice")
        await pilot.pause(0.3)
        assert L.TRAIN_KEY_HINT in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert scenario.steps[0].hint in panel_text(app)


async def test_crisis_by_keyboard(tmp_path):
    app = make_training(tmp_path, "crise-signalement")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        store = app.store
        await pilot.press("6")  # Signalements: the newest pending report is highlighted
        await pilot.pause()
        assert "Jourdan Cédric" in screen_text(app)
        await pilot.press("b")  # block the author…
        assert isinstance(app.screen, BlockAuthorDialog)
        await pilot.press("s")  # …and delete the notification, in one action
        await pilot.pause()
        assert done(app) == (True, True, False)
        await pilot.pause()  # the toasts are messages
        assert L.TRAIN_STEP_DONE.format(n=1) in toasts(app) and L.TRAIN_STEP_DONE.format(n=2) in toasts(app)
        assert "2/3 étapes" in panel_text(app)
        assert L.TRAIN_PANEL_STEP.format(n=3, instruction=app.scenario.steps[2].instruction) in panel_text(app)
        await pilot.press("enter", "c")  # the pupil's page: Conserver
        await pilot.pause()
        assert done(app) == (True, True, True)
        assert L.TRAIN_PANEL_FINISHED in panel_text(app)
        page = next(r for r in store.all(Report) if "tous des nuls" in r.text)
        assert page.decision.action is ReportAction.KEEP
        assert not next(u for u in store.all(User) if u.id == page.author_id).blocked
        # undoing a step (here: unblocking the author) takes its tick back, and says so
        author = next(u for u in store.all(User) if u.display_name == "Jourdan Cédric")
        set_blocked(app.session, [author.id], False)
        assert done(app) == (True, False, True)
        await pilot.pause()
        assert L.TRAIN_STEP_UNDONE.format(n=2) in toasts(app)
        assert "2/3 étapes" in panel_text(app)


async def test_summer_by_keyboard(tmp_path):
    app = make_training(tmp_path, "ete-flash-blocage")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        store = app.store
        await pilot.press("1", "m", "n")
        await pilot.pause()
        assert isinstance(app.screen, FlashFormScreen)
        await pilot.press(*"Vacances d'été", "tab", "tab")  # start: today already
        await pilot.press(*"05/07/2025")
        await pilot.press("tab", "down", "space", "down", "space")  # Élève, Parent
        await pilot.press("tab", "tab", "tab", "tab")  # colour, mail, mobile, language
        await pilot.press("tab", *"Comptes fermés jusqu'à la rentrée.")  # the message
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [message] = [m for m in store.all(FlashMessage) if m.title == "Vacances d'été"]
        assert set(message.profiles) == {"Student", "Relative"}
        assert done(app) == (True, False, False)

        await pilot.press("b")  # Blocage en lot: Personnel, Enseignant, Parent, Élève, Invité
        await pilot.pause()
        await pilot.press("down", "down", "down", "enter")  # Élève [Bloquer]
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert done(app) == (True, True, False)
        await pilot.press("up", "enter")  # Parent [Bloquer]
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert done(app) == (True, True, True)
        assert L.TRAIN_PANEL_FINISHED in panel_text(app)


# ---- helpers for the Utilisateurs and Groupes sections


def keys_for(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


def users_section(app):
    from entconsole.screens.users import UsersSection

    return app.main_screen.query_one(UsersSection)


async def open_user(pilot, app, name: str):
    """Section 2, search the name, arrows to its row, Enter: the user's card."""
    from entconsole.screens.user_card import UserCardScreen

    assert isinstance(app.screen, MainScreen)
    await pilot.press("2")
    await pilot.pause()
    await pilot.press("slash", "ctrl+u", *keys_for(fold(name)), "enter")
    await pilot.pause()
    section = users_section(app)
    index = [u.display_name for u in section.users].index(name)
    await pilot.press(*["down"] * index)
    assert section.user_list.current_user.display_name == name
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, UserCardScreen)
    return app.screen


async def confirm(pilot, app) -> None:
    from entconsole.screens.card_dialogs import ConfirmDialog

    assert isinstance(app.screen, (ConfirmDialog, ConfirmScreen)), app.screen
    await pilot.press("enter")
    await pilot.pause()


async def goto_card_list(pilot, title: str) -> None:
    """On a card: `g`, the rubric's name, Enter (focus in that rubric's list)."""
    await pilot.press("g", *keys_for(title), "enter")
    await pilot.pause()


async def pick(pilot, app, label: str) -> None:
    """In a pick dialog: arrows down to the row whose label starts with `label`, Enter."""
    from textual.widgets import OptionList

    from entconsole.screens.card_dialogs import PickDialog

    assert isinstance(app.screen, PickDialog), app.screen
    options = app.screen.query_one("#pick-list", OptionList)
    prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    target = next(i for i, prompt in enumerate(prompts) if prompt.startswith(label))
    if app.focused is not options:
        await pilot.press("tab")
    await pilot.press("home")
    for _ in prompts:  # the arrows skip the rows not offered (a class without pupils)
        if options.highlighted == target:
            break
        await pilot.press("down")
    assert options.highlighted == target
    await pilot.press("enter")
    await pilot.pause()


async def open_group(pilot, app, name: str, query: str) -> None:
    from entconsole.screens.groups import GroupsSection

    await pilot.press("3", "slash", "ctrl+u", *keys_for(query), "enter")
    await pilot.pause()
    current = app.main_screen.query_one(GroupsSection).current
    assert current is not None and current.group.name == name


async def test_manual_accounts_by_keyboard(tmp_path):
    from entconsole.screens.user_card import UserCardScreen
    from entconsole.screens.user_create import CreateUserScreen

    app = make_training(tmp_path, "comptes-manuels")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        store = app.store
        pupil = next(u for u in store.all(User) if u.display_name == "Demir Louise")
        # 1. the foster family: a Parent with Louise as child
        await pilot.press("2", "n")
        await pilot.pause()
        assert isinstance(app.screen, CreateUserScreen)
        await pilot.press(*keys_for("Colette"), "tab", *keys_for("Ravier"))
        await pilot.press("tab", "tab", "enter", *"par", "enter")  # Profil: Parent
        await pilot.pause()
        await pilot.press("tab", "tab")  # Classe, then the pupils' search
        assert app.focused.id == "create-child-search"
        await pilot.press(*keys_for("demir louise"), "enter")
        await pilot.pause()
        results = app.focused
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        await pilot.press(*["down"] * ids.index(pupil.id), "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, UserCardScreen)
        assert done(app) == (True, False, False, False)
        # 2. the outside speaker: a Guest, then 3. into the chorale from the card
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CreateUserScreen)
        await pilot.press(*keys_for("Marc"), "tab", *keys_for("Dubreuil"))
        await pilot.press("tab", "tab", "enter", *"inv", "enter")  # Profil: Invité
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, UserCardScreen)
        assert done(app) == (True, True, False, False)
        await goto_card_list(pilot, "manuel")
        await pilot.press("a")
        await pick(pilot, app, "Chorale 2024-2025")
        assert done(app) == (True, True, True, False)
        # 4. the volunteer's account, never activated: Supprimer
        await pilot.press("escape")
        await pilot.pause()
        await open_user(pilot, app, "Poulain Gérard")
        await pilot.press("d")
        await confirm(pilot, app)
        assert isinstance(app.screen, MainScreen)  # the card closed: the account is gone
        assert done(app) == (True, True, True, True)
        assert L.TRAIN_PANEL_FINISHED in panel_text(app)
        colette = next(u for u in store.all(User) if u.display_name == "Ravier Colette")
        assert colette.children == (pupil.id,) and colette.profile.value == "Relative"


async def highlight_bookmark(pilot, app, name: str) -> None:
    """On the Favoris de partage screen: arrows to the bookmark so named."""
    from textual.widgets import OptionList

    listing = app.screen.query_one("#rt-bkm-list", OptionList)
    assert app.focused is listing
    names = [r.bookmark.name for r in app.screen.rows]
    await pilot.press("home", *["down"] * names.index(name))
    assert app.screen.rows[listing.highlighted].bookmark.name == name


async def test_rentree_by_keyboard(tmp_path):
    from entconsole.screens.group_members import GroupMembersScreen
    from entconsole.widgets.filter_panel import FilterValues

    app = make_training(tmp_path, "rentree-2024")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # 1. and 2. detach the teachers who left and the AESH who work elsewhere
        for name in ("Lefebvre Clément", "Le Gall Anne", "Besnard Nicolas", "Germain Adeline", "Clément Marie-Laure"):
            await open_user(pilot, app, name)
            await pilot.press("t")
            await confirm(pilot, app)
            await pilot.press("escape")
            await pilot.pause()
        assert done(app)[:2] == (True, True)
        # 3. obsolete manual accounts: pre-delete the activated ones, delete the other
        for name in ("Lucas José", "Chevalier Solène", "Saint-Clair Jean-Pierre"):
            await open_user(pilot, app, name)
            await pilot.press("d")
            await confirm(pilot, app)
            if not isinstance(app.screen, MainScreen):  # pre-deleted: the card stays open
                await pilot.press("escape")
                await pilot.pause()
        assert done(app)[:3] == (True, True, True)
        # 4. last year's manual groups
        for name, query in (("APE 2023-2024", "ape"), ("Groupe de besoins CE1", "besoins")):
            await open_group(pilot, app, name, query)
            await pilot.press("d")
            await confirm(pilot, app)
        assert done(app)[:4] == (True, True, True, True)
        # 5. share bookmarks: La rentrée (7), f; clean one, delete two
        await pilot.press("7", "f")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        for name, key in (("Collègues cycle 3", "c"), ("Sortie au musée", "d"), ("APE 2023-2024", "d")):
            await highlight_bookmark(pilot, app, name)
            await pilot.press(key)
            await confirm(pilot, app)
            assert isinstance(app.screen, BookmarksScreen)
        assert done(app)[:5] == (True,) * 5
        names = [r.bookmark.name for r in app.screen.rows]
        assert names == ["Collègues cycle 3", "Équipe enseignante 2024-2025"]
        assert not any(r.gone for r in app.screen.rows)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        # 6. each teacher to the class (only classes holding pupils are offered)
        for name, class_name in (("Grondin Marion", "CE1 A"), ("Carpentier Samia", "CM1 B")):
            await open_user(pilot, app, name)
            await goto_card_list(pilot, "classe")
            await pilot.press("a")
            await pick(pilot, app, class_name)
            await pilot.press("escape")
            await pilot.pause()
        assert done(app)[:6] == (True,) * 6
        # 7. RESP-AFFECT-GAR: filter Profils > Enseignant, mark all, add
        await open_group(pilot, app, "RESP-AFFECT-GAR", "resp")
        await pilot.press("u")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GroupMembersScreen)
        await pilot.press("f", "enter")
        await pilot.pause()
        values = screen.query_one(FilterValues)
        labels = [str(values.get_option_at_index(i).prompt) for i in range(values.option_count)]
        await pilot.press(*(["down"] * labels.index(L.PROFILE["Teacher"])), "space", "escape")
        await pilot.pause()
        await pilot.press("a", "plus")
        await pilot.pause()
        assert done(app)[:7] == (True,) * 7
        await pilot.press("escape")
        await pilot.pause()
        # 8. a flash message for the parents (a third live one: the form asks first)
        await pilot.press("1", "m", "n")
        await pilot.pause()
        assert isinstance(app.screen, FlashFormScreen)
        await pilot.press(*"Accueil périscolaire", "tab", "tab", *"13/09/2024")
        await pilot.press("tab", "down", "down", "space")  # Parent
        await pilot.press("tab", "tab", "tab", "tab", "tab", *"Inscriptions en mairie avant vendredi.")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await confirm(pilot, app)  # more than two messages live for Parent: publish anyway
        assert isinstance(app.screen, MainScreen)
        assert done(app) == (True,) * 8
        assert L.TRAIN_PANEL_FINISHED in panel_text(app)
        # what the guide forbids stayed: the replacement teacher, the AESH here, the GAR group
        brun = next(u for u in app.store.all(User) if u.display_name == "Brun Adrien")
        assert app.session.structure_id in brun.structures
