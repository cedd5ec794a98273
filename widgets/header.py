"""The console's header: product, structure administered (name – UAI), acting admin."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import Static

from entconsole import labels as L
from entconsole.models import Structure


def structure_title(structure: Structure) -> str:
    """"École Jules Ferry – 0601234X" (plain text: show it without markup)."""
    return L.UI_HEADER_STRUCTURE_FMT.format(name=structure.name, uai=structure.uai or L.UI_NO_UAI)


class ConsoleHeader(HorizontalGroup):
    """One line, always visible: who administers what."""

    def __init__(self, structure: Structure | None, admin_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._structure = structure
        self._admin_name = admin_name

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(L.UI_ONE, "bold"), id="header-product")
        yield Static(Content(L.APP_TITLE), id="header-title")
        yield Static(self._structure_content(), id="header-structure")
        yield Static(Content(self._admin_name), id="header-admin")

    def _structure_content(self) -> Content:
        if self._structure is None:
            return Content(L.NO_STRUCTURE_CHOSEN)
        return Content(structure_title(self._structure))

    def update(self, structure: Structure | None, admin_name: str) -> None:
        self._structure = structure
        self._admin_name = admin_name
        if self.is_mounted:
            self.query_one("#header-structure", Static).update(self._structure_content())
            self.query_one("#header-admin", Static).update(Content(admin_name))

    @property
    def structure_text(self) -> str:
        """What the header shows for the structure (tests read it)."""
        return str(self._structure_content())
