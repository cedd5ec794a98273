"""A section of the console (one tab) and the placeholder of unbuilt sections.

Each section lives in its own module under ``screens/`` and is listed once in
``screens/main.py`` (``SECTIONS``). A later issue that builds a section
replaces the placeholder class of its module by a real :class:`Section`
subclass keeping the same ``SECTION_ID``; nothing else changes: the key, the
tab, the palette entry and the help come from the class attributes and the
app's bindings.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.widget import Widget
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from entconsole import labels as L

if TYPE_CHECKING:
    from entconsole.services.session import Session


class Section(Vertical):
    """One tab of the main screen. Subclasses set the class attributes."""

    SECTION_ID: ClassVar[str] = ""
    """Stable id: widget id ``section-<id>``, binding id ``section.<id>``, labels keys."""
    KEY: ClassVar[str] = ""
    """Default key (the admin may remap it through the binding id)."""
    CSS_FILE: ClassVar[str | None] = None
    """A .tcss file beside the section's module, loaded by the main screen."""
    BUILT_AT_START: ClassVar[bool] = False
    """Build the content with the main screen even when another section is shown
    (a section whose tab badge needs it); otherwise when the section is first shown."""

    class BadgeChanged(Message):
        """The short text shown after the section's tab label changed (None: no badge)."""

        def __init__(self, section_id: str, badge: str | None) -> None:
            super().__init__()
            self.section_id = section_id
            self.badge = badge

    def __init__(self, session: "Session") -> None:
        super().__init__(id=f"section-{self.SECTION_ID}", classes="section")
        self.session = session
        self._badge: str | None = None
        # Built when first shown (see build): the main screen sets build_later
        # before mounting; compose()'s widgets wait in _later until then.
        self.build_later = False
        self._later: list[Widget] = []
        self._building: asyncio.Event | None = None

    @classmethod
    def title(cls) -> str:
        return L.SECTION_TITLE[cls.SECTION_ID]

    @classmethod
    def short_title(cls) -> str:
        return L.SECTION_SHORT.get(cls.SECTION_ID, cls.title())

    # ---- built when first shown: opening the console builds only the section it shows

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        if self.build_later:
            self._later = widgets
            return
        await super().mount_composed_widgets(widgets)

    @property
    def built(self) -> bool:
        """The content is mounted (it reads the store when it mounts)."""
        return not self.build_later

    async def build(self) -> None:
        """Mount the content composed at start, once; a second caller waits for the first."""
        if not self.build_later:
            return
        if self._building is not None:
            await self._building.wait()
            return
        self._building = asyncio.Event()
        widgets, self._later = self._later, []
        try:
            await self.mount_all(widgets)
        finally:
            self.build_later = False
            self._building.set()

    def refresh_data(self) -> None:
        """Read the store again (after an action, or another session's write)."""

    def tab_badge(self) -> str | None:
        """A short live figure for the section's tab (e.g. reports to handle), or None.

        Sections that have one call :meth:`update_badge` whenever it may have
        changed (typically at the end of ``refresh_data``).
        """
        return None

    def update_badge(self) -> None:
        """Tell the tab bar about the badge, if it changed."""
        badge = self.tab_badge()
        if badge != self._badge:
            self._badge = badge
            self.post_message(self.BadgeChanged(self.SECTION_ID, badge))

    def section_hidden(self) -> None:
        """Another section is about to be shown (e.g. stop background work for this one)."""

    def section_shown(self, target: str | None) -> None:
        """The section became visible; `target` names a part to open (quick actions).

        The default focuses the first focusable widget of the section.
        """
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
        self.screen.set_focus(None)


class PlaceholderSection(Section):
    """A section not built yet: says plainly what it will hold."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="placeholder"):
            yield Static(Content.styled(self.title(), "bold"), classes="placeholder-title")
            for name, text in L.SECTION_CONTENT.get(self.SECTION_ID, ()):
                yield Static(Content.styled(name, "bold"), classes="placeholder-name")
                yield Static(Content(text), classes="placeholder-text")
            yield Static(Content.styled(L.SECTION_COMING, "italic $text-warning"), classes="placeholder-coming")
