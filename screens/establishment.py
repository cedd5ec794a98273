"""Section 1, Gérer mon établissement: Informations, Message Flash, Blocage en lot (placeholder until its issue)."""

from __future__ import annotations

from entconsole.screens.section import PlaceholderSection


class EstablishmentSection(PlaceholderSection):
    SECTION_ID = "establishment"
    KEY = "1"
