"""A tab of the Services and Signalements sections: its data, and what follows an action.

Its lists are `PaneList`s: a key bound to ``act('verb')`` posts
`ActionPane.Act`, which the pane handles for the highlighted row;
`GroupRightsList` is the list of groups holding a right, the same in
every Services tab.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList

from entconsole import labels as L
from entconsole.services.errors import ServiceError
from entconsole.services.results import ActionResult
from entconsole.store import StoreError


def select_option(options: OptionList, wanted: str | None, fallback: int | None = None) -> None:
    """Highlight the option with id `wanted`, else the one at `fallback` (clamped)."""
    if options.option_count == 0:
        return
    for index in range(options.option_count):
        if options.get_option_at_index(index).id == wanted:
            options.highlighted = index
            return
    index = min(fallback or 0, options.option_count - 1)
    while index > 0 and options.get_option_at_index(index).disabled:
        index -= 1
    options.highlighted = index


class ActionPane(Vertical):
    """A tab's content; calls the services with the section's session."""

    class Act(Message):
        """A key pressed on one of the pane's lists: the verb to run on its highlighted row."""

        def __init__(self, source: Widget, verb: str) -> None:
            super().__init__()
            self.source = source
            self.verb = verb

        @property
        def control(self) -> Widget:
            return self.source

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


class PaneList(OptionList):
    """A list of an `ActionPane`: its ``act('verb')`` bindings post `ActionPane.Act`."""

    def action_act(self, verb: str) -> None:
        self.post_message(ActionPane.Act(self, verb))


class GroupRightsList(PaneList):
    """The groups holding a right (a role, a connector, a widget): `a` adds groups, `d` / Suppr withdraws one."""

    BINDINGS = [
        Binding("a", "act('grant')", L.KEY_SVC_ADD_GROUPS, id="services.groups.grant"),
        Binding("d", "act('withdraw')", L.KEY_SVC_REMOVE_GROUP, id="services.groups.withdraw"),
        Binding("delete", "act('withdraw')", L.KEY_SVC_REMOVE_GROUP, id="services.groups.withdraw_del", show=False),
    ]
