"""Section 4, Services: applications, connectors, widgets (placeholder until its issue)."""

from __future__ import annotations

from entconsole.screens.section import PlaceholderSection


class ServicesSection(PlaceholderSection):
    SECTION_ID = "services"
    KEY = "4"
