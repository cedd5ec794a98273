"""Snapshots of Imports / Exports: the export tab and the import's intermediate report.

Fixed demo data, fixed day (TODAY), fixed terminal size; the import file is
read from a relative path so that no temp folder name reaches the picture.
Regenerate after a deliberate change with
``pytest tests/ui/test_imports_exports_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from tests.ui.conftest import SIZE

ELEVES = "prénom,NOM,date de naissance,classe\r\nZoé,Zanzibar,12/03/2016,CM1 A\r\n" \
         "Léo,Zanzibar,31/02/2016,CM1 A\r\nAna,Zanzibar,2016-01-01,CM9 Z\r\n,Sans prénom,,\r\n"


def test_export_tab(snap_compare, make_app):
    assert snap_compare(make_app(), press=["5"], terminal_size=SIZE)


def test_import_intermediate_report(snap_compare, make_app, tmp_path, monkeypatch):
    (tmp_path / "eleves.csv").write_bytes(ELEVES.encode("cp1252"))
    monkeypatch.chdir(tmp_path)

    async def open_rejected(pilot):
        await pilot.press("5", "i", *"eleves.csv", "enter")
        await pilot.pause()
        pilot.app.screen.query_one("#imp-sec-rejected CollapsibleTitle").focus()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=open_rejected, terminal_size=SIZE)
