"""`entconsole export / publipostage / import / feed` on a temp store: exit codes, output, files."""

from __future__ import annotations

import io

import orjson
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from entconsole.cli import main
from entconsole.models import JournalEntry, User
from entconsole.services.feed_pupils import PUPIL_COLUMNS
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def run(demo_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args):
        return CliRunner().invoke(main, ["--db", str(demo_path), "--today", TODAY.isoformat(), *args])

    return invoke


def test_export_accounts_default_dir_and_no_overwrite(run, tmp_path):
    result = run("export", "accounts", "--class", "cm1 a")
    assert result.exit_code == 0, result.output
    [path] = list(tmp_path.glob("export-comptes-*.csv"))
    assert str(path) in result.output
    before = path.read_bytes()
    assert before.startswith(b"\xef\xbb\xbf\"Id\";\"Identifiant SIECLE\"")
    again = run("export", "accounts")
    assert again.exit_code == 2 and "existe déjà" in again.output
    assert path.read_bytes() == before
    assert run("export", "accounts", "--force").exit_code == 0
    assert path.read_bytes() != before


def test_transition_export_then_dry_run_import_of_it(run, tmp_path):
    result = run("export", "accounts", "--type", "transition", "--profile", "enseignant", "--out", str(tmp_path / "t"))
    assert result.exit_code == 2 and "Impossible d'écrire" in result.output  # the folder does not exist
    (tmp_path / "t").mkdir()
    result = run("export", "accounts", "--type", "transition", "--profile", "enseignant", "--out", str(tmp_path / "t"))
    assert result.exit_code == 0, result.output
    [path] = list((tmp_path / "t").glob("transition-enseignants-*.csv"))
    result = run("import", "csv", "--profile", "enseignant", str(path), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    data = orjson.loads(result.output)
    assert data["counts"]["create"] == 0 and data["counts"]["update"] == 0 and not data["applied"]


def test_codes_and_template(run, tmp_path):
    assert run("export", "codes", "--profile", "parent").exit_code == 0
    [codes] = list(tmp_path.glob("codes-activation-*.csv"))
    assert codes.read_bytes().decode("utf-8-sig").startswith(
        '"Type";"Nom";"Prénom";"Login";"Alias de login";"Code d\'activation"')
    result = run("import", "template", "élèves")
    assert result.exit_code == 0
    assert (tmp_path / "modele-eleves.csv").read_bytes().decode("utf-8-sig").strip() == \
        '"Prénom*";"Nom*";"Date de naissance*";"Classes*"'
    assert run("import", "template", "martien").exit_code == 2


def test_publipostage_pdf(run, tmp_path):
    result = run("publipostage", "--out", str(tmp_path / "fiches.pdf"), "--per-page", "8", "--class", "CM1 A",
                 "--not-activated")
    assert result.exit_code == 0, result.output
    assert "comptes sélectionnés au total" in result.output and "sans adresse courriel" in result.output
    reader = PdfReader(io.BytesIO((tmp_path / "fiches.pdf").read_bytes()))
    assert len(reader.pages) >= 1 and "Code d'activation" in reader.pages[0].extract_text()


def test_import_exit_codes_and_single_journal_entry(run, tmp_path, demo_path):
    good = tmp_path / "ok.csv"
    good.write_bytes("Prénom;Nom;Date de naissance;Classes\r\nZoé;Zanzibar;12/03/2016;CM1 A\r\n".encode("cp1252"))
    entries = Store(demo_path, create=False).count(JournalEntry)
    result = run("import", "csv", "--profile", "eleve", str(good))
    assert result.exit_code == 0, result.output
    assert "Sauvegarde avant import" in result.output
    store = Store(demo_path, create=False)
    assert store.count(JournalEntry) == entries + 1
    assert any(u.last_name == "Zanzibar" for u in store.all(User))

    mixed = tmp_path / "mixed.csv"
    mixed.write_text("Prénom;Nom;Date de naissance;Classes\nLéo;Zanzibar;31/02/2015;CM1 A\nAna;Zanzibar;01/01/2016;CM1 A\n")
    strict = run("import", "csv", "--profile", "eleve", str(mixed), "--strict")
    assert strict.exit_code == 1 and "Ligne 2" in strict.output and "31/02/2015" in strict.output
    assert not any(u.first_name == "Ana" and u.last_name == "Zanzibar" for u in Store(demo_path, create=False).all(User))
    loose = run("import", "csv", "--profile", "eleve", str(mixed))
    assert loose.exit_code == 1
    assert any(u.first_name == "Ana" and u.last_name == "Zanzibar" for u in Store(demo_path, create=False).all(User))


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02\x03" * 100, "a;b\r\n1;2\r\n".encode()])
def test_unusable_files_exit_2_without_traceback(run, tmp_path, content):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = run("import", "csv", "--profile", "eleve", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_file_exit_2(run, tmp_path):
    result = run("feed", "pupils", str(tmp_path / "absent.csv"))
    assert result.exit_code == 2 and "absent.csv" in result.output


def test_feed_pupils_json_and_report_file(run, tmp_path):
    path = tmp_path / "onde.csv"
    row = ["1234567890A", "Zanzibar", "Zoé", "12/03/2016", "CM1", "CM1 A", "Admis définitivement", "2024-2025",
           "Zanzibar", "Marc", "", "", "", "", "", ""]
    bad = ["12", "Zanzibar", "Léo", "12/03/2016", "CM1", "CM1 A", "Admis définitivement", "2024-2025",
           "Zanzibar", "Marc", "", "", "", "", "", ""]
    path.write_text("\n".join(";".join(r) for r in (PUPIL_COLUMNS, row, bad)))
    result = run("feed", "pupils", str(path), "--json", "--report", str(tmp_path / "rapport.csv"))
    assert result.exit_code == 1
    data = orjson.loads(result.output)
    assert data["applied"] and data["counts"]["create"] == 1 and data["counts"]["rejected"] == 1
    assert data["counts"]["disappeared"] > 100  # the demo's pupils are not in this one-row feed
    report = (tmp_path / "rapport.csv").read_bytes().decode("utf-8-sig")
    assert "INE invalide" in report


def test_feed_staff_dry_run(run, tmp_path, demo_path):
    path = tmp_path / "staff.csv"
    path.write_text("Profil,Nom,Prénom,Date de naissance,Courriel,Fonction,UAI\n"
                    "Enseignant,Zanzibar,Anne,01/01/1980,anne@ac.fr,,0601234X\n")
    writes_before = Store(demo_path, create=False).revision
    result = run("feed", "staff", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Simulation" in result.output
    assert Store(demo_path, create=False).revision == writes_before
