"""Small windows of the users list: manual-group choice, legend (confirmations: screens/confirm.py)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.models import Group, Profile, Status
from entconsole.text import matches
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.profile import PROFILE_COLOR, profile_label
from entconsole.widgets.user_list import CURSOR_GLYPH, MARK_GLYPH, STATUS_GLYPH, STATUS_STYLE

NAMES_SHOWN = 5  # a confirmation names the first accounts, then counts the others


def names_text(names: Sequence[str]) -> str:
    """The accounts concerned, one per line (the confirmation shows it literally)."""
    lines = ["  " + name for name in names[:NAMES_SHOWN]]
    if len(names) > NAMES_SHOWN:
        lines.append("  " + L.ULIST_NAMES_MORE.format(count=len(names) - NAMES_SHOWN))
    return "\n".join(lines)


class ManualGroupPicker(ModalScreen[str | None]):
    """Choose the manual group to add the accounts to (names shown literally)."""

    CSS_PATH = "users_dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", L.ULIST_CANCEL, id="users.group_pick.cancel"),
        Binding("enter", "pick", L.KEY_CHOOSE, id="users.group_pick.pick", priority=True),
        Binding("up", "move(-1)", L.KEY_UP, id="users.group_pick.up", show=False),
        Binding("down", "move(1)", L.KEY_DOWN, id="users.group_pick.down", show=False),
    ]

    def __init__(self, groups: Sequence[Group], count: int) -> None:
        super().__init__(id="users-group-picker")
        self.groups = list(groups)
        self.count = count
        self.shown: list[Group] = list(groups)

    def compose(self) -> ComposeResult:
        with Vertical(id="group-pick-box") as box:
            box.border_title = L.BULK_GROUP_PICK.format(count=self.count)
            yield SearchInput(placeholder=L.BULK_GROUP_SEARCH, id="group-pick-search", compact=True)
            yield OptionList(id="group-pick-list")
            yield Static(id="group-pick-empty")
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#group-pick-search", Input).focus()

    def _fill(self, text: str) -> None:
        self.shown = [g for g in self.groups if matches(text, g.name)]
        options = self.query_one("#group-pick-list", OptionList)
        options.set_options(Option(Content(g.name), id=g.id) for g in self.shown)
        if self.shown:
            options.highlighted = 0
        empty = "" if self.shown else (L.BULK_GROUP_NONE if not self.groups else L.BULK_GROUP_NO_MATCH)
        self.query_one("#group-pick-empty", Static).update(Content(empty))

    @on(Input.Changed, "#group-pick-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionSelected, "#group-pick-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_move(self, step: int) -> None:
        options = self.query_one("#group-pick-list", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_pick(self) -> None:
        options = self.query_one("#group-pick-list", OptionList)
        if options.highlighted is None or not options.option_count:
            self.app.bell()
            return
        self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def legend_content() -> Content:
    """Status icons in DOMAIN.md's order, profile colours, marks."""
    rows: list[Content] = [Content.styled(L.ULIST_LEGEND_STATUSES, "bold $text-secondary")]
    for status in Status:
        rows.append(
            Content.assemble(
                "  ", (STATUS_GLYPH[status], STATUS_STYLE[status]), "  ",
                (L.STATUS[status.value], "bold"), "\n     ", (L.ULIST_STATUS_HELP[status.value], "$text-muted"),
            )
        )
    rows += [Content(""), Content.styled(L.ULIST_LEGEND_PROFILES, "bold $text-secondary")]
    for profile in Profile:
        rows.append(Content.assemble("  ", ("●", PROFILE_COLOR[profile]), "  ",
                                     (profile_label(profile), f"bold {PROFILE_COLOR[profile]}")))
    rows += [
        Content(""),
        Content.styled(L.ULIST_LEGEND_OTHER, "bold $text-secondary"),
        Content.assemble("  ", (MARK_GLYPH, "bold $text-accent"), "  ", L.ULIST_LEGEND_MARKED),
        Content.assemble("  ", (CURSOR_GLYPH, "bold"), "  ", L.ULIST_LEGEND_CURSOR),
        Content.assemble("  ", ("Abc", "strike"), "  ",
                         L.ULIST_LEGEND_DETACHED.format(category=L.FILTER_CATEGORY["detached"])),
    ]
    return Content("\n").join(rows)


class StatusLegend(ModalScreen[None]):
    """What the icons and colours of the list mean (key `l`, listed by `?`)."""

    CSS_PATH = "users_dialogs.tcss"
    BINDINGS = [
        Binding("escape", "close", L.KEY_CLOSE, id="users.legend.close"),
        Binding("l", "close", L.KEY_CLOSE, id="users.legend.close_again", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="legend-box") as box:
            box.border_title = L.ULIST_LEGEND_TITLE
            yield Static(legend_content(), id="legend-text")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
