"""Snapshots: fixed demo data, fixed day (TODAY), fixed terminal size.

Regenerate after a deliberate change with
``pytest tests/ui/test_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from tests.ui.conftest import SIZE


def test_home_director(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_structure_picker_advisor(snap_compare, make_app, advisor_login):
    assert snap_compare(make_app(advisor_login), terminal_size=SIZE)


def test_help_on_home(snap_compare, make_app):
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=SIZE)
