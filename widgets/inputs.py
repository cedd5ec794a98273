"""Input fields of the console."""

from __future__ import annotations

from textual.widgets import Input


class SearchInput(Input):
    """An Input whose cursor does not blink in headless runs (stable snapshots)."""

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False
