"""Persistence: one TinyDB JSON file per store, safe for concurrent sessions.

The file is an ordinary TinyDB document (``{table: {doc_id: document}}``)
written through :class:`AtomicOrjsonStorage`: orjson, a temp file in the same
directory, fsync, ``os.replace``, fsync of the directory. A reader therefore
always sees a whole committed state.

A :class:`Store` keeps every document in memory as a frozen pydantic model,
answers queries from indexes rebuilt on load, and changes the file only
through :meth:`Store.transaction`: a cross-process lock (filelock) is taken,
the file is reloaded if another session wrote it since (its stat fingerprint
changed), the service reads and stages its changes, and one write carries
them with one journal entry and a new revision number.
"""

from __future__ import annotations

import errno
import gc
import os
import threading
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import orjson
import pydantic_core
from filelock import FileLock, Timeout
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.storages import Storage

from entconsole import labels, undo_data
from entconsole.store_file import (
    FILE_ORDER,
    UNPLACED,
    NotLaidOut,
    Part,
    Parts,
    Span,
    doc_start,
    fields_shared,
    read_laid_out,
)
from entconsole.models import (
    META_TABLE,
    MODEL_BY_TABLE,
    SCHEMA_VERSION,
    Doc,
    JournalEntry,
    Meta,
)

D = TypeVar("D", bound=Doc)

LOCK_TIMEOUT = 15.0  # seconds a transaction waits for another session
STALE_TEMP_SECONDS = 60.0  # a temp file this old was left by a killed writer
JOURNAL_TARGETS_KEPT = undo_data.MAX_UNDO_DOCS  # ids a journal entry lists (see _commit)
CHANGES_KEPT = 64  # commits whose changed documents the store remembers (changed_since)


# --------------------------------------------------------------------------- errors


class StoreError(Exception):
    """A store problem with a one-line French message for the admin."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreCorrupt(StoreError):
    pass


class StoreVersionError(StoreError):
    pass


class StoreWriteError(StoreError):
    pass


class StoreBusy(StoreError):
    pass


def _os_detail(exc: OSError) -> str:
    return {
        errno.EACCES: labels.DETAIL_PERMISSION,
        errno.EPERM: labels.DETAIL_PERMISSION,
        errno.ENOENT: labels.DETAIL_NOT_FOUND,
        errno.ENOSPC: labels.DETAIL_NO_SPACE,
        errno.EDQUOT: labels.DETAIL_NO_SPACE,
        errno.EROFS: labels.DETAIL_READ_ONLY,
        errno.EISDIR: labels.DETAIL_IS_DIR,
    }.get(exc.errno or 0, exc.strerror or str(exc))


# --------------------------------------------------------------------------- storage


def atomic_write(path: Path, payload: bytes | Iterable[Part], source: BinaryIO | None = None) -> None:
    """Replace `path` with `payload` so that readers see the old or the new file.

    `payload` is bytes, or parts written in turn: bytes, or (offset, length)
    copied from the `source` file.
    """
    directory = path.parent
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(payload, bytes):
                handle.write(payload)
            else:
                for part in payload:
                    if type(part) is tuple:
                        _copy_range(source, handle, *part)  # type: ignore[arg-type]
                    else:
                        handle.write(part)  # type: ignore[arg-type]
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


COPY_CHUNK = 1 << 24


def _copy_range(source: BinaryIO, target: BinaryIO, offset: int, length: int) -> None:
    """Append `length` bytes of `source` from `offset` to `target`, in the kernel when it can."""
    target.flush()
    src, dst = source.fileno(), target.fileno()
    end = offset + length
    try:
        while offset < end:
            copied = os.copy_file_range(src, dst, end - offset, offset)
            if copied == 0:
                break  # the copy below says what is wrong
            offset += copied
    except (AttributeError, OSError) as exc:  # no copy_file_range here (or not between these files)
        if isinstance(exc, OSError) and exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
            raise
    while offset < end:  # what the kernel did not copy
        chunk = os.pread(src, min(COPY_CHUNK, end - offset), offset)
        if not chunk:
            raise OSError(errno.EIO, labels.DETAIL_NOT_FOUND)
        target.write(chunk)
        offset += len(chunk)


class AtomicOrjsonStorage(Storage):
    """TinyDB storage: orjson, atomic replace, file opened by path on each call.

    For TinyDB's query API on a store file (``open_tinydb``); the store itself
    writes the file laid out one document per line (store_file).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.writes = 0

    def read(self) -> dict[str, dict[str, Any]] | None:
        raw = self.path.read_bytes()
        if not raw.strip():
            return None
        return parse_json(raw)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, orjson.dumps(data))
        self.writes += 1


