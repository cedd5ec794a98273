"""Layering rules that code review alone would let slip."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = [
    ROOT / "entconsole" / name
    for name in ("models.py", "store.py", "labels.py", "text.py", "clock.py")
] + sorted((ROOT / "entconsole" / "services").glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_textual_or_the_ui():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path)
            if m.split(".")[0] in {"textual", "rich"}
            or m.startswith(("entconsole.screens", "entconsole.widgets", "entconsole.app"))
        )
        for path in CORE
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_core_import_does_not_load_textual():
    code = (
        "import sys, entconsole.store, entconsole.services.session, entconsole.services.home;"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_one_top_level_import_name():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["setuptools"]["packages"]
    assert {p.split(".")[0] for p in packages} == {"entconsole"}
    mapping = config["tool"]["setuptools"]["package-dir"]
    assert mapping["entconsole.screens"] == "screens"
    assert mapping["entconsole.widgets"] == "widgets"
