"""The starting store of a scenario: the demo for its day, plus its declared changes."""

from __future__ import annotations

from pathlib import Path

from entconsole import labels as L
from entconsole.clock import make_clock
from entconsole.models import FlashMessage, User, display_name
from entconsole.services.demo import write_demo
from entconsole.services.flash import structure_messages
from entconsole.store import Store
from entconsole.text import fold
from entconsole.training.checks import UserCreated, reference_count, references, users_named
from entconsole.training.progress import school_id
from entconsole.training.scenarios import DeleteFlash, Scenario, ScenarioError, SetBlocked

SETUP_ACTOR = "formation"


def build_start(scenario: Scenario, path: Path) -> Store:
    """Write the scenario's starting store at `path` (which must not exist).

    The demo is built for the scenario's day; the declared changes go in
    one transaction (one journal entry), and every user, group and class a
    check names is then looked up, so a scenario that no longer matches the
    demo fails here, before a trainee starts.
    """
    today = scenario.start.today
    store = write_demo(path, today, clock=make_clock(today))
    sid = school_id(store, scenario)
    if scenario.start.changes:
        with store.transaction(SETUP_ACTOR, "training.setup", structure_id=sid) as tx:
            for change in scenario.start.changes:
                _apply(store, tx, sid, change)
            tx.journal(L.TRAIN_SETUP_SUMMARY.format(title=scenario.title), count=len(scenario.start.changes))
    problems = check_references(store, scenario)
    if problems:
        raise ScenarioError(L.TRAIN_ERR_REFERENCES.format(id=scenario.id, problems="\n".join(problems)))
    return store


def _apply(store: Store, tx, sid: str, change) -> None:
    if isinstance(change, DeleteFlash):
        wanted = fold(change.title)
        found = [m for m in structure_messages(store, sid) if fold(m.title) == wanted]
        if not found:
            raise ScenarioError(L.TRAIN_ERR_CHANGE.format(what=change.title))
        for message in found:
            tx.delete(FlashMessage, message.id)
    elif isinstance(change, SetBlocked):
        users = users_named(store, sid, change.user)
        if len(users) != 1:
            raise ScenarioError(L.TRAIN_ERR_CHANGE.format(what=change.user))
        tx.put(users[0].model_copy(update={"blocked": change.blocked}))


def check_references(store: Store, scenario: Scenario) -> list[str]:
    """A French line for every name a check uses that is missing or ambiguous in `store`."""
    sid = school_id(store, scenario)
    # accounts a step creates do not exist yet; later checks may name them
    created = {
        fold(display_name(c.first_name, c.last_name))
        for step in scenario.steps for c in step.checks if isinstance(c, UserCreated)
    }
    problems = []
    for n, step in enumerate(scenario.steps, start=1):
        for m, check in enumerate(step.checks, start=1):
            for ref in references(check):
                if ref.what == "user" and fold(ref.name) in created:
                    continue
                count = reference_count(store, sid, ref)
                if count != 1:
                    template = L.TRAIN_REF_MISSING if count == 0 else L.TRAIN_REF_AMBIGUOUS
                    problems.append(template.format(
                        step=n, check=m, what=L.TRAIN_REF_WHAT[ref.what], name=ref.name, count=count,
                    ))
    admin = scenario.start.admin.lower()
    if not any(admin in (u.login, u.login_alias) and u.is_admin_of(sid) for u in store.all(User)):
        problems.append(L.TRAIN_REF_ADMIN.format(login=scenario.start.admin))
    return problems
