""""Distribuer les comptes" (publipostage): connection sheets as a PDF, and by mail.

The sheets are drawn with fpdf2's core Helvetica (no font file to ship);
text is therefore reduced to Windows-1252, which covers French names.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from entconsole import labels as L
from entconsole.models import OutboxMail, Profile, SchoolClass, User
from entconsole.services.errors import ServiceError
from entconsole.services.exports import ExportFilter, selected_users
from entconsole.services.results import ActionResult
from entconsole.services.session import Session
from entconsole.text import fold

if TYPE_CHECKING:
    from fpdf import FPDF

PER_PAGE_CHOICES = (1, 2, 8)
PROFILE_ORDER = {p: n for n, p in enumerate(Profile)}


@dataclass(frozen=True)
class Sheet:
    """What one connection sheet says."""

    school: str
    name: str
    profile: str
    classes: str
    login: str
    activation_code: str | None
    email: str | None


@dataclass(frozen=True)
class Distribution:
    """The selected accounts in sheet order, with the screen's two counters."""

    sheets: list[Sheet]
    without_email: int

    @property
    def total(self) -> int:
        return len(self.sheets)


def _class_names(session: Session, user: User) -> list[str]:
    store = session.store
    sid = session.structure.id
    names = [c.name for i in user.classes if (c := store.get(SchoolClass, i)) and c.structure_id == sid]
    return sorted(names, key=fold)


def distribution(session: Session, flt: ExportFilter = ExportFilter()) -> Distribution:
    """The filtered accounts sorted by profile, then class, then name."""
    users = selected_users(session, flt)
    school = session.structure.name
    keyed = []
    for user in users:
        classes = _class_names(session, user)
        key = (PROFILE_ORDER[user.profile], fold(classes[0]) if classes else "\uffff",
               fold(user.last_name), fold(user.first_name))
        keyed.append((key, user, classes))
    keyed.sort(key=lambda item: item[0])
    sheets = [
        Sheet(school, u.display_name, L.PROFILE[u.profile.value], ", ".join(c), u.login,
              u.activation_code, u.email)
        for _, u, c in keyed
    ]
    return Distribution(sheets, sum(1 for s in sheets if not s.email))


@dataclass(frozen=True)
class SheetCounts:
    total: int
    without_email: int


def sheet_counts(session: Session, flt: ExportFilter = ExportFilter()) -> SheetCounts:
    """The screen's two counters, without building and sorting the sheets."""
    users = selected_users(session, flt)
    return SheetCounts(len(users), sum(1 for u in users if not u.email))


# --------------------------------------------------------------------------- PDF

_PDF_REPLACE = {"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."}


def pdf_text(text: str) -> str:
    """Text the core fonts can draw: Windows-1252, else accents stripped, else '?'."""
    out = []
    for char in text:
        char = _PDF_REPLACE.get(char, char)
        try:
            char.encode("cp1252")
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        try:
            bare.encode("cp1252")
            out.append(bare)
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


# (columns, rows) of sheets on an A4 portrait page
_GRID = {1: (1, 1), 2: (1, 2), 8: (2, 4)}
_MARGIN = 8.0


