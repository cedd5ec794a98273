""""Règles de communication du groupe": who the members see, who sees the group.

Two columns, as in the real console: "Qui les membres du groupe peuvent-ils
voir" (links from the group) and "Qui peut voir le groupe" (links to it),
narrowed by "Filtrer les groupes". `a` adds a link in the focused column
(the reusable group picker of widgets/group_picker.py), `d` removes the
highlighted one; each asks the real console's confirmation. A forbidden
link (DOMAIN.md section 5) is refused before the confirmation with
"Opération interdite.", and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.models import Group
from entconsole.screens.group_actions import confirm_then, internal_line, run_action, show_refusal, toggle_internal
from entconsole.screens.group_screen import GroupScreen
from entconsole.services.apps import pickable_groups
from entconsole.services.communication import (
    add_link,
    check_link_allowed,
    reachable_groups,
    reaching_groups,
    remove_link,
)
from entconsole.services.errors import ServiceError
from entconsole.services.groups import group_member_ids
from entconsole.text import matches
from entconsole.widgets.group_picker import GroupPicker, group_prompt
from entconsole.widgets.header import ConsoleHeader
from entconsole.widgets.inputs import SearchInput

if TYPE_CHECKING:
    from entconsole.services.results import ActionResult
    from entconsole.services.session import Session

SENDING = "sending"  # links from the group: its members see those groups
RECEIVING = "receiving"  # links to the group: those groups' members see it


class RulesColumn(OptionList):
    """One column of groups; its options' ids are group ids."""


