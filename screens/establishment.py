"""Section 1, Gérer mon établissement: Informations, Message Flash, Blocage en lot (three tabs)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static, TabbedContent, TabPane

from entconsole import labels as L
from entconsole.screens.flash import FlashPane
from entconsole.screens.mass_block import MassBlockPane
from entconsole.screens.pane import EstablishmentPane
from entconsole.screens.section import Section
from entconsole.screens.shown_data import RefreshWhenShown
from entconsole.services.errors import ServiceError
from entconsole.services.establishment import (
    account_stats,
    rename_structure,
    reset_structure_name,
    structure_info,
)
from entconsole.store import StoreError
from entconsole.widgets.form_scroll import FormScroll
from entconsole.widgets.bar_chart import ProfileBars
from entconsole.widgets.section_tabs import SectionTabs

TAB_INFO = "est-info"
TAB_FLASH = "est-flash"
TAB_BLOCK = "est-block"
KEY_WIDTH = 36  # "Source d'alimentation des comptes" + room


def _fact(key: str, value: str) -> Content:
    return Content.assemble((key.ljust(KEY_WIDTH), "$text-secondary"), value)


class InfoPane(RefreshWhenShown, EstablishmentPane):
    """Informations: the "Général" block (name editable) and the statistics."""

    def compose(self) -> ComposeResult:
        with FormScroll(id="info-body"):
            with Vertical(id="info-general", classes="est-box") as box:
                box.border_title = L.INFO_GENERAL
                with Horizontal(id="info-name-row"):
                    yield Static(Content.styled(L.INFO_NAME.ljust(KEY_WIDTH), "$text-secondary"), id="info-name-key")
                    yield Input(id="info-name", compact=True, max_length=500)
                with Horizontal(id="info-name-actions"):
                    yield Button(L.INFO_NAME_SAVE, id="info-name-save", compact=True)
                    yield Button(L.INFO_NAME_RESET, id="info-name-reset", compact=True)
                yield Static(id="info-default-name")
                yield Static(id="info-facts")
            with Vertical(id="info-stats", classes="est-box") as box:
                box.border_title = L.INFO_STATS
                yield ProfileBars(id="info-bars")

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.query_one("#info-name", Input).cursor_blink = False
        self.refresh_data()

    def refresh_data(self) -> None:
        if self.defer_until_shown():  # the statistics count every account: not for a hidden tab
            return
        try:
            info = structure_info(self.session)
            stats = account_stats(self.session)
        except ServiceError as error:
            self.query_one("#info-facts", Static).update(Content(error.message))
            return
        name = self.query_one("#info-name", Input)
        if not (name.has_focus and name.value != info.name):  # never overwrite what is being typed
            name.value = info.name
        default = self.query_one("#info-default-name", Static)
        default.update(Content(L.INFO_NAME_DEFAULT.format(name=info.default_name)) if info.default_name else "")
        default.display = bool(info.default_name) and info.default_name != info.name
        self.query_one("#info-name-reset", Button).disabled = not info.default_name or info.default_name == info.name
        facts = [
            _fact(L.INFO_ID, info.id),
            _fact(L.INFO_UAI, info.uai or L.INFO_NONE),
            _fact(L.INFO_MOBILE, L.YES if info.mobile_app else L.NO),
            _fact(L.INFO_PARENTS, ", ".join(info.parents) or L.INFO_NONE),
            _fact(L.INFO_FEED, L.FEED[info.feed]),
        ]
        self.query_one("#info-facts", Static).update(Content("\n").join(facts))
        self.query_one("#info-bars", ProfileBars).update(stats)

    def focus_main(self) -> None:
        self.query_one("#info-name", Input).focus()

    def _rename(self) -> None:
        try:
            result = rename_structure(self.session, self.query_one("#info-name", Input).value)
        except (ServiceError, StoreError) as error:
            self.failed(error)
            return
        self.done(result)

    @on(Input.Submitted, "#info-name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._rename()

    @on(Button.Pressed, "#info-name-save")
    def _save(self, event: Button.Pressed) -> None:
        event.stop()
        self._rename()

    @on(Button.Pressed, "#info-name-reset")
    def _reset(self, event: Button.Pressed) -> None:
        event.stop()
        try:
            result = reset_structure_name(self.session)
        except (ServiceError, StoreError) as error:
            self.failed(error)
            return
        self.done(result)


class EstablishmentSection(Section):
    SECTION_ID = "establishment"
    KEY = "1"
    CSS_FILE = "establishment.tcss"
    BINDINGS = [
        Binding("i", f"tab('{TAB_INFO}')", L.KEY_EST_INFO, id="establishment.info"),
        Binding("m", f"tab('{TAB_FLASH}')", L.KEY_EST_FLASH, id="establishment.flash"),
        Binding("b", f"tab('{TAB_BLOCK}')", L.KEY_EST_BLOCK, id="establishment.block"),
    ]

    def compose(self) -> ComposeResult:
        with SectionTabs(id="est-tabs", initial=TAB_INFO):
            with TabPane(L.EST_TAB_INFO, id=TAB_INFO):
                yield InfoPane(self.session, id="info-pane")
            with TabPane(L.EST_TAB_FLASH, id=TAB_FLASH):
                yield FlashPane(self.session, id="flash-pane")
            with TabPane(L.EST_TAB_BLOCK, id=TAB_BLOCK):
                yield MassBlockPane(self.session, id="block-pane")

    @property
    def panes(self) -> list[EstablishmentPane]:
        return list(self.query(EstablishmentPane))

    def refresh_data(self) -> None:
        for pane in self.panes:
            pane.refresh_data()

    def action_tab(self, tab_id: str) -> None:
        self.show_tab(tab_id)

    def show_tab(self, tab_id: str, *, focus: bool = True) -> None:
        tabs = self.query_one(SectionTabs)
        if focus:
            tabs.show(tab_id)
        else:
            tabs.active = tab_id
        self.screen.refresh_bindings()

    def section_shown(self, target: str | None) -> None:
        """Quick actions and the palette open a tab: "flash", "mass_block"; "flash_new" opens the form."""
        tab = {"flash": TAB_FLASH, "flash_new": TAB_FLASH, "mass_block": TAB_BLOCK, "info": TAB_INFO}.get(target or "")
        if tab is not None:
            self.show_tab(tab)
            if target == "flash_new":
                self.call_after_refresh(self.query_one(FlashPane).action_create)
            return
        self.query_one(SectionTabs).query_one("Tabs").focus()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.screen.refresh_bindings()
