"""The users list and the filters panel reused outside the Utilisateurs section.

Each widget is mounted alone in a bare app (no screen stylesheet): its
messages name it (`control`, so `@on(..., "#id")` works) and the filters
panel carries its own look, its own empty sentence and its hidden categories.
"""

from __future__ import annotations

from textual.app import App, ComposeResult

from entconsole.services.session import Session
from entconsole.services.user_list import Category, FilterState, filter_facets
from entconsole.services.users import SortKey, query_users
from entconsole.store import Store
from entconsole.widgets.filter_panel import FilterCategories, FilterPanel
from entconsole.widgets.user_list import UserList
from tests.conftest import TODAY
from tests.ui.conftest import SIZE


def session_of(demo_path) -> Session:
    return Session.open(Store(demo_path, create=False), None, TODAY)


class ListHarness(App):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.seen: list[tuple[str, object]] = []

    def compose(self) -> ComposeResult:
        yield UserList(self.session.structure_id, id="left")
        yield UserList(self.session.structure_id, id="right")

    def on_user_list_opened(self, event: UserList.Opened) -> None:
        self.seen.append(("opened", event.control))

    def on_user_list_marks_changed(self, event: UserList.MarksChanged) -> None:
        self.seen.append(("marks", event.control))


async def test_user_list_messages_name_their_list(demo_path):
    session = session_of(demo_path)
    app = ListHarness(session)
    async with app.run_test(size=SIZE) as pilot:
        users = query_users(session.store, session.structure_id)[:5]
        left, right = app.query_one("#left", UserList), app.query_one("#right", UserList)
        for widget in (left, right):
            widget.set_users(users, sort=SortKey.NAME, descending=False)
        right.focus()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert ("marks", right) in app.seen and ("opened", right) in app.seen
        assert all(control is right for _, control in app.seen)


class PanelHarness(App):
    def __init__(self, session: Session, **options) -> None:
        super().__init__()
        self.session = session
        self.options = options
        self.changes: list[object] = []

    def compose(self) -> ComposeResult:
        yield FilterPanel(FilterState(), id="panel", **self.options)

    def on_filter_panel_changed(self, event: FilterPanel.Changed) -> None:
        self.changes.append(event.control)


async def test_filter_panel_styles_itself_and_hides_categories(demo_path):
    session = session_of(demo_path)
    hidden = {Category.PREDELETION, Category.DETACHED}
    app = PanelHarness(session, empty_text="Aucun filtre ici.", hidden=hidden)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(FilterPanel)
        assert not panel.display  # closed until the screen opens it
        panel.add_class("-open")
        panel.set_facets(filter_facets(session))
        await pilot.pause()
        assert panel.display and panel.region.height > 10
        # the look came with the widget, no screen stylesheet here
        assert panel.styles.border.top[0] == "round"
        assert panel.query_one("#filter-chips").styles.max_height.value == 6
        offered = {f.category for f in panel.facets}
        assert Category.PROFILES in offered and not offered & hidden
        categories = panel.query_one(FilterCategories)
        assert {categories.get_option_at_index(i).id for i in range(categories.option_count)} == {c.value for c in offered}
        assert "Aucun filtre ici." in str(panel.query_one("#filter-chips-empty").render())
        # a tick posts Changed naming the panel
        panel.focus_categories()
        await pilot.press("enter", "space")
        await pilot.pause()
        assert app.changes and app.changes[-1] is panel


async def test_filter_panel_defaults(demo_path):
    from entconsole import labels as L

    session = session_of(demo_path)
    app = PanelHarness(session)
    async with app.run_test(size=SIZE) as pilot:
        panel = app.query_one(FilterPanel)
        panel.add_class("-open")
        panel.set_facets(filter_facets(session))
        await pilot.pause()
        assert Category.PREDELETION in {f.category for f in panel.facets}
        assert L.FILTER_NONE_SELECTED in str(panel.query_one("#filter-chips-empty").render())