def parse_json(raw: bytes) -> Any:
    """The store file's JSON, parsed by pydantic-core (jiter).

    Measured on a 100,000-account file (96 MB): 0.6 s and a 324 MB peak,
    against 0.9 s and 647 MB for orjson.loads (which builds a whole parse
    tree of its own first); repeated strings (names, ids, dates) are shared.
    Invalid JSON raises orjson.JSONDecodeError, as orjson would.
    """
    try:
        return pydantic_core.from_json(raw, allow_inf_nan=False, cache_strings="all")
    except ValueError as exc:
        raise orjson.JSONDecodeError(str(exc), "", 0) from exc


def open_tinydb(path: str | os.PathLike[str]) -> TinyDB:
    """A plain TinyDB view of a store file (for ad-hoc queries and tests)."""
    return TinyDB(path, storage=AtomicOrjsonStorage)


# --------------------------------------------------------------------------- indexes


def _keys_structure_id(doc: Any) -> Iterable[str]:
    return (doc.structure_id,)


def _keys_structures(doc: Any) -> Iterable[str]:
    return doc.structures


# table -> index name -> function giving a document's keys in that index
INDEX_SPECS: dict[str, dict[str, Callable[[Any], Iterable[Any]]]] = {
    "users": {
        "profile": lambda u: (u.profile,),
        "structure": lambda u: (*u.structures, *u.removed_from_structures),
        "class": lambda u: u.classes,
        "group": lambda u: u.groups,
        "login": lambda u: (u.login,) if not u.login_alias else (u.login, u.login_alias),
        "external_id": lambda u: (u.external_id,) if u.external_id else (),
    },
    "classes": {"structure": _keys_structure_id},
    "groups": {
        "structure": _keys_structure_id,
        "class": lambda g: (g.class_id,) if g.class_id else (),
    },
    "links": {"source": lambda l: (l.source,), "target": lambda l: (l.target,)},
    "flash_messages": {"structure": _keys_structures},
    "block_traces": {"structure": _keys_structure_id},
    "connectors": {"structure": _keys_structure_id},
    "reports": {"structure": _keys_structures},
    "shares": {"structure": _keys_structure_id, "owner": lambda s: (s.owner_id,)},
    "share_bookmarks": {"owner": lambda b: (b.owner_id,)},
    "journal": {"actor": lambda j: (j.actor,)},
    "keep_marks": {"structure": _keys_structure_id},
}


class Index:
    """key -> set of document ids, kept in step with the documents.

    Built from the table on first use, then kept up to date by commits: a
    load does not pay for indexes nobody asks for (at 100,000 accounts,
    building them all costs about a second). A thread may build it (query
    workers, :meth:`Store.warm_indexes`): a build and a commit's changes to
    the documents and indexes hold the state's lock, so a build never
    misses a change.
    """

    __slots__ = ("keys_of", "_docs", "_map", "_lock")

    def __init__(
        self, keys_of: Callable[[Any], Iterable[Any]], docs: dict[str, Doc], lock: threading.RLock
    ) -> None:
        self.keys_of = keys_of
        self._docs = docs
        self._map: dict[Any, set[str]] | None = None
        self._lock = lock

    @property
    def map(self) -> dict[Any, set[str]]:
        if self._map is None:
            with self._lock:
                if self._map is None:
                    built: dict[Any, set[str]] = defaultdict(set)
                    keys_of = self.keys_of
                    for doc_id, doc in list(self._docs.items()):
                        for key in keys_of(doc):
                            built[key].add(doc_id)
                    self._map = built
        return self._map

    def add(self, doc: Doc) -> None:  # under the state's lock (see Store._commit)
        if self._map is None:
            return  # built from the documents when first used
        for key in self.keys_of(doc):
            self._map[key].add(doc.id)

    def remove(self, doc: Doc) -> None:  # under the state's lock
        if self._map is None:
            return
        for key in self.keys_of(doc):
            ids = self._map.get(key)
            if ids is not None:
                ids.discard(doc.id)
                if not ids:
                    del self._map[key]

    def get(self, key: Any) -> frozenset[str]:
        return frozenset(self.map.get(key, ()))

    def count(self, key: Any) -> int:
        return len(self.map.get(key, ()))


# --------------------------------------------------------------------------- state


