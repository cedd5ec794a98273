"""Training scenarios: TOML files in seed/scenarios, loaded and validated here.

A scenario file (see seed/scenarios/*.toml and the README, "Démarrer une
formation")::

    title = "Crise : un signalement"
    summary = "…"

    [start]                 # the starting store: the demo built for `today`
    today = 2024-09-05      # the day the scenario happens (the console's "today")
    admin = "nathalie.vasseur"
    school = "0601234X"     # UAI of the school administered

    [[start.changes]]       # optional changes to the demo (setup.py)
    kind = "delete_flash"
    title = "Photos de classe"

    [[steps]]
    instruction = "…"       # French, shown in the progress panel
    hint = "…"              # optional, shown on a key
    [[steps.checks]]        # one or more; the step is done when all hold
    kind = "report_treated"
    text = "Certains parents"

The scenario's id is the file name without `.toml`. Loading checks the whole
file (pydantic) and raises `ScenarioError` with one line per problem, in
French, naming the step and the check.
"""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from entconsole import labels as L
from entconsole.models import UAI_RE
from entconsole.training.checks import KINDS, Check


class ScenarioError(Exception):
    """A scenario that cannot be used, with a French message for the trainer."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise PydanticCustomError("blank", L.TRAIN_VAL_BLANK)
    return value


# ---- declared changes to the demo (applied by setup.py)


class DeleteFlash(_Model):
    """Remove the school's flash messages with this title."""

    kind: Literal["delete_flash"]
    title: str

    _title = field_validator("title")(_text)


class SetBlocked(_Model):
    """Block or unblock one account of the school ("Nom Prénom")."""

    kind: Literal["set_blocked"]
    user: str
    blocked: bool

    _user = field_validator("user")(_text)


Change = Annotated[Union[DeleteFlash, SetBlocked], Field(discriminator="kind")]
CHANGE_KINDS = ("delete_flash", "set_blocked")


class Start(_Model):
    today: date
    admin: str
    school: str
    changes: tuple[Change, ...] = ()

    _admin = field_validator("admin")(_text)

    @field_validator("school")
    @classmethod
    def _uai(cls, value: str) -> str:
        if not UAI_RE.match(value):
            raise PydanticCustomError("uai", L.TRAIN_VAL_UAI)
        return value


class Step(_Model):
    instruction: str
    hint: str | None = None
    checks: tuple[Check, ...] = Field(min_length=1)

    _instruction = field_validator("instruction")(_text)


class Scenario(_Model):
    id: str
    title: str
    summary: str
    start: Start
    steps: tuple[Step, ...] = Field(min_length=1)
    source: str = ""  # the TOML text, copied into each sandbox

    _title = field_validator("title", "summary")(_text)


# ---- error messages


def _where(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    items = list(loc)
    i = 0
    while i < len(items):
        item = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        if item in ("steps", "checks", "changes") and isinstance(nxt, int):
            parts.append(L.TRAIN_ERR_PART[item].format(n=nxt + 1))
            i += 2
            if i < len(items) and isinstance(items[i], str) and items[i] in KINDS + CHANGE_KINDS:
                i += 1  # the union's tag, already implied by the table's kind
            continue
        if item == "start":
            parts.append(L.TRAIN_ERR_START)
        elif isinstance(item, str):
            parts.append(L.TRAIN_ERR_FIELD.format(name=item.rstrip("_")))
        i += 1
    return ", ".join(parts) or L.TRAIN_ERR_FILE


# pydantic's type errors, in the trainer's words
_TYPE_PROBLEMS = {
    "date_parsing": L.TRAIN_VAL_DATE,
    "date_type": L.TRAIN_VAL_DATE,
    "date_from_datetime_parsing": L.TRAIN_VAL_DATE,
    "date_from_datetime_inexact": L.TRAIN_VAL_DATE,
    "bool_parsing": L.TRAIN_VAL_BOOL,
    "bool_type": L.TRAIN_VAL_BOOL,
    "string_type": L.TRAIN_VAL_TEXT,
    "tuple_type": L.TRAIN_VAL_LIST,
    "list_type": L.TRAIN_VAL_LIST,
}


def _problem(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return L.TRAIN_ERR_MISSING
    if kind == "extra_forbidden":
        return L.TRAIN_ERR_EXTRA
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return L.TRAIN_ERR_KIND.format(kind=ctx.get("tag", "?"), expected=ctx.get("expected_tags", ""))
    if kind == "union_tag_not_found":
        return L.TRAIN_ERR_NO_KIND
    ctx = error.get("ctx", {})
    if kind == "enum":
        # pydantic lists the choices as "'a', 'b' or 'c'"
        return L.TRAIN_VAL_CHOICE.format(expected=str(ctx.get("expected", "")).replace("' or '", "', '"))
    if kind == "too_short":
        return L.TRAIN_VAL_TOO_SHORT.format(min=ctx.get("min_length", 1))
    if kind in _TYPE_PROBLEMS:
        return _TYPE_PROBLEMS[kind]
    return error["msg"]  # our own validators' messages are French already (PydanticCustomError)


def _consequence(error: dict, errors: list[dict]) -> bool:
    """A list too short only because some of its items are invalid (pydantic counts the valid ones)."""
    loc = error["loc"]
    return error["type"] == "too_short" and any(e["loc"][: len(loc)] == loc and e is not error for e in errors)


def describe(error: ValidationError) -> list[str]:
    """One French line per problem: where, then what."""
    errors = error.errors()
    return [f"{_where(e['loc'])} : {_problem(e)}" for e in errors if not _consequence(e, errors)]


# ---- loading


def parse_scenario(text: str, scenario_id: str, origin: str) -> Scenario:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(L.TRAIN_ERR_TOML.format(path=origin, detail=exc)) from None
    data = {**data, "id": scenario_id, "source": text}
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        lines = "\n".join(f"  - {line}" for line in describe(exc))
        raise ScenarioError(L.TRAIN_ERR_INVALID.format(path=origin, problems=lines)) from None


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(L.TRAIN_ERR_READ.format(path=path, detail=exc)) from None
    return parse_scenario(text, path.stem, str(path))


def shipped_scenarios() -> list[Scenario]:
    """The scenarios shipped in entconsole.seed/scenarios, by file name."""
    folder = resources.files("entconsole.seed") / "scenarios"
    found = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    return [parse_scenario(f.read_text(encoding="utf-8"), f.name[: -len(".toml")], f.name) for f in found]


def find_scenario(name: str) -> Scenario:
    """A shipped scenario by id, or a scenario file by path."""
    path = Path(name)
    if path.suffix == ".toml" and path.exists():
        return load_scenario(path)
    for scenario in shipped_scenarios():
        if scenario.id == name:
            return scenario
    ids = ", ".join(s.id for s in shipped_scenarios())
    raise ScenarioError(L.TRAIN_UNKNOWN_SCENARIO.format(name=name, ids=ids))
