"""What a journal entry keeps so that its action can be undone (issue 10).

Captured generically by the store for every transaction, for each document
the transaction changed:

- ``before``: how to get the document back as it was: ``None`` if the
  transaction created it, ``{"doc": {...}}`` (the whole document) if it
  deleted it, otherwise ``{"set": {field: old value}, "unset": [fields]}``,
  only the fields that changed (blocking 300 accounts keeps 300 small
  patches, not 300 accounts);
- ``after``: a short hash of the document as the transaction left it
  (``None`` if deleted).

Undo applies the patches to the current documents, but only while every one
still hashes to its ``after``, i.e. nobody changed them since.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

import orjson

UNDO_FORMAT = 2
# Beyond this many documents an action is not kept for undo; bulk actions take
# a named backup before they run, which is the way back for them.
MAX_UNDO_DOCS = 2000
# History an undo never takes back: the journal, and Blocage en lot's "Historique des
# actions" (undoing a mass block adds the opposite line, see services.undo).
NOT_CAPTURED = frozenset({"journal", "block_traces"})

# Why an action was recorded without before-images.
SKIPPED_RESTORE = "restore"
SKIPPED_TOO_LARGE = "too_large"


def doc_hash(data: Mapping[str, Any] | None) -> str | None:
    """A short fingerprint of a document's JSON form (key order does not matter)."""
    if data is None:
        return None
    return hashlib.blake2b(orjson.dumps(data, option=orjson.OPT_SORT_KEYS), digest_size=8).hexdigest()


def patch(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """What turns `after` back into `before`."""
    return {
        "set": {k: v for k, v in before.items() if k not in after or after[k] != v},
        "unset": [k for k in after if k not in before],
    }


def restored(current: Mapping[str, Any], before: Mapping[str, Any]) -> dict[str, Any]:
    """The document as it was, from its current JSON form and its `before` record."""
    if "doc" in before:
        return dict(before["doc"])
    data = {k: v for k, v in current.items() if k not in set(before.get("unset", ()))}
    data.update(before.get("set", {}))
    return data


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
        old = before_of(table, doc_id)
        new = None if doc is None else after_of(doc)
        if old is None:
            record = None
        elif new is None:
            record = {"doc": old}
        else:
            record = patch(old, new)
        before.setdefault(table, {})[doc_id] = record
        after.setdefault(table, {})[doc_id] = doc_hash(new)
    data["before"] = before
    data["after"] = after
    return data
