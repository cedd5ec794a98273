"""The README's screenshots (docs/*.svg) are the snapshot tests' SVGs, byte for byte."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_script():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_screenshots_match_the_snapshots():
    script = load_script()
    assert script.stale() == [], "run: python scripts/screenshots.py"


def test_readme_shows_every_screenshot():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in load_script().SHOTS:
        assert f"docs/{name}" in readme
