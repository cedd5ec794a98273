"""The ONDE and staff feeds: ONDE's rules, sibling parents, disappearance and return, detachments."""

from __future__ import annotations

import pytest

from entconsole.models import Profile, SchoolClass, Source, User
from entconsole.services.csv_io import UnusableFile
from entconsole.services.feed_pupils import PUPIL_COLUMNS, feed_pupils
from entconsole.services.feed_staff import STAFF_COLUMNS, feed_staff
from entconsole.services.imports import RowAction
from entconsole.services.session import Session
from entconsole.store import Store
from tests.conftest import TODAY

YEAR = "2024-2025"


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, create=False, clock=clock), None, TODAY)


def onde(*rows: list[str], sep: str = ";") -> bytes:
    return "\r\n".join(sep.join(r) for r in [list(PUPIL_COLUMNS), *rows]).encode()


def pupil_row(ine: str, last: str, first: str, birth: str = "12/03/2016", klass: str = "CM1 A",
              admission: str = "Admis définitivement", year: str = YEAR,
              g1: tuple[str, str] = ("Zanzibar", "Marc"), g2: tuple[str, str] = ("", "")) -> list[str]:
    return [ine, last, first, birth, "CM1", klass, admission, year, g1[0], g1[1], "marc@example.org", "",
            g2[0], g2[1], "", ""]


def fed_pupils_rows(session) -> list[list[str]]:
    """The demo's current ONDE pupils of the school, as ONDE would send them."""
    store, sid = session.store, session.structure.id
    rows = []
    for user in store.all(User):
        if (user.profile is Profile.STUDENT and user.source is Source.AAF1D and sid in user.structures
                and user.classes and user.relatives and user.birth_date and user.disappearance_date is None):
            klass = store.get(SchoolClass, user.classes[0])
            parent = store.get(User, user.relatives[0])
            ine = user.ine or "1234567890A"
            rows.append([ine, user.last_name, user.first_name, f"{user.birth_date:%d/%m/%Y}", "", klass.name,
                         "Admis définitivement", YEAR, parent.last_name, parent.first_name, "", "", "", "", "",
                         ""])
    return rows


def by_last(session, last: str) -> list[User]:
    return [u for u in session.store.all(User) if u.last_name == last]


def test_each_rejection_reason_with_the_row_number(session):
    raw = onde(
        pupil_row("123", "Zanzibar", "Zoé"),
        pupil_row("1234567890A", "Zanzibar", "Léo", admission="Admis provisoirement"),
        pupil_row("1234567891A", "Zanzibar", "Ana", klass=""),
        pupil_row("1234567892A", "Zanzibar", "Eva", year="2023-2024"),
        pupil_row("1234567893A", "Zanzibar", "Noé", g1=("", "")),
        pupil_row("1234567894A", "Zanzibar", "Tom", birth="31/02/2015"),
        pupil_row("", "Zanzibar", "Lou"),
        pupil_row("1234567895A", "Zanzibar", "Max"),
        pupil_row("1234567895A", "Zanzibar", "Max"),
    )
    report = feed_pupils(session, raw)
    rejected = {r.line: r.reasons for r in report.of(RowAction.REJECTED)}
    assert set(rejected) == {2, 3, 4, 5, 6, 7, 8, 10}
    assert "INE invalide" in rejected[2][0]
    assert "Admis provisoirement" in rejected[3][0]
    assert "sans classe" in rejected[4][0]
    assert "2023-2024" in rejected[5][0]
    assert "responsable" in rejected[6][0]
    assert "31/02/2015" in rejected[7][0]
    assert "INE absent" in rejected[8][0]
    assert "ligne 9" in rejected[10][0]
    assert report.counts["create"] == 1


def test_every_reason_of_one_row_is_listed(session):
    raw = onde(pupil_row("12", "Zanzibar", "Zoé", admission="", klass="", year="2020", g1=("", "")))
    [row] = feed_pupils(session, raw).rows
    assert len(row.reasons) == 5


def test_siblings_share_one_parent_account(session):
    raw = onde(
        pupil_row("1234567890A", "Zanzibar", "Zoé", g2=("Zanzibar", "Julie")),
        pupil_row("1234567891A", "Zanzibar", "Léo", klass="CE1 A", g2=("ZANZIBAR", "julie")),
    )
    report = feed_pupils(session, raw, apply=True)
    assert report.applied and report.parents_created == 2
    kids = [u for u in by_last(session, "Zanzibar") if u.profile is Profile.STUDENT]
    parents = [u for u in by_last(session, "Zanzibar") if u.profile is Profile.RELATIVE]
    assert len(kids) == 2 and len(parents) == 2
    for parent in parents:
        assert set(parent.children) == {k.id for k in kids} and parent.source is Source.AAF1D
    for kid in kids:
        assert set(kid.relatives) == {p.id for p in parents}
        assert kid.ine == kid.external_id and kid.source is Source.AAF1D


