"""A trainee's progress: which steps of a scenario hold on their store."""

from __future__ import annotations

from dataclasses import dataclass

from entconsole import labels as L
from entconsole.models import Structure
from entconsole.store import Store
from entconsole.training.checks import Context, evaluate
from entconsole.training.scenarios import Scenario, ScenarioError


def school_id(store: Store, scenario: Scenario) -> str:
    """The id of the scenario's school (by UAI) in `store`."""
    for structure in store.all(Structure):
        if structure.uai == scenario.start.school:
            return structure.id
    raise ScenarioError(L.TRAIN_NO_SCHOOL.format(uai=scenario.start.school, id=scenario.id))


@dataclass(frozen=True)
class Progress:
    done: tuple[bool, ...]  # one per step

    @property
    def total(self) -> int:
        return len(self.done)

    @property
    def count(self) -> int:
        return sum(self.done)

    @property
    def finished(self) -> bool:
        return all(self.done)

    @property
    def current(self) -> int | None:
        """Index of the first step not done yet (None when all are)."""
        return next((i for i, ok in enumerate(self.done) if not ok), None)


def progress(store: Store, scenario: Scenario) -> Progress:
    ctx = Context(school_id(store, scenario), scenario.start.today)
    return Progress(tuple(all(evaluate(store, ctx, c) for c in step.checks) for step in scenario.steps))
