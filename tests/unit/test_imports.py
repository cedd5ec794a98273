"""CSV import: field check, class check, report, one transaction, idempotence, round trip."""

from __future__ import annotations

from datetime import date

import pytest

from entconsole.models import JournalEntry, Profile, SchoolClass, Source, User
from entconsole.services.csv_io import UnusableFile, write_csv
from entconsole.services.csv_templates import template_header
from entconsole.services.exports import ExportFilter, ExportKind, export_accounts
from entconsole.services.imports import ImportOptions, RowAction, import_csv
from entconsole.services.session import Session
from entconsole.store import Store
from tests.conftest import TODAY

PUPILS_HEADER = "Prénom*;Nom*;Date de naissance*;Classes*"


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, create=False, clock=clock), None, TODAY)


def users_named(session, last: str) -> list[User]:
    return [u for u in session.store.all(User) if u.last_name == last]


def journal_count(session) -> int:
    return session.store.count(JournalEntry)


def pupils_file(*rows: str, header: str = PUPILS_HEADER, newline: str = "\r\n", encoding: str = "utf-8") -> bytes:
    return newline.join([header, *rows, ""]).encode(encoding)


def test_template_per_profile_matches_domain():
    assert template_header(Profile.STUDENT) == ["Prénom*", "Nom*", "Date de naissance*", "Classes*"]
    assert template_header(Profile.TEACHER)[-2:] == ["classe", "classe"]
    assert "classe" not in template_header(Profile.PERSONNEL)
    parents = template_header(Profile.RELATIVE)
    assert parents[:8] == ["Nom*", "Prénom*", "Adresse", "Code postal", "Ville", "Pays", "Courriel", "Téléphone"]
    assert parents[8:] == ["Nom de l'élève", "Prénom de l'élève", "Classes de l'élève"] * 3
    assert template_header(Profile.GUEST)[2] == "Classes"


def test_dry_run_reports_and_writes_nothing(session):
    raw = pupils_file("Zoé;Zanzibar;12/03/2016;CM1 A")
    writes = session.store.write_count
    report = import_csv(session, Profile.STUDENT, raw)
    assert report.counts["create"] == 1 and not report.applied
    assert session.store.write_count == writes and not users_named(session, "Zanzibar")


def test_apply_is_one_write_one_journal_entry_after_a_backup(session):
    raw = pupils_file("Zoé;Zanzibar;12/03/2016;CM1 A", "Léo;Zanzibar;2017-04-01;CE1 A")
    writes, entries = session.store.write_count, journal_count(session)
    report = import_csv(session, Profile.STUDENT, raw, apply=True, file_name="eleves.csv")
    assert session.store.write_count == writes + 1
    assert journal_count(session) == entries + 1
    assert report.backup is not None and report.backup.exists()
    created = users_named(session, "Zanzibar")
    assert {u.first_name for u in created} == {"Zoé", "Léo"}
    assert all(u.source is Source.CSV and u.activation_code and u.login.endswith(".zanzibar") for u in created)
    zoe = next(u for u in created if u.first_name == "Zoé")
    assert zoe.birth_date == date(2016, 3, 12)
    assert [session.store.get(SchoolClass, c).name for c in zoe.classes] == ["CM1 A"]


def test_reimporting_the_same_file_changes_nothing(session):
    raw = pupils_file("Zoé;Zanzibar;12/03/2016;CM1 A")
    import_csv(session, Profile.STUDENT, raw, apply=True)
    writes = session.store.write_count
    again = import_csv(session, Profile.STUDENT, raw, apply=True)
    assert again.counts["unchanged"] == 1 and again.counts["create"] == 0
    assert session.store.write_count == writes and again.backup is None
    assert len(users_named(session, "Zanzibar")) == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("separator", [";", ","])
def test_messy_real_world_file(session, encoding, separator):
    """Spreadsheet export: other header case/accents, stray spaces, CRLF, trailing empty columns."""
    rows = ["  Zoé ;ZANZIBAR ; 12/03/2016 ; cm1 a ;;;", "Léo;Zanzibar;2017-04-01;CE1 A;;;"]
    header = "prenom;NOM;date de naissance;classe;;;"
    raw = pupils_file(*rows, header=header).decode().replace(";", separator).encode(encoding)
    report = import_csv(session, Profile.STUDENT, raw, apply=True)
    assert report.counts["create"] == 2 and report.counts["rejected"] == 0
    assert report.unknown_classes == []  # "cm1 a" is CM1 A
    assert {u.first_name for u in users_named(session, "ZANZIBAR") + users_named(session, "Zanzibar")} == {"Zoé", "Léo"}


