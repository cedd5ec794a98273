"""Small windows of the users list: manual-group choice (a PickDialog), legend (confirmations: screens/confirm.py)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from entconsole import labels as L
from entconsole.models import Group, Profile, Status
from entconsole.screens.card_dialogs import PickDialog, PickOption
from entconsole.text import matches
from entconsole.widgets.profile import PROFILE_COLOR, profile_label
from entconsole.widgets.user_list import CURSOR_GLYPH, MARK_GLYPH, STATUS_GLYPH, STATUS_STYLE

NAMES_SHOWN = 5  # a confirmation names the first accounts, then counts the others


def names_text(names: Sequence[str]) -> str:
    """The accounts concerned, one per line (the confirmation shows it literally)."""
    lines = ["  " + name for name in names[:NAMES_SHOWN]]
    if len(names) > NAMES_SHOWN:
        lines.append("  " + L.ULIST_NAMES_MORE.format(count=len(names) - NAMES_SHOWN))
    return "\n".join(lines)


class ManualGroupPicker(PickDialog):
    """Choose the manual group to add the accounts to: the console's one pick dialog, always with a search."""

    def __init__(self, groups: Sequence[Group], count: int) -> None:
        self.groups = list(groups)
        options = [PickOption(g.id, g.name) for g in self.groups]
        super().__init__(
            L.BULK_GROUP_PICK.format(count=count),
            options=options,
            search=lambda text: ([o for o in options if matches(text, o.label)], 0),
            placeholder=L.BULK_GROUP_SEARCH,
            empty_text=L.BULK_GROUP_NO_MATCH if self.groups else L.BULK_GROUP_NONE,
            id="users-group-picker",
        )


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
