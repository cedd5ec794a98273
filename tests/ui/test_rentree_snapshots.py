"""Snapshots of La rentrée: the checklist, the share bookmarks step, the year change's dry run.

Fixed demo data, fixed day (TODAY), fixed terminal size. Regenerate after a
deliberate change with
``pytest tests/ui/test_rentree_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from tests.ui.conftest import SIZE


def test_checklist(snap_compare, make_app):
    assert snap_compare(make_app(), press=["7"], terminal_size=SIZE)


def test_bookmarks_step(snap_compare, make_app):
    """Step 5: the stale share bookmarks with why each one is counted, one marked."""
    assert snap_compare(make_app(), press=["7", "down", "down", "down", "down", "enter", "space"], terminal_size=SIZE)


def test_year_change_dry_run(snap_compare, make_app):
    assert snap_compare(make_app(), press=["7", "b"], terminal_size=SIZE)


def test_shares(snap_compare, make_app):
    """What the year change purges (class and teaching groups) and keeps."""
    assert snap_compare(make_app(), press=["7", "p"], terminal_size=SIZE)


def test_bookmarks_screen(snap_compare, make_app):
    """Every bookmark of the school's users, the first one's members with the gone one."""
    assert snap_compare(make_app(), press=["7", "f"], terminal_size=SIZE)