def test_every_rejection_reason_with_row_numbers(session):
    raw = pupils_file(
        ";Sans;12/03/2016;CM1 A",  # line 2: no first name
        "Zoé;Zanzibar;31/02/2016;CM1 A",  # 3: impossible date
        "Zoé;Zanzibar;;",  # 4: no birth date, no class
        "Léo;Zanzibar;le 3 mars;CM1 A",  # 5: unreadable date
        "Ana;Zanzibar;01/01/2016;CM1 A",  # 6: fine
        "ana;ZANZIBAR;2016-01-01;CM1 A",  # 7: same person as line 6
    )
    report = import_csv(session, Profile.STUDENT, raw)
    rejected = {r.line: r.reasons for r in report.of(RowAction.REJECTED)}
    assert set(rejected) == {2, 3, 4, 5, 7}
    assert "Prénom" in rejected[2][0]
    assert "31/02/2016" in rejected[3][0]
    assert len(rejected[4]) == 2
    assert "le 3 mars" in rejected[5][0]
    assert "ligne 6" in rejected[7][0]


def test_unknown_classes_listed_then_created_or_rejected(session):
    raw = pupils_file("Zoé;Zanzibar;12/03/2016;CM2 Z")
    report = import_csv(session, Profile.STUDENT, raw, ImportOptions(create_classes=False))
    assert report.unknown_classes == ["CM2 Z"] and report.counts["rejected"] == 1
    report = import_csv(session, Profile.STUDENT, raw, apply=True)
    assert report.counts["create"] == 1
    klass = next(c for c in session.store.all(SchoolClass) if c.name == "CM2 Z")
    assert klass.structure_id == session.structure.id
    from entconsole.models import Group

    assert session.store.find(Group, "class", klass.id)  # its profile groups came with it


def test_matching_by_name_and_birth_date_updates(session):
    pupil = next(u for u in session.store.all(User)
                 if u.profile is Profile.STUDENT and u.classes and session.structure.id in u.structures
                 and u.birth_date and u.delete_date is None)
    raw = pupils_file(f"{pupil.first_name.upper()};{pupil.last_name};{pupil.birth_date:%d/%m/%Y};CM2 A")
    report = import_csv(session, Profile.STUDENT, raw, ImportOptions(year_change=True), apply=True)
    assert report.counts["update"] == 1, report.to_dict()
    after = session.store.get(User, pupil.id)
    assert [session.store.get(SchoolClass, c).name for c in after.classes] == ["CM2 A"]


def test_predelete_absent_touches_only_manual_accounts_of_the_profile(session):
    raw = pupils_file("Zoé;Zanzibar;12/03/2016;CM1 A")
    manual = [u for u in session.store.all(User) if u.profile is Profile.STUDENT and u.source is Source.MANUAL
              and session.structure.id in u.structures and u.delete_date is None]
    report = import_csv(session, Profile.STUDENT, raw, ImportOptions(predelete_absent=True), apply=True)
    assert {uid for uid, _ in report.predeleted} == {u.id for u in manual}
    for user in manual:
        assert session.store.get(User, user.id).delete_date == TODAY
    fed = [u for u in session.store.all(User) if u.profile is Profile.STUDENT and u.source is Source.AAF1D]
    assert all(u.delete_date is None or u.id not in {x for x, _ in report.predeleted} for u in fed)


def test_parents_file_links_children(session):
    pupil = next(u for u in session.store.all(User) if u.profile is Profile.STUDENT and u.classes
                 and session.structure.id in u.structures and u.delete_date is None)
    header = ";".join(template_header(Profile.RELATIVE))
    raw = (header + "\r\n" + f"Zanzibar;Marc;1 rue X;45990;Ville;;marc@example.org;0600000000;"
           f"{pupil.last_name};{pupil.first_name};;Inconnu;Personne;\r\n").encode()
    report = import_csv(session, Profile.RELATIVE, raw, apply=True)
    [row] = report.rows
    assert row.action is RowAction.CREATE and any("Personne" in w for w in row.warnings)
    parent = users_named(session, "Zanzibar")[0]
    assert parent.children == (pupil.id,) and parent.address == "1 rue X, 45990 Ville"
    assert parent.id in session.store.get(User, pupil.id).relatives


def test_duplicates_detected_after_import(session):
    pupil = next(u for u in session.store.all(User) if u.profile is Profile.STUDENT and u.birth_date
                 and session.structure.id in u.structures and u.delete_date is None and not u.duplicates)
    other_birth = date(pupil.birth_date.year - 1, 1, 1)
    raw = pupils_file(f"{pupil.first_name};{pupil.last_name};{other_birth:%d/%m/%Y};CM1 A")
    report = import_csv(session, Profile.STUDENT, raw, apply=True)
    assert report.counts["create"] == 1 and report.duplicates == 1
    new = session.store.get(User, report.rows[0].user_id)
    assert [d.user_id for d in new.duplicates] == [pupil.id] and new.duplicates[0].score == 4
    assert any(d.user_id == new.id for d in session.store.get(User, pupil.id).duplicates)


@pytest.mark.parametrize("profile", [Profile.STUDENT, Profile.TEACHER, Profile.PERSONNEL, Profile.RELATIVE,
                                     Profile.GUEST])