class GroupRulesScreen(GroupScreen):
    CSS_PATH = "group_rules.tcss"
    BINDINGS = [
        Binding("escape", "back", L.KEY_GRULES_BACK, id="group_rules.back"),
        Binding("slash", "filter", L.KEY_GRULES_FILTER, id="group_rules.filter"),
        Binding("a", "add", L.KEY_GRULES_ADD, id="group_rules.add"),
        Binding("d,delete", "remove", L.KEY_GRULES_REMOVE, id="group_rules.remove"),
        Binding("c", "internal", L.KEY_GRP_INTERNAL, id="group_rules.internal"),
        Binding("left", "column('sending')", L.KEY_GRULES_LEFT, id="group_rules.left", show=False),
        Binding("right", "column('receiving')", L.KEY_GRULES_RIGHT, id="group_rules.right", show=False),
        Binding("down", "to_list", L.KEY_GRP_TO_LIST, id="group_rules.to_list", show=False),
    ]

    def __init__(self, session: "Session", group_id: str) -> None:
        super().__init__(session, group_id, classes="group-rules")
        self.filter = ""
        self.shown: dict[str, list[Group]] = {SENDING: [], RECEIVING: []}

    def compose(self) -> ComposeResult:
        session = self.session
        yield ConsoleHeader(session.structure, session.admin.display_name, id="header")
        yield Static(id="grules-title")
        yield Static(id="grules-facts")
        with Horizontal(id="grules-top"):
            yield SearchInput(placeholder=L.GRULES_FILTER, id="grules-filter", compact=True)
        with Horizontal(id="grules-columns"):
            with Vertical(id="grules-sending-box", classes="grules-box") as box:
                box.border_title = L.GRULES_SENDING
                yield RulesColumn(id="grules-sending")
            with Vertical(id="grules-receiving-box", classes="grules-box") as box:
                box.border_title = L.GRULES_RECEIVING
                yield RulesColumn(id="grules-receiving")
        yield Static(id="grules-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.load()
        self.column(SENDING).focus()

    # ---- parts

    def column(self, side: str) -> RulesColumn:
        return self.query_one(f"#grules-{side}", RulesColumn)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#grules-filter", Input)

    @property
    def side(self) -> str:
        """The focused column (the left one when the filter has focus)."""
        return RECEIVING if self.column(RECEIVING).has_focus else SENDING

    def highlighted(self, side: str) -> Group | None:
        column = self.column(side)
        shown = self.shown[side]
        if column.highlighted is None or not 0 <= column.highlighted < len(shown):
            return None
        return shown[column.highlighted]

    # ---- data

    def load(self) -> None:
        group = self.read_group()
        if group is None:
            return
        store = self.session.store
        members = len(group_member_ids(store, group))
        self.query_one("#grules-title", Static).update(
            Content.styled(L.GRULES_TITLE.format(name=group.name), "bold")
        )
        sentence, style = internal_line(group)
        self.query_one("#grules-facts", Static).update(
            Content.assemble(
                (L.GRP_MEMBERS.format(count=members), "$text-secondary"), "  ·  ", ("● ", style), (sentence, style)
            )
        )
        for side, groups in ((SENDING, reachable_groups(store, group)), (RECEIVING, reaching_groups(store, group))):
            self._fill(side, groups)
        self._update_hint()

    def _fill(self, side: str, groups: list[Group]) -> None:
        column = self.column(side)
        keep = self.highlighted(side)
        shown = [g for g in groups if matches(self.filter, g.name)]
        self.shown[side] = shown
        highlighted = column.highlighted
        if shown:
            column.set_options(Option(group_prompt(g), id=g.id) for g in shown)
            index = next((n for n, g in enumerate(shown) if keep and g.id == keep.id), None)
            column.highlighted = index if index is not None else min(highlighted or 0, len(shown) - 1)
        else:
            column.set_options([Option(Content.styled(L.GRULES_EMPTY, "dim"), disabled=True)])
        template = L.GRULES_SENDING_COUNT if side == SENDING else L.GRULES_RECEIVING_COUNT
        self.query_one(f"#grules-{side}-box").border_subtitle = template.format(count=len(groups))

    def _update_hint(self) -> None:
        k = self._key
        hint = L.GRULES_HINT.format(
            add=k("group_rules.add", "a"), remove=k("group_rules.remove", "d"), internal=k("group_rules.internal", "c")
        )
        self.query_one("#grules-hint", Static).update(Content(hint))

    def refresh_everything(self) -> None:
        self.load()

    # ---- filter, columns

    @on(Input.Changed, "#grules-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter = event.value
        self.load()

    @on(Input.Submitted, "#grules-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.column(SENDING).focus()

    def action_filter(self) -> None:
        self.filter_input.focus()

    def action_to_list(self) -> None:
        self.column(SENDING).focus()

    def action_column(self, side: str) -> None:
        self.column(side).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        typing = self.filter_input.has_focus
        if action in ("column", "to_list"):
            return not typing if action == "column" else typing
        if action == "remove":
            return None if self.highlighted(self.side) is None else True
        return True

    def action_back(self) -> None:
        if self.filter_input.has_focus:
            self.column(SENDING).focus()
        else:
            self.dismiss(None)

    @on(OptionList.OptionSelected, "RulesColumn")
    def _open_other(self, event: OptionList.OptionSelected) -> None:
        """Enter on a group: that group's rules (Échap comes back here)."""
        event.stop()
        other = self.session.store.get(Group, event.option_id or "")
        if other is None or other.structure_id != self.session.structure_id:
            self.notify(L.GROUP_UNKNOWN, severity="warning", markup=False)  # e.g. the commune's staff
            return
        self.app.push_screen(GroupRulesScreen(self.session, other.id))

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load()  # another group's rules may have changed this one's

    # ---- links

    def _link_ends(self, side: str, other: Group) -> tuple[Group, Group]:
        """(source, target) of a link between this group and `other` in the column `side`."""
        assert self.group is not None
        return (self.group, other) if side == SENDING else (other, self.group)

    def action_add(self) -> None:
        group = self.group
        if group is None:
            return
        side = self.side
        linked = {g.id for g in (reachable_groups if side == SENDING else reaching_groups)(self.session.store, group)}
        try:
            offered = [g for g in pickable_groups(self.session) if g.id != group.id and g.id not in linked]
        except ServiceError as error:
            show_refusal(self, error)
            return
        title = (L.GRULES_PICK_SENDING if side == SENDING else L.GRULES_PICK_RECEIVING).format(name=group.name)

        def picked(chosen: list[str] | None) -> None:
            if not chosen:
                return
            if len(chosen) > 1:
                self.notify(L.GRULES_ONE_GROUP, severity="warning", markup=False)
                return
            other = next((g for g in offered if g.id == chosen[0]), None)
            if other is not None:
                self._confirm_add(side, other)

        self.app.push_screen(GroupPicker(title, offered), callback=picked)

    def _confirm_add(self, side: str, other: Group) -> None:
        source, target = self._link_ends(side, other)
        try:
            check_link_allowed(source, target)  # refused before asking, as the real console does
        except ServiceError as error:
            show_refusal(self, error)
            return
        self._confirm_link_change(L.GRULES_ADD_CONFIRM, L.GRULES_ADD_WHAT, source, target, add_link)

    def action_remove(self) -> None:
        side = self.side
        other = self.highlighted(side)
        if other is None or self.group is None:
            self.notify(L.GRULES_NOTHING, severity="warning", markup=False)
            return
        source, target = self._link_ends(side, other)
        self._confirm_link_change(L.GRULES_REMOVE_CONFIRM, L.GRULES_REMOVE_WHAT, source, target, remove_link)

    def _confirm_link_change(
        self, question: str, what: str, source: Group, target: Group,
        change: Callable[[Session, str, str], ActionResult],
    ) -> None:
        """Ask (about this group, the link source → target), then one service call and read again."""
        assert self.group is not None
        text = question.format(name=self.group.name) + "\n\n" + what.format(source=source.name, target=target.name)
        source_id, target_id = source.id, target.id
        confirm_then(
            self, L.GRP_CONFIRM_TITLE, text,
            lambda: run_action(self, lambda: change(self.session, source_id, target_id), self.load),
        )

    def action_internal(self) -> None:
        if self.group is not None:
            toggle_internal(self, self.session, self.group, self.load)
