"""Section 6, Signalements: reported notifications to handle, history (placeholder until its issue)."""

from __future__ import annotations

from entconsole.screens.section import PlaceholderSection


class ReportsSection(PlaceholderSection):
    SECTION_ID = "reports"
    KEY = "6"
