"""Users of a structure (the Utilisateurs section builds on these)."""

from __future__ import annotations

from collections.abc import Iterator

from entconsole.models import User
from entconsole.store import Store


def structure_users(store: Store, structure_id: str, *, include_removed: bool = False) -> Iterator[User]:
    """Accounts attached to the structure (detached ones only on request)."""
    for user_id in store.ids_by(User, "structure", structure_id):
        user = store.get(User, user_id)
        if user is None:
            continue
        if not include_removed and structure_id not in user.structures:
            continue
        yield user
