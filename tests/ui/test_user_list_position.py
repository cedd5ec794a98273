"""Issue 9: the users list finds the account under the cursor in a new result without a Python loop."""

from __future__ import annotations

from entconsole.models import Profile, User
from entconsole.widgets.user_list import _position


def user(n: int) -> User:
    return User(id=f"u{n}", first_name="A", last_name=f"B{n}", display_name=f"B{n} A", profile=Profile.GUEST,
                login=f"a.b{n}", source="MANUAL", creation_date="2024-09-01T00:00:00")


def test_position_at_the_guess_elsewhere_or_gone():
    users = [user(n) for n in range(10)]
    assert _position(users, "u3", 3) == 3
    assert _position(users, "u7", 0) == 7
    assert _position(users, "u7", 99) == 7  # a guess out of range
    assert _position(users, "u42", 2) is None
    assert _position([], "u1", 0) is None
