"""Dialogs of the user card and the creation form: pick, compare (confirm and choose: screens/confirm.py).

Every text that may hold user data is built as ``Content`` (never parsed as
markup): names like ``[bold]x[/]`` show literally.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.models import User
from entconsole.screens.confirm import ButtonRowDialog, ConfirmScreen
from entconsole.services.duplicates import badge
from entconsole.services.user_card import CompareRow
from entconsole.text import matches
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.profile import profile_badge


# One yes/no dialog for the whole console (screens/confirm.py); the old name stays importable.
ConfirmDialog = ConfirmScreen


# --------------------------------------------------------------------------- picking one item


@dataclass(frozen=True)
class PickOption:
    id: str
    label: str
    detail: str = ""
    reason: str | None = None  # set: shown, not offered (disabled), saying why
    color: str | None = None  # e.g. the profile colour of a person


SearchFunc = Callable[[str], tuple[list[PickOption], int]]
SEARCH_FROM = 8  # fixed lists longer than this get a search box


class PickDialog(ModalScreen[str | None]):
    """Choose one item; options not offered are shown disabled with their reason.

    Either a fixed list (`options`) or a search run as the admin types
    (`search`, returning the options and how many more matched).
    """

    CSS_PATH = "card_dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", L.DIALOG_CANCEL, id="pick.cancel"),
        Binding("enter", "pick", L.KEY_CHOOSE, id="pick.pick", priority=True),
        Binding("up", "move(-1)", L.KEY_UP, id="pick.up", show=False),
        Binding("down", "move(1)", L.KEY_DOWN, id="pick.down", show=False),
    ]

    def __init__(
        self,
        title: str,
        *,
        options: Sequence[PickOption] = (),
        search: SearchFunc | None = None,
        placeholder: str = L.PICK_SEARCH,
        empty_text: str = L.PICK_NONE,
        id: str | None = None,
    ) -> None:
        super().__init__(classes="card-dialog", id=id)
        self.title_text = title
        self.placeholder = placeholder
        self.empty_text = empty_text  # when nothing matches the search
        self.fixed = list(options)
        if search is None and len(self.fixed) > SEARCH_FROM:
            search = self._search_fixed  # long fixed lists get a search box too
            self.placeholder = L.PICK_FILTER
        self.search = search

    def _search_fixed(self, text: str) -> tuple[list[PickOption], int]:
        return [o for o in self.fixed if matches(text, o.label)], 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box pick-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = L.PICK_HINT
            if self.search is not None:
                yield SearchInput(placeholder=self.placeholder, id="pick-search", compact=True)
            yield OptionList(id="pick-list")
            yield Static(id="pick-count", classes="dialog-note")
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        if self.search is not None:
            self.query_one("#pick-search", Input).focus()
        else:
            self.query_one("#pick-list", OptionList).focus()

    def _prompt(self, option: PickOption, width: int) -> Content:
        label = Content(option.label)
        if option.color:
            label = Content.assemble(("● ", option.color), label)
        parts: list[Content | tuple[str, str] | str] = [label.pad_right(max(0, width - label.cell_length))]
        if option.detail:
            parts += ["  ", (option.detail, "dim")]
        if option.reason:
            parts += ["  ", (f"— {option.reason}", "italic")]
        return Content.assemble(*parts)

    def _fill(self, query: str) -> None:
        if self.search is not None:
            shown, more = self.search(query)
        else:
            shown, more = self.fixed, 0
        width = min(40, max((len(o.label) + (2 if o.color else 0) for o in shown), default=0))
        options = self.query_one("#pick-list", OptionList)
        options.set_options(
            Option(self._prompt(o, width), id=o.id, disabled=o.reason is not None) for o in shown
        )
        offered = [i for i, o in enumerate(shown) if o.reason is None]
        if offered:
            options.highlighted = offered[0]
        if not shown:
            note = self.empty_text
        elif more:
            note = L.PICK_MORE.format(count=more)
        else:
            note = L.PICK_COUNT.format(offered=len(offered), total=len(shown))
        self.query_one("#pick-count", Static).update(Content(note))

    @on(Input.Changed, "#pick-search")
    def _searched(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionSelected, "#pick-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_move(self, step: int) -> None:
        options = self.query_one("#pick-list", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_pick(self) -> None:
        options = self.query_one("#pick-list", OptionList)
        if options.highlighted is None:
            self.app.bell()
            return
        option = options.get_option_at_index(options.highlighted)
        if option.disabled:
            self.app.bell()
            return
        self.dismiss(option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


# --------------------------------------------------------------------------- duplicates


class CompareDialog(ButtonRowDialog):
    """"Comparer": two accounts side by side; answers "dissociate", "merge" or None."""

    CSS_PATH = "card_dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", L.COMPARE_CLOSE, id="compare.close"),
        Binding("s", "answer('dissociate')", L.KEY_COMPARE_DISSOCIATE, id="compare.dissociate"),
        Binding("f", "answer('merge')", L.KEY_COMPARE_MERGE, id="compare.merge"),
    ]

    def __init__(self, this: User, other: User, score: int, rows: list[CompareRow], refusal: str | None) -> None:
        super().__init__(classes="card-dialog")
        self.this = this
        self.other = other
        self.score = score
        self.rows = rows
        self.refusal = refusal  # why a merge will be refused, said up front

    def _table(self) -> Content:
        label_width = max(len(r.label) for r in self.rows) + 2
        column = 34

        def cell(text: str, style: str = "") -> Content:
            content = Content(text).truncate(column - 2, ellipsis=True, pad=True) + "  "
            return content.stylize(style) if style else content

        head = Content.assemble(
            " " * label_width,
            cell(L.COMPARE_THIS, "bold"),
            cell(L.COMPARE_OTHER, "bold"),
        )
        lines = [head]
        for row in self.rows:
            style = "$text-success" if row.same else ""
            lines.append(
                Content.assemble(
                    (row.label.ljust(label_width), "$text-muted"),
                    cell(row.left, style),
                    cell(row.right, style),
                    (f"✓ {L.COMPARE_SAME}" if row.same else "", "dim $text-success"),
                )
            )
        return Content("\n").join(lines)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box compare-box") as box:
            box.border_title = L.COMPARE_TITLE
            style = "bold $text-error" if badge(self.score) == L.DUPLICATE_BLOCKING else "bold $text-warning"
            yield Static(
                Content.assemble(
                    Content(self.this.display_name),
                    "  ",
                    profile_badge(self.this.profile),
                    "   ",
                    (L.COMPARE_SCORE.format(score=self.score, badge=badge(self.score)), style),
                ),
                classes="dialog-text",
            )
            with VerticalScroll(classes="compare-scroll"):
                yield Static(self._table(), id="compare-table")
            if self.refusal:
                yield Static(Content.styled(self.refusal, "$text-warning"), classes="dialog-note", id="compare-refusal")
            yield Horizontal(
                Button(L.COMPARE_DISSOCIATE, id="compare-dissociate", compact=True),
                Button(L.COMPARE_MERGE, variant="warning", id="compare-merge", compact=True),
                Button(L.COMPARE_CLOSE, id="compare-close", compact=True),
                classes="dialog-buttons",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#compare-dissociate", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answer = {"compare-dissociate": "dissociate", "compare-merge": "merge"}.get(event.button.id or "")
        self.dismiss(answer)

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
