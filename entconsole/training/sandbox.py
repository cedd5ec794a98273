"""Per-trainee sandboxes: DIR/<scenario>/<trainee>/ holds a private store.

Each sandbox has its own store file (`store.json`, its backups beside it),
the scenario text it was made from (`scenario.toml`, so that the trainer's
report reads the same checks even for a scenario file given by path) and
`sandbox.json` (who, which scenario, when). Two trainees never share a file,
so one's actions can never reach the other's console.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson
import platformdirs
from filelock import FileLock

from entconsole import labels as L
from entconsole.models import JournalEntry
from entconsole.store import Store, StoreError
from entconsole.text import fold
from entconsole.training.progress import Progress, progress
from entconsole.training.scenarios import Scenario, ScenarioError, parse_scenario
from entconsole.training.setup import SETUP_ACTOR, build_start

STORE_FILE = "store.json"
SCENARIO_FILE = "scenario.toml"
META_FILE = "sandbox.json"

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def default_root() -> Path:
    return platformdirs.user_data_path("entconsole", appauthor=False) / "formation"


def trainee_slug(name: str) -> str:
    """A folder name for a trainee: "Élise Müller" -> "elise-muller"."""
    slug = _SLUG_RE.sub("-", fold(name)).strip("-")
    if not slug:
        raise ScenarioError(L.TRAIN_BAD_TRAINEE.format(name=name))
    return slug[:64]


@dataclass(frozen=True)
class Sandbox:
    path: Path
    trainee: str
    scenario: Scenario

    @property
    def store_path(self) -> Path:
        return self.path / STORE_FILE


def open_sandbox(root: Path, scenario: Scenario, trainee: str, *, reset: bool = False) -> tuple[Sandbox, bool]:
    """The trainee's sandbox for `scenario`, made if needed; (sandbox, created).

    An existing sandbox is resumed as it is; `reset` throws it away first.
    """
    path = Path(root) / scenario.id / trainee_slug(trainee)
    sandbox = Sandbox(path, trainee, scenario)
    path.parent.mkdir(parents=True, exist_ok=True)
    # two consoles started at once for the same trainee make one sandbox, not two
    with FileLock(path.parent / f".{path.name}.lock"):
        if reset and path.exists():
            shutil.rmtree(path)
        if sandbox.store_path.exists():
            return sandbox, False
        path.mkdir(exist_ok=True)
        tmp = path / f".{STORE_FILE}.new"
        if tmp.exists():
            tmp.unlink()
        build_start(scenario, tmp)  # raises before a half-made store is in place
        (path / SCENARIO_FILE).write_text(scenario.source, encoding="utf-8")
        meta = {"trainee": trainee, "scenario": scenario.id, "title": scenario.title,
                "created": datetime.now().isoformat(timespec="seconds")}
        (path / META_FILE).write_bytes(orjson.dumps(meta, option=orjson.OPT_INDENT_2))
        tmp.replace(sandbox.store_path)  # last: a store in place means a whole sandbox
    return sandbox, True


@dataclass(frozen=True)
class TraineeReport:
    trainee: str
    scenario: Scenario
    progress: Progress | None  # None when the store cannot be read
    error: str | None = None
    actions: int = 0  # the trainee's journal entries (the setup aside)
    last_action: datetime | None = None

    def as_json(self) -> dict:
        steps = [
            {"step": n, "instruction": step.instruction,
             "done": None if self.progress is None else self.progress.done[n - 1]}
            for n, step in enumerate(self.scenario.steps, start=1)
        ]
        return {
            "trainee": self.trainee,
            "scenario": self.scenario.id,
            "title": self.scenario.title,
            "done": None if self.progress is None else self.progress.count,
            "total": len(self.scenario.steps),
            "finished": None if self.progress is None else self.progress.finished,
            "error": self.error,
            "actions": self.actions,
            "last_action": self.last_action.isoformat(timespec="seconds") if self.last_action else None,
            "steps": steps,
        }


def room_report(root: Path) -> list[TraineeReport]:
    """Every sandbox under `root`, by scenario then trainee, with its progress."""
    reports = []
    for meta_path in sorted(Path(root).glob(f"*/*/{META_FILE}")):
        folder = meta_path.parent
        try:
            meta = orjson.loads(meta_path.read_bytes())
            scenario = parse_scenario(
                (folder / SCENARIO_FILE).read_text(encoding="utf-8"), meta["scenario"], str(folder / SCENARIO_FILE)
            )
        except (OSError, orjson.JSONDecodeError, KeyError, ScenarioError):
            continue  # not a sandbox of ours
        try:
            store = Store(folder / STORE_FILE, create=False)
            entries = [j for j in store.all(JournalEntry) if j.actor != SETUP_ACTOR]
            reports.append(TraineeReport(
                meta.get("trainee", folder.name), scenario, progress(store, scenario),
                actions=len(entries), last_action=max((j.when for j in entries), default=None),
            ))
        except (StoreError, ScenarioError) as exc:
            reports.append(TraineeReport(meta.get("trainee", folder.name), scenario, None, exc.message))
    return reports
