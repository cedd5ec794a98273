"""A guard for `check_action` methods that read the screen's widgets."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from textual.css.query import NoMatches


def while_composed(check: Callable[..., bool | None]) -> Callable[..., bool | None]:
    """`check_action` that queries widgets: Textual still asks while a screen is being
    dismissed and its widgets are already gone; no key is shown then, say True."""

    @wraps(check)
    def guarded(self: Any, action: str, parameters: tuple[object, ...]) -> bool | None:
        try:
            return check(self, action, parameters)
        except NoMatches:
            return True

    return guarded
