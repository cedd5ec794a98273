"""Each detection rule of the rentrée checklist with its edge cases, on small crafted stores."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from entconsole.models import GroupType, Profile, Source
from entconsole.services import rentree_rules as rules
from tests.unit.rentree_store import HERE, OTHER, TODAY, group, make_store, school_class, user


# ---- years


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (date(2024, 9, 5), "2024-2025"),
        (date(2024, 8, 20), "2024-2025"),  # summer: preparing the coming rentrée
        (date(2024, 7, 1), "2024-2025"),
        (date(2024, 6, 30), "2023-2024"),
        (date(2025, 1, 10), "2024-2025"),
    ],
)
def test_rentree_year(today, year):
    assert rules.rentree_year(today) == year


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("APE 2023-2024", [2023]),
        ("Chorale 2023/2024", [2023]),
        ("Besoins 2023-24", [2023]),
        ("Classe verte 2023 – 2024", [2023]),
        ("Projet 2023-2025", []),  # not one school year
        ("Salle 2023", []),
        ("Groupe de besoins CE1", []),
    ],
)
def test_years_in_name(name, starts):
    assert rules.years_in_name(name) == starts


# ---- step 4: last year's manual groups


def test_group_named_last_year_counts_whenever_created():
    g = group("APE 2023-2024", created=datetime(2024, 9, 3, 10, 0))
    assert rules.last_year_group(g, TODAY) == "Le nom porte l'année 2023-2024"


def test_group_created_last_june_without_year_counts():
    g = group("Sortie au zoo", created=datetime(2024, 6, 12, 10, 0))
    assert rules.last_year_group(g, TODAY) == "Créé le 12/06/2024, avant le 01/09/2024"


def test_group_created_last_june_for_this_year_does_not_count():
    g = group("Chorale 2024-2025", created=datetime(2024, 6, 12, 10, 0))
    assert rules.last_year_group(g, TODAY) is None


def test_group_created_this_year_does_not_count():
    assert rules.last_year_group(group("Chorale", created=datetime(2024, 9, 2)), TODAY) is None


@pytest.mark.parametrize("name", ["RESP-AFFECT-GAR", "Resp Affect Gar", "resp-affect-gar"])
def test_gar_group_never_counts(name):
    assert rules.last_year_group(group(name, created=datetime(2020, 11, 18)), TODAY) is None


def test_locked_and_automatic_groups_never_count():
    assert rules.last_year_group(group("Vieux", created=datetime(2020, 1, 1), lock_delete=True), TODAY) is None
    assert rules.last_year_group(group("ULIS 2023-2024", GroupType.TEACHING, created=datetime(2020, 1, 1)), TODAY) is None


# ---- step 1: teachers who left


def test_teacher_rules(tmp_path):
    this_year = school_class("CM1 A")
    last_year = school_class("CM1 A (2023)", year="2023-2024")
    elsewhere = school_class("GS", structure=OTHER)
    ulis = group("ULIS", GroupType.TEACHING)
    replacement = user("Rémi", "Brigade", home_structure=HERE)
    pes = user("Paula", "Pes", home_structure=HERE, activation_code="abcdefgh")
    trs_here = user("Tom", "Trs", structures=(HERE, OTHER), home_structure=HERE, classes=(elsewhere.id,))
    trs_elsewhere = user("Théo", "Trs", structures=(HERE, OTHER), home_structure=OTHER, classes=(this_year.id, elsewhere.id))
    coordinator = user("Ulla", "Ulis", home_structure=OTHER, groups=(ulis.id,))
    moved = user("Marc", "Parti", structures=(HERE, OTHER), home_structure=OTHER, classes=(elsewhere.id,))
    gone = user("Gil", "Ailleurs", home_structure=None)
    stale_class = user("Lise", "Ancienne", home_structure=OTHER, classes=(last_year.id,))
    store = make_store(tmp_path / "s.json", [this_year, last_year, elsewhere, ulis, replacement, pes, trs_here,
                                              trs_elsewhere, coordinator, moved, gone, stale_class])

    def why(u):
        return rules.teacher_left(store, store.get(type(u), u.id), HERE, TODAY)

    # home school here: never counted, with or without a class
    assert why(replacement) is None
    assert why(pes) is None
    assert why(trs_here) is None
    # home elsewhere but teaching here this year (class or teaching group): works here
    assert why(trs_elsewhere) is None
    assert why(coordinator) is None
    # left
    assert why(moved) == "Rattaché à « École là-bas », sans classe ni groupe d'enseignement ici cette année"
    assert why(gone) == "Sans école de rattachement, sans classe ni groupe d'enseignement ici cette année"
    assert why(stale_class) is not None  # only last year's class here
    # the director (local admin) is never proposed
    admin = next(u for u in store.all(type(moved)) if u.login == "anne.admin")
    assert why(admin) is None


# ---- step 2: AESH


def test_aesh_rules(tmp_path):
    here_class = school_class("CP A")
    other_class = school_class("PS", structure=OTHER)
    ulis = group("ULIS", GroupType.TEACHING)
    in_class = user("Ana", "Classe", Profile.PERSONNEL, position="AESH", classes=(here_class.id,))
    in_ulis = user("Ben", "Ulis", Profile.PERSONNEL, position="aesh", groups=(ulis.id,))
    pial = user("Cid", "Pial", Profile.PERSONNEL, position="AESH", structures=(HERE, OTHER), classes=(other_class.id,))
    atsem = user("Dan", "Atsem", Profile.PERSONNEL, position="ATSEM")
    teacher = user("Eve", "Prof", position="AESH")  # the profile decides, not the text alone
    store = make_store(tmp_path / "s.json", [here_class, other_class, ulis, in_class, in_ulis, pial, atsem, teacher])

    def why(u):
        return rules.aesh_elsewhere(store, store.get(type(u), u.id), HERE, TODAY)

    assert why(in_class) is None
    assert why(in_ulis) is None
    assert why(pial) == "Aucune classe ni groupe d'enseignement dans cette école"
    assert why(atsem) is None
    assert why(teacher) is None
    # in the other school the same AESH works: not counted there
    assert rules.aesh_elsewhere(store, store.get(type(pial), pial.id), OTHER, TODAY) is None


# ---- step 3: obsolete manual accounts


def test_manual_account_rules(tmp_path):
    here_class = school_class("CP A")
    pupil = user("Paul", "Eleve", Profile.STUDENT, classes=(here_class.id,))
    old_login = user("Olga", "Ancienne", Profile.GUEST, source=Source.MANUAL,
                     last_login=datetime(2023, 4, 11, 17, 0))
    recent_login = user("Rita", "Recente", Profile.GUEST, source=Source.MANUAL,
                        last_login=datetime(2023, 9, 2, 10, 0))
    never = user("Nina", "Jamais", Profile.GUEST, source=Source.CSV, activation_code="abcdefgh",
                 creation_date=datetime(2022, 9, 15, 16, 0))
    new = user("Noé", "Nouveau", Profile.GUEST, source=Source.MANUAL, activation_code="abcdefgh",
               creation_date=datetime(2023, 10, 1, 9, 0))
    foster = user("Fanny", "Accueil", Profile.RELATIVE, source=Source.MANUAL, children=(pupil.id,),
                  last_login=datetime(2022, 1, 1, 9, 0))
    atsem = user("Alice", "Atsem", Profile.PERSONNEL, source=Source.MANUAL, classes=(here_class.id,),
                 last_login=datetime(2022, 1, 1, 9, 0))
    fed = user("Fred", "Flux", Profile.GUEST, last_login=datetime(2020, 1, 1, 9, 0))
    store = make_store(tmp_path / "s.json", [here_class, pupil, old_login, recent_login, never, new, foster, atsem, fed])

    def why(u):
        return rules.obsolete_manual(store, store.get(type(u), u.id), HERE, TODAY)

    assert why(old_login) == "Dernière connexion le 11/04/2023 (avant le 01/09/2023)"
    assert why(never) == "Jamais activé, créé le 15/09/2022 (avant le 01/09/2023)"
    assert why(recent_login) is None  # used during last school year
    assert why(new) is None  # created during last school year
    assert why(foster) is None  # a child in the school
    assert why(atsem) is None  # a class of this year
    assert why(fed) is None  # not a manual account
