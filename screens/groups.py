"""Section 3, Groupes: four tabs of groups, the manual groups' actions, the communication rules.

Each tab is a searchable list (sorted by name, with member counts) and, beside
it, the highlighted group: who created it, its internal switch, how many
groups it sees and is seen by, and why it cannot be renamed or deleted when
that is the case (RESP-AFFECT-GAR, automatic groups). The actions open the
screens of screens/group_members.py, group_rules.py and comm_matrix.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Static, TabPane
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.fmt import format_date
from entconsole.models import Group, GroupType
from entconsole.screens.group_actions import (
    confirm_then,
    internal_line,
    refresh_console,
    run_action,
    show_refusal,
    toggle_internal,
)
from entconsole.screens.group_dialogs import GroupNameDialog
from entconsole.screens.section import Section
from entconsole.services.communication import reachable_groups, reaching_groups
from entconsole.services.errors import PermissionDenied, ServiceError
from entconsole.services.groups import (
    GroupRow,
    GroupTab,
    create_group,
    delete_group,
    list_groups,
    lock_reason,
    members_editable,
    rename_group,
)
from entconsole.services.results import ActionResult
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.profile import PROFILE_COLOR
from entconsole.widgets.section_tabs import SectionTabs

if TYPE_CHECKING:
    from entconsole.services.session import Session

TAB_IDS = {tab: f"grp-{tab.value}" for tab in GroupTab}
COUNT_WIDTH = 7  # "  1 234"
# Targets of show_section("groups", target): a tab, or the creation form.
TARGETS = {"manual": GroupTab.MANUAL, "profile": GroupTab.PROFILE, "teaching": GroupTab.TEACHING,
           "classes": GroupTab.CLASSES, "create_group": GroupTab.MANUAL}


def row_prompt(row: GroupRow) -> Content:
    """"     16  ● Chorale 2024-2025" (the name is user data: never markup)."""
    group = row.group
    dot = ("● ", PROFILE_COLOR[group.profile]) if group.profile else "  "
    lock = ("  " + L.GRP_LOCKED_SHORT, "italic $text-warning") if group.lock_delete else ""
    return Content.assemble((f"{row.members:>{COUNT_WIDTH - 2}}  ", "dim"), dot, Content(group.name), lock)


def _created(group: Group) -> str | None:
    if group.created is None:
        return None
    day = format_date(group.created.date())
    if group.created_by:
        return L.GRP_CREATED_BY.format(name=group.created_by, date=day)
    return L.GRP_CREATED_ON.format(date=day)


class GroupsPane(Vertical):
    """One tab: search, the list of groups, the highlighted group's facts and actions."""

    def __init__(self, session: "Session", tab: GroupTab) -> None:
        super().__init__(id=f"{tab.value}-pane", classes="grp-pane")
        self.session = session
        self.tab = tab
        self.rows: list[GroupRow] = []
        self.search = ""
        self.loaded = False
        self._had_none = True

    def compose(self) -> ComposeResult:
        prefix = self.tab.value
        with Horizontal(classes="grp-top"):
            yield SearchInput(placeholder=L.GRP_SEARCH, id=f"{prefix}-search", classes="grp-search", compact=True)
            yield Static(id=f"{prefix}-count", classes="grp-count")
        with Horizontal(classes="grp-body"):
            with Vertical(classes="grp-list-box"):
                yield Static(Content.styled(L.GRP_LIST_HEADER, "bold $text-secondary"), classes="grp-list-header")
                yield OptionList(id=f"{prefix}-list", classes="grp-list")
            with Vertical(id=f"{prefix}-details", classes="grp-details"):
                yield Static(id=f"{prefix}-title", classes="grp-title")
                yield Static(id=f"{prefix}-facts", classes="grp-facts")
                yield Static(id=f"{prefix}-internal", classes="grp-internal")
                yield Static(id=f"{prefix}-rules", classes="grp-rules")
                yield Static(id=f"{prefix}-lock", classes="grp-lock")
                with Horizontal(classes="grp-buttons"):
                    yield self._button(L.GRP_BUTTON_MEMBERS, "members")
                with Horizontal(classes="grp-buttons"):
                    yield self._button(L.GRP_BUTTON_RULES, "rules")
                with Horizontal(classes="grp-buttons"):
                    if self.tab is GroupTab.MANUAL:
                        yield self._button(L.GRP_BUTTON_RENAME, "rename")
                        yield self._button(L.GRP_BUTTON_DELETE, "delete", variant="error")
                        yield self._button(L.GRP_BUTTON_CREATE, "create", variant="primary")

    def _button(self, label: str, action: str, variant: str = "default") -> Button:
        # Keys do the same; buttons are for the mouse and stay out of the Tab order.
        button = Button(label, id=f"{self.tab.value}-{action}", classes=f"grp-button grp-{action}",
                        variant=variant, compact=True)  # type: ignore[arg-type]
        button.can_focus = False
        return button

    # ---- parts

    @property
    def option_list(self) -> OptionList:
        return self.query_one(f"#{self.tab.value}-list", OptionList)

    @property
    def search_input(self) -> Input:
        return self.query_one(f"#{self.tab.value}-search", Input)

    @property
    def current(self) -> GroupRow | None:
        index = self.option_list.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index]

    def focus_main(self) -> None:
        self.option_list.focus()

    def select(self, group_id: str) -> None:
        for index, row in enumerate(self.rows):
            if row.group.id == group_id:
                self.option_list.highlighted = index
                return

    # ---- data

    def ensure_loaded(self) -> None:
        """Read the groups on first display (counting members of big schools is not free)."""
        if not self.loaded:
            self.loaded = True
            self.refresh_data()

    def refresh_data(self) -> None:
        if not self.loaded:
            return
        current = self.current
        keep = current.group.id if current else None
        try:
            self.rows = list_groups(self.session, self.tab, self.search)
        except ServiceError as error:
            self.rows = []
            self.option_list.clear_options()
            self.query_one(f"#{self.tab.value}-count", Static).update(Content(error.message))
            return
        options = self.option_list
        highlighted = options.highlighted
        options.set_options(Option(row_prompt(row), id=row.group.id) for row in self.rows)
        if self.rows:
            index = next((n for n, r in enumerate(self.rows) if r.group.id == keep), None)
            options.highlighted = index if index is not None else min(highlighted or 0, len(self.rows) - 1)
        self._update_count()
        self._show_details()

    def _update_count(self) -> None:
        if self.rows:
            text = Content.styled(L.GRP_COUNT.format(count=len(self.rows)), "bold")
        elif self.search.strip():
            text = Content.styled(L.GRP_NO_MATCH, "dim")
        elif self.tab is GroupTab.MANUAL:
            text = Content.styled(L.GRP_MANUAL_EMPTY, "dim")
        else:
            text = Content.styled(L.GRP_NONE, "dim")
        self.query_one(f"#{self.tab.value}-count", Static).update(text)

    def _show_details(self) -> None:
        prefix = self.tab.value
        row = self.current
        if (row is None) != self._had_none:
            self._had_none = row is None
            self.screen.refresh_bindings()  # the group actions are offered only with a group
        details = self.query_one(f"#{prefix}-details")
        for widget in details.query(Button):
            widget.display = row is not None or widget.id == f"{prefix}-create"
        if row is None:
            self.query_one(f"#{prefix}-title", Static).update(Content.styled(L.GRP_NO_GROUP, "dim"))
            for part in ("facts", "internal", "rules", "lock"):
                self.query_one(f"#{prefix}-{part}", Static).update("")
            return
        group = row.group
        store = self.session.store
        self.query_one(f"#{prefix}-title", Static).update(Content.styled(group.name, "bold"))
        kind = L.GRP_KIND[self.tab.value].format(name=row.class_name or "")
        facts = [Content.assemble((kind, "$text-secondary"), " · ", (L.GRP_MEMBERS.format(count=row.members), "bold"))]
        created = _created(group) if group.type is GroupType.MANUAL else None
        if created:
            facts.append(Content(created))
        self.query_one(f"#{prefix}-facts", Static).update(Content("\n").join(facts))
        sentence, style = internal_line(group)
        key = self._key("groups.internal", "c")
        self.query_one(f"#{prefix}-internal", Static).update(
            Content.assemble(("● ", style), (sentence, style), "\n  ", (L.GRP_INTERNAL_KEY.format(key=key), "dim"))
        )
        rules = L.GRP_RULES_SUMMARY.format(out=len(reachable_groups(store, group)), inc=len(reaching_groups(store, group)))
        self.query_one(f"#{prefix}-rules", Static).update(Content.styled(rules, "$text-secondary"))
        self.query_one(f"#{prefix}-lock", Static).update(self._lock_text(group))
        members = self.query_one(f"#{prefix}-members", Button)
        members.label = L.GRP_BUTTON_MEMBERS if members_editable(group) else L.GRP_BUTTON_VIEW_MEMBERS

    def _lock_text(self, group: Group) -> Content:
        """Why rename and delete are refused, said on the screen (not only when tried)."""
        reason = lock_reason(group)
        if reason is None:
            return Content("")
        if group.type is GroupType.MANUAL:
            return Content.assemble((L.GRP_LOCKED_BADGE + " : ", "bold $text-warning"), (reason, "$text-warning"))
        note = L.GRP_TEACHING_NOTE if group.type is GroupType.TEACHING else L.GRP_READ_ONLY
        return Content.styled(note, "dim")

    def _key(self, binding_id: str, default: str) -> str:
        key_for = getattr(self.app, "key_for", None)
        return key_for(binding_id, default) if key_for else default

    # ---- events

    @on(Input.Changed)
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.search = event.value
        self.refresh_data()

    @on(Input.Submitted)
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_main()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_details()


