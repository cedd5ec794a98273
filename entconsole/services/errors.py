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
