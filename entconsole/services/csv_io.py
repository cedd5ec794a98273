"""CSV files as the console writes them and as real files arrive (DOMAIN.md section 10).

Written: `;`, every field quoted, UTF-8 with BOM, formula-looking cells
neutralised. Read: whatever a spreadsheet or a national tool produced: `;` or
`,` (or tab), UTF-8 with or without BOM, Windows-1252, CRLF, dd/mm/yyyy or
yyyy-mm-dd, stray spaces, empty trailing columns, header case and accents.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from entconsole import labels as L
from entconsole.services.errors import ServiceError
from entconsole.text import fold, has_control, shown

BOM = "\ufeff"
SEPARATOR = ";"
MULTI_SEPARATOR = ", "
# A spreadsheet runs a cell starting with these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 200_000  # beyond that the file is refused, not half-read
MAX_FIELD = 10_000  # characters in one cell


class UnusableFile(ServiceError):
    """The file cannot be read as a table at all (exit code 2 in the CLI)."""


# --------------------------------------------------------------------------- writing


def neutralise(value: str) -> str:
    """Prefix a formula-looking cell with a quote so that it stays text."""
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo :func:`neutralise` when reading one of our files back."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def join_values(values: Iterable[str]) -> str:
    """A multi-valued cell ("CM1 A, CM2 A")."""
    return MULTI_SEPARATOR.join(v for v in values if v)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """The console's CSV: BOM, `;`, every field quoted, cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise("" if v is None else str(v)) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")


# --------------------------------------------------------------------------- reading


def decode(raw: bytes) -> str:
    """Text of a file in UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252."""
    if not raw.strip():
        raise UnusableFile(L.IO_FILE_EMPTY)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise UnusableFile(L.IO_FILE_BINARY) from None
    if b"\x00" in raw[:4096]:
        raise UnusableFile(L.IO_FILE_BINARY)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\r\n\t")
    if controls > 8:
        raise UnusableFile(L.IO_FILE_BINARY)
    return text


def sniff_separator(header_line: str) -> str:
    """`;`, `,` or tab: the one the header line uses most, outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda c: (counts[c], c == ";"))
    return best if counts[best] else SEPARATOR


def header_key(text: str) -> str:
    """A header cell compared loosely: "Date de naissance*" == "date de NAISSANCE"."""
    return fold(text.replace("*", " ")).replace(" ", "")


@dataclass
class Table:
    """A file read as header + rows; `rows` keep their line numbers (header is line 1)."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    separator: str = SEPARATOR


def read_table(raw: bytes) -> Table:
    """Header and non-empty rows, cells stripped, trailing empty columns dropped."""
    text = decode(raw)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    separator = sniff_separator(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header: list[str] | None = None
    table = Table(header=[], separator=separator)
    try:
        for cells in reader:
            line = reader.line_num
            cells = [unneutralise(c).strip() for c in cells]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            if any(len(c) > MAX_FIELD for c in cells):
                raise UnusableFile(L.IO_FILE_FIELD_TOO_LONG.format(line=line))
            if header is None:
                header = cells
                table.header = header
                continue
            table.rows.append((line, cells))
            if len(table.rows) > MAX_ROWS:
                raise UnusableFile(L.IO_FILE_TOO_MANY_ROWS.format(max=MAX_ROWS))
    except csv.Error as exc:
        raise UnusableFile(L.IO_FILE_NOT_CSV.format(detail=exc)) from None
    if header is None:
        raise UnusableFile(L.IO_FILE_EMPTY)
    return table


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy) or yyyy-mm-dd; None when empty.

    Raises ValueError with a French reason on anything else or an impossible
    date such as 31/02/2015.
    """
    text = text.strip()
    if not text:
        return None
    day_part = _TIME_SUFFIX.sub("", text)  # "12/03/2015 00:00" from some spreadsheets
    if m := _YMD.match(day_part):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.match(day_part):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise ValueError(L.IO_BAD_DATE.format(value=shown(text)))
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(L.IO_IMPOSSIBLE_DATE.format(value=shown(text))) from None


def format_date(value: date | None) -> str:
    """Dates in written files: dd/mm/yyyy, as the templates show them."""
    return value.strftime("%d/%m/%Y") if value else ""


MAX_NAME = 500  # the models' limit for names


def text_problem(value: str, field: str, *, multiline: bool = False) -> str | None:
    """Why a free text from a file (courriel, identifiant…) cannot be stored, or None."""
    if has_control(value, multiline=multiline):
        return L.IO_NAME_CONTROL.format(field=field)
    return None


def name_problem(value: str, field: str) -> str | None:
    """Why a name from a file cannot be stored (None when it can)."""
    if problem := text_problem(value, field, multiline=True):
        return problem
    if len(value) > MAX_NAME:
        return L.IO_NAME_TOO_LONG.format(field=field, max=MAX_NAME)
    return None


def split_multi(text: str) -> list[str]:
    """A multi-valued cell: "CM1 A, CM2 A" (also `|`)."""
    return [p.strip() for p in re.split(r"[,|]", text) if p.strip()]
