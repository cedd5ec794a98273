"""Section 3, Groupes: automatic and manual groups, communication rules (placeholder until its issue)."""

from __future__ import annotations

from entconsole.screens.section import PlaceholderSection


class GroupsSection(PlaceholderSection):
    SECTION_ID = "groups"
    KEY = "3"
