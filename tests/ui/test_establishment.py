"""Gérer mon établissement by keyboard: tabs, rename, create / delete a flash message, block / unblock."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, Select, TabbedContent

from entconsole import labels as L
from entconsole.models import BlockAction, BlockTrace, FlashColor, FlashMessage, OutboxMail, Profile, User
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.flash import FlashPane
from entconsole.screens.flash_form import FlashFormScreen
from entconsole.screens.main import MainScreen
from entconsole.screens.mass_block import MassBlockPane
from entconsole.services.flash import message_text, visible_messages
from entconsole.services.users import structure_users
from entconsole.widgets.flash_banner import FlashBanner
from tests.conftest import TODAY
from tests.ui.conftest import SIZE, screen_text


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def active_tab(app) -> str:
    return app.screen.query_one("#est-tabs", TabbedContent).active


async def test_tabs_by_key_and_quick_actions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert active_tab(app) == "est-info"
        text = screen_text(app)
        for label in (L.INFO_NAME, L.INFO_UAI, L.INFO_MOBILE, L.INFO_PARENTS, L.INFO_FEED, L.INFO_STATS, "0601234X"):
            assert label in text
        await pilot.press("escape", "0")  # back to Accueil (focus left the name field)
        await pilot.press("1", "m")
        await pilot.pause()
        assert active_tab(app) == "est-flash"
        assert "Rentrée : horaires" in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert active_tab(app) == "est-block"
        assert L.BLOCK_WARNING.split(":")[0] in screen_text(app)
        # the home screen's quick actions open the right tab
        app.show_section("establishment", "flash")
        await pilot.pause()
        assert active_tab(app) == "est-flash"
        assert app.focused.id == "flash-table"


async def test_rename_then_reset(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "i")
        await pilot.pause()
        name = app.screen.query_one("#info-name", Input)
        assert app.focused is name
        name.value = ""
        await pilot.press(*"École des Papillons", "enter")
        await pilot.pause()
        assert app.session.structure.name == "École des Papillons"
        # the header follows
        assert "École des Papillons – 0601234X" in screen_text(app)
        assert L.STRUCTURE_RENAMED.format(name="École des Papillons") in toasts(app)
        app.screen.query_one("#info-name-reset").press()
        await pilot.pause()
        assert app.session.structure.name == app.session.structure.default_name


async def test_create_flash_by_keyboard(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        before = {m.id for m in store.all(FlashMessage)}
        await pilot.press("1", "m", "n")
        await pilot.pause()
        assert isinstance(app.screen, FlashFormScreen)
        await pilot.press(*"Conseil des maîtres")
        await pilot.press("tab", "tab")  # start: today already
        await pilot.press(*(TODAY + timedelta(days=3)).strftime("%d/%m/%Y"))
        await pilot.press("tab", "space")  # Profil(s): Enseignant
        await pilot.press("tab", "right", "enter")  # colour: orange, next to the default red
        await pilot.press("tab", "space")  # Notification mail (the message starts today)
        await pilot.press("tab", "tab", "tab")  # mobile, language, message
        await pilot.press(*"Conseil jeudi à 17 h.")
        await pilot.pause()
        preview = app.screen.query_one("#flash-preview", FlashBanner)
        assert str(preview.render()) == "Conseil jeudi à 17 h."  # the live preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        [created] = [m for m in store.all(FlashMessage) if m.id not in before]
        assert created.title == "Conseil des maîtres"
        assert (created.start_date, created.end_date) == (TODAY, TODAY + timedelta(days=3))
        assert created.profiles == (Profile.TEACHER.value,)
        assert created.color is FlashColor.ORANGE
        assert created.contents == {"fr": "Conseil jeudi à 17 h."}
        teachers = sum(1 for u in structure_users(store, app.session.structure_id) if u.profile is Profile.TEACHER)
        [mail] = list(store.all(OutboxMail))
        assert (mail.kind, mail.recipients_count) == ("flash_notification_mail", teachers)
        assert any("Conseil des maîtres" in t for t in toasts(app))
        assert "Conseil des maîtres" in screen_text(app)


async def test_form_refuses_with_reasons_beside_the_fields(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        writes = app.session.store.write_count
        await pilot.press("1", "m", "n")
        await pilot.pause()
        form = app.screen
        await pilot.press("tab", "tab", *"01/09/2024")  # before the start, already past
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FlashFormScreen)
        text = screen_text(app)
        for reason in (L.FLASH_ERR_TITLE, L.FLASH_ERR_START_AFTER_END, L.FLASH_ERR_PROFILES, L.FLASH_ERR_TEXT):
            assert reason in text
        assert app.focused is form.query_one("#flash-title")  # the first field refused
        assert app.session.store.write_count == writes
        # notifications: only for a message starting today
        form.query_one("#flash-start", Input).value = "10/09/2024"
        await pilot.pause()
        assert form.query_one("#flash-mail").disabled and form.query_one("#flash-mobile").disabled
        assert form.query_one("#flash-notify-rule").has_class("-refused")  # shown as a warning
        assert L.FLASH_NOTIFY_RULE[:40] in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.session.store.write_count == writes


async def test_more_than_two_live_asks_first(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        count = store.count(FlashMessage)
        await pilot.press("1", "m", "n")
        await pilot.pause()
        await pilot.press(*"Kermesse", "tab", "tab", *(TODAY + timedelta(days=8)).strftime("%d/%m/%Y"))
        await pilot.press("tab", "down", "down", "space")  # Parent
        app.screen.query_one("#flash-text").insert("Kermesse samedi.")
        await pilot.pause()
        warning = L.FLASH_WARN_LIVE.format(count=3, profiles="Parent")
        notice = app.screen.query_one("#flash-warning")
        assert notice.display and warning in str(notice.render())
        assert warning[:40] in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert isinstance(app.screen, FlashFormScreen) and store.count(FlashMessage) == count
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # publish anyway
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and store.count(FlashMessage) == count + 1


async def test_mark_two_and_delete_with_confirmation(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        await pilot.press("1", "m", "f", "f", "f")  # Obsolète
        await pilot.pause()
        pane = app.screen.query_one(FlashPane)
        assert pane.filter == "obsolete" and len(pane.messages) == 2
        await pilot.press("space", "space")
        assert len(pane.marked) == 2
        old = set(pane.marked)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "2 messages flash" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert all(store.get(FlashMessage, i) is None for i in old)
        assert L.FLASH_DELETED_MANY.format(count=2) in toasts(app)
        assert pane.messages == []


async def test_preview_as_uses_the_visibility_rule(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "m")
        await pilot.pause()
        select = app.screen.query_one("#flash-preview-as", Select)
        for target in ("Relative", "Teacher", "AdminLocal", "Student"):
            select.value = target
            await pilot.pause()
            expected = visible_messages(app.session.store, target, app.session.structure_id, TODAY)
            shown = [str(b.render()) for b in app.screen.query(".preview-banner").results(FlashBanner)]
            assert shown == [message_text(m) for m in expected]
            assert (L.FLASH_PREVIEW_NONE in screen_text(app)) == (not expected)
        # "a" opens the profile list from the table
        app.screen.query_one("#flash-table").focus()
        await pilot.press("a")
        await pilot.pause()
        assert select.expanded


async def test_edit_is_refused_for_a_message_shared_out_of_scope(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "m", "down", "enter")  # "Bascule ONDE", also for the Coquelicots
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Bascule ONDE" in t for t in toasts(app))


async def test_block_and_unblock_parents_by_keyboard(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        parents = [u for u in structure_users(store, app.session.structure_id) if u.profile is Profile.RELATIVE]
        to_block = sum(1 for u in parents if not u.blocked)
        traces = store.count(BlockTrace)
        await pilot.press("1", "b")
        await pilot.pause()
        assert app.focused.id == "block-Personnel"
        await pilot.press("down", "down", "enter")  # Parent [Bloquer]
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"Bloquer {to_block} comptes du profil Parent" in " ".join(screen_text(app).split())
        writes = store.write_count
        await pilot.press("enter")
        await pilot.pause()
        assert store.write_count == writes + 1
        assert all(store.get(User, u.id).blocked for u in parents)
        assert store.count(BlockTrace) == traces + 1
        assert f"{to_block} comptes du profil Parent bloqués." in toasts(app)
        history = app.screen.query_one("#block-history")
        first_row = [str(c) for c in history.get_row_at(0)]
        assert first_row[1:4] == ["Blocage", "Parent", app.session.admin.display_name]
        # then [Débloquer], same row
        await pilot.press("right", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not any(store.get(User, u.id).blocked for u in parents)
        first_row = [str(c) for c in history.get_row_at(0)]
        assert first_row[1:3] == ["Déblocage", "Parent"]


async def test_on_a_large_store_counting_and_blocking_run_in_threads(make_app, monkeypatch):
    monkeypatch.setattr("entconsole.screens.mass_block.is_large", lambda store: True)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        parents = [u for u in structure_users(store, app.session.structure_id) if u.profile is Profile.RELATIVE]
        to_block = sum(1 for u in parents if not u.blocked)
        await pilot.press("1", "b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.screen.query_one(MassBlockPane)
        assert f"{len(parents)} comptes" in " ".join(screen_text(app).split())
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        writes = store.write_count
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.write_count == writes + 1 and all(store.get(User, u.id).blocked for u in parents)
        assert f"{to_block} comptes du profil Parent bloqués." in toasts(app)
        assert not pane.loading


async def test_blocking_teachers_skips_the_director(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "b", "down", "enter")  # Enseignant [Bloquer]
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        text = app.screen.text
        assert "1 compte d'administrateur local ne sera pas modifié." in text
        assert L.BLOCK_CONFIRM_EVERYWHERE in text
        assert "1 compte d'administrateur local" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert not app.session.admin.blocked
        assert any("1 compte d'administrateur local" in t for t in toasts(app))
        # Escape on a confirmation changes nothing
        writes = app.session.store.write_count
        await pilot.press("right", "enter", "escape")
        await pilot.pause()
        assert app.session.store.write_count == writes
        trace = max(app.session.store.all(BlockTrace), key=lambda t: t.date)
        assert (trace.action, trace.profile) == (BlockAction.BLOCK, Profile.TEACHER)


async def test_history_sort_and_page_size_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "b")
        await pilot.pause()
        history = app.screen.query_one("#block-history")
        dates = [str(history.get_row_at(i)[0]) for i in range(history.row_count)]
        assert dates == sorted(dates, key=lambda d: (d[6:10], d[3:5], d[:2], d[11:]), reverse=True)
        await pilot.press("t")  # Type d'action
        actions = [str(history.get_row_at(i)[1]) for i in range(history.row_count)]
        assert actions == sorted(actions)
        await pilot.press("r")
        actions = [str(history.get_row_at(i)[1]) for i in range(history.row_count)]
        assert actions == sorted(actions, reverse=True)
        await pilot.press("p")
        assert "Éléments par page 20" in screen_text(app)


async def test_link_opens_the_users_list_on_blocked_accounts(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "b")
        await pilot.pause()
        calls = []
        monkeypatch.setattr(app, "show_section", lambda *args: calls.append(args))
        app.screen.query_one("#block-link").press()
        await pilot.pause()
        assert calls == [("users", "blocked")]


async def test_duplicate_opens_a_filled_form(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        store = app.session.store
        count = store.count(FlashMessage)
        await pilot.press("1", "m", "down", "down", "d")  # "Rentrée : horaires", started 3 days ago
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FlashFormScreen)
        assert form.query_one("#flash-title", Input).value == "Rentrée : horaires (copie)"
        assert form.query_one("#flash-start", Input).value == TODAY.strftime("%d/%m/%Y")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # parents would see three messages at once
        await pilot.press("enter")  # publish anyway
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert store.count(FlashMessage) == count + 1
        copy = next(m for m in store.all(FlashMessage) if m.title == "Rentrée : horaires (copie)")
        assert copy.start_date == TODAY and copy.read_count == 0
