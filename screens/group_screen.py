"""A full screen about one group (its members, its communication rules).

It follows the store (another session's write reads it again) and closes
with a toast when the group is gone or out of the admin's reach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from entconsole.models import Group
from entconsole.screens.group_actions import follow_store
from entconsole.services.errors import ServiceError
from entconsole.services.groups import get_group

if TYPE_CHECKING:
    from entconsole.services.session import Session


class GroupScreen(Screen[None]):
    """Subclasses read the group with `read_group` at the top of their `load`."""

    def __init__(self, session: "Session", group_id: str, *, classes: str) -> None:
        super().__init__(classes=classes)
        self.session = session
        self.group_id = group_id
        self.group: Group | None = None

    def load(self) -> None:
        """Show the group as the store holds it now."""

    # Textual calls this after the subclass's own on_mount (base-class handlers
    # run too, subclass first): the screen is loaded before it follows the store.
    def on_mount(self) -> None:
        self._unfollow = follow_store(self, self.load)

    def on_unmount(self) -> None:
        self._unfollow()

    def read_group(self) -> Group | None:
        """The group, kept in `group`; None when refused: a toast says why and the screen closes."""
        try:
            group = get_group(self.session, self.group_id)
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)
            self.dismiss(None)
            return None
        self.group = group
        return group

    def _key(self, binding_id: str, default: str) -> str:
        """The key bound to `binding_id` now (the admin may have rebound it), for hints."""
        key_for = getattr(self.app, "key_for", None)
        return key_for(binding_id, default) if key_for else default
