"""Snapshots of the users list (section 2): the list, the filters panel, marked rows.

Fixed demo data, fixed day (TODAY), fixed terminal size. Regenerate after a
deliberate change with ``pytest tests/ui/test_users_snapshots.py --snapshot-update``
and look at the SVGs.
"""

from __future__ import annotations

from tests.ui.conftest import SIZE


def test_users_list(snap_compare, make_app):
    assert snap_compare(make_app(), press=["2"], terminal_size=SIZE)


def test_users_filters_panel(snap_compare, make_app):
    # Profils > Enseignant ticked, then the Sources category highlighted
    keys = ["2", "f", "enter", "space", "left", *["down"] * 6]
    assert snap_compare(make_app(), press=keys, terminal_size=SIZE)


def test_users_marked_rows(snap_compare, make_app):
    assert snap_compare(make_app(), press=["2", "space", "space", "down", "space"], terminal_size=SIZE)
