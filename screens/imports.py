"""Section 5, Imports / Exports: account export, account sheets, CSV import (placeholder until its issue)."""

from __future__ import annotations

from entconsole.screens.section import PlaceholderSection


class ImportsSection(PlaceholderSection):
    SECTION_ID = "imports"
    KEY = "5"
