"""The console's footer: Textual's, recomposed only when what it shows changes."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class ConsoleFooter(Footer):
    """Textual's footer, recomposed once per refresh and only when its keys change.

    The stock footer recomposes on every bindings update (each focus change
    sends one, a section switch several), and a recompose restyles its keys
    one by one: about 80 ms per section switch, for a footer that showed the
    same keys more often than not.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple | None = None
        self._pending = False

    def _keys(self) -> tuple:
        """What compose would show: every active binding as it would be drawn."""
        return tuple(
            (binding.key, binding.description, binding.action, binding.show, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
        ) + (self.show_command_palette, self.compact)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
