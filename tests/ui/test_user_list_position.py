"""Issue 9: the users list finds the account under the cursor in a new result without a scan."""

from __future__ import annotations

import random

from entconsole.models import Profile, User
from entconsole.services.users import SortKey, order_key
from entconsole.widgets.user_list import _position

PROFILES = list(Profile)


def user(n: int) -> User:
    return User(id=f"u{n:03d}", first_name=random.Random(n).choice(["Anne", "Éloïse", "Zoé"]),
                last_name=random.Random(n + 1).choice(["Martin", "Lefèvre", "Le Gall", "Abadie"]),
                display_name="x", profile=PROFILES[n % 5], login=f"u{n}", source="MANUAL",
                creation_date="2024-09-01T00:00:00")


def test_position_in_every_order():
    everyone = [user(n) for n in range(60)]
    for sort in SortKey:
        for descending in (False, True):
            ordered = sorted(everyone, key=order_key(sort), reverse=descending)
            shown = ordered[::2]  # a filtered result, same order
            for wanted in everyone:
                expected = shown.index(wanted) if wanted in shown else None
                assert _position(shown, wanted, 0, sort, descending) == expected


def test_position_at_the_guess_or_by_scan_without_order():
    users = [user(n) for n in range(10)]
    assert _position(users, users[3], 3) == 3
    assert _position(users, users[7], 0) == 7
    assert _position(users, users[7], 99) == 7  # a guess out of range
    assert _position(users[:5], users[8], 2) is None
    assert _position([], users[1], 0, SortKey.NAME) is None
