"""The content of one tab of Gérer mon établissement, and what every tab does after an action."""

from __future__ import annotations

from textual.containers import Vertical

from entconsole.services.errors import ServiceError
from entconsole.services.results import ActionResult
from entconsole.store import StoreError


class EstablishmentPane(Vertical):
    """A tab's content; talks to the services through the section's session."""

    def __init__(self, session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def refresh_data(self) -> None:
        """Read the store again."""

    def focus_main(self) -> None:
        """Focus the widget the tab is about (when opened from elsewhere)."""

    def done(self, result: ActionResult) -> None:
        """After an action: say what happened, then every screen reads the store again."""
        self.notify(result.message, markup=False)
        main = getattr(self.app, "main_screen", None)
        if main is not None:
            main.refresh_data()
        else:
            self.refresh_data()

    def failed(self, error: ServiceError | StoreError) -> None:
        self.notify(error.message, severity="error", markup=False, timeout=8)
