"""`entconsole users`: same filters and defaults as the screen, table or JSON."""

from __future__ import annotations

import orjson
import pytest
from click.testing import CliRunner

from entconsole.cli import main
from entconsole.services.session import Session
from entconsole.services.users import Predeletion, UserQuery, query_users
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def run(demo_template):
    def invoke(*args, login=None):
        base = ["--db", str(demo_template), "--today", TODAY.isoformat()]
        if login:
            base += ["--as", login]
        return CliRunner().invoke(main, [*base, "users", *args])

    return invoke


def listed(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return orjson.loads(result.output)


def expected(demo_template, **filters):
    session = Session.open(Store(demo_template, create=False), None, TODAY)
    return [u.id for u in query_users(session.store, session.structure_id, UserQuery(**filters))]


def test_default_matches_the_screen_query(run, demo_template):
    users = listed(run("--json"))
    assert [u["id"] for u in users] == expected(demo_template)
    assert all(u["delete_date"] is None for u in users)
    first = users[0]
    assert {"first_name", "last_name", "profile", "login", "statuses", "structures"} <= set(first)


def test_filters_like_the_screen(run, demo_template):
    from entconsole.models import Profile, Source

    users = listed(run("--profile", "Enseignant", "--source", "manuel", "--source", "AAF", "--json"))
    assert [u["id"] for u in users] == expected(
        demo_template, profiles=frozenset({Profile.TEACHER}), sources=frozenset({Source.MANUAL, Source.AAF})
    )
    assert listed(run("--predeleted", "yes", "--json")) and all(
        u["delete_date"] for u in listed(run("--predeleted", "yes", "--json"))
    )
    assert [u["id"] for u in listed(run("--predeleted", "yes", "--predeleted", "pending", "--json"))] == expected(
        demo_template, predeletion=frozenset({Predeletion.PREDELETED, Predeletion.PENDING})
    )
    blocked = listed(run("--blocked", "--json"))
    assert blocked and all("blocked" in u["statuses"] for u in blocked)
    inactive = listed(run("--not-activated", "--json"))
    assert inactive and all("inactive" in u["statuses"] for u in inactive)
    assert all(u["duplicates"] for u in listed(run("--duplicates", "--json")))
    admins = listed(run("--admins", "--json"))
    assert admins and all("ADMIN_LOCAL" in u["functions"] for u in admins)


def test_search_and_class(run):
    helenes = listed(run("--search", "helene", "--json"))
    assert helenes and all("Hélène" in u["first_name"] for u in helenes)
    cm1 = listed(run("--class", "cm1 a", "--profile", "eleve", "--json"))
    assert cm1 and all(u["class_names"] == ["CM1 A"] for u in cm1)


def test_table_output(run):
    result = run("--profile", "enseignant")
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[-1].endswith("utilisateur(s)")
    assert "\tEnseignant\t" in lines[0]
    assert run("--search", "zzzz").output.strip() == "Aucun utilisateur"


@pytest.mark.parametrize(
    "args", [("--profile", "prof"), ("--source", "nulle"), ("--class", "CM9"), ("--created-since", "2024-13-01")]
)
def test_bad_values_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_advisor_picks_a_structure(run, demo_template):
    from entconsole.models import Structure

    coquelicots = next(s for s in Store(demo_template).all(Structure) if s.uai == "0601567K")
    result = run("--structure", "0601567K", "--profile", "enseignant", "--json", login="julien.carpentier")
    users = listed(result)
    assert users and all(coquelicots.id in u["structures"] for u in users)
    unknown = run("--structure", "Nulle part", login="julien.carpentier")
    assert unknown.exit_code == 2