def test_transition_export_reads_back_unchanged(session, profile):
    [file] = export_accounts(session, ExportKind.TRANSITION, ExportFilter(profile=profile))
    report = import_csv(session, profile, file.data)
    counts = report.counts
    assert counts["create"] == 0 and counts["update"] == 0, report.to_dict()["rows"][:3]
    # only rows the template itself refuses (pupils without a class) are rejected
    assert all(r.reasons == ["Classe manquant(e)"] for r in report.of(RowAction.REJECTED))
    assert counts["unchanged"] == file.count - counts["rejected"]


@pytest.mark.parametrize("raw,needle", [
    (b"", "vide"),
    (b"\x00\x01\x02binary\x00" * 100, "binaire"),
    ("Zoé;Lefèvre;12/03/2016;CM1 A\r\nLéo;Durand;01/01/2017;CE1 A\r\n".encode(), "Aucune colonne"),
    ("Couleur;Taille\r\nrouge;3\r\n".encode(), "Aucune colonne"),
    ("Prénom;Nom\r\nZoé;Lefèvre\r\n".encode(), "Date de naissance"),
])
def test_bad_files_are_one_line_errors_and_change_nothing(session, raw, needle):
    writes = session.store.write_count
    with pytest.raises(UnusableFile) as err:
        import_csv(session, Profile.STUDENT, raw, apply=True)
    assert needle in err.value.message and "\n" not in err.value.message
    assert session.store.write_count == writes


def test_100000_rows_dry_run(session):
    rows = [f"Élève{n};Zanzibar;12/03/2016;CM1 A" for n in range(100_000)]
    report = import_csv(session, Profile.STUDENT, pupils_file(*rows))
    assert report.counts["create"] == 100_000


def test_written_template_is_accepted(session):
    raw = write_csv(template_header(Profile.TEACHER), [["Anne", "Zanzibar", "", "", "", "", "a@b.fr", "", "", "", "",
                                                        "CM1 A", "CM2 A"]])
    report = import_csv(session, Profile.TEACHER, raw, apply=True)
    assert report.counts["create"] == 1
    teacher = users_named(session, "Zanzibar")[0]
    assert {session.store.get(SchoolClass, c).name for c in teacher.classes} == {"CM1 A", "CM2 A"}


def test_names_the_store_would_refuse_are_rejected_rows_not_a_crash(session):
    long = "A" * 501
    raw = pupils_file("Zo\x07é;Zanzibar;12/03/2016;CM1 A", f"{long};Zanzibar;12/03/2016;CM1 A",
                      "Léo;Zanzibar;12/03/2099;CM1 A", "Ana;Zanzibar;12/03/2016;CM1 A")
    report = import_csv(session, Profile.STUDENT, raw, apply=True)
    rejected = {r.line: r.reasons for r in report.of(RowAction.REJECTED)}
    assert set(rejected) == {2, 3, 4}
    assert "contrôle" in rejected[2][0] and "500" in rejected[3][0] and "2099" in rejected[4][0]
    assert [u.first_name for u in users_named(session, "Zanzibar")] == ["Ana"]


def test_a_row_with_500_columns_is_imported(session):
    raw = pupils_file("Zoé;Zanzibar;12/03/2016;CM1 A;" + ";".join(["x"] * 496))
    report = import_csv(session, Profile.STUDENT, raw, apply=True)
    assert report.counts["create"] == 1


def test_a_predeleted_account_in_the_file_is_left_alone_with_a_warning(session):
    user = next(u for u in session.store.all(User) if u.profile is Profile.STUDENT and u.delete_date is not None
                and session.structure.id in u.structures and u.birth_date)
    raw = pupils_file(f"{user.first_name};{user.last_name};{user.birth_date:%d/%m/%Y};CM1 A")
    report = import_csv(session, Profile.STUDENT, raw, apply=True)
    [row] = report.rows
    assert row.action is RowAction.UNCHANGED and user.login in row.warnings[0]
    assert session.store.get(User, user.id) == user


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from entconsole.services.feed_pupils import PUPIL_COLUMNS, feed_pupils  # noqa: E402
from entconsole.services.feed_staff import STAFF_COLUMNS, feed_staff  # noqa: E402


def _with_header(header):
    return st.lists(st.lists(st.text(max_size=12), max_size=len(header) + 2), max_size=5).map(
        lambda rows: "\n".join(";".join(r) for r in [list(header), *rows]).encode())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.binary(max_size=600),
    _with_header(["Prénom", "Nom", "Date de naissance", "Classes"]),
    _with_header(PUPIL_COLUMNS),
    _with_header(STAFF_COLUMNS),
))
def test_any_bytes_give_a_report_or_a_one_line_error(session, raw):
    """Whatever the file holds: a report or UnusableFile, never another exception (dry runs)."""
    for run in (lambda: import_csv(session, Profile.STUDENT, raw), lambda: feed_pupils(session, raw),
                lambda: feed_staff(session, raw)):
        try:
            report = run()
        except UnusableFile as error:
            assert error.message and "\n" not in error.message
        else:
            assert report.rows is not None