class _State:
    """Everything loaded from one revision of the file."""

    def __init__(self, docs: dict[str, dict[str, Doc]] | None = None) -> None:
        self.meta = Meta()
        self.docs: dict[str, dict[str, Doc]] = docs or {t: {} for t in MODEL_BY_TABLE}
        # Each document's TinyDB key and place in the file of this revision, in
        # file order (store_file): a commit copies the unchanged lines from it.
        self.spans: dict[str, dict[str, Span]] = {t: {} for t in MODEL_BY_TABLE}
        self.next_doc_id: dict[str, int] = {t: 1 for t in MODEL_BY_TABLE}
        # (table, id) that differ from the state this one was read after; None: all.
        self.changed: frozenset[tuple[str, str]] | None = None
        self.lock = threading.RLock()  # documents and indexes change together (Index)
        self.indexes: dict[str, dict[str, Index]] = {
            table: {name: Index(fn, self.docs[table], self.lock) for name, fn in specs.items()}
            for table, specs in INDEX_SPECS.items()
        }

    def index_add(self, table: str, doc: Doc) -> None:
        for index in self.indexes.get(table, {}).values():
            index.add(doc)

    def index_remove(self, table: str, doc: Doc) -> None:
        for index in self.indexes.get(table, {}).values():
            index.remove(doc)


def _carry_indexes(previous: _State, state: _State, changed: Iterable[tuple[str, str]]) -> None:
    """Give `state` the indexes `previous` had built, moved for the changed documents
    (copying them costs milliseconds, building them again a second at 100,000 accounts)."""
    with previous.lock:
        for table, indexes in previous.indexes.items():
            for name, old in indexes.items():
                if old._map is not None:
                    new = state.indexes[table][name]
                    new._map = defaultdict(set, {key: set(ids) for key, ids in old._map.items()})
    for table, doc_id in changed:
        indexes = state.indexes.get(table, {})
        gone, now = previous.docs[table].get(doc_id), state.docs[table].get(doc_id)
        for index in indexes.values():
            if gone is not None:
                index.remove(gone)
            if now is not None:
                index.add(now)


def _fingerprint(file: Path | int) -> tuple[int, int, int]:
    """Which version of the file a path (or an open file descriptor) holds."""
    st = os.stat(file)
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _dump_doc(doc: Doc) -> dict[str, Any]:
    return doc.model_dump(mode="json")


def _new_file(meta: Meta, docs: dict[str, dict[str, Doc]]) -> list[Part]:
    """The parts of a laid-out file holding `docs` (TinyDB keys 1, 2, ... per table)."""
    parts = Parts()
    for table in FILE_ORDER[:-1]:
        parts.table(
            table,
            (
                (doc.id, str(n), _file_form(doc))
                for n, doc in enumerate(docs.get(table, {}).values(), 1)
            ),
        )
    return parts.finish(_file_form(meta))


def _file_form(doc: Doc | Meta) -> bytes:
    """The document's JSON as the file holds it."""
    return type(doc).__pydantic_serializer__.to_json(doc)


# --------------------------------------------------------------------------- backups

BACKUPS_KEPT = 20


class Backups:
    """Named copies of a store in ``<file>.backups/``, the newest N kept."""

    def __init__(self, path: Path, keep: int = BACKUPS_KEPT) -> None:
        self.store_path = path
        self.directory = path.with_name(path.name + ".backups")
        self.keep = keep

    def save(self, reason: str, when: datetime) -> Path:
        slug = "".join(c if c.isalnum() else "-" for c in reason.lower()).strip("-")[:40] or "copie"
        name = f"{self.store_path.stem}-{when:%Y%m%d-%H%M%S}-{slug}.json"
        try:
            self.directory.mkdir(exist_ok=True)
            target = self.directory / name
            n = 2
            while target.exists():
                target = self.directory / name.replace(".json", f"-{n}.json")
                n += 1
            with open(self.store_path, "rb") as source:  # copied by the kernel, not read into memory
                atomic_write(target, [(0, os.fstat(source.fileno()).st_size)], source)
        except OSError as exc:
            raise StoreWriteError(
                labels.STORE_BACKUP_FAILED.format(path=self.directory, detail=_os_detail(exc))
            ) from exc
        self._prune()
        return target

    def list(self) -> list[Path]:
        """Backups, newest first."""
        if not self.directory.is_dir():
            return []
        found = [p for p in self.directory.glob("*.json") if p.is_file()]
        return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)

    def find(self, name: str) -> Path | None:
        for path in self.list():
            if path.name == name or path.stem == name:
                return path
        return None

    def _prune(self) -> None:
        for old in self.list()[self.keep :]:
            try:
                old.unlink()
            except OSError:
                pass


