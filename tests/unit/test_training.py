"""Training scenarios: loading, validation, checks, sandboxes, the trainer's report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from entconsole import labels as L
from entconsole.models import FlashMessage, Group, JournalEntry, Profile, Report, ReportAction, ShareBookmark, User
from entconsole.services import accounts, bookmarks, groups, reports
from entconsole.services.users import set_blocked
from entconsole.services.session import Session
from entconsole.store import Store
from entconsole.training.checks import Context, evaluate
from entconsole.training.progress import progress, school_id
from entconsole.training.sandbox import open_sandbox, room_report, trainee_slug
from entconsole.training.scenarios import ScenarioError, find_scenario, load_scenario, parse_scenario, shipped_scenarios
from entconsole.training.setup import build_start, check_references

GOOD = """
title = "Essai"
summary = "Un scénario d'essai."

[start]
today = 2024-09-05
admin = "nathalie.vasseur"
school = "0601234X"

[[steps]]
instruction = "Supprimez le groupe APE."
hint = "Groupes, touche 3."
[[steps.checks]]
kind = "group_absent"
group = "APE 2023-2024"

[[steps]]
instruction = "Bloquez Jourdan Cédric."
[[steps.checks]]
kind = "user_blocked"
user = "Jourdan Cédric"
"""

SHIPPED = ("comptes-manuels", "crise-signalement", "ete-flash-blocage", "rentree-2024")


def write(tmp_path: Path, text: str, name: str = "essai.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- loading and validation


def test_good_file_loads(tmp_path):
    scenario = load_scenario(write(tmp_path, GOOD))
    assert scenario.id == "essai"
    assert scenario.start.today == date(2024, 9, 5)
    assert [len(s.checks) for s in scenario.steps] == [1, 1]
    assert scenario.steps[0].hint == "Groupes, touche 3."
    assert scenario.steps[1].hint is None
    assert scenario.source.strip().startswith('title = "Essai"')


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('kind = "group_absent"', 'kind = "groupe_absent"', "étape 1, contrôle 1 : type « groupe_absent » inconnu"),
        ('group = "APE 2023-2024"', 'groupe = "APE 2023-2024"', "étape 1, contrôle 1"),
        ('user = "Jourdan Cédric"', "", "étape 2, contrôle 1, « user » : champ obligatoire manquant"),
        ('instruction = "Bloquez Jourdan Cédric."', 'instruction = "  "', "étape 2, « instruction »"),
        ('school = "0601234X"', 'school = "Papillons"', "départ [start], « school »"),
        ('today = 2024-09-05', 'today = "demain"', "départ [start], « today »"),
        ('kind = "user_blocked"', "", "étape 2, contrôle 1 : il manque le type"),
        ('hint = "Groupes, touche 3."', 'astuce = "x"', "étape 1, « astuce » : champ inconnu"),
    ],
)
def test_bad_files_say_where_and_what(tmp_path, old, new, expected):
    assert old in GOOD
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write(tmp_path, GOOD.replace(old, new, 1)))
    assert expected in caught.value.message
    assert str(tmp_path / "essai.toml") in caught.value.message


def test_bad_toml_and_missing_file(tmp_path):
    with pytest.raises(ScenarioError, match="TOML"):
        load_scenario(write(tmp_path, 'title = "x'))
    with pytest.raises(ScenarioError, match="lecture impossible"):
        load_scenario(tmp_path / "absent.toml")


def test_a_step_needs_a_check(tmp_path):
    text = GOOD.split("[[steps.checks]]\nkind = \"user_blocked\"")[0]
    with pytest.raises(ScenarioError, match="étape 2, « checks »"):
        load_scenario(write(tmp_path, text))


def test_flash_profiles_are_checked(tmp_path):
    text = GOOD + '\n[[steps]]\ninstruction = "x"\n[[steps.checks]]\nkind = "flash_live"\ntitle = "t"\nprofiles = ["Parents"]\n'
    with pytest.raises(ScenarioError, match="étape 3, contrôle 1, « profiles »"):
        load_scenario(write(tmp_path, text))


def test_names_that_do_not_exist_in_the_start_store_are_refused(tmp_path):
    text = GOOD.replace('user = "Jourdan Cédric"', 'user = "Personne Inconnue"').replace(
        'group = "APE 2023-2024"', 'group = "Martin Julie"'
    )
    scenario = parse_scenario(text, "essai", "essai.toml")  # the format is fine
    with pytest.raises(ScenarioError) as caught:
        build_start(scenario, tmp_path / "start.json")
    message = caught.value.message
    assert "étape 1, contrôle 1 : le groupe « Martin Julie » n'existe pas" in message
    assert "étape 2, contrôle 1 : l'utilisateur « Personne Inconnue » n'existe pas" in message


def test_ambiguous_names_are_refused(tmp_path):
    text = GOOD.replace('user = "Jourdan Cédric"', 'user = "Martin Julie"')  # demo homonyms
    with pytest.raises(ScenarioError, match="« Martin Julie » existe 2 fois"):
        build_start(parse_scenario(text, "essai", "essai.toml"), tmp_path / "start.json")


def test_unknown_scenario_lists_the_shipped_ones():
    with pytest.raises(ScenarioError) as caught:
        find_scenario("nope")
    for scenario_id in SHIPPED:
        assert scenario_id in caught.value.message


# ---- the shipped scenarios


def test_the_four_scenarios_of_the_issue_are_shipped():
    found = {s.id: s.title for s in shipped_scenarios()}
    assert found == {
        "comptes-manuels": "Comptes manuels : famille d'accueil et intervenant extérieur",
        "crise-signalement": "Crise : un signalement",
        "ete-flash-blocage": "Été : message flash et blocage",
        "rentree-2024": "Rentrée 2024",
    }


@pytest.mark.parametrize("scenario_id", SHIPPED)
def test_every_step_is_false_on_the_untouched_store(tmp_path, scenario_id):
    scenario = find_scenario(scenario_id)
    store = build_start(scenario, tmp_path / "start.json")  # also resolves every name
    assert progress(store, scenario).done == (False,) * len(scenario.steps)


def test_start_changes_are_one_journal_entry(tmp_path):
    scenario = find_scenario("ete-flash-blocage")
    store = build_start(scenario, tmp_path / "start.json")
    titles = {m.title for m in store.all(FlashMessage)}
    assert "Rentrée : horaires" not in titles and "Photos de classe" in titles
    assert [j.action for j in store.all(JournalEntry)] == ["training.setup"]


# ---- the checks, turned true by the services


def session_for(store: Store, scenario) -> Session:
    session = Session.open(store, scenario.start.admin, scenario.start.today)
    session.switch(school_id(store, scenario))
    return session


def user(store: Store, name: str) -> User:
    return next(u for u in store.all(User) if u.display_name == name)


def test_crisis_checks_follow_the_services(tmp_path):
    scenario = find_scenario("crise-signalement")
    store = build_start(scenario, tmp_path / "start.json")
    session = session_for(store, scenario)
    comment = next(r for r in store.all(Report) if "Certains parents" in r.text)
    reports.treat_report(session, comment.id, ReportAction.DELETE)
    assert progress(store, scenario).done == (True, False, False)
    set_blocked(session, [user(store, "Jourdan Cédric").id], True)
    assert progress(store, scenario).done == (True, True, False)
    page = next(r for r in store.all(Report) if "tous des nuls" in r.text)
    reports.treat_report(session, page.id, ReportAction.KEEP)
    assert progress(store, scenario).finished
    # blocking the pupil too undoes step 3: "sans bloquer l'élève"
    set_blocked(session, [user(store, "Benoît Jean").id], True)
    assert progress(store, scenario).done == (True, True, False)


def test_group_checks(tmp_path):
    scenario = find_scenario("rentree-2024")
    store = build_start(scenario, tmp_path / "start.json")
    session = session_for(store, scenario)
    ctx = Context(session.structure_id, scenario.start.today)
    step = scenario.steps[3]  # last year's groups
    ape = next(g for g in store.all(Group) if g.name == "APE 2023-2024")
    groups.delete_group(session, ape.id)
    assert [evaluate(store, ctx, c) for c in step.checks] == [True, False, True, True]
    gar_step = scenario.steps[6]
    gar = next(g for g in store.find(Group, "structure", session.structure_id) if g.name == "RESP-AFFECT-GAR")
    teachers = [
        u.id for u in store.all(User)
        if u.profile is Profile.TEACHER and session.structure_id in u.structures and gar.id not in u.groups
    ]
    assert len(teachers) > 1
    accounts.add_to_group(session, teachers[:-1], gar.id)
    assert not evaluate(store, ctx, gar_step.checks[0])
    accounts.add_to_group(session, teachers[-1:], gar.id)
    assert evaluate(store, ctx, gar_step.checks[0])


BOOKMARK_STEP = """
[[steps]]
instruction = "Les favoris."
[[steps.checks]]
kind = "bookmark_absent"
bookmark = "APE 2023-2024"
owner = "Vasseur Nathalie"
"""


def bookmark(store: Store, name: str) -> ShareBookmark:
    return next(b for b in store.all(ShareBookmark) if b.name == name)


def test_bookmark_checks_follow_the_services(tmp_path):
    scenario = find_scenario("rentree-2024")
    store = build_start(scenario, tmp_path / "start.json")
    session = session_for(store, scenario)
    ctx = Context(session.structure_id, scenario.start.today)
    step = scenario.steps[4]  # the share bookmarks, between the groups and the classes as in the guide
    assert [c.kind for c in step.checks] == ["bookmark_absent", "bookmark_absent", "bookmark_clean", "bookmark_clean"]

    def state() -> list[bool]:
        return [evaluate(store, ctx, c) for c in step.checks]

    # untouched: both bookmarks there, "Collègues cycle 3" keeps a pre-deleted member
    assert state() == [False, False, False, True]
    bookmarks.delete_bookmarks(session, [bookmark(store, "APE 2023-2024").id])
    assert state() == [True, False, False, True]
    # cleaning the empty bookmark deletes it (DOMAIN.md section 11)
    bookmarks.clean_bookmarks(session, [bookmark(store, "Sortie au musée").id])
    assert state() == [True, True, False, True]
    colleagues = bookmark(store, "Collègues cycle 3")
    bookmarks.clean_bookmarks(session, [colleagues.id])
    assert state() == [True, True, True, True]
    # a member leaving after the cleaning makes the bookmark stale again…
    lefebvre = user(store, "Lefebvre Clément")
    assert lefebvre.id in bookmark(store, "Collègues cycle 3").members
    accounts.detach_from_structure(session, lefebvre.id)
    assert state() == [True, True, False, True]
    bookmarks.clean_bookmarks(session, [colleagues.id])
    assert state() == [True, True, True, True]
    # …and a bookmark emptied by hand is not a clean one
    members = bookmark(store, "Collègues cycle 3").members
    bookmarks.remove_bookmark_members(session, colleagues.id, members)
    assert state() == [True, True, False, True]


def test_a_renamed_bookmark_is_no_longer_the_old_one(tmp_path):
    scenario = parse_scenario(GOOD + BOOKMARK_STEP, "essai", "essai.toml")
    store = build_start(scenario, tmp_path / "start.json")
    session = session_for(store, scenario)
    assert progress(store, scenario).done[2] is False
    bookmarks.rename_bookmark(session, bookmark(store, "APE 2023-2024").id, "APE 2024-2025")
    assert progress(store, scenario).done[2] is True


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('bookmark = "APE 2023-2024"', 'bookmark = "  "', "étape 3, contrôle 1, « bookmark » : nom de favori invalide"),
        ('bookmark = "APE 2023-2024"', 'bookmark = "' + "x" * 201 + '"', "« bookmark » : nom de favori invalide"),
        ('bookmark = "APE 2023-2024"', 'bookmark = "APE\\n2023"', "« bookmark » : nom de favori invalide"),
        ('bookmark = "APE 2023-2024"', "", "étape 3, contrôle 1, « bookmark » : champ obligatoire manquant"),
        ('owner = "Vasseur Nathalie"', 'owner = ""', "étape 3, contrôle 1, « owner » : propriétaire vide"),
        ('owner = "Vasseur Nathalie"', 'proprietaire = "Vasseur Nathalie"', "« proprietaire » : champ inconnu"),
        ('kind = "bookmark_absent"', 'kind = "favori_absent"', "type « favori_absent » inconnu"),
    ],
)
def test_bad_bookmark_checks_are_refused_at_load(tmp_path, old, new, expected):
    assert old in BOOKMARK_STEP
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write(tmp_path, GOOD + BOOKMARK_STEP.replace(old, new, 1)))
    assert expected in caught.value.message


BAD_VALUES = """
title = "t"
summary = "s"
[start]
today = "demain"
admin = "nathalie.vasseur"
school = "abc"
[[steps]]
instruction = "i"
[[steps.checks]]
kind = "profile_blocked"
profile = "Prof"
blocked = "oui"
[[steps.checks]]
kind = "flash_live"
title = "  "
profiles = "Relative"
"""


def test_bad_values_are_explained_in_french(tmp_path):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(write(tmp_path, BAD_VALUES))
    lines = caught.value.message.splitlines()[1:]
    assert lines == [
        "  - départ [start], « today » : " + L.TRAIN_VAL_DATE,
        "  - départ [start], « school » : " + L.TRAIN_VAL_UAI,
        "  - étape 1, contrôle 1, « profile » : valeur inconnue ; attendues : "
        "'Teacher', 'Student', 'Relative', 'Personnel', 'Guest'",
        "  - étape 1, contrôle 1, « blocked » : " + L.TRAIN_VAL_BOOL,
        "  - étape 1, contrôle 2, « title » : " + L.TRAIN_VAL_BLANK,
        "  - étape 1, contrôle 2, « profiles » : " + L.TRAIN_VAL_LIST,
    ]  # and no "at least 1 item after validation" for the step whose checks are wrong


def test_bookmark_names_are_looked_up_in_the_start_store(tmp_path):
    scenario = parse_scenario(GOOD + BOOKMARK_STEP.replace(
        'owner = "Vasseur Nathalie"', 'owner = "Belleville Estelle"'), "essai", "essai.toml")
    with pytest.raises(ScenarioError, match="étape 3, contrôle 1 : le favori de partage « APE 2023-2024 » n'existe pas"):
        build_start(scenario, tmp_path / "a.json")
    scenario = parse_scenario(GOOD + BOOKMARK_STEP.replace(
        'owner = "Vasseur Nathalie"', 'owner = "Personne Inconnue"'), "essai", "essai.toml")
    with pytest.raises(ScenarioError, match="l'utilisateur « Personne Inconnue » n'existe pas"):
        build_start(scenario, tmp_path / "b.json")
    # without an owner the name alone must be unique
    scenario = parse_scenario(GOOD + BOOKMARK_STEP.replace('owner = "Vasseur Nathalie"\n', ""), "essai", "essai.toml")
    store = build_start(scenario, tmp_path / "c.json")
    assert check_references(store, scenario) == []
    with store.transaction("test", "test") as tx:
        tx.put(ShareBookmark(owner_id=user(store, "Belleville Estelle").id, name="APE 2023-2024"))
        tx.journal("a homonym bookmark")
    [problem] = check_references(store, scenario)
    assert "étape 3, contrôle 1 : le favori de partage « APE 2023-2024 » existe 2 fois" in problem


# ---- sandboxes


def test_sandbox_resumes_and_resets(tmp_path):
    scenario = find_scenario("crise-signalement")
    sandbox, created = open_sandbox(tmp_path, scenario, "Élise Müller")
    assert created and sandbox.path == tmp_path / "crise-signalement" / "elise-muller"
    store = Store(sandbox.store_path, create=False)
    session = session_for(store, scenario)
    comment = next(r for r in store.all(Report) if "Certains parents" in r.text)
    reports.treat_report(session, comment.id, ReportAction.DELETE)
    again, created = open_sandbox(tmp_path, scenario, "Élise Müller")
    assert not created
    assert progress(Store(again.store_path, create=False), scenario).done[0]
    fresh, created = open_sandbox(tmp_path, scenario, "Élise Müller", reset=True)
    assert created
    assert not progress(Store(fresh.store_path, create=False), scenario).done[0]


def test_two_trainees_never_meet(tmp_path):
    scenario = find_scenario("crise-signalement")
    a, _ = open_sandbox(tmp_path, scenario, "Alice")
    b, _ = open_sandbox(tmp_path, scenario, "Bruno")
    assert a.store_path != b.store_path
    store_a = Store(a.store_path, create=False)
    store_b = Store(b.store_path, create=False)
    session_a = session_for(store_a, scenario)
    comment = next(r for r in store_a.all(Report) if "Certains parents" in r.text)
    reports.treat_report(session_a, comment.id, ReportAction.DELETE)
    store_b.refresh()
    assert progress(store_a, scenario).done[0]
    assert not progress(store_b, scenario).done[0]
    assert not progress(Store(b.store_path, create=False), scenario).done[0]
    assert store_b.revision < store_a.revision


def test_room_report(tmp_path):
    scenario = find_scenario("crise-signalement")
    a, _ = open_sandbox(tmp_path, scenario, "Alice")
    open_sandbox(tmp_path, find_scenario("ete-flash-blocage"), "Bruno")
    store = Store(a.store_path, create=False)
    comment = next(r for r in store.all(Report) if "Certains parents" in r.text)
    reports.treat_report(session_for(store, scenario), comment.id, ReportAction.DELETE)
    rows = {(r.trainee, r.scenario.id): r for r in room_report(tmp_path)}
    assert set(rows) == {("Alice", "crise-signalement"), ("Bruno", "ete-flash-blocage")}
    assert rows["Alice", "crise-signalement"].progress.done == (True, False, False)
    data = rows["Alice", "crise-signalement"].as_json()
    assert (data["done"], data["total"], [s["done"] for s in data["steps"]]) == (1, 3, [True, False, False])


def test_trainee_names_become_folder_names():
    assert trainee_slug("Élise Müller") == "elise-muller"
    assert trainee_slug("../../etc") == "etc"
    with pytest.raises(ScenarioError):
        trainee_slug("../")


# ---- layering: the training core is core code


def test_training_core_never_loads_textual():
    import subprocess
    import sys

    code = (
        "import sys, entconsole.training.sandbox, entconsole.training.checks, entconsole.commands.train;"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_homonym_created_later_does_not_pass_for_a_detachment(tmp_path):
    from entconsole.services.accounts import detach_from_structure
    from entconsole.services.user_create import NewUser, create_user

    scenario = find_scenario("rentree-2024")
    store = build_start(scenario, tmp_path / "start.json")
    session = session_for(store, scenario)
    ctx = Context(session.structure_id, scenario.start.today)
    detached = scenario.steps[0].checks[0]
    assert detached.user == "Lefebvre Clément"
    create_user(session, NewUser(first_name="Clément", last_name="Lefebvre", profile=Profile.TEACHER))
    teacher = next(u for u in store.all(User) if u.display_name == "Lefebvre Clément" and u.source.value != "MANUAL")
    detach_from_structure(session, teacher.id)
    assert not evaluate(store, ctx, detached)  # the new homonym is still here


def test_two_consoles_started_together_make_one_sandbox(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    scenario = find_scenario("crise-signalement")
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: open_sandbox(tmp_path, scenario, "Alice"), range(2)))
    assert sorted(created for _, created in results) == [False, True]
    assert len({sandbox.store_path for sandbox, _ in results}) == 1
    assert [p.name for p in (tmp_path / "crise-signalement" / "alice").iterdir() if p.name.startswith(".")] == []


def test_start_changes_block_and_refuse_unknown_names(tmp_path):
    text = GOOD.replace(
        'school = "0601234X"\n',
        'school = "0601234X"\n\n[[start.changes]]\nkind = "set_blocked"\nuser = "Jourdan Cédric"\nblocked = true\n',
    )
    scenario = parse_scenario(text, "essai", "essai.toml")
    store = build_start(scenario, tmp_path / "a.json")
    assert user(store, "Jourdan Cédric").blocked
    assert progress(store, scenario).done == (False, True)  # the change made step 2 true from the start
    missing = text.replace('user = "Jourdan Cédric"\nblocked = true', 'user = "Personne"\nblocked = true', 1)
    with pytest.raises(ScenarioError, match="« Personne » introuvable"):
        build_start(parse_scenario(missing, "essai", "essai.toml"), tmp_path / "b.json")
    flash = GOOD.replace('school = "0601234X"\n', 'school = "0601234X"\n\n[[start.changes]]\nkind = "delete_flash"\ntitle = "Pas de tel message"\n')
    with pytest.raises(ScenarioError, match="« Pas de tel message » introuvable"):
        build_start(parse_scenario(flash, "essai", "essai.toml"), tmp_path / "c.json")
    bad = GOOD.replace('school = "0601234X"\n', 'school = "0601234X"\n\n[[start.changes]]\nkind = "unblock_all"\n')
    with pytest.raises(ScenarioError, match="départ \\[start\\], changement 1 : type « unblock_all » inconnu"):
        parse_scenario(bad, "essai", "essai.toml")
