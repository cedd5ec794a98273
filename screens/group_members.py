""""Gérer les utilisateurs du groupe": candidates on the left, members on the right.

The candidates are the one users query (services.users.query_users) with the
same search and filters panel as the Utilisateurs section, minus the
accounts already in the group; pre-deleted and detached accounts are never
offered. Marked accounts (Espace, `a` for all those listed) are added or
removed in ONE service call each (accounts.add_to_group / remove_from_group);
both lists and their counts are read again at once.

Groups whose members come from the accounts (profile and class groups) open
read-only: the members only ("Voir la composition du groupe").
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from entconsole import labels as L
from entconsole.models import Group, User
from entconsole.screens.filter_panel_host import FilterPanelHost
from entconsole.screens.group_actions import confirm_then, run_action
from entconsole.screens.group_screen import GroupScreen
from entconsole.services.accounts import add_to_group, remove_from_group
from entconsole.services.groups import group_members, members_editable
from entconsole.services.user_list import Category, Facet, FilterState, count_text, filter_facets, list_name
from entconsole.services.users import DEFAULT_PREDELETION, SortKey, query_users
from entconsole.widgets.filter_panel import FilterPanel
from entconsole.widgets.header import ConsoleHeader
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.user_list import UserList

if TYPE_CHECKING:
    from entconsole.services.session import Session

# Filters that would offer accounts that cannot join a group.
HIDDEN_CATEGORIES = frozenset({Category.PREDELETION, Category.DETACHED})
NAMES_SHOWN = 8


def no_filter() -> FilterState:
    """No tick at all: pre-deleted accounts are left out by the query itself, not by a tick."""
    return FilterState(selected=MappingProxyType({}))


def names_text(users: list[User]) -> str:
    lines = ["  " + list_name(u) for u in users[:NAMES_SHOWN]]
    if len(users) > NAMES_SHOWN:
        lines.append("  " + L.ULIST_NAMES_MORE.format(count=len(users) - NAMES_SHOWN))
    return "\n".join(lines)


class CandidateList(UserList):
    """The candidates: Enter adds to the group (rather than opening the card)."""

    BINDINGS = [
        Binding("enter", "open", L.KEY_GMEM_ADD, id="group_members.enter_add"),
        Binding("a", "mark_all", L.KEY_ULIST_MARK_ALL, id="group_members.mark_all_candidates"),
    ]


class MemberList(UserList):
    """The members: Enter removes from the group (after confirmation); nothing when read-only."""

    BINDINGS = [
        Binding("enter", "open", L.KEY_GMEM_REMOVE, id="group_members.enter_remove"),
        Binding("a", "mark_all", L.KEY_ULIST_MARK_ALL, id="group_members.mark_all_members"),
    ]

    def __init__(self, structure_id: str, *, editable: bool, id: str | None = None) -> None:
        super().__init__(structure_id, id=id)
        self.editable = editable

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "mark", "mark_all"):
            return self.editable
        return True


class GroupMembersScreen(FilterPanelHost, GroupScreen):
    """Pushed over the main screen; Escape closes what is open, then the screen."""

    CSS_PATH = "group_members.tcss"
    BINDINGS = [
        Binding("escape", "back", L.KEY_GMEM_BACK, id="group_members.back"),
        Binding("slash", "search", L.KEY_GMEM_SEARCH, id="group_members.search"),
        Binding("f", "filters", L.KEY_GMEM_FILTERS, id="group_members.filters"),
        Binding("plus", "add", L.KEY_GMEM_ADD, id="group_members.add"),
        Binding("minus,delete", "remove", L.KEY_GMEM_REMOVE, id="group_members.remove"),
        Binding("down", "to_list", L.KEY_ULIST_TO_LIST, id="group_members.to_list", show=False),
    ]

    def __init__(self, session: "Session", group_id: str) -> None:
        super().__init__(session, group_id, classes="group-members")
        self.group = session.store.get(Group, group_id)
        self.editable = self.group is not None and members_editable(self.group)
        self.state = no_filter()
        self._facets: list[Facet] | None = None

    def compose(self) -> ComposeResult:
        session = self.session
        yield ConsoleHeader(session.structure, session.admin.display_name, id="header")
        yield Static(id="gmem-title")
        with Horizontal(id="gmem-top"):
            yield SearchInput(placeholder=L.GMEM_SEARCH, id="gmem-search", compact=True)
            yield Static(id="gmem-counter")
        with Horizontal(id="gmem-body"):
            with Vertical(id="gmem-candidates-box", classes="gmem-box") as box:
                box.border_title = L.GMEM_CANDIDATES
                yield CandidateList(session.structure_id or "", id="gmem-candidates")
            with Vertical(id="gmem-members-box", classes="gmem-box"):
                yield MemberList(session.structure_id or "", editable=self.editable, id="gmem-members")
            yield FilterPanel(self.state, empty_text=L.GMEM_NO_FILTER, hidden=HIDDEN_CATEGORIES, id="gmem-filters")
        yield Static(id="gmem-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(not self.editable, "-read-only")
        self.load()
        (self.candidates if self.editable else self.members).focus()

    # ---- parts

    @property
    def candidates(self) -> UserList:
        return self.query_one("#gmem-candidates", UserList)

    @property
    def members(self) -> UserList:
        return self.query_one("#gmem-members", UserList)

    @property
    def search_input(self) -> Input:
        return self.query_one("#gmem-search", Input)

    # ---- data

    def load(self) -> None:
        """Both lists, read from the store with the current search and filters."""
        group = self.read_group()
        if group is None:
            return
        store = self.session.store
        members = group_members(store, group)
        self.members.set_users(members, sort=SortKey.NAME, descending=False)
        self.query_one("#gmem-members-box").border_title = L.GMEM_MEMBERS.format(count=len(members))
        if self.editable:
            member_ids = {u.id for u in members}
            query = self.state.query().with_(predeletion=DEFAULT_PREDELETION, include_removed=False)
            found = [u for u in query_users(store, group.structure_id, query) if u.id not in member_ids]
            self.candidates.set_users(found, sort=self.state.sort, descending=self.state.descending)
            self.query_one("#gmem-candidates-box").border_subtitle = L.GMEM_CANDIDATES_COUNT.format(
                count=f"{len(found):,}".replace(",", " ")
            )
        self._update_texts()

    def _update_texts(self) -> None:
        group = self.group
        if group is None:
            return
        template = L.GMEM_TITLE if self.editable else L.GMEM_VIEW_TITLE
        count = len(self.members.users)
        self.query_one("#gmem-title", Static).update(
            Content.assemble((template.format(name=group.name), "bold"), "  ·  ", (L.GRP_MEMBERS.format(count=count), "bold $text-accent"))
        )
        parts: list[tuple[str, str] | str] = []
        if self.editable:
            parts.append((count_text(len(self.candidates.users)), "bold"))
            filtered = sum(1 for c in Category if self.state.values(c))
            if filtered:
                parts += ["  ·  ", (L.GMEM_FILTERED.format(count=filtered), "$text-warning")]
        focused = self.members if self.members.has_focus or not self.editable else self.candidates
        if focused.marked:
            parts += ["  ·  " if parts else "", (L.GMEM_MARKED.format(count=len(focused.marked)), "bold $text-accent")]
        self.query_one("#gmem-counter", Static).update(Content.assemble(*parts))
        self._update_hint()

    def _update_hint(self) -> None:
        k = self._key
        if not self.editable:
            hint = L.GRP_READ_ONLY
        elif self.members.has_focus:
            hint = L.GMEM_HINT_MEMBERS.format(all=k("group_members.mark_all_members", "a"), remove=k("group_members.remove", "-"))
        else:
            hint = L.GMEM_HINT_CANDIDATES.format(
                all=k("group_members.mark_all_candidates", "a"), add=k("group_members.add", "+"),
                filters=k("group_members.filters", "f"),
            )
        self.query_one("#gmem-hint", Static).update(Content(hint))

    # ---- search and filters

    @on(Input.Changed, "#gmem-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.state = self.state.with_search(event.value)
        self.load()

    @on(Input.Submitted, "#gmem-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.candidates.focus()

    @on(FilterPanel.Changed)
    def _filters_changed(self, event: FilterPanel.Changed) -> None:
        event.stop()
        # the panel keeps the search of its own state: ours is the one typed above
        self.state = FilterState(
            selected=event.state.selected, search=self.state.search,
            sort=self.state.sort, descending=self.state.descending,
        )
        self.load()

    @on(UserList.SortRequested, "#gmem-candidates")
    def _sort(self, event: UserList.SortRequested) -> None:
        event.stop()
        self.state = self.state.sorted_by(event.key)
        self.load()

    @on(UserList.SortRequested, "#gmem-members")
    def _members_sorted(self, event: UserList.SortRequested) -> None:
        event.stop()  # the members stay in name order

    def offered_facets(self) -> list[Facet]:
        if self._facets is None:
            self._facets = filter_facets(self.session)  # the panel leaves out HIDDEN_CATEGORIES
        return self._facets

    def filtered_list(self) -> UserList:
        return self.candidates

    def action_search(self) -> None:
        self.search_input.focus()

    def action_to_list(self) -> None:
        self.candidates.focus()

    # ---- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in ("search", "filters", "add"):
            if not self.editable:
                return False
            if action == "add" and self.panel_open and self.panel.has_focus_within:
                return False  # the panel's keys first
            return True
        if action == "remove":
            return self.editable and not (self.panel_open and self.panel.has_focus_within)
        if action == "to_list":
            return self.search_input.has_focus
        return True

    def action_back(self) -> None:
        if self.panel_open:
            self._close_panel()
        elif self.search_input.has_focus:
            self.candidates.focus()
        elif isinstance(self.focused, UserList) and self.focused.marked:
            self.focused.clear_marks()
        else:
            self.dismiss(None)

    @on(UserList.MarksChanged)
    def _marks_changed(self, event: UserList.MarksChanged) -> None:
        event.stop()
        self._update_texts()

    def on_descendant_focus(self) -> None:
        if self.is_mounted:
            self._update_texts()

    # ---- add and remove

    @on(UserList.Opened)
    def _entered(self, event: UserList.Opened) -> None:
        """Enter moves the accounts to the other side: added from the left, removed from the right."""
        event.stop()
        if event.control is self.candidates:
            self.action_add()
        elif event.control is self.members and self.editable:
            self.action_remove()

    def _after_change(self, source: UserList) -> None:
        source.clear_marks()
        self.load()

    def action_add(self) -> None:
        if not self.editable:
            return
        ids = self.candidates.targets()
        if not ids:
            self.notify(L.GMEM_NOTHING, severity="warning", markup=False)
            return
        run_action(
            self,
            lambda: add_to_group(self.session, ids, self.group_id),
            lambda: self._after_change(self.candidates),
        )

    def action_remove(self) -> None:
        if not self.editable or self.group is None:
            return
        ids = self.members.targets()
        store = self.session.store
        users = [u for i in ids if (u := store.get(User, i)) is not None]
        if not users:
            self.notify(L.GMEM_NOTHING, severity="warning", markup=False)
            return
        text = L.GMEM_REMOVE_CONFIRM.format(count=len(users), name=self.group.name) + "\n\n" + names_text(users)
        confirm_then(
            self, L.GMEM_REMOVE_TITLE, text,
            lambda: run_action(
                self,
                lambda: remove_from_group(self.session, ids, self.group_id),
                lambda: self._after_change(self.members),
            ),
            confirm_label=L.GMEM_REMOVE_SUBMIT,
        )
