"""Snapshots of Gérer mon établissement: the three tabs and the flash form with its preview.

Fixed demo data, fixed day (TODAY), fixed terminal size. Regenerate after a
deliberate change with
``pytest tests/ui/test_establishment_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import TODAY
from tests.ui.conftest import SIZE


def test_informations_tab(snap_compare, make_app):
    assert snap_compare(make_app(), press=["1"], terminal_size=SIZE)


def test_flash_tab(snap_compare, make_app):
    assert snap_compare(make_app(), press=["1", "m"], terminal_size=SIZE)


def test_mass_block_tab(snap_compare, make_app):
    assert snap_compare(make_app(), press=["1", "b"], terminal_size=SIZE)


def test_flash_form_with_preview(snap_compare, make_app):
    end = (TODAY + timedelta(days=8)).strftime("%d/%m/%Y")
    keys = [
        "1", "m", "n",
        *"Kermesse", "tab", "tab", *end,  # title, end date (start: today)
        "tab", "down", "down", "space",  # Parent
        "tab", "right", "right", "enter",  # green
        "tab", "tab", "tab", "tab",  # mail, mobile, language, message
        *"La kermesse aura lieu samedi 14 septembre dans la cour, de 10 h à 16 h.",
    ]
    assert snap_compare(make_app(), press=keys, terminal_size=SIZE)
