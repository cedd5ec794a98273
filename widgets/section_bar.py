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

    def _labels(self, width: int) -> list[str]:
        """The longest tab labels that fit in `width` cells."""
        for pick in (
            lambda t: t.title,
            lambda t: t.short,
            lambda t: t.short if t.section_id == self.current else "",
        ):
            labels = [pick(tab) for tab in self.tabs]
            total = sum(len(t.key) + (len(label) + 1 if label else 0) + 2 for t, label in zip(self.tabs, labels))
            if total + len(self.tabs) - 1 <= width:
                return labels
        return labels

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
            if active:
                piece = Content.styled(text, "bold $text-accent on $accent 25%")
            else:
                piece = Content.assemble(
                    (f" {tab.key}", "bold $text-accent"),
                    (f" {label} " if label else " ", "$text-muted"),
                )
            parts.append(piece)
            self._spans.append((x, x + len(text), tab.section_id))
            x += len(text)
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, section_id in self._spans:
            if start <= event.x < end:
                self.post_message(self.Picked(section_id))
                return
