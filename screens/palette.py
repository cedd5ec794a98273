"""The command palette (ctrl+p): one entry per console action, in French.

Entries come from ``EntConsoleApp.console_commands`` so that the palette, the
keys and the help stay one list, then each section's main actions
(``palette_actions``). Search ignores accents ("etablissement"
finds "Changer d'établissement").
"""

from __future__ import annotations

import unicodedata

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from entconsole.screens.palette_actions import section_action_commands
from entconsole.screens.rentree import rentree_commands


def _strip_accents(text: str) -> str:
    """Accents removed character by character (same length, for highlights)."""
    out = []
    for char in text:
        bare = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(bare if len(bare) == 1 else char)
    return "".join(out)


class ConsoleCommands(Provider):
    def _commands(self):
        yield from self.app.console_commands(self.screen)  # type: ignore[attr-defined]
        yield from section_action_commands(self.app)
        yield from rentree_commands(self.app)

    async def discover(self) -> Hits:
        for command in self._commands():
            if command.discover:
                yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(_strip_accents(query))
        for command in self._commands():
            score = matcher.match(_strip_accents(command.title))
            if score > 0:
                highlighted = matcher.highlight(_strip_accents(command.title))
                display = Content(command.title, spans=list(highlighted.spans))
                yield Hit(score, display, command.callback, text=command.title, help=command.help)
