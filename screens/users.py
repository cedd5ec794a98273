"""Section 2, Utilisateurs: the structure's users, search, filters, actions on marked rows.

One query per change (a typed character, a ticked filter, a sort): the
section keeps the result list and the :class:`UserList` draws only the rows
on screen. Enter opens the user card (screens/user_card.py), `n` the
creation form (screens/user_create.py); both may change the store, so the
list reads it again when the main screen comes back and the store's
revision moved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from entconsole import labels as L
from entconsole.idle_gc import freeze_long_lived, unfreeze
from entconsole.models import GroupType, User
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.filter_panel_host import FilterPanelHost
from entconsole.screens.section import Section
from entconsole.screens.user_card import UserCardScreen
from entconsole.screens.user_create import CreateUserScreen
from entconsole.screens.users_dialogs import ManualGroupPicker, StatusLegend, names_text
from entconsole.services.accounts import add_to_group, delete_users, structure_groups
from entconsole.services.errors import ServiceError
from entconsole.services.results import ActionResult
from entconsole.services.user_list import (
    Facet,
    FilterState,
    blocked_users_state,
    count_text,
    deletion_plan,
    existing_ids,
    filter_facets,
    is_predeleted,
    list_name,
)
from entconsole.services.users import SortKey, blocking_applies_everywhere, query_users, set_blocked
from entconsole.store import StoreError
from entconsole.widgets.filter_panel import FilterPanel
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.user_list import UserList, legend_line

if TYPE_CHECKING:
    from entconsole.services.session import Session

BULK_ACTIONS = frozenset({"block", "add_to_group", "delete"})
# Up to this many accounts the query runs between two keys (tens of ms);
# above, in a thread, so that typing never waits and a newer query wins.
SYNC_QUERY_LIMIT = 20_000
# Below this width the filters panel and a readable list do not fit side by side.
CRAMPED_WIDTH = 110
_NOTHING = object()  # a line not written yet


class UsersSearch(SearchInput):
    """The search box; the list follows its text in the same turn as the key.

    Through Input.Changed, the message reached the section only after the
    screen had gone idle once: a frame showed the new letter alone and the
    rows waited for the next one, 16 to 33 ms later (Textual's frame timer,
    resumed after a pause, skips to the tick after next). Called from the
    value's watcher, the query and the rows are ready for the letter's frame.
    """

    def __init__(self, typed: Callable[[str], None], **kwargs) -> None:
        super().__init__(**kwargs)
        self._typed = typed

    def watch_value(self, value: str) -> None:
        self._typed(value)


class UsersSection(FilterPanelHost, Section):
    SECTION_ID = "users"
    KEY = "2"
    CSS_FILE = "users.tcss"
    BINDINGS = [
        Binding("slash", "search", L.KEY_ULIST_SEARCH, id="users.search"),
        Binding("f", "filters", L.KEY_ULIST_FILTERS, id="users.filters"),
        Binding("n", "create", L.KEY_ULIST_CREATE, id="users.create"),
        Binding("l", "legend", L.KEY_ULIST_LEGEND, id="users.legend", show=False),
        Binding("s", "sort('name')", L.KEY_ULIST_SORT_NAME, id="users.sort_name", show=False),
        Binding("p", "sort('profile')", L.KEY_ULIST_SORT_PROFILE, id="users.sort_profile", show=False),
        Binding("b", "block(True)", L.KEY_ULIST_BLOCK, id="users.block", show=False),
        Binding("B", "block(False)", L.KEY_ULIST_UNBLOCK, id="users.unblock", show=False),
        Binding("g", "add_to_group", L.KEY_ULIST_GROUP, id="users.add_to_group", show=False),
        Binding("d,delete", "delete", L.KEY_ULIST_DELETE, id="users.delete", show=False),
        Binding("down", "to_list", L.KEY_ULIST_TO_LIST, id="users.to_list", show=False),
        Binding("escape", "close", L.KEY_ULIST_CLOSE, id="users.close", show=False),
    ]

    def __init__(self, session: "Session") -> None:
        super().__init__(session)
        self.state = FilterState()
        self._loaded = False
        self._revision = -1
        self._facets: list[Facet] | None = None
        self._facets_revision = -1
        # The filters whose result the list shows (the bench waits for it).
        self.shown_state: FilterState | None = None
        # What the counter and the hint lines say (see _set_line).
        self._lines_shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="users-top"):
            yield UsersSearch(self._search_typed, placeholder=L.ULIST_SEARCH, id="users-search", compact=True)
            yield Static(id="users-counter")
        with Horizontal(id="users-body"):
            with Vertical(id="users-main"):
                yield UserList(self.session.structure_id or "", id="users-list")
                yield Static(id="users-hint")
            yield FilterPanel(self.state, id="users-filters")

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        if self._loaded:
            unfreeze()  # see idle_gc.freeze_long_lived

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < CRAMPED_WIDTH, "-cramped")

    # ---- parts

    @property
    def user_list(self) -> UserList:
        return self.query_one(UserList)

    @property
    def search_input(self) -> Input:
        return self.query_one("#users-search", Input)

    @property
    def users(self) -> list[User]:
        """The accounts listed, in the order shown."""
        return self.user_list.users

    # ---- data

    def _load(self) -> None:
        """Run the query for the current filters and show the result."""
        try:
            structure_id = self.session.structure.id
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        store = self.session.store
        revision = store.revision
        self._show(query_users(store, structure_id, self.state.query()), self.state, revision)

    def _show(self, users: list[User], state: FilterState, revision: int) -> None:
        if state != self.state or revision < self._revision:
            return  # a newer query (or a newer store) is already shown or coming
        self._revision = revision
        if not self._loaded:
            self.call_after_refresh(freeze_long_lived)
        self._loaded = True
        self.shown_state = state
        self.user_list.set_users(users, sort=state.sort, descending=state.descending)
        self._update_counter()

    def _load_soon(self) -> None:
        """After a key or a tick: at once for a school, in a thread for a huge structure."""
        structure_id = self.session.structure_id
        size = self.session.store.count_by(User, "structure", structure_id) if structure_id else 0
        if size <= SYNC_QUERY_LIMIT:
            self._load()
        else:
            self._load_in_thread(self.state)

    @work(thread=True, exclusive=True, group="users-query")
    def _load_in_thread(self, state: FilterState) -> None:
        store = self.session.store
        revision = store.revision
        try:
            users = query_users(store, self.session.structure.id, state.query())
        except ServiceError:
            return  # the next synchronous refresh says it
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, users, state, revision)

    def refresh_data(self) -> None:
        if not self._loaded:
            return  # read on first display
        self._load()
        self.user_list.keep_marks(existing_ids(self.session, self.user_list.marked))
        if self.panel_open:
            self.panel.set_facets(self.offered_facets())

    def offered_facets(self) -> list[Facet]:
        revision = self.session.store.revision
        if self._facets is None or self._facets_revision != revision:
            self._facets = filter_facets(self.session)
            self._facets_revision = revision
        return self._facets

    def _set_state(self, state: FilterState) -> None:
        if state != self.state:
            self.state = state
            self._load_soon()

    def _update_counter(self) -> None:
        listed = count_text(len(self.users))
        parts: list[tuple[str, str] | str] = [(listed, "bold")]
        marked = len(self.user_list.marked)
        if marked:
            parts += ["  ·  ", (L.ULIST_MARKED.format(count=marked), "bold $text-accent")]
        changed = self.state.changed_categories()
        if changed:
            parts += ["  ·  ", (L.ULIST_FILTERED.format(count=changed), "$text-warning")]
        direction = L.ULIST_SORT_DESC if self.state.descending else L.ULIST_SORT_ASC
        parts += ["  ·  ", (f"{L.ULIST_SORT[self.state.sort.value]} {direction}", "$text-muted")]
        self._set_line("#users-counter", tuple(parts), lambda: Content.assemble(*parts))
        self._update_hint()

    def _set_line(self, selector: str, shown: object, content: Callable[[], Content]) -> None:
        """Update a one-line Static under or above the list when what it says changed.

        Every keystroke updates the counter: a Static's update() asks for a layout
        of the whole screen by default; these lines keep their size (one line,
        width from the CSS), so after the first text a repaint of the line is
        enough, and nothing at all when the text is the same.
        """
        previous = self._lines_shown.get(selector, _NOTHING)
        if previous == shown:
            return
        self._lines_shown[selector] = shown
        self.query_one(selector, Static).update(content(), layout=previous is _NOTHING)

    def _key(self, binding_id: str, default: str) -> str:
        key_for = getattr(self.app, "key_for", None)
        return key_for(binding_id, default) if key_for else default

    def _update_hint(self) -> None:
        """Under the list: the icons' legend, or what to do with the marked accounts."""
        k = self._key
        if self.user_list.marked:
            keys = (k("users.block", "b"), k("users.unblock", "B"), k("users.add_to_group", "g"), k("users.delete", "d"))
            block, unblock, group, delete = keys
            self._set_line("#users-hint", ("marked", keys), lambda: Content(L.ULIST_MARK_HINT.format(
                block=block, unblock=unblock, group=group, delete=delete,
            )))
        else:
            legend = k("users.legend", "l")
            self._set_line("#users-hint", ("legend", legend), lambda: legend_line(legend))

    def _screen_changed(self, screen: Screen) -> None:
        """Back from the card or the creation form: read the store again if it moved."""
        if screen is self.screen:
            self._refresh_if_changed()

    def _refresh_if_changed(self) -> None:
        if self._loaded and self.session.store.revision != self._revision:
            self._refresh_everything()

    def _refresh_everything(self) -> None:
        main = getattr(self.app, "main_screen", None)
        if main is not None:
            main.refresh_data()  # Accueil's figures change with the accounts
        else:
            self.refresh_data()

    # ---- showing

    def section_shown(self, target: str | None) -> None:
        if not self._loaded:
            self._load()
        state = None
        if target == "blocked":
            state = blocked_users_state()
        elif target and target.startswith("filter:"):
            state = self._step_state(target.removeprefix("filter:"))
        if state is not None:
            self._close_panel(focus_list=False)
            self.state = state  # first: clearing the search is then no change
            with self.search_input.prevent(Input.Changed):
                self.search_input.value = ""
            self.panel.set_state(self.state)
            self._load()
        self.user_list.focus()
        if target == "create_user":
            self.action_create()
        elif target and target.startswith("user:"):
            self.open_card(target.removeprefix("user:"))

    def _step_state(self, step_code: str) -> FilterState | None:
        """"filter:<step>": the filters of a rentrée step, listing the accounts it counts."""
        from entconsole.services.rentree import Step, users_list_state

        try:
            return users_list_state(self.session, Step(step_code))
        except ValueError:
            return None  # not a step: the list as it was
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return None

    # ---- search, filters, sort

    def _search_typed(self, text: str) -> None:
        """Each change of the search box (UsersSearch calls it as the key is handled)."""
        self._set_state(self.state.with_search(text))

    @on(Input.Changed, "#users-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()  # the list already follows the text (_search_typed)

    @on(Input.Submitted, "#users-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.user_list.focus()

    def action_search(self) -> None:
        self.search_input.focus()

    def action_to_list(self) -> None:
        self.user_list.focus()

    def filtered_list(self) -> UserList:
        return self.user_list

    def panel_toggled(self, opened: bool) -> None:
        if opened:
            self._update_counter()
        super().panel_toggled(opened)

    @on(FilterPanel.Changed)
    def _filters_changed(self, event: FilterPanel.Changed) -> None:
        event.stop()
        self._set_state(event.state)

    def action_sort(self, key: str) -> None:
        self._set_state(self.state.sorted_by(SortKey(key)))

    @on(UserList.SortRequested)
    def _sort_clicked(self, event: UserList.SortRequested) -> None:
        event.stop()
        self.action_sort(event.key.value)

    @on(UserList.MarksChanged)
    def _marks_changed(self, event: UserList.MarksChanged) -> None:
        event.stop()
        self._update_counter()
        self.screen.refresh_bindings()

    def action_close(self) -> None:
        if self.panel_open:
            self._close_panel()
        elif self.search_input.has_focus:
            self.user_list.focus()
        else:
            self.user_list.clear_marks()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action == "close":
            return self.panel_open or self.search_input.has_focus or bool(self.user_list.marked)
        if action == "to_list":
            return self.search_input.has_focus
        if action in BULK_ACTIONS:
            if self.panel_open and self.panel.has_focus_within:
                return False  # letters belong to the panel there
            return None if not self.user_list.targets() else True
        return True

    # ---- card, creation, legend

    @on(UserList.Opened)
    def _opened(self, event: UserList.Opened) -> None:
        event.stop()
        self.open_card(event.user_id)

    def open_card(self, user_id: str) -> None:
        if user_id not in existing_ids(self.session, [user_id]):
            self.notify(L.ULIST_USER_GONE, severity="error", markup=False)
            return
        self.app.push_screen(UserCardScreen(self.session, user_id))

    def action_create(self) -> None:
        self.app.push_screen(CreateUserScreen(self.session), callback=self._created)

    def _created(self, user_id: str | None) -> None:
        if not user_id:
            return
        self._refresh_if_changed()
        self.user_list.move_to(user_id)
        self.open_card(user_id)

    def action_legend(self) -> None:
        self.app.push_screen(StatusLegend())

    # ---- actions on the marked accounts (or the current row)

    def _targets(self) -> list[User]:
        store = self.session.store
        return [u for i in self.user_list.targets() if (u := store.get(User, i)) is not None]

    def _confirm_then(self, title: str, text: str, run: Callable[[], ActionResult]) -> None:
        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._run(run)

        self.app.push_screen(ConfirmScreen(title, text), callback=done)

    def _run(self, run: Callable[[], ActionResult]) -> None:
        try:
            result = run()
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.notify(result.message, markup=False)
        self.user_list.clear_marks()
        self._refresh_everything()

    def action_block(self, block: bool) -> None:
        users = self._targets()
        if not users:
            self.notify(L.ULIST_NO_ROW, severity="warning", markup=False)
            return
        ids = [u.id for u in users]
        if block:
            title, question = L.BULK_BLOCK_TITLE, L.BULK_BLOCK.format(count=len(users))
            everywhere = sum(1 for u in users if blocking_applies_everywhere(u))
            if everywhere:
                question += "\n\n" + L.BULK_BLOCK_EVERYWHERE.format(count=everywhere)
        else:
            title, question = L.BULK_UNBLOCK_TITLE, L.BULK_UNBLOCK.format(count=len(users))
        text = f"{question}\n\n{names_text([list_name(u) for u in users])}"
        self._confirm_then(title, text, lambda: set_blocked(self.session, ids, block))

    def action_add_to_group(self) -> None:
        users = self._targets()
        if not users:
            self.notify(L.ULIST_NO_ROW, severity="warning", markup=False)
            return
        try:
            groups = structure_groups(self.session, GroupType.MANUAL)
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        ids = [u.id for u in users]

        def picked(group_id: str | None) -> None:
            group = next((g for g in groups if g.id == group_id), None)
            if group is None:
                return
            text = L.BULK_GROUP.format(count=len(users), group=group.name)
            predeleted = sum(1 for u in users if is_predeleted(u))
            if predeleted:
                text += "\n" + L.BULK_GROUP_PREDELETED.format(count=predeleted)
            text += "\n\n" + names_text([list_name(u) for u in users])
            self._confirm_then(L.BULK_GROUP_TITLE, text, lambda: add_to_group(self.session, ids, group.id))

        self.app.push_screen(ManualGroupPicker(groups, len(users)), callback=picked)

    def action_delete(self) -> None:
        users = self._targets()
        if not users:
            self.notify(L.ULIST_NO_ROW, severity="warning", markup=False)
            return
        plan = deletion_plan(self.session, [u.id for u in users])
        if not plan.eligible:
            self.notify(L.BULK_DELETE_NONE, severity="warning", markup=False)
            return
        lines = [L.BULK_DELETE.format(count=len(users)), ""]
        if plan.delete:
            lines.append(L.BULK_DELETE_DELETE.format(count=len(plan.delete)))
        if plan.predelete:
            lines.append(L.BULK_DELETE_PREDELETE.format(count=len(plan.predelete)))
        if plan.skipped:
            lines.append(L.BULK_DELETE_SKIP.format(count=len(plan.skipped)))
        lines += ["", names_text([list_name(u) for u in users])]
        ids = [u.id for u in users]
        self._confirm_then(
            L.BULK_DELETE_TITLE, "\n".join(lines),
            lambda: delete_users(self.session, ids, skip_ineligible=True),
        )
