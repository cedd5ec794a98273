"""The main screen: header, section tabs, the current section, footer.

``SECTIONS`` lists the console's sections in the real console's order; the
app builds the section keys, the palette entries and the tabs from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from entconsole import labels as L
from entconsole.screens.establishment import EstablishmentSection
from entconsole.screens.groups import GroupsSection
from entconsole.screens.home import HomeSection
from entconsole.screens.imports_exports import ImportsSection
from entconsole.screens.reports import ReportsSection
from entconsole.screens.section import Section
from entconsole.screens.services import ServicesSection
from entconsole.screens.users import UsersSection
from entconsole.services.errors import ServiceError
from entconsole.widgets.header import ConsoleHeader
from entconsole.widgets.section_bar import SectionBar, Tab
from entconsole.widgets.footer import ConsoleFooter

if TYPE_CHECKING:
    from entconsole.services.session import Session

SECTIONS: tuple[type[Section], ...] = (
    HomeSection,
    EstablishmentSection,
    UsersSection,
    GroupsSection,
    ServicesSection,
    ImportsSection,
    ReportsSection,
)
SECTION_BY_ID: dict[str, type[Section]] = {s.SECTION_ID: s for s in SECTIONS}
HOME = HomeSection.SECTION_ID


class MainScreen(Screen[None]):
    CSS_PATH = ["main.tcss", *(s.CSS_FILE for s in SECTIONS if s.CSS_FILE)]
    BINDINGS = [
        Binding("escape", "back", L.KEY_BACK_HOME, id="main.back", key_display=None),
        # La rentrée (issue 8): a screen over the sections, so no eighth tab
        Binding("7", "rentree", L.RT_KEY_OPEN, id="main.rentree", show=False),
    ]

    def __init__(self, session: "Session", section_id: str = HOME) -> None:
        super().__init__()
        self.session = session
        self.current_section = section_id

    # ---- building

    def compose(self) -> ComposeResult:
        session = self.session
        yield ConsoleHeader(session.structure, session.admin.display_name, id="header")
        key_of = getattr(self.app, "section_key", lambda section_id: "")
        tabs = [Tab(s.SECTION_ID, key_of(s.SECTION_ID), s.title(), s.short_title()) for s in SECTIONS]
        yield SectionBar(tabs, self.current_section, id="section-bar")
        with ContentSwitcher(initial=f"section-{self.current_section}", id="sections"):
            for section_class in SECTIONS:
                section = section_class(session)
                # Only the shown section is built now (seconds saved at 100,000 accounts).
                section.build_later = not (section_class.BUILT_AT_START or section_class.SECTION_ID == self.current_section)
                yield section
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self.section(self.current_section).section_shown, None)

    # ---- sections

    def section(self, section_id: str) -> Section:
        return self.query_one(f"#section-{section_id}", Section)

    @property
    def sections(self) -> list[Section]:
        return list(self.query_one("#sections").query_children(Section))

    def show_section(
        self, section_id: str, target: str | None = None, *, then: Callable[[], None] | None = None
    ) -> None:
        """Make `section_id` the visible section; `target` is passed to it; `then` is
        called after the first frame showing it (once built, if built on this call)."""
        if section_id not in SECTION_BY_ID:
            raise KeyError(section_id)
        if section_id != self.current_section:
            self.section(self.current_section).section_hidden()
        self.current_section = section_id
        self.query_one(SectionBar).current = section_id
        section = self.section(section_id)
        if section.built:
            self._switch_to(section, target, then)
        else:  # first time shown: mounted first, so that it is shown complete
            self.run_worker(self._build_then_show(section, target, then), group="section-build")

    async def _build_then_show(
        self, section: Section, target: str | None, then: Callable[[], None] | None
    ) -> None:
        await section.build()
        if self.current_section == section.SECTION_ID:  # not if the admin went elsewhere meanwhile
            self._switch_to(section, target, then)

    def _switch_to(self, section: Section, target: str | None, then: Callable[[], None] | None = None) -> None:
        self.query_one(ContentSwitcher).current = section.id
        self.refresh_bindings()
        section.section_shown(target)
        if then is not None:
            self.call_after_refresh(then)

    @on(SectionBar.Picked)
    def _tab_clicked(self, event: SectionBar.Picked) -> None:
        self.show_section(event.section_id)

    @on(Section.BadgeChanged)
    def _badge_changed(self, event: Section.BadgeChanged) -> None:
        event.stop()
        self.query_one(SectionBar).set_badge(event.section_id, event.badge)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.current_section != HOME
        return True

    def action_back(self) -> None:
        self.show_section(HOME)

    def action_rentree(self) -> None:
        from entconsole.screens.rentree import RentreeScreen

        self.app.push_screen(RentreeScreen(self.session))

    # ---- data

    def refresh_data(self) -> None:
        """After another session's write: header and every section read again."""
        try:
            structure = self.session.structure
            admin_name = self.session.admin.display_name
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.query_one(ConsoleHeader).update(structure, admin_name)
        for section in self.sections:
            if section.built:  # the others read the store when they are built
                section.refresh_data()
