"""Section 2, Utilisateurs: list, filters, user card, account actions (placeholder until its issue)."""

from __future__ import annotations

from entconsole.screens.section import PlaceholderSection


class UsersSection(PlaceholderSection):
    SECTION_ID = "users"
    KEY = "2"
