"""The main actions of each section, as command palette entries (ctrl+p).

Each entry opens its section with a target the section knows (the same
targets as the Accueil's quick actions: `Section.section_shown`), so the
palette runs exactly what the keys run; the services check the rights.
The titles and help lines are in labels.py (``QP_PALETTE_ACTIONS``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.app import SystemCommand

from entconsole import labels as L


def section_action_commands(app: Any) -> Iterator[SystemCommand]:
    """One entry per (title, help, section, target) of ``L.QP_PALETTE_ACTIONS`` whose section exists."""
    from entconsole.screens.main import SECTION_BY_ID

    if getattr(app, "main_screen", None) is None:
        return
    for title, help_text, section_id, target in L.QP_PALETTE_ACTIONS:
        section = SECTION_BY_ID.get(section_id)
        if section is None:
            continue
        where = L.QP_PALETTE_WHERE.format(section=section.title(), key=app.section_key(section_id))
        yield SystemCommand(title, f"{help_text} · {where}", partial(app.show_section, section_id, target))