def _draw_sheet(pdf: FPDF, sheet: Sheet, x: float, y: float, w: float, h: float, scale: float,
                login_url: str | None) -> None:
    pad = 4 * scale
    pdf.set_draw_color(120, 120, 120)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=1.5, gap=1.5)
    pdf.rect(x + 1, y + 1, w - 2, h - 2)
    pdf.set_dash_pattern()
    inner = w - 2 * pad
    pdf.set_xy(x + pad, y + pad)

    def line(text: str, size: float, style: str = "", gap: float = 0.0) -> None:
        pdf.set_font("Helvetica", style, size * scale)
        pdf.set_x(x + pad)
        text = pdf_text(text)
        height = size * scale * 0.5
        # multi_cell's line breaking costs ten times a cell: only for text that needs it
        if pdf.get_string_width(text) <= inner - 2 * pdf.c_margin:
            pdf.cell(inner, height, text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(inner, height, text, new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.set_y(pdf.get_y() + gap * scale)

    line(sheet.school, 11, "B", 1)
    line(L.SHEET_TITLE, 16, "B", 2)
    line(sheet.name, 14, "B")
    line(f"{sheet.profile}" + (f" - {sheet.classes}" if sheet.classes else ""), 11, "", 3)
    line(L.SHEET_LOGIN.format(login=sheet.login), 13, "B", 1)
    if sheet.activation_code:
        line(L.SHEET_CODE.format(code=sheet.activation_code), 13, "B", 3)
    else:
        line(L.SHEET_ALREADY_ACTIVATED, 11, "I", 3)
    line(L.SHEET_WHERE.format(url=login_url) if login_url else L.SHEET_WHERE_DEFAULT, 10, "", 2)
    if sheet.activation_code and scale >= 0.75:
        line(L.SHEET_FIRST_LOGIN_TITLE, 10, "B", 1)
        for step in L.SHEET_FIRST_LOGIN_STEPS:
            line(step, 9.5)
    elif sheet.activation_code:
        line(L.SHEET_FIRST_LOGIN_SHORT, 9.5)


def sheets_pdf(dist: Distribution, per_page: int = 1, *, login_url: str | None = None,
               title: str = "") -> bytes:
    """The PDF of `dist`'s sheets, `per_page` (1, 2 or 8) to an A4 page."""
    if per_page not in _GRID:
        raise ServiceError(L.SHEET_BAD_PER_PAGE.format(choices="1, 2, 8"))
    if not dist.sheets:
        raise ServiceError(L.SHEET_NONE)
    cols, rows = _GRID[per_page]
    from fpdf import FPDF  # here, not at the top: it costs the console's start 0.12 s

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(pdf_text(title or L.SHEET_TITLE))
    pdf.set_creator("entconsole")
    pdf.set_auto_page_break(False)
    pdf.set_margins(_MARGIN, _MARGIN)
    width = (pdf.w - 2 * _MARGIN) / cols
    height = (pdf.h - 2 * _MARGIN) / rows
    scale = {1: 1.3, 2: 1.0, 8: 0.72}[per_page]
    for n, sheet in enumerate(dist.sheets):
        slot = n % per_page
        if slot == 0:
            pdf.add_page()
        col, row = slot % cols, slot // cols
        _draw_sheet(pdf, sheet, _MARGIN + col * width, _MARGIN + row * height, width, height, scale, login_url)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- mail


def send_sheets(session: Session, flt: ExportFilter = ExportFilter(), *, login_url: str | None = None) -> ActionResult:
    """Queue one mail per selected account that has an address (the outbox table).

    One transaction and one journal entry, whatever the count; accounts
    without an address are counted as skipped.
    """
    dist = distribution(session, flt)
    sid = session.structure.id
    store = session.store
    with store.transaction(session.admin.login, "accounts.sheets.mail", structure_id=sid) as tx:
        sent = 0
        for sheet in dist.sheets:
            if not sheet.email:
                continue
            code = L.SHEET_CODE.format(code=sheet.activation_code) if sheet.activation_code else L.SHEET_ALREADY_ACTIVATED
            where = L.SHEET_WHERE.format(url=login_url) if login_url else L.SHEET_WHERE_DEFAULT
            tx.put(OutboxMail(
                when=tx.now, kind="account_sheet", to=(sheet.email,), recipients_count=1,
                subject=L.SHEET_MAIL_SUBJECT.format(school=sheet.school),
                body="\n".join([sheet.name, L.SHEET_LOGIN.format(login=sheet.login), code, where,
                                *L.SHEET_FIRST_LOGIN_STEPS]),
                structure_id=sid,
            ))
            sent += 1
        message = L.SHEET_MAIL_DONE.format(sent=sent, skipped=dist.without_email)
        if sent:
            tx.journal(message, count=sent)
    return ActionResult(message, changed=sent, skipped=dist.without_email)
