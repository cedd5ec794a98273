"""Tabs inside a console section, switched with < and > from anywhere in the section."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import ContentSwitcher, TabbedContent, TabPane

from entconsole import labels as L


TAB_KEYS = Binding.Group(L.QP_KEY_TABS, compact=True)


class SectionTabs(TabbedContent):
    """A TabbedContent whose tabs are also reachable while a list has focus.

    Every tabbed section uses it, so < and > switch tabs the same way
    everywhere (a section may add letter shortcuts of its own). They are typed
    text in an Input, so they never fire while one has focus. The footer shows
    them as one compact entry ("< > Onglets"); the help (?) lists each.
    After a switch, the new tab's `focus_main()` (if any) gets the focus.
    """

    BINDINGS = [
        Binding("less_than_sign", "step(-1)", L.KEY_SR_PREV_TAB, id="tabs.previous", group=TAB_KEYS),
        Binding("greater_than_sign", "step(1)", L.KEY_SR_NEXT_TAB, id="tabs.next", group=TAB_KEYS),
    ]

    @property
    def pane_ids(self) -> list[str]:
        switcher = self.get_child_by_type(ContentSwitcher)
        return [pane.id or "" for pane in switcher.query_children(TabPane)]

    def action_step(self, step: int) -> None:
        ids = self.pane_ids
        if not ids:
            return
        index = ids.index(self.active) if self.active in ids else 0
        self.show(ids[(index + step) % len(ids)])

    def show(self, pane_id: str) -> None:
        """Make `pane_id` the active tab and focus its main widget."""
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            # Let go of the hidden tab's widget first: Textual would move the focus
            # to its neighbour in that tab, and the tab would come back.
            self.screen.set_focus(None)
        self.active = pane_id
        self.call_after_refresh(self._focus_active)

    def _focus_active(self) -> None:
        pane = self.get_pane(self.active)
        for child in pane.children:
            focus_main = getattr(child, "focus_main", None)
            if focus_main is not None:
                focus_main()
                return
        for widget in pane.query("*"):
            if widget.focusable:
                widget.focus()
                return
