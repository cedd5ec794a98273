"""Writing the demo store (first run, `entconsole demo`, tests)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime

from entconsole.seed.demo import build_demo
from entconsole.store import Store


def write_demo(
    path: str | os.PathLike[str],
    today: date,
    *,
    overwrite: bool = False,
    clock: Callable[[], datetime] = datetime.now,
) -> Store:
    """Write the two demo schools, with dates relative to `today`."""
    data = build_demo(today)
    return Store.create(
        path, data.docs, default_admin=data.default_admin, overwrite=overwrite, clock=clock
    )
