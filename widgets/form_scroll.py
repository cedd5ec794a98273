"""A scrolling column that is no tab stop: Tab goes from field to field, not to the container."""

from __future__ import annotations

from textual.containers import VerticalScroll


class FormScroll(VerticalScroll, can_focus=False):
    """VerticalScroll for forms and panes; scrolls to the focused field on its own."""
