"""Choosing the structure to administer ("Rechercher un établissement")."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.models import Structure
from entconsole.services.session import search_structures
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.footer import ConsoleFooter


class StructurePicker(ModalScreen[str | None]):
    """A searchable list of the admin's structures; dismisses with the chosen id.

    `required`: the admin has not chosen yet (start of the session), so the
    picker cannot be cancelled; otherwise Escape keeps the current structure.
    """

    CSS_PATH = "picker.tcss"
    BINDINGS = [
        Binding("escape", "cancel", L.KEY_CANCEL, id="picker.cancel"),
        # priority: Enter picks whether the search field or the list has focus
        Binding("enter", "pick", L.KEY_CHOOSE, id="picker.pick", priority=True),
        Binding("up", "move(-1)", L.KEY_UP, id="picker.up", show=False),
        Binding("down", "move(1)", L.KEY_DOWN, id="picker.down", show=False),
    ]

    def __init__(
        self,
        structures: list[Structure],
        *,
        admin_name: str,
        current: str | None = None,
        required: bool = False,
    ) -> None:
        super().__init__(id="structure-picker")
        self.structures = structures
        self.admin_name = admin_name
        self.current = current
        self.required = required
        self.shown: list[Structure] = list(structures)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box") as box:
            box.border_title = L.PICKER_TITLE
            yield Static(
                Content(L.PICKER_INTRO.format(admin=self.admin_name, count=len(self.structures))),
                id="picker-intro",
            )
            yield SearchInput(placeholder=L.PICKER_SEARCH, id="picker-search", compact=True)
            yield OptionList(id="picker-list")
            yield Static(id="picker-count")
            if self.required:
                yield Static(Content(L.PICKER_REQUIRED), id="picker-required")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-search", Input).focus()

    # ---- list

    def _prompt(self, structure: Structure, name_width: int) -> Content:
        parts: list[Content | tuple[str, str] | str] = [
            Content(structure.name.ljust(name_width)),
            "  ",
            (structure.uai or L.UI_NO_UAI, "dim"),
        ]
        if structure.id == self.current:
            parts += ["  ", (L.PICKER_CURRENT, "italic $text-accent")]
        return Content.assemble(*parts)

    def _fill(self, query: str) -> None:
        self.shown = search_structures(self.structures, query)
        options = self.query_one("#picker-list", OptionList)
        width = min(60, max((len(s.name) for s in self.structures), default=0))
        options.set_options(Option(self._prompt(s, width), id=s.id) for s in self.shown)
        if self.shown:
            highlighted = next(
                (i for i, s in enumerate(self.shown) if s.id == self.current and not query), 0
            )
            options.highlighted = highlighted
            count = L.PICKER_COUNT.format(count=len(self.shown))
        else:
            count = L.PICKER_NONE
        self.query_one("#picker-count", Static).update(Content(count))

    @on(Input.Changed, "#picker-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    # ---- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return not self.required
        return True

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.option_count == 0:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_pick(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is None or options.option_count == 0:
            self.app.bell()
            return
        option = options.get_option_at_index(options.highlighted)
        self.dismiss(option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