# --------------------------------------------------------------------------- store


class Store:
    """An open store file. Reads come from memory; writes go through transactions."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.path = Path(path).expanduser().resolve()
        self.clock = clock
        self._writes = 0
        # True while this session runs a transaction (a worker thread may): its own
        # write must not be read back as another session's (see apply).
        self.writing = False
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)
        self.backups = Backups(self.path)
        self._temps_checked = False  # see _remove_stale_temps
        self._fingerprint: tuple[int, int, int] | None = None
        self._state = _State()
        self._derived: dict[str, dict[str, tuple[Doc, Any]]] = {}
        # Bumped whenever the documents in memory change (commit or reload):
        # caches built over many documents compare it to know they are stale.
        self.generation = 0
        # generation -> the (table, id) a commit changed to reach it; None for
        # a load (anything may have changed). Lets caches update in place.
        self._changed: dict[int, frozenset[tuple[str, str]] | None] = {}
        self.caches: dict[Any, Any] = {}  # owned by services, keyed as they like
        # Listeners called after this session loads another session's changes.
        self.on_reload: list[Callable[[], None]] = []
        if not self.path.exists():
            if not create:
                raise StoreError(
                    labels.STORE_UNREADABLE.format(
                        path=self.path, detail=labels.DETAIL_NOT_FOUND
                    )
                )
            self._create_empty()
        self._load()

    # ---- creation

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        docs: Iterable[Doc],
        *,
        default_admin: str | None = None,
        overwrite: bool = False,
        clock: Callable[[], datetime] = datetime.now,
    ) -> "Store":
        """Write a new store holding `docs` (the demo, a generated store...)."""
        target = Path(path).expanduser().resolve()
        if target.exists() and not overwrite:
            raise StoreError(labels.STORE_EXISTS.format(path=target))
        by_table: dict[str, dict[str, Doc]] = {t: {} for t in MODEL_BY_TABLE}
        for doc in docs:
            table = doc.TABLE
            if doc.id in by_table[table]:
                raise ValueError(f"duplicate id {doc.id} in {table}")
            by_table[table][doc.id] = doc
        meta = Meta(default_admin=default_admin, created=clock(), revision=1)
        cls._write_payload(target, _new_file(meta, by_table), creating=True)
        return cls(target, create=False, clock=clock)

    def _create_empty(self) -> None:
        meta = Meta(created=self.clock())
        self._write_payload(self.path, _new_file(meta, {}), creating=True)

    @staticmethod
    def _write_payload(
        path: Path, payload: bytes | list[Part], *, creating: bool = False
    ) -> None:
        try:
            atomic_write(path, payload)
        except OSError as exc:
            template = labels.STORE_CANNOT_CREATE if creating else labels.STORE_WRITE_FAILED
            raise StoreWriteError(
                template.format(path=path, detail=_os_detail(exc))
            ) from exc

    # ---- loading

    def _load(self, previous: _State | None = None) -> None:
        self._install(*self._read_state(previous))

    def _read_state(self, previous: _State | None = None) -> tuple[_State, tuple[int, int, int]]:
        """Read and parse the file without touching this session (a thread may call it).

        With `previous`, documents whose stored form did not change keep their
        model (no validation again) and the state lists what changed.
        """
        # Loading allocates millions of objects and frees none: collections
        # meanwhile would only walk them again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with open(self.path, "rb") as handle:
                fingerprint = _fingerprint(handle.fileno())  # the file read, even if replaced meanwhile
                try:
                    state = self._read_laid_out(handle, previous)
                except NotLaidOut:
                    handle.seek(0)
                    raw = handle.read()
                    parsed = parse_json(raw) if raw.strip() else None
                    state = self._parse(
                        parsed or {META_TABLE: {"1": Meta().model_dump(mode="json")}}, previous=previous
                    )
        except FileNotFoundError as exc:
            raise StoreError(labels.STORE_VANISHED.format(path=self.path)) from exc
        except OSError as exc:
            raise StoreError(
                labels.STORE_UNREADABLE.format(path=self.path, detail=_os_detail(exc))
            ) from exc
        except orjson.JSONDecodeError as exc:
            raise StoreCorrupt(
                labels.STORE_CORRUPT.format(path=self.path, detail=labels.DETAIL_BAD_JSON)
            ) from exc
        finally:
            if collecting:
                gc.enable()
        return state, fingerprint

    @staticmethod
    def _read_laid_out(handle: Any, previous: _State | None) -> _State:
        read = read_laid_out(
            handle,
            previous.docs if previous is not None else None,
            previous.spans if previous is not None else None,
        )
        state = _State(read.docs)
        state.meta = read.meta  # type: ignore[assignment]  # checked by read_laid_out
        state.spans, state.next_doc_id = read.spans, read.next_doc_id
        if previous is not None:
            state.changed = frozenset(read.changed)
            _carry_indexes(previous, state, state.changed)
        return state

    def _install(self, state: _State, fingerprint: tuple[int, int, int]) -> None:
        self._state = state
        self._fingerprint = fingerprint
        if state.changed is None:
            self._derived = {}  # (kept otherwise: entries are checked by identity)
        self._bump(state.changed)
        if state.changed is None:
            # The documents live until the next load: keep the cyclic garbage
            # collector from walking them on every later collection. (After a
            # reload that kept the unchanged documents, few objects are new:
            # not freezing then keeps the app's own garbage collectable.)
            gc.freeze()

    def _parse(self, raw: Any, path: Path | None = None, previous: _State | None = None) -> _State:
        path = path or self.path  # the file named in messages
        not_a_store = StoreCorrupt(
            labels.STORE_CORRUPT.format(path=path, detail=labels.DETAIL_NOT_A_STORE)
        )
        if not isinstance(raw, dict) or not isinstance(raw.get(META_TABLE), dict):
            raise not_a_store
        meta_docs = list(raw[META_TABLE].values())
        if len(meta_docs) != 1 or not isinstance(meta_docs[0], dict):
            raise not_a_store
        version = meta_docs[0].get("version")
        if version != SCHEMA_VERSION:
            raise StoreVersionError(
                labels.STORE_VERSION.format(
                    path=path, found=version, expected=SCHEMA_VERSION
                )
            )
        unknown = set(raw) - set(MODEL_BY_TABLE) - {META_TABLE}
        if unknown:
            raise StoreCorrupt(
                labels.STORE_CORRUPT.format(
                    path=path,
                    detail=f"{labels.DETAIL_NOT_A_STORE} : {', '.join(sorted(unknown))}",
                )
            )
        state = _State()
        changed: set[tuple[str, str]] = set()
        try:
            state.meta = Meta.model_validate(meta_docs[0])
        except ValidationError as exc:
            raise not_a_store from exc
        for table, model in MODEL_BY_TABLE.items():
            table_raw = raw.get(table, {})
            if not isinstance(table_raw, dict):
                raise not_a_store
            docs, spans = state.docs[table], state.spans[table]
            highest = 0
            # Every loaded document has every field set: one shared set
            # instead of one per document (2 kB each, 200 MB at 100,000 accounts).
            all_fields = set(model.model_fields)
            old_docs = previous.docs[table] if previous is not None else {}
            for doc_id, data in table_raw.items():
                try:
                    doc = fields_shared(model.model_validate(data), all_fields)
                except ValidationError as exc:
                    first = exc.errors()[0]
                    where = ".".join(str(p) for p in first.get("loc", ()))
                    raise StoreCorrupt(
                        labels.STORE_INVALID_DOC.format(
                            path=path,
                            table=table,
                            doc=doc_id,
                            detail=f"{where} : {first.get('msg')}",
                        )
                    ) from exc
                if doc.id in docs:
                    raise StoreCorrupt(
                        labels.STORE_INVALID_DOC.format(
                            path=path, table=table, doc=doc_id, detail="id en double"
                        )
                    )
                if previous is not None:
                    before = old_docs.get(doc.id)
                    if before is not None and before == doc:
                        doc = before  # unchanged: keep its model (caches check identity)
                    else:
                        changed.add((table, doc.id))
                docs[doc.id] = doc
                spans[doc.id] = (doc_id, UNPLACED, UNPLACED, 0)
                if doc_id.isdigit():
                    highest = max(highest, int(doc_id))
            state.next_doc_id[table] = highest + 1
            if previous is not None:
                changed.update((table, gone) for gone in previous.docs[table].keys() - docs.keys())
        state.changed = frozenset(changed) if previous is not None else None
        if previous is not None:
            _carry_indexes(previous, state, state.changed)
        return state

    # ---- reading

    @property
    def meta(self) -> Meta:
        return self._state.meta

    @property
    def revision(self) -> int:
        return self._state.meta.revision

    def get(self, model: type[D], doc_id: str | None) -> D | None:
        if doc_id is None:
            return None
        return self._state.docs[model.TABLE].get(doc_id)  # type: ignore[return-value]

    def all(self, model: type[D]) -> Iterator[D]:
        return iter(self._state.docs[model.TABLE].values())  # type: ignore[arg-type]

    def count(self, model: type[D]) -> int:
        return len(self._state.docs[model.TABLE])

    def ids_by(self, model: type[Doc], index: str, key: Any) -> frozenset[str]:
        """Ids of `model` documents whose `index` keys include `key`."""
        return self._state.indexes[model.TABLE][index].get(key)

    def warm_indexes(self, tables: Iterable[str] = ("users",)) -> None:
        """Build these tables' indexes now rather than at their first use (thread-safe)."""
        state = self._state
        for table in tables:
            for index in state.indexes.get(table, {}).values():
                index.map  # noqa: B018  (built on access)

    def count_by(self, model: type[Doc], index: str, key: Any) -> int:
        """len(ids_by(...)) without copying the ids."""
        return self._state.indexes[model.TABLE][index].count(key)

    def find(self, model: type[D], index: str, key: Any) -> list[D]:
        docs = self._state.docs[model.TABLE]
        return [docs[i] for i in self.ids_by(model, index, key)]  # type: ignore[misc]

    def index_keys(self, model: type[Doc], index: str) -> list[Any]:
        return list(self._state.indexes[model.TABLE][index].map)

    def _bump(self, changed: frozenset[tuple[str, str]] | None) -> None:
        self.generation += 1
        self._changed[self.generation] = changed
        self._changed.pop(self.generation - CHANGES_KEPT, None)

    def changed_since(self, generation: int) -> set[tuple[str, str]] | None:
        """The (table, id) changed after `generation`, or None when unknown (a load)."""
        found: set[tuple[str, str]] = set()
        for g in range(generation + 1, self.generation + 1):
            changed = self._changed.get(g)
            if changed is None:
                return None
            found |= changed
        return found

    def derived(self, name: str, doc: D, compute: Callable[[D], Any]) -> Any:
        """`compute(doc)`, cached until the document changes (e.g. folded names).

        Documents are frozen and replaced on change, so identity tells whether
        the cached value is still the document's.
        """
        cache = self._derived.setdefault(name, {})
        hit = cache.get(doc.id)
        if hit is not None and hit[0] is doc:
            return hit[1]
        value = compute(doc)
        cache[doc.id] = (doc, value)
        return value

    # ---- staying current

    def changed_on_disk(self) -> bool:
        try:
            return _fingerprint(self.path) != self._fingerprint
        except FileNotFoundError:
            return True

    def refresh(self) -> bool:
        """Load another session's changes if the file changed; True if it did."""
        if not self.changed_on_disk():
            return False
        self._load(self._state)
        for listener in list(self.on_reload):
            listener()
        return True

    def read_changes(self) -> "Reloaded | None":
        """Another session's changes, read and parsed but not applied (None: none).

        Safe in a thread while this session reads: it only reads the file
        and the current state; :meth:`apply` installs the result.
        """
        if not self.changed_on_disk():
            return None
        state, fingerprint = self._read_state(self._state)
        return Reloaded(state, fingerprint, self._state)

    def apply(self, reloaded: "Reloaded") -> bool:
        """Install what :meth:`read_changes` read, unless this session moved meanwhile."""
        if (
            self.writing
            or reloaded.base is not self._state
            or reloaded.fingerprint == self._fingerprint
            or reloaded.state.meta.revision <= self.revision
        ):
            return False  # a commit or a refresh came first: the next poll reads again
        self._install(reloaded.state, reloaded.fingerprint)
        for listener in list(self.on_reload):
            listener()
        return True

    # ---- writing

    @contextmanager
    def transaction(
        self,
        actor: str,
        action: str,
        *,
        structure_id: str | None = None,
    ) -> Iterator["Transaction"]:
        """One user action: lock, reload if stale, stage changes, one write.

        The block reads through the transaction (it sees its own staged
        changes) and must call :meth:`Transaction.journal` before staging is
        committed. An exception in the block discards everything staged.
        """
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise StoreBusy(
                labels.STORE_BUSY.format(path=self.path, seconds=int(LOCK_TIMEOUT))
            ) from exc
        except OSError as exc:
            raise StoreWriteError(
                labels.STORE_WRITE_FAILED.format(path=self.path, detail=_os_detail(exc))
            ) from exc
        self.writing = True
        try:
            if not self._temps_checked:
                self._remove_stale_temps()
            self.refresh()
            tx = Transaction(self, actor, action, structure_id)
            yield tx
            if tx.changes or tx.entry_summary is not None:
                self._commit(tx)
        finally:
            self.writing = False
            self._lock.release()

    def _open_file_of_state(self) -> BinaryIO | None:
        """The file as this session last read or wrote it, or None if it changed since
        (the lock is held: only a writer ignoring it, like `demo --force`, could)."""
        try:
            handle = open(self.path, "rb")
        except OSError:
            return None
        if _fingerprint(handle.fileno()) != self._fingerprint:
            handle.close()
            return None
        return handle

    def _remove_stale_temps(self) -> None:
        """Delete temp files left by a writer killed mid-write (once per session, lock held).

        Only committing sessions write this store's temp files, under the lock;
        the age check spares one being written by `entconsole demo --force`.
        """
        self._temps_checked = True
        cutoff = time.time() - STALE_TEMP_SECONDS
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()
            except OSError:
                pass  # not ours to fight over: the write itself reports real problems

    def _commit(self, tx: "Transaction") -> None:
        if tx.entry_summary is None:
            raise RuntimeError(f"transaction {tx.action} staged changes without a journal entry")
        # The file this state was read from or written as: unchanged lines are copied from it.
        old = self._open_file_of_state()
        try:
            self._commit_from(tx, old)
        finally:
            if old is not None:
                old.close()

    def _commit_from(self, tx: "Transaction", old: BinaryIO | None) -> None:
        state = self._state
        now = self.clock()
        revision = state.meta.revision + 1

        def before_of(table: str, doc_id: str) -> dict[str, Any] | None:
            span = state.spans[table].get(doc_id)
            if span is None:
                return None
            if old is not None and span[1] != UNPLACED:
                start = doc_start(span)
                return orjson.loads(os.pread(old.fileno(), span[2] - start, start))
            return _dump_doc(state.docs[table][doc_id])

        entry = JournalEntry(
            when=now,
            actor=tx.actor,
            action=tx.action,
            structure_id=tx.structure_id,
            # the first ids only: a mass block of 35,000 pupils would keep 1.4 MB of ids
            # in the file, read at every load, that nothing needs (count keeps the total)
            targets=tuple(tx.entry_targets[:JOURNAL_TARGETS_KEPT]),
            count=tx.entry_count if tx.entry_count is not None else len(tx.entry_targets),
            summary=tx.entry_summary,
            revision=revision,
            undo=undo_data.capture(
                tx.changes,
                before_of,
                _dump_doc,
                irreversible=tx.irreversible,
                service_data=tx.entry_undo,
            ),
        )
        changes: dict[tuple[str, str], Doc | None] = dict(tx.changes)
        changes[(JournalEntry.TABLE, entry.id)] = entry
        meta = state.meta.model_copy(update={"revision": revision})

        # Build the file without touching the live state, so a failed
        # write leaves this session exactly as it was.
        by_table: dict[str, dict[str, Doc | None]] = defaultdict(dict)
        for (table, doc_id), doc in changes.items():
            by_table[table][doc_id] = doc
        next_doc_id = dict(state.next_doc_id)
        forms = tx.forms

        def new_key(table: str) -> str:
            next_doc_id[table] += 1
            return str(next_doc_id[table] - 1)

        def rows(table: str) -> Iterator[tuple[str, str, Any]]:
            spans, docs, mine = state.spans[table], state.docs[table], by_table.get(table, {})
            for doc_id, span in spans.items():
                key = span[0]
                if doc_id in mine:
                    doc = mine[doc_id]
                    if doc is None:
                        continue
                    source: Any = forms.get((table, doc_id)) or _file_form(doc)
                elif old is not None and span[1] != UNPLACED:
                    source = span
                else:  # read by the general parser, or the file changed under us
                    source = _file_form(docs[doc_id])
                if span[1] == UNPLACED and not (key.isascii() and key.isdigit()):
                    key = new_key(table)  # a key another writer chose: ours are numbers
                yield doc_id, key, source
            for doc_id, doc in mine.items():
                if doc is not None and doc_id not in spans:
                    yield doc_id, new_key(table), forms.get((table, doc_id)) or _file_form(doc)

        parts = Parts()
        new_spans = {table: parts.table(table, rows(table)) for table in FILE_ORDER[:-1]}
        payload = parts.finish(_file_form(meta))
        try:
            atomic_write(self.path, payload, old)
        except OSError as exc:
            raise StoreWriteError(
                labels.STORE_WRITE_FAILED.format(path=self.path, detail=_os_detail(exc))
            ) from exc
        self._writes += 1
        # The file holds the new revision: bring memory in step.
        self._fingerprint = _fingerprint(self.path)
        with state.lock:
            for (table, doc_id), doc in changes.items():
                previous = state.docs[table].get(doc_id)
                if previous is not None:
                    state.index_remove(table, previous)
                if doc is None:
                    state.docs[table].pop(doc_id, None)
                else:
                    state.docs[table][doc_id] = doc
                    state.index_add(table, doc)
        state.spans = new_spans
        state.next_doc_id = next_doc_id
        state.meta = meta
        self._bump(frozenset(changes))
        tx.committed_entry = entry

    # Tables a restore leaves as they are: what happened, and what was sent,
    # stays history even when the data goes back.
    KEPT_BY_RESTORE = frozenset({JournalEntry.TABLE, "outbox"})

    def restore(self, backup: Path, actor: str, summary: str) -> Transaction:
        """Put the store back to a backup, in one journaled transaction.

        A backup of the current state is taken first; the revision keeps
        increasing, so other sessions reload.
        """
        try:
            raw = parse_json(Path(backup).read_bytes())
        except (OSError, orjson.JSONDecodeError) as exc:
            raise StoreCorrupt(
                labels.STORE_CORRUPT.format(path=backup, detail=labels.DETAIL_BAD_JSON)
            ) from exc
        restored = self._parse(raw, Path(backup))
        with self.transaction(actor, "store.restore") as tx:
            tx.irreversible = undo_data.SKIPPED_RESTORE  # undone by another restore
            tx.backup("avant-restauration")
            for table, current in self._state.docs.items():
                if table in self.KEPT_BY_RESTORE:
                    continue
                wanted = restored.docs[table]
                for doc_id in current.keys() - wanted.keys():
                    tx.changes[(table, doc_id)] = None
                for doc_id, doc in wanted.items():
                    if current.get(doc_id) != doc:
                        tx.changes[(table, doc_id)] = doc
            tx.journal(summary, count=len(tx.changes))
        return tx

    @property
    def write_count(self) -> int:
        """Writes this session made to the file (tests check one per action)."""
        return self._writes


