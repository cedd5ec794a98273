"""What a service returns after an action: counts and the sentence for the toast."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionResult:
    """`message` is the French sentence shown to the admin and kept in the journal."""

    message: str
    changed: int = 0
    skipped: int = 0
    target_id: str | None = None  # the document created or changed, when one
