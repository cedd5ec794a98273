"""Seeded draws and user drafts shared by the demo (`seed.demo`) and the generator (`seed.generate`).

Both build a store the same way: one `random.Random` draws the data, another
the ids (so adding data does not reshuffle ids), every date is computed from
`today`, and accounts are first kept as drafts (dicts of User fields, easy to
link to each other) then turned into frozen `User`s at the end. What differs
between the two (names, families, last logins) stays in each builder: the
helpers here draw from `self.rng` exactly as the builders did before sharing
them, so the demo and the generated files keep the very same bytes.
"""

from __future__ import annotations

import random
import string
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from entconsole.models import (
    Level,
    Profile,
    Source,
    User,
    display_name,
    school_year_of,
    school_year_start,
)
from entconsole.services import logins

# Age at 31 December of the school year's first calendar year, per level.
LEVEL_AGE: dict[Level, int] = {
    Level.TPS: 2, Level.PS: 3, Level.MS: 4, Level.GS: 5, Level.CP: 6,
    Level.CE1: 7, Level.CE2: 8, Level.CM1: 9, Level.CM2: 10,
}

# Draft fields that hold lists while linking and tuples in a User.
_LIST_FIELDS = ("structures", "classes", "groups", "relatives", "children", "duplicates")


def make_login(first_name: str, last_name: str, taken: set[str]) -> str:
    """The console's login rule; the result is added to `taken`."""
    login = logins.make_login(first_name, last_name, taken)
    taken.add(login)
    return login


def user_from_draft(draft: dict[str, Any]) -> User:
    """The User of a draft. A pre-deleted account keeps its classes and groups
    in `saved_links` (unless the draft set them) and leaves them meanwhile."""
    data = dict(draft)
    for key in _LIST_FIELDS:
        if key in data:
            data[key] = tuple(data[key])
    if data.get("delete_date"):
        data.setdefault("saved_links", {"classes": data["classes"], "groups": data["groups"]})
        data["classes"], data["groups"] = (), ()
    return User(**data)


class SeededBuilder:
    """Draws from a data seed and an id seed, dates from `today` (07:30 is "now")."""

    def __init__(self, today: date, *, seed: int | str, id_seed: int | str) -> None:
        self.today = today
        self.rng = random.Random(seed)
        self._id_rng = random.Random(id_seed)
        self.now = datetime.combine(today, time(7, 30))
        self.year_start = school_year_start(today)
        self.y = self.year_start.year
        self.year = school_year_of(today)
        self.last_year = f"{self.y - 1}-{self.y}"
        self.logins: set[str] = set()
        self.ines: set[str] = set()

    def new_id(self) -> str:
        return str(uuid.UUID(int=self._id_rng.getrandbits(128), version=4))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def days_ago(self, low: int, high: int) -> datetime:
        return self.now - timedelta(days=self.rng.randint(low, high), minutes=self.rng.randint(0, 600))

    def activation_code(self) -> str:
        return logins.seeded_activation_code(self.rng)

    def unique(self, taken: set[str], draw: Callable[[], str]) -> str:
        """`draw()` again until it gives a value not in `taken`; the value is added to it."""
        while True:
            value = draw()
            if value not in taken:
                taken.add(value)
                return value

    def ine(self) -> str:
        rng = self.rng
        return self.unique(
            self.ines, lambda: f"{rng.randrange(10**10):010d}{rng.choice(string.ascii_uppercase)}"
        )

    def user_draft(
        self, first: str, last: str, profile: Profile, source: Source, structures: Sequence[str],
        created: datetime, *, last_login: datetime | None,
    ) -> dict[str, Any]:
        """A user draft with a fresh id and login: activated (with a quota
        used) when `last_login` is given, else waiting with an activation code."""
        draft: dict[str, Any] = {
            "id": self.new_id(),
            "first_name": first,
            "last_name": last,
            "display_name": display_name(first, last),
            "profile": profile,
            "login": make_login(first, last, self.logins),
            "source": source,
            "structures": list(structures),
            "creation_date": created,
            "classes": [],
            "groups": [],
            "relatives": [],
            "children": [],
        }
        if last_login is not None:
            draft["last_login"] = last_login
            draft["quota_used"] = self.rng.randint(1, 60) * 250_000
        else:
            draft["activation_code"] = self.activation_code()
        if source in (Source.AAF, Source.AAF1D):
            draft["external_id"] = f"{self.rng.randrange(10**7, 10**8)}"
        return draft
