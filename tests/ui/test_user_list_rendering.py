"""How the users list draws its rows: the fast path, the row cache, the collector."""

from __future__ import annotations

import gc

from textual.strip import Strip
from textual.visual import Visual

from entconsole.models import Status
from entconsole.screens.users import UsersSection
from entconsole.services.users import SortKey
from entconsole.widgets.user_list import STATUS_GLYPH, header_content, row_content
from tests.ui.conftest import SIZE

COMPONENTS = ("user-list--row", "user-list--marked", "user-list--cursor", "user-list--cursor-blurred")


def textual_strip(widget, content, width, style) -> Strip:
    """A row as Textual's generic Visual path draws it (what _strip must equal)."""
    strips = Visual.to_strips(widget, content, width, 1, style, apply_selection=False)
    strip = strips[0] if strips else Strip([])
    return strip.extend_cell_length(width, style.rich_style).crop(0, width)


def line_text(user_list, y: int) -> str:
    return user_list.render_line(y).text


async def open_list(pilot, app):
    await pilot.press("2")
    await pilot.pause()
    return app.main_screen.query_one(UsersSection)


async def test_rows_drawn_as_textual_draws_them(make_app):
    """Same segments, same styles as Visual.to_strips, for every demo account."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        user_list = (await open_list(pilot, app)).user_list
        users = user_list.users
        assert len(users) > 500
        width = user_list.scrollable_content_region.width
        for component in COMPONENTS:
            style = user_list.get_visual_style(component)
            for w in (width, 37):
                contents = [header_content(w, SortKey.PROFILE, True)]
                contents += [row_content(u, w, marked=m, detached=m) for u in users for m in (False, True)]
                for content in contents:
                    ours, textual = user_list._strip(content, w, style), textual_strip(user_list, content, w, style)
                    assert list(ours) == list(textual)
                    assert ours.cell_length == textual.cell_length == w


async def test_a_saved_account_is_drawn_again(make_app):
    """Rows are reused while the account object is the same; a saved account is a new one."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        user_list = (await open_list(pilot, app)).user_list
        index = next(i for i, u in enumerate(user_list.users[:20]) if i and not u.blocked)
        user = user_list.users[index]
        y = index + 1  # under the column titles, first screen
        before = line_text(user_list, y)
        assert line_text(user_list, y) == before and STATUS_GLYPH[Status.BLOCKED] not in before
        blocked = user.model_copy(update={"blocked": True})
        users = list(user_list.users)
        users[index] = blocked
        user_list.set_users(users, sort=user_list.sort, descending=user_list.descending)
        assert STATUS_GLYPH[Status.BLOCKED] in line_text(user_list, y)


async def test_cursor_marks_and_theme_change_the_drawn_rows(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        user_list = (await open_list(pilot, app)).user_list
        first = user_list.render_line(1)
        assert first.text.startswith("▶")  # focused list: the cursor's glyph
        await pilot.press("space")  # mark the first row, the cursor moves on
        marked = user_list.render_line(1)
        assert marked.text.startswith(" ✓ ") and list(marked) != list(first)
        assert user_list.render_line(2).text.startswith("▶")
        await pilot.press("tab")  # the list loses the focus: no glyph on the cursor row
        await pilot.pause()
        assert not user_list.has_focus
        assert user_list.render_line(2).text.startswith(" ")
        unmarked = user_list.render_line(3)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert user_list.render_line(3).text == unmarked.text
        assert list(user_list.render_line(3)) != list(unmarked)  # the theme's colours


async def test_counter_follows_each_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        section = await open_list(pilot, app)
        counter = section.query_one("#users-counter")
        hint = section.query_one("#users-hint")
        legend = str(hint.render())
        await pilot.press("slash", *"mar")
        assert str(len(section.users)) in str(counter.render())
        assert str(hint.render()) == legend
        await pilot.press("backspace", "backspace", "backspace")
        assert str(len(section.users)) in str(counter.render())
        await pilot.press("enter", "space")
        assert str(hint.render()) != legend  # what to do with the marked account


async def test_the_sessions_objects_are_frozen_after_the_first_list_then_given_back(make_app):
    """Full collections then skip what lives for the whole session (see freeze_long_lived)."""
    gc.unfreeze()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        at_home = gc.get_freeze_count()
        await open_list(pilot, app)
        await pilot.pause()
        assert gc.get_freeze_count() > at_home
    assert gc.get_freeze_count() == 0


async def test_the_list_follows_the_search_box_before_its_frame(make_app):
    """The query runs as the text changes, not when Input.Changed arrives later:
    the first frame after a key already shows its rows."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        section = await open_list(pilot, app)
        everyone = len(section.users)
        section.search_input.value = "mar"  # what a key does, without handing over to the loop
        assert section.state.search == "mar" and section.shown_state is section.state
        assert 0 < len(section.users) < everyone
        section.search_input.value = ""
        assert len(section.users) == everyone


async def test_a_new_result_is_drawn_before_the_next_frame(make_app):
    """set_users draws the visible rows at once (the frame then only reuses them)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        user_list = (await open_list(pilot, app)).user_list
        user_list._row_cache.clear()
        later = list(reversed(user_list.users))  # rows the screen does not show yet
        user_list.set_users(later, sort=user_list.sort, descending=not user_list.descending)
        visible = user_list.scrollable_content_region.height - 1
        assert len(user_list._row_cache) == visible
        misses = user_list._row_cache.misses
        await pilot.pause()  # the frame
        assert user_list._row_cache.misses == misses
