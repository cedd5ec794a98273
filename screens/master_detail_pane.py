"""A Services tab made of a master list (left) and the detail of its highlighted item (right).

The detail holds a list of groups (a `GroupRightsList`); moving on the master
list shows the new item's detail, Enter on it goes to the detail list.
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any, ClassVar

from textual import on
from textual.widgets import OptionList

from entconsole.models import Group
from entconsole.screens.action_pane import ActionPane
from entconsole.services import apps
from entconsole.services.errors import ServiceError


class MasterDetailPane(ActionPane):
    """Subclasses name their two lists and fill the detail of `current` in `show_current`."""

    MASTER_ID: ClassVar[str]  # id of the master list
    DETAIL_ID: ClassVar[str]  # id of the detail's list of groups

    def __init__(self, session: Any, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.items: list[Any] = []  # what the master list shows, in its order
        self.current: Any = None  # the highlighted item

    def item_id(self, item: Any) -> str:
        """The id of the master list's option for `item`."""
        raise NotImplementedError

    def show_current(self) -> None:
        """Fill the detail with `current` (None: nothing highlighted)."""

    def master(self) -> OptionList:
        return self.query_one(f"#{self.MASTER_ID}", OptionList)

    def detail(self) -> OptionList:
        return self.query_one(f"#{self.DETAIL_ID}", OptionList)

    def focus_main(self) -> None:
        self.master().focus()

    def pick_current(self) -> None:
        """`current` follows the master list's highlight, and the detail follows it."""
        index = self.master().highlighted
        self.current = self.items[index] if index is not None and index < len(self.items) else None
        self.show_current()

    def _from_master(self, event: OptionList.OptionMessage) -> bool:
        """Whether `event` comes from the master list (it stops here); the detail's events go on."""
        if event.option_list.id != self.MASTER_ID:
            return False
        event.stop()
        return True

    @on(OptionList.OptionHighlighted)
    def _master_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self._from_master(event) and (self.current is None or self.item_id(self.current) != event.option_id):
            self.detail().highlighted = None
            self.pick_current()

    @on(OptionList.OptionSelected)
    def _master_selected(self, event: OptionList.OptionSelected) -> None:
        if self._from_master(event):
            self.detail().focus()

    def groups_to_offer(self, held: Container[str]) -> list[Group] | None:
        """The groups that may be given a right, less those in `held`; None (said in an error toast) if refused."""
        try:
            return [g for g in apps.pickable_groups(self.session) if g.id not in held]
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)
            return None