def test_classes_appear_with_their_first_pupil(session):
    raw = onde(pupil_row("1234567890A", "Zanzibar", "Zoé", klass="CE2 B"))
    report = feed_pupils(session, raw, apply=True)
    assert report.created_classes == ["CE2 B"]
    klass = next(c for c in session.store.all(SchoolClass) if c.name == "CE2 B")
    assert klass.school_year == YEAR and klass.level is not None
    assert by_last(session, "Zanzibar")[0].classes == (klass.id,)


def test_disappearance_then_return(session):
    rows = fed_pupils_rows(session)
    gone, kept = rows[0], rows[1:]
    gone_user = next(u for u in session.store.all(User) if u.last_name == gone[1] and u.first_name == gone[2]
                     and u.profile is Profile.STUDENT)
    report = feed_pupils(session, onde(*kept), apply=True)
    assert gone_user.display_name in report.disappeared
    assert session.store.get(User, gone_user.id).disappearance_date == TODAY
    again = feed_pupils(session, onde(*rows), apply=True)
    assert gone_user.display_name in again.returned
    assert session.store.get(User, gone_user.id).disappearance_date is None


def test_same_feed_twice_changes_nothing(session):
    rows = fed_pupils_rows(session)
    feed_pupils(session, onde(*rows), apply=True)
    writes = session.store.write_count
    again = feed_pupils(session, onde(*rows), apply=True)
    assert again.counts["create"] == 0 and again.counts["update"] == 0 and again.parents_created == 0
    assert session.store.write_count == writes


def test_detachment_is_not_undone_by_the_feed(session):
    store, sid = session.store, session.structure.id
    rows = fed_pupils_rows(session)
    user = next(u for u in store.all(User) if u.last_name == rows[0][1] and u.first_name == rows[0][2]
                and u.profile is Profile.STUDENT)
    with store.transaction("test", "test") as tx:
        tx.put(user.model_copy(update={"structures": tuple(s for s in user.structures if s != sid),
                                       "removed_from_structures": (sid,)}))
        tx.journal("detach")
    feed_pupils(session, onde(*rows), apply=True)
    after = store.get(User, user.id)
    assert sid not in after.structures and sid in after.removed_from_structures


def test_duplicates_detected_after_the_feed(session):
    pupil = next(u for u in session.store.all(User) if u.profile is Profile.STUDENT and u.birth_date
                 and session.structure.id in u.structures and not u.duplicates and u.ine)
    row = pupil_row("9999999999Z", pupil.last_name, pupil.first_name, birth="01/01/2010")
    report = feed_pupils(session, onde(row), apply=True)
    assert report.duplicates >= 1
    new = next(u for u in session.store.all(User) if u.ine == "9999999999Z")
    assert pupil.id in {d.user_id for d in new.duplicates}


def test_comma_separated_cp1252_feed(session):
    raw = onde(pupil_row("1234567890A", "Zanzibar", "Zoé"), sep=",").decode().encode("cp1252")
    assert feed_pupils(session, raw).counts["create"] == 1


@pytest.mark.parametrize("raw", [b"", b"INE;Nom\r\n1;2\r\n", "Couleur;Taille\r\n".encode()])
def test_unusable_feed_files(session, raw):
    with pytest.raises(UnusableFile):
        feed_pupils(session, raw, apply=True)


# --------------------------------------------------------------------------- staff


def staff_file(*rows: list[str]) -> bytes:
    return "\r\n".join(";".join(r) for r in [list(STAFF_COLUMNS), *rows]).encode()


def test_aesh_of_a_pial_is_attached_to_every_listed_school(demo_path, clock):
    store = Store(demo_path, create=False, clock=clock)
    advisor = next(u for u in store.all(User) if u.is_admin and len(u.admin_scope()) == 2)
    session = Session.open(store, advisor.login, TODAY)
    session.switch(advisor.admin_scope()[0])
    uais = [s.uai for s in session.structures]
    raw = staff_file(*[["Personnel", "Zanzibar", "Aline", "01/02/1980", "a@ac.fr", "AESH", uai] for uai in uais],
                     ["Personnel", "Zanzibar", "Bob", "", "", "AESH", "9999999Z"])
    report = feed_staff(session, raw, apply=True)
    [aline] = [u for u in store.all(User) if u.first_name == "Aline" and u.last_name == "Zanzibar"]
    assert set(aline.structures) == {s.id for s in session.structures}
    assert aline.position == "AESH" and aline.source is Source.AAF
    assert [r.line for r in report.of(RowAction.REJECTED)] == [len(uais) + 2]
    assert "9999999Z" in report.of(RowAction.REJECTED)[0].reasons[0]


