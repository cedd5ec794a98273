"""A trimmed demo store for the reliability tests: every table, few users.

The demo's ~1,500 accounts make each reload cost tens of milliseconds; the
concurrency and crash tests do thousands of them, so they keep the demo's
structures, groups, classes, rules and admins and only the first pupils,
parents and staff of each school.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from entconsole.clock import make_clock
from entconsole.models import User
from entconsole.seed.demo import build_demo
from entconsole.store import Store

TODAY = date(2024, 9, 5)
DIRECTOR = "nathalie.vasseur"
ADVISOR = "julien.carpentier"


def write_small_store(path: Path, per_profile: int = 15) -> Path:
    """The demo with at most `per_profile` accounts per school and profile (admins all kept)."""
    data = build_demo(TODAY)
    kept: list = []
    seen: Counter[tuple[str, str]] = Counter()
    for doc in data.docs:
        if isinstance(doc, User) and not doc.is_admin:
            bucket = ((doc.structures or ("",))[0], doc.profile.value)
            seen[bucket] += 1
            if seen[bucket] > per_profile:
                continue
        kept.append(doc)
    Store.create(path, kept, default_admin=data.default_admin, clock=make_clock(TODAY, frozen=True))
    return path
