"""What a journal entry keeps so that its action can be undone (issue 10).

Captured generically by the store for every transaction: the before-image of
each document the transaction changed (None for a document it created) and a
short hash of each after-image (None for a document it deleted). Undo puts the
before-images back, but only while every document still hashes to its
after-image, i.e. nobody changed them since.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

import orjson

UNDO_FORMAT = 1
# Beyond this many documents an action is not kept for undo (the journal
# would carry a copy of half the store); bulk actions take a named backup.
MAX_UNDO_DOCS = 2000
NOT_CAPTURED = frozenset({"journal"})

# Why an action was recorded without before-images.
SKIPPED_RESTORE = "restore"
SKIPPED_TOO_LARGE = "too_large"


def doc_hash(data: Mapping[str, Any] | None) -> str | None:
    """A short fingerprint of a document's JSON form (key order does not matter)."""
    if data is None:
        return None
    return hashlib.blake2b(orjson.dumps(data, option=orjson.OPT_SORT_KEYS), digest_size=8).hexdigest()


def capture(
    changes: Mapping[tuple[str, str], Any],
    before_of: Callable[[str, str], dict[str, Any] | None],
    after_of: Callable[[Any], dict[str, Any]],
    *,
    irreversible: str | None = None,
    service_data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The `undo` field of a journal entry for `changes` ((table, id) -> doc or None)."""
    data: dict[str, Any] = {"v": UNDO_FORMAT}
    if service_data is not None:
        data["service"] = service_data
    keys = [key for key in changes if key[0] not in NOT_CAPTURED]
    if irreversible is None and len(keys) > MAX_UNDO_DOCS:
        irreversible = SKIPPED_TOO_LARGE
    if irreversible is not None:
        data["skipped"] = irreversible
        data["count"] = len(keys)
        return data
    before: dict[str, dict[str, Any]] = {}
    after: dict[str, dict[str, Any]] = {}
    for table, doc_id in keys:
        doc = changes[(table, doc_id)]
        before.setdefault(table, {})[doc_id] = before_of(table, doc_id)
        after.setdefault(table, {})[doc_id] = None if doc is None else doc_hash(after_of(doc))
    data["before"] = before
    data["after"] = after
    return data