@dataclass(frozen=True)
class Reloaded:
    """A newer revision of the file, parsed off the UI thread (see Store.read_changes)."""

    state: _State
    fingerprint: tuple[int, int, int]
    base: _State  # the state it was compared with: stale if the session moved since


class Transaction:
    """Changes staged by one user action; see :meth:`Store.transaction`."""

    def __init__(self, store: Store, actor: str, action: str, structure_id: str | None) -> None:
        self.store = store
        self.actor = actor
        self.action = action
        self.structure_id = structure_id
        self.changes: dict[tuple[str, str], Doc | None] = {}
        self.forms: dict[tuple[str, str], bytes] = {}  # the JSON put() validated, for the write
        self.entry_summary: str | None = None
        self.entry_targets: list[str] = []
        self.entry_count: int | None = None
        self.entry_undo: dict[str, Any] | None = None
        # Set when the action keeps no before-images (see undo_data).
        self.irreversible: str | None = None
        self.committed_entry: JournalEntry | None = None
        self.backup_path: Path | None = None

    @property
    def now(self) -> datetime:
        return self.store.clock()

    def get(self, model: type[D], doc_id: str | None) -> D | None:
        if doc_id is None:
            return None
        key = (model.TABLE, doc_id)
        if key in self.changes:
            return self.changes[key]  # type: ignore[return-value]
        return self.store.get(model, doc_id)

    def put(self, doc: D) -> D:
        """Stage a new or changed document; it is validated as the file will hold it
        (which catches what model_copy lets through)."""
        data = _file_form(doc)
        checked = type(doc).model_validate_json(data)
        key = (checked.TABLE, checked.id)
        self.changes[key] = checked
        self.forms[key] = data
        return checked

    def delete(self, model: type[Doc], doc_id: str) -> None:
        self.changes[(model.TABLE, doc_id)] = None
        self.forms.pop((model.TABLE, doc_id), None)

    def backup(self, reason: str) -> Path:
        """Copy the store as it is now (before this action) to a named backup.

        Called by bulk and destructive actions before they stage anything
        irreversible; the copy is the committed file this transaction started
        from (the lock is held, so it cannot change meanwhile).
        """
        self.backup_path = self.store.backups.save(reason, self.now)
        return self.backup_path

    def journal(
        self,
        summary: str,
        *,
        targets: Iterable[str] = (),
        count: int | None = None,
        undo: dict[str, Any] | None = None,
    ) -> None:
        """Describe the action for the journal (exactly one entry per transaction)."""
        self.entry_summary = summary
        self.entry_targets = list(targets)
        self.entry_count = count
        self.entry_undo = undo
