"""Snapshots of Services (section 4) and Signalements (section 6): each tab and the dialogs.

Fixed demo data, fixed day (TODAY), fixed terminal size; only screens before
any action (decisions carry the time of day). Regenerate after a deliberate
change with ``pytest tests/ui/test_services_reports_snapshots.py --snapshot-update``
and look at the SVGs.
"""

from __future__ import annotations

from tests.ui.conftest import SIZE

NEXT_TAB = "greater_than_sign"


def test_services_applications(snap_compare, make_app):
    # "Mur collaboratif": a role held by no group
    assert snap_compare(make_app(), press=["4", "end", "enter"], terminal_size=SIZE)


def test_services_group_picker(snap_compare, make_app):
    assert snap_compare(make_app(), press=["4", "enter", "a", *"cm1"], terminal_size=SIZE)


def test_services_connectors_locked(snap_compare, make_app):
    assert snap_compare(make_app(), press=["4", NEXT_TAB, "down", "down"], terminal_size=SIZE)


def test_services_connector_form_refused(snap_compare, make_app):
    keys = ["4", NEXT_TAB, "n", *"x", "tab", "tab", *"exemple.fr", "enter"]
    assert snap_compare(make_app(), press=keys, terminal_size=SIZE)


def test_services_widgets(snap_compare, make_app):
    assert snap_compare(make_app(), press=["4", NEXT_TAB, NEXT_TAB], terminal_size=SIZE)


def test_reports_pending(snap_compare, make_app):
    assert snap_compare(make_app(), press=["6"], terminal_size=SIZE)


def test_reports_history(snap_compare, make_app):
    assert snap_compare(make_app(), press=["6", NEXT_TAB], terminal_size=SIZE)


def test_reports_treatment_dialog(snap_compare, make_app):
    assert snap_compare(make_app(), press=["6", "enter"], terminal_size=SIZE)


def test_reports_block_author_dialog(snap_compare, make_app):
    assert snap_compare(make_app(), press=["6", "b"], terminal_size=SIZE)
