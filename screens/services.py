"""Section 4, Services: Applications, Connecteurs, Widgets (three tabs)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import TabPane

from entconsole import labels as L
from entconsole.screens.action_pane import ActionPane
from entconsole.screens.section import Section
from entconsole.screens.services_applications import ApplicationsPane
from entconsole.screens.services_connectors import ConnectorsPane
from entconsole.screens.services_widgets import WidgetsPane
from entconsole.widgets.section_tabs import SectionTabs

TAB_APPS = "svc-apps"
TAB_CONNECTORS = "svc-connectors"
TAB_WIDGETS = "svc-widgets"
# Targets of show_section("services", target) (quick actions, palette).
TARGETS = {
    "applications": TAB_APPS,
    "connectors": TAB_CONNECTORS,
    "connector_new": TAB_CONNECTORS,
    "widgets": TAB_WIDGETS,
}


class ServicesSection(Section):
    SECTION_ID = "services"
    KEY = "4"
    CSS_FILE = "services.tcss"

    def compose(self) -> ComposeResult:
        with SectionTabs(id="svc-tabs", initial=TAB_APPS):
            with TabPane(L.SVC_TAB_APPS, id=TAB_APPS):
                yield ApplicationsPane(self.session, id="apps-pane")
            with TabPane(L.SVC_TAB_CONNECTORS, id=TAB_CONNECTORS):
                yield ConnectorsPane(self.session, id="conn-pane")
            with TabPane(L.SVC_TAB_WIDGETS, id=TAB_WIDGETS):
                yield WidgetsPane(self.session, id="wdg-pane")

    def refresh_data(self) -> None:
        for pane in self.query(ActionPane):
            pane.refresh_data()

    def section_shown(self, target: str | None) -> None:
        tabs = self.query_one(SectionTabs)
        tabs.show(TARGETS.get(target or "", tabs.active or TAB_APPS))
        if target == "connector_new":
            self.call_after_refresh(self.query_one(ConnectorsPane).action_new)
