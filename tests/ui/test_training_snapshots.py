"""Snapshots of training mode: the progress panel, with and without the hint (fixed day, size)."""

from __future__ import annotations

from entconsole.screens.training import TrainingApp
from entconsole.training.sandbox import open_sandbox
from entconsole.training.scenarios import find_scenario
from tests.ui.conftest import SIZE


def training_app(tmp_path, scenario_id: str) -> TrainingApp:
    sandbox, _ = open_sandbox(tmp_path, find_scenario(scenario_id), "stagiaire")
    return TrainingApp(sandbox)  # no notice: it would show the temp path


def test_training_panel_on_home(snap_compare, tmp_path):
    assert snap_compare(training_app(tmp_path, "rentree-2024"), terminal_size=SIZE)


def test_training_panel_hint_in_users(snap_compare, tmp_path):
    assert snap_compare(training_app(tmp_path, "rentree-2024"), press=["2", "f9"], terminal_size=SIZE)


def test_training_steps_overview(snap_compare, tmp_path):
    assert snap_compare(training_app(tmp_path, "comptes-manuels"), press=["f8"], terminal_size=SIZE)
