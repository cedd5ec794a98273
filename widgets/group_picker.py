"""Choosing groups of the structure ("Ajouter des groupes"): search, tick, add.

Reusable: give it the groups to offer (already sorted, e.g.
``services.apps.pickable_groups`` minus those already chosen) and a title;
it dismisses with the chosen group ids (ticked ones, or the highlighted one
when none is ticked), or None when cancelled.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from entconsole import labels as L
from entconsole.models import Group
from entconsole.services.apps import group_kind
from entconsole.text import matches
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.profile import PROFILE_COLOR


KIND_WIDTH = max(len(k) for k in L.SVC_GROUP_KIND.values()) + 1


def group_prompt(group: Group) -> Content:
    """"classe       ● Enseignants du groupe CM1 A." (the name is never read as markup)."""
    kind = group_kind(group)
    label = L.SVC_GROUP_KIND[kind.value] if kind is not None else ""
    dot = ("● ", PROFILE_COLOR[group.profile]) if group.profile else "  "
    return Content.assemble((label.ljust(KIND_WIDTH), "dim"), dot, Content(group.name))


class GroupPicker(ModalScreen[list[str] | None]):
    CSS_PATH = "group_picker.tcss"
    BINDINGS = [
        Binding("escape", "cancel", L.KEY_CANCEL, id="group_picker.cancel"),
        # priority: Enter adds whether the search field or the list has focus
        Binding("enter", "add", L.KEY_GPICK_ADD, id="group_picker.add", priority=True),
        Binding("down", "to_list", L.KEY_DOWN, id="group_picker.to_list", show=False),
    ]

    def __init__(self, title: str, groups: list[Group]) -> None:
        super().__init__(id="group-picker")
        self.title_text = title
        self.groups = groups
        self.shown: list[Group] = list(groups)
        self.checked: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="gpick-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = L.GPICK_HINT
            yield SearchInput(placeholder=L.GPICK_SEARCH, id="gpick-search", compact=True)
            yield SelectionList[str](id="gpick-list")
            yield Static(id="gpick-count")
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#gpick-search", Input).focus()

    # ---- list

    def _fill(self, query: str) -> None:
        self.shown = [g for g in self.groups if matches(query, g.name)]
        selection = self.query_one("#gpick-list", SelectionList)
        selection.clear_options()
        selection.add_options(
            [Selection(group_prompt(g), g.id, g.id in self.checked, id=g.id) for g in self.shown]
        )
        if self.shown:
            selection.highlighted = 0
        self._count()

    def _count(self) -> None:
        if not self.groups:
            text = L.GPICK_EMPTY
        elif not self.shown:
            text = L.GPICK_NONE
        else:
            text = L.GPICK_COUNT.format(count=len(self.shown), selected=len(self.checked))
        self.query_one("#gpick-count", Static).update(Content(text))

    @on(Input.Changed, "#gpick-search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(SelectionList.SelectedChanged, "#gpick-list")
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        shown = {g.id for g in self.shown}
        self.checked = (self.checked - shown) | set(event.selection_list.selected)
        self._count()

    # ---- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_list":
            return isinstance(self.focused, Input)
        return True

    def action_to_list(self) -> None:
        self.query_one("#gpick-list", SelectionList).focus()

    def chosen(self) -> list[str]:
        """Ticked groups in list order, else the highlighted one."""
        if self.checked:
            return [g.id for g in self.groups if g.id in self.checked]
        selection = self.query_one("#gpick-list", SelectionList)
        if selection.highlighted is None or not self.shown:
            return []
        return [selection.get_option_at_index(selection.highlighted).id or ""]

    def action_add(self) -> None:
        chosen = self.chosen()
        if not chosen:
            self.app.bell()
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
