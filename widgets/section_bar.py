"""The tab bar of the console's sections, with their keys."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class Tab:
    section_id: str
    key: str  # as shown ("0", "1"…)
    title: str  # "Gérer mon établissement"
    short: str  # "Établissement" (narrow terminals)


class SectionBar(Widget):
    """One line of tabs; the current section is highlighted. Clickable."""

    current: reactive[str] = reactive("", layout=False)

    class Picked(Message):
        def __init__(self, section_id: str) -> None:
            super().__init__()
            self.section_id = section_id

    def __init__(self, tabs: list[Tab], current: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = tabs
        self.set_reactive(SectionBar.current, current)
        self._spans: list[tuple[int, int, str]] = []  # x ranges of the tabs, for clicks
        self.badges: dict[str, str] = {}  # section id -> live figure ("2" reports to handle)

    def set_badge(self, section_id: str, badge: str | None) -> None:
        """Show `badge` after the tab's label (None removes it)."""
        if badge:
            self.badges[section_id] = badge
        else:
            self.badges.pop(section_id, None)
        self.refresh()

    def _badge(self, tab: Tab) -> str:
        badge = self.badges.get(tab.section_id)
        return f"({badge}) " if badge else ""

    def _labels(self, width: int) -> list[str]:
        """The longest tab labels that fit in `width` cells.

        Full titles if they fit; else the other tabs take their short title one
        by one (biggest saving first, the current tab last), so a badge costs
        one shortened tab rather than all of them; else only the current tab
        keeps a (short) label.
        """

        def fits(labels: list[str]) -> bool:
            total = sum(
                len(t.key) + (len(label) + 1 if label else 0) + 2 + len(self._badge(t))
                for t, label in zip(self.tabs, labels)
            )
            return total + len(self.tabs) - 1 <= width

        labels = [tab.title for tab in self.tabs]
        if fits(labels):
            return labels
        order = sorted(
            (i for i, tab in enumerate(self.tabs) if tab.short != tab.title),
            key=lambda i: (self.tabs[i].section_id == self.current, len(self.tabs[i].short) - len(self.tabs[i].title)),
        )
        for index in order:
            labels[index] = self.tabs[index].short
            if fits(labels):
                return labels
        return [tab.short if tab.section_id == self.current else "" for tab in self.tabs]

    def render(self) -> Content:
        parts: list[Content | tuple[str, str] | str] = []
        self._spans = []
        x = 0
        for index, (tab, label) in enumerate(zip(self.tabs, self._labels(self.size.width))):
            if index:
                parts.append(" ")
                x += 1
            active = tab.section_id == self.current
            text = f" {tab.key} {label} " if label else f" {tab.key} "
            badge = self._badge(tab)
            if active:
                piece = Content.styled(text, "bold $text-accent on $accent 25%")
            else:
                piece = Content.assemble(
                    (f" {tab.key}", "bold $text-accent"),
                    (f" {label} " if label else " ", "$text-muted"),
                )
            if badge:
                piece = Content.assemble(
                    piece, (badge, "bold $text-warning on $accent 25%" if active else "bold $text-warning")
                )
                text += badge
            parts.append(piece)
            self._spans.append((x, x + len(text), tab.section_id))
            x += len(text)
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, section_id in self._spans:
            if start <= event.x < end:
                self.post_message(self.Picked(section_id))
                return
