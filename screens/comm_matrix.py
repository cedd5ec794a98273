""""Qui peut communiquer avec qui ?": profiles x profiles, computed from the actual links.

Reads like the guide's table (Oui / Non / Ceux de la classe / Les siens);
cells that differ from the guide's default rules are starred and listed
below, so a change made in the rules shows here at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from entconsole import labels as L
from entconsole.screens.group_actions import follow_store
from entconsole.models import Profile
from entconsole.services.communication import MATRIX_PROFILES, Reach, communication_matrix
from entconsole.services.errors import ServiceError
from entconsole.services.groups import GUIDE_MATRIX, matrix_differences
from entconsole.widgets.header import ConsoleHeader
from entconsole.widgets.profile import PROFILE_COLOR, profile_label

if TYPE_CHECKING:
    from entconsole.services.session import Session

ROW_WIDTH = 14  # "Enseignants" + room
CELL_WIDTH = 20  # "Ceux de la classe *" + room
REACH_STYLE = {
    Reach.YES: "bold $text-success",
    Reach.CLASS: "$text-warning",
    Reach.OWN: "$text-warning",
    Reach.NO: "dim",
}


def matrix_table(matrix: dict[tuple[Profile, Profile], Reach]) -> Content:
    """The table as text: a header row, then one row per profile."""
    header = [Content.styled(L.MATRIX_CORNER.ljust(ROW_WIDTH), "dim")]
    for column in MATRIX_PROFILES:
        header.append(Content.styled(profile_label(column, plural=True).ljust(CELL_WIDTH), f"bold {PROFILE_COLOR[column]}"))
    rows = [Content.assemble(*header)]
    for row in MATRIX_PROFILES:
        cells = [Content.styled(profile_label(row, plural=True).ljust(ROW_WIDTH), f"bold {PROFILE_COLOR[row]}")]
        for column in MATRIX_PROFILES:
            reach = matrix[(row, column)]
            changed = GUIDE_MATRIX.get((row, column)) not in (None, str(reach))
            text = reach.label + (" " + L.MATRIX_CHANGED_MARK if changed else "")
            style = REACH_STYLE[reach] + (" underline" if changed else "")
            cells.append(Content.assemble((text, style), " " * (CELL_WIDTH - len(text))))
        rows.append(Content.assemble(*cells))
    return Content("\n").join(rows)


def changes_text(matrix: dict[tuple[Profile, Profile], Reach]) -> Content:
    """What differs from the guide's table, one line per cell (or "Identique…")."""
    differences = matrix_differences(matrix)
    if not differences:
        return Content.styled(L.MATRIX_SAME, "$text-success")
    lines = [Content.styled(L.MATRIX_CHANGED, "bold $text-warning")]
    for row, column, actual, default in differences:
        lines.append(Content("  " + L.MATRIX_CHANGE_LINE.format(
            source=profile_label(Profile(row), plural=True),
            target=profile_label(Profile(column), plural=True),
            actual=Reach(actual).label,
            default=Reach(default).label,
        )))
    return Content("\n").join(lines)


class CommMatrixScreen(Screen[None]):
    CSS_PATH = "comm_matrix.tcss"
    BINDINGS = [
        Binding("escape", "back", L.KEY_GRULES_BACK, id="comm_matrix.back"),
    ]

    def __init__(self, session: "Session") -> None:
        super().__init__(classes="comm-matrix")
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        yield ConsoleHeader(session.structure, session.admin.display_name, id="header")
        with VerticalScroll(id="matrix-body"):
            yield Static(Content.styled(L.MATRIX_TITLE, "bold"), id="matrix-title")
            yield Static(Content(L.MATRIX_INTRO), id="matrix-intro")
            yield Static(id="matrix-table")
            yield Static(Content.styled(L.MATRIX_NOTES, "dim"), id="matrix-notes")
            yield Static(id="matrix-changes")
        yield Footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#matrix-body").focus()
        self._unfollow = follow_store(self, self.load)

    def on_unmount(self) -> None:
        self._unfollow()

    def load(self) -> None:
        try:
            matrix = communication_matrix(self.session)
        except ServiceError as error:
            self.query_one("#matrix-table", Static).update(Content(error.message))
            return
        self.query_one("#matrix-table", Static).update(matrix_table(matrix))
        self.query_one("#matrix-changes", Static).update(changes_text(matrix))

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load()

    def action_back(self) -> None:
        self.dismiss(None)
