"""Section 5, Imports / Exports: account export, "Distribuer les comptes", CSV import wizard.

Each tab calls the services of entconsole.services.exports / sheets / imports,
the same ones as `entconsole export`, `publipostage` and `import csv`.
Files go where the admin says (default: the current directory); an existing
file is replaced only after a confirmation.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import TabPane

from entconsole import labels as L
from entconsole.screens.export_panes import ExportPane, SheetsPane
from entconsole.screens.import_wizard import ImportPane
from entconsole.screens.io_panes import SECTION_ID
from entconsole.screens.pane import EstablishmentPane
from entconsole.screens.section import Section
from entconsole.widgets.section_tabs import SectionTabs

TAB_EXPORT = "ie-export"
TAB_SHEETS = "ie-sheets"
TAB_IMPORT = "ie-import"


# --------------------------------------------------------------------------- section


class ImportsSection(Section):
    SECTION_ID = SECTION_ID
    KEY = "5"
    CSS_FILE = "imports_exports.tcss"
    BINDINGS = [
        Binding("e", f"tab('{TAB_EXPORT}')", L.KEY_IE_EXPORT, id="imports.export"),
        Binding("d", f"tab('{TAB_SHEETS}')", L.KEY_IE_SHEETS, id="imports.sheets"),
        Binding("i", f"tab('{TAB_IMPORT}')", L.KEY_IE_IMPORT, id="imports.import"),
    ]

    def compose(self) -> ComposeResult:
        with SectionTabs(id="ie-tabs", initial=TAB_EXPORT):
            with TabPane(L.IE_TAB_EXPORT, id=TAB_EXPORT):
                yield ExportPane(self.session, id="export-pane")
            with TabPane(L.IE_TAB_SHEETS, id=TAB_SHEETS):
                yield SheetsPane(self.session, id="sheets-pane")
            with TabPane(L.IE_TAB_IMPORT, id=TAB_IMPORT):
                yield ImportPane(self.session, id="import-pane")

    def __init__(self, session) -> None:
        super().__init__(session)
        self._stale = True

    @property
    def on_screen(self) -> bool:
        return getattr(self.screen, "current_section", None) == self.SECTION_ID

    def refresh_data(self) -> None:
        # The counts query every account: only while the section is on screen
        # (a 100,000-account store should not pay for them after each action elsewhere).
        if not self.on_screen:
            self._stale = True
            return
        self._stale = False
        for pane in self.query(EstablishmentPane):
            pane.refresh_data()

    def action_tab(self, tab_id: str) -> None:
        self.query_one(SectionTabs).show(tab_id)
        self.screen.refresh_bindings()

    def section_shown(self, target: str | None) -> None:
        """Quick actions: "export", "sheets", "import"."""
        if self._stale:
            self.refresh_data()
        tab = {"export": TAB_EXPORT, "sheets": TAB_SHEETS, "import": TAB_IMPORT}.get(target or "")
        if tab is not None:
            self.action_tab(tab)
            return
        self.query_one(SectionTabs).query_one("Tabs").focus()
