"""The generated stores the bench runs on: made once per size and seed, then reused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import platformdirs

from entconsole.seed.generate import GENERATOR_VERSION, write_generated


def default_directory() -> Path:
    return platformdirs.user_cache_path("entconsole", appauthor=False) / "bench"


def store_path(directory: Path, users: int, seed: int, structures: int) -> Path:
    return directory / f"users-{users}-structures-{structures}-seed-{seed}-v{GENERATOR_VERSION}.json"


def ensure_store(
    directory: Path, users: int, seed: int, structures: int, say: Callable[[str], None]
) -> Path:
    """The cached store for these arguments, generated when missing."""
    path = store_path(directory, users, seed, structures)
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        say(f"generate {users} -> {path}")
        partial = path.with_suffix(".partial.json")
        partial.unlink(missing_ok=True)
        write_generated(partial, users, seed=seed, structures=structures, overwrite=True)
        partial.replace(path)
    return path