class GroupsSection(Section):
    SECTION_ID = "groups"
    KEY = "3"
    CSS_FILE = "groups.tcss"
    BINDINGS = [
        Binding("slash", "search", L.KEY_GRP_SEARCH, id="groups.search"),
        Binding("n", "create", L.KEY_GRP_CREATE, id="groups.create"),
        Binding("u", "members", L.KEY_GRP_MEMBERS, id="groups.members"),
        Binding("r", "rules", L.KEY_GRP_RULES, id="groups.rules"),
        Binding("c", "internal", L.KEY_GRP_INTERNAL, id="groups.internal"),
        Binding("f2", "rename", L.KEY_GRP_RENAME, id="groups.rename"),
        Binding("d,delete", "delete", L.KEY_GRP_DELETE, id="groups.delete"),
        Binding("m", "matrix", L.KEY_GRP_MATRIX, id="groups.matrix"),
        Binding("down", "to_list", L.KEY_GRP_TO_LIST, id="groups.to_list", show=False),
        Binding("escape", "leave_search", L.KEY_GRP_LEAVE_SEARCH, id="groups.leave_search", show=False),
    ]

    def compose(self) -> ComposeResult:
        with SectionTabs(id="grp-tabs", initial=TAB_IDS[GroupTab.MANUAL]):
            for tab in GroupTab:
                with TabPane(L.GRP_TAB[tab.value], id=TAB_IDS[tab]):
                    yield GroupsPane(self.session, tab)

    # ---- parts

    @property
    def tabs(self) -> SectionTabs:
        return self.query_one(SectionTabs)

    @property
    def pane(self) -> GroupsPane:
        """The pane of the active tab."""
        return self.tabs.get_pane(self.tabs.active).query_one(GroupsPane)

    def pane_of(self, tab: GroupTab) -> GroupsPane:
        return self.query_one(f"#{tab.value}-pane", GroupsPane)

    @property
    def current(self) -> GroupRow | None:
        return self.pane.current

    def refresh_data(self) -> None:
        for pane in self.query(GroupsPane):
            pane.refresh_data()

    def section_shown(self, target: str | None) -> None:
        tab = TARGETS.get(target or "")
        if tab is not None:
            self.pane_of(tab).ensure_loaded()
            self.tabs.show(TAB_IDS[tab])
        else:
            self.pane.ensure_loaded()
            self.call_after_refresh(self.pane.focus_main)
        if target == "create_group":
            self.call_after_refresh(self.action_create)
        elif target == "matrix":
            self.call_after_refresh(self.action_matrix)

    # ---- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in ("to_list", "leave_search"):
            return self.pane.search_input.has_focus
        if action in ("rename", "delete") and self.pane.tab is not GroupTab.MANUAL:
            return False  # automatic groups: the details say so; locked manual groups say why when tried
        if action in ("members", "rules", "internal", "rename", "delete"):
            return True if self.current is not None else None
        return True

    @on(SectionTabs.TabActivated)
    def _tab_changed(self, event: SectionTabs.TabActivated) -> None:
        for pane in event.pane.query(GroupsPane):
            pane.ensure_loaded()
        self.screen.refresh_bindings()

    def action_search(self) -> None:
        self.pane.search_input.focus()

    def action_to_list(self) -> None:
        self.pane.focus_main()

    def action_leave_search(self) -> None:
        self.pane.focus_main()

    @on(OptionList.OptionSelected, ".grp-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_members()

    @on(Button.Pressed, ".grp-button")
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        action = (event.button.id or "").rsplit("-", 1)[-1]
        getattr(self, f"action_{action}")()

    def _refresh_after(self, group_id: str | None = None) -> None:
        """After an action: every tab reads the store again; the list keeps (or goes to) the group."""
        self.refresh_data()
        if group_id:
            self.pane.select(group_id)

    # ---- manual groups: create, rename, delete

    def action_create(self) -> None:
        manual = TAB_IDS[GroupTab.MANUAL]
        if self.tabs.active != manual:
            self.tabs.show(manual)

        self.app.push_screen(
            GroupNameDialog(L.GRP_CREATE_TITLE, L.GRP_CREATE_SUBMIT, lambda name: create_group(self.session, name)),
            callback=self._named,
        )

    def _named(self, result: ActionResult | None) -> None:
        """After create or rename: the manual tab shows the group (its search cleared)."""
        if result is None:
            return
        self.notify(result.message, markup=False)
        pane = self.pane_of(GroupTab.MANUAL)
        pane.search = ""
        with pane.search_input.prevent(Input.Changed):
            pane.search_input.value = ""
        refresh_console(self)
        if result.target_id:
            pane.select(result.target_id)
        pane.focus_main()

    def _refused(self, group: Group) -> bool:
        """Rename and delete: say at once why they are refused (locked or automatic group)."""
        reason = lock_reason(group)
        if reason is None:
            return False
        show_refusal(self, PermissionDenied(reason))
        return True

    def action_rename(self) -> None:
        row = self.current
        if row is None or self._refused(row.group):
            return
        group_id = row.group.id
        self.app.push_screen(
            GroupNameDialog(
                L.GRP_RENAME_TITLE, L.GRP_RENAME_SUBMIT,
                lambda name: rename_group(self.session, group_id, name), value=row.group.name,
            ),
            callback=self._named,
        )

    def action_delete(self) -> None:
        row = self.current
        if row is None or self._refused(row.group):
            return
        group_id = row.group.id
        text = L.GRP_DELETE_CONFIRM.format(name=row.group.name)
        text += "\n\n" + L.GRP_DELETE_MEMBERS.format(count=row.members)
        confirm_then(
            self, L.GRP_CONFIRM_TITLE, text,
            lambda: run_action(self, lambda: delete_group(self.session, group_id), self._refresh_after),
            confirm_label=L.GRP_DELETE_SUBMIT,
        )

    # ---- members, rules, internal switch, matrix

    def action_members(self) -> None:
        from entconsole.screens.group_members import GroupMembersScreen

        row = self.current
        if row is not None:
            self.app.push_screen(GroupMembersScreen(self.session, row.group.id))

    def action_rules(self) -> None:
        from entconsole.screens.group_rules import GroupRulesScreen

        row = self.current
        if row is not None:
            self.app.push_screen(GroupRulesScreen(self.session, row.group.id))

    def action_internal(self) -> None:
        row = self.current
        if row is not None:
            group_id = row.group.id
            toggle_internal(self, self.session, row.group, lambda: self._refresh_after(group_id))

    def action_matrix(self) -> None:
        from entconsole.screens.comm_matrix import CommMatrixScreen

        self.app.push_screen(CommMatrixScreen(self.session))
