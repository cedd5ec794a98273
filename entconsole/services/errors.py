"""Typed errors raised by services, each carrying a French message."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused action; `message` is shown to the admin as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PermissionDenied(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class InvalidInput(ServiceError):
    """A form refused: `errors` maps each field name to the reason shown beside it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


class NeedsConfirmation(ServiceError):
    """The action is allowed but has a consequence the admin must confirm first.

    The UI shows `message` in a confirmation and calls again with the flag the
    service names (e.g. ``confirm_home=True``).
    """
