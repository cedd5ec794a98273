"""A tab of the Services and Signalements sections: its data, and what follows an action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.containers import Vertical

from entconsole.services.errors import ServiceError
from entconsole.services.results import ActionResult
from entconsole.store import StoreError


class ActionPane(Vertical):
    """A tab's content; calls the services with the section's session."""

    REFRESHES_HOME: ClassVar[bool] = False
    """Whether the pane's actions change a figure of Accueil (reports to handle)."""

    def __init__(self, session: Any, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def refresh_data(self) -> None:
        """Read the store again."""

    def focus_main(self) -> None:
        """Focus the widget the tab is about."""

    def run_action(self, call: Callable[..., ActionResult], *args: Any, **kwargs: Any) -> ActionResult | None:
        """One service call; its message as a toast, or its refusal as an error toast."""
        try:
            result = call(self.session, *args, **kwargs)
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False, timeout=8)
            return None
        self.notify(result.message, markup=False)
        self.after_action()
        return result

    def after_action(self) -> None:
        """The section (and Accueil when its figures changed) read the store again."""
        from entconsole.screens.section import Section

        section = next((a for a in self.ancestors if isinstance(a, Section)), None)
        if section is not None:
            section.refresh_data()
        else:
            self.refresh_data()
        main = getattr(self.app, "main_screen", None)
        if self.REFRESHES_HOME and main is not None:
            main.section("home").refresh_data()
