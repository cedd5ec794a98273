"""Shared fixtures: a fixed 'today', the demo store written to a temp dir."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from entconsole.clock import make_clock

TODAY = date(2024, 9, 5)  # a few days after the 2024 rentrée: the guide's year


@pytest.fixture
def clock():
    return make_clock(TODAY, frozen=True)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo store, built once; tests copy it (see `demo_path`)."""
    from entconsole.services.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.json"
    write_demo(path, TODAY, clock=make_clock(TODAY, frozen=True))
    return path


@pytest.fixture
def demo_path(demo_template, tmp_path) -> Path:
    """A private copy of the demo store for one test."""
    path = tmp_path / "store.json"
    path.write_bytes(demo_template.read_bytes())
    return path
