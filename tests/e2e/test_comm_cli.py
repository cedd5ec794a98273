"""`entconsole comm can-talk` and `comm matrix`."""

from __future__ import annotations

import orjson
from click.testing import CliRunner

from entconsole.cli import main
from entconsole.models import Profile, User
from entconsole.services.session import Session
from entconsole.services.users import UserQuery, query_users
from entconsole.store import Store
from tests.conftest import TODAY


def run(path, *args):
    return CliRunner().invoke(main, ["--db", str(path), "--today", TODAY.isoformat(), "comm", *args])


def test_can_talk_pupils_of_one_class_and_of_two(demo_template):
    session = Session.open(Store(demo_template), None, TODAY)
    pupils = [u for u in query_users(session.store, session.structure_id, UserQuery(profiles=frozenset({Profile.STUDENT}))) if u.classes]
    a = pupils[0]
    b = next(u for u in pupils if u.id != a.id and u.classes[0] == a.classes[0])
    c = next(u for u in pupils if u.classes[0] != a.classes[0])
    same = orjson.loads(run(demo_template, "can-talk", a.login, b.login, "--json").output)
    assert same["can_talk"] is True and same["reasons"][0]["way"] == "internal"
    other = run(demo_template, "can-talk", a.login, c.login)
    assert other.exit_code == 0 and other.output.startswith("Non")
    parent = session.store.get(User, a.relatives[0])
    text = run(demo_template, "can-talk", a.login, parent.login).output
    assert text.startswith("Oui") and "élève–parent" in text


def test_unknown_or_foreign_login(demo_template):
    result = run(demo_template, "can-talk", "personne", "nathalie.vasseur")
    assert result.exit_code == 2 and "personne" in result.output


def test_matrix(demo_template):
    result = run(demo_template, "matrix", "--json")
    matrix = orjson.loads(result.output)
    assert matrix["Relative"]["Teacher"] == "class" and matrix["Guest"]["Guest"] == "no"
    assert "Ceux de la classe" in run(demo_template, "matrix").output