def test_staff_absent_from_the_feed_disappear(session):
    store, sid = session.store, session.structure.id
    staff = [u for u in store.all(User) if u.profile in (Profile.TEACHER, Profile.PERSONNEL)
             and u.source is Source.AAF and sid in u.structures and u.disappearance_date is None]
    kept, gone = staff[1:], staff[0]
    rows = [[L_PROFILE[u.profile], u.last_name, u.first_name, f"{u.birth_date:%d/%m/%Y}" if u.birth_date else "",
             u.email or "", u.position or "", session.structure.uai] for u in kept]
    report = feed_staff(session, staff_file(*rows), apply=True)
    assert gone.display_name in report.disappeared
    assert store.get(User, gone.id).disappearance_date == TODAY
    assert all(store.get(User, u.id).disappearance_date is None for u in kept)
    assert report.counts["create"] == 0


L_PROFILE = {Profile.TEACHER: "Enseignant", Profile.PERSONNEL: "Personnel"}


def test_bad_staff_profile(session):
    raw = staff_file(["Élève", "Zanzibar", "Zoé", "", "", "", session.structure.uai])
    [row] = feed_staff(session, raw).rows
    assert row.action is RowAction.REJECTED and "Élève" in row.reasons[0]


def test_guardian_name_with_control_character_is_a_reason(session):
    raw = onde(pupil_row("1234567890A", "Zanzibar", "Zoé", g2=("Zanz\x01", "Julie")))
    [row] = feed_pupils(session, raw, apply=True).rows
    assert row.action is RowAction.REJECTED and "contrôle" in row.reasons[0]


def test_a_namesake_parent_of_another_family_is_not_taken(session):
    store = session.store
    parent = next(u for u in store.all(User) if u.profile is Profile.RELATIVE and u.children
                  and session.structure.id in u.structures)
    row = pupil_row("1234567890A", "Zanzibar", "Zoé", g1=(parent.last_name, parent.first_name))
    row[10] = ""  # no e-mail given
    report = feed_pupils(session, onde(row), apply=True)
    assert report.parents_created == 1
    assert store.get(User, parent.id).children == parent.children
    zoe = next(u for u in store.all(User) if u.first_name == "Zoé" and u.last_name == "Zanzibar")
    new_parent = store.get(User, zoe.relatives[0])
    assert new_parent.id != parent.id and new_parent.duplicates  # flagged as a possible duplicate


def test_a_namesake_pupil_with_another_ine_is_another_pupil(session):
    pupil = next(u for u in session.store.all(User) if u.profile is Profile.STUDENT and u.ine and u.birth_date
                 and session.structure.id in u.structures)
    row = pupil_row("9999999999Z", pupil.last_name, pupil.first_name, birth=f"{pupil.birth_date:%d/%m/%Y}")
    report = feed_pupils(session, onde(row), apply=True)
    assert report.counts["create"] == 1
    assert session.store.get(User, pupil.id).ine == pupil.ine


def test_namesake_guardians_of_two_families_stay_two_accounts(session):
    rows = [pupil_row("1234567890A", "Zanzibar", "Zoé", g1=("Martin", "Julie"), g2=("Zanzibar", "Paul")),
            pupil_row("1234567891A", "Yole", "Léo", g1=("Martin", "Julie"), g2=("Yole", "Marc"))]
    for row in rows:
        row[10] = ""  # no contacts: only the other guardian tells the families apart
    first = feed_pupils(session, onde(*rows), apply=True)
    assert first.parents_created == 4
    writes = session.store.write_count
    again = feed_pupils(session, onde(*rows), apply=True)
    assert session.store.write_count == writes and again.parents_created == 0
    store = session.store
    zoe = next(u for u in store.all(User) if u.first_name == "Zoé" and u.last_name == "Zanzibar")
    leo = next(u for u in store.all(User) if u.first_name == "Léo" and u.last_name == "Yole")
    assert not set(zoe.relatives) & set(leo.relatives)
    for kid in (zoe, leo):
        assert all(store.get(User, p).children == (kid.id,) for p in kid.relatives)
