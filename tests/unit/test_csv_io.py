"""The CSV rules of DOMAIN.md section 10: how files are written and how messy files are read."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from entconsole.services.csv_io import (
    BOM,
    UnusableFile,
    header_key,
    neutralise,
    parse_date,
    read_table,
    sniff_separator,
    unneutralise,
    write_csv,
)


def test_written_file_has_bom_semicolons_and_every_field_quoted():
    data = write_csv(["Nom", "Prénom"], [["Dupont", "Zoé"], ["", "x"]])
    assert data.startswith(BOM.encode("utf-8"))
    text = data.decode("utf-8")[1:]
    assert text.splitlines() == ['"Nom";"Prénom"', '"Dupont";"Zoé"', '"";"x"']


@pytest.mark.parametrize("cell", ["=1+2", "+33 6 12", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_cells_are_neutralised(cell):
    data = write_csv(["a"], [[cell]])
    row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))[1]
    assert row[0] == "'" + cell
    assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r"))


def test_plain_cells_are_kept():
    assert neutralise("Jean-Pierre") == "Jean-Pierre"
    assert neutralise("'quoted") == "'quoted"


@given(st.text(max_size=30))
def test_neutralise_round_trips(value):
    assert unneutralise(neutralise(value)) == value


@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                                 max_size=12), min_size=3, max_size=3), max_size=6))
def test_written_file_reads_back(rows):
    header = ["Prénom", "Nom", "Classes"]
    table = read_table(write_csv(header, rows))
    assert table.header == header
    expected = []
    for row in rows:
        cells = [c.strip() for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            expected.append(cells)
    assert [cells for _, cells in table.rows] == expected


# --------------------------------------------------------------------------- the tolerant reader

MESSY = "Prénom*;Nom*;Date de naissance*;Classes*\r\nZoé ; Lefèvre ;12/03/2016; CM1 A ;;\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_each_encoding_reads_the_same(encoding):
    table = read_table(MESSY.encode(encoding))
    assert table.header == ["Prénom*", "Nom*", "Date de naissance*", "Classes*"]
    assert table.rows == [(2, ["Zoé", "Lefèvre", "12/03/2016", "CM1 A"])]


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_each_separator(separator):
    text = MESSY.replace(";", separator)
    table = read_table(text.encode("utf-8"))
    assert table.separator == separator
    assert table.rows[0][1] == ["Zoé", "Lefèvre", "12/03/2016", "CM1 A"]


def test_comma_file_with_quoted_commas():
    raw = 'Prénom,Nom,Classes\n"Zoé","Lefèvre","CM1 A, CM2 A"\n'.encode()
    assert read_table(raw).rows[0][1] == ["Zoé", "Lefèvre", "CM1 A, CM2 A"]


def test_blank_lines_and_lf_only():
    raw = "\n\nPrénom;Nom\n\nZoé;Lefèvre\n\n".encode()
    table = read_table(raw)
    assert table.header == ["Prénom", "Nom"]
    assert [cells for _, cells in table.rows] == [["Zoé", "Lefèvre"]]


def test_header_keys_ignore_case_accents_stars_and_spaces():
    assert header_key("Date de naissance*") == header_key("DATE DE NAISSANCE") == header_key(" date de  naissance ")
    assert header_key("Prénom") == header_key("PRENOM") == "prenom"
    assert header_key("Nom de l'élève") == header_key("nom de l eleve")


@pytest.mark.parametrize("text,expected", [
    ("12/03/2016", date(2016, 3, 12)),
    ("2016-03-12", date(2016, 3, 12)),
    ("1/3/2016", date(2016, 3, 1)),
    ("12-03-2016", date(2016, 3, 12)),
    ("12/03/2016 00:00", date(2016, 3, 12)),
    ("", None),
])
def test_both_date_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2015", "2015-13-01", "12/03/16", "demain"])
def test_bad_dates_say_why(text):
    with pytest.raises(ValueError) as err:
        parse_date(text)
    assert text.split(" ")[0] in str(err.value)


def test_sniffer_prefers_semicolon_on_a_tie():
    assert sniff_separator("a") == ";"
    assert sniff_separator('"a;b",c,d') == ","


@pytest.mark.parametrize("raw", [b"", b"   \r\n  ", b"\x00\x01\x02\x03PK\x03\x04" * 50, bytes(range(256)) * 20])
def test_unusable_files_are_one_line_errors(raw):
    with pytest.raises(UnusableFile) as err:
        read_table(raw)
    assert "\n" not in err.value.message


def test_a_row_with_500_columns_is_read_without_error():
    raw = ("Prénom;Nom\n" + "Zoé;Lefèvre;" + ";".join("x" * 3 for _ in range(498)) + "\n").encode()
    table = read_table(raw)
    assert len(table.rows[0][1]) == 500


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_both_date_forms_read_back(day):
    assert parse_date(day.strftime("%d/%m/%Y")) == day == parse_date(day.isoformat())
