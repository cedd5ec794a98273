"""Account exports, activation codes and connection sheets on the demo school."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from entconsole.models import Profile, SchoolClass, User
from entconsole.services.errors import ServiceError
from entconsole.services.exports import (
    CLASSIC_HEADER,
    CODES_HEADER,
    ExportFilter,
    ExportKind,
    FileExists,
    export_accounts,
    export_activation_codes,
    save_file,
)
from entconsole.services.sheets import distribution, pdf_text, send_sheets, sheets_pdf
from entconsole.services.session import Session
from entconsole.store import Store
from tests.conftest import TODAY


@pytest.fixture
def session(demo_path, clock):
    return Session.open(Store(demo_path, create=False, clock=clock), None, TODAY)


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def cm1a(session) -> SchoolClass:
    return next(c for c in session.store.find(SchoolClass, "structure", session.structure.id) if c.name == "CM1 A")


def test_classic_export_columns_and_values(session):
    [file] = export_accounts(session, ExportKind.CLASSIC)
    rows = rows_of(file.data)
    assert tuple(rows[0]) == CLASSIC_HEADER
    assert file.count == len(rows) - 1 > 700
    by_id = {r[0]: r for r in rows[1:]}
    parent = next(u for u in session.store.all(User)
                  if u.profile is Profile.RELATIVE and len(u.children) >= 2 and u.id in by_id and u.last_login)
    row = by_id[parent.id]
    assert row[2] == "Parent" and row[3] == parent.last_name and row[5] == parent.login
    children = [session.store.get(User, c).display_name for c in parent.children]
    assert row[11] == ", ".join(children)  # multi-valued cells joined with ", "
    assert row[13] == parent.last_login.strftime("%d-%m-%Y %H:%M")
    assert session.structure.name in row[9].split(", ")


def test_every_field_is_quoted(session):
    [file] = export_accounts(session, ExportKind.CLASSIC, ExportFilter(class_id=cm1a(session).id))
    for line in file.data.decode("utf-8-sig").splitlines():
        assert line.startswith('"') and line.endswith('"')
        assert line.count('";"') == len(CLASSIC_HEADER) - 1


def test_filters_class_profile_activation(session):
    klass = cm1a(session)
    flt = ExportFilter(class_id=klass.id, profile=Profile.STUDENT, activated=False)
    [file] = export_accounts(session, ExportKind.CLASSIC, flt)
    rows = rows_of(file.data)[1:]
    assert rows and all(r[2] == "Élève" and r[10] == "CM1 A" and r[7] for r in rows)


def test_injected_name_is_neutralised_in_the_export(session):
    store = session.store
    user = next(u for u in store.all(User) if u.profile is Profile.STUDENT and session.structure.id in u.structures)
    with store.transaction("test", "test") as tx:
        tx.put(user.model_copy(update={"last_name": '=HYPERLINK("http://evil")', "display_name": "x"}))
        tx.journal("test")
    [file] = export_accounts(session, ExportKind.CLASSIC)
    row = next(r for r in rows_of(file.data) if r[0] == user.id)
    assert row[3] == """'=HYPERLINK("http://evil")"""


def test_transition_export_one_file_per_profile_in_template_layout(session):
    files = export_accounts(session, ExportKind.TRANSITION)
    names = [f.name for f in files]
    assert any(n.startswith("transition-eleves-") for n in names)
    pupils = next(f for f in files if "eleves" in f.name)
    header = rows_of(pupils.data)[0]
    assert header == ["Prénom*", "Nom*", "Date de naissance*", "Classes*", "Identifiant externe"]


def test_unknown_class_is_refused(session):
    with pytest.raises(ServiceError):
        export_accounts(session, ExportKind.CLASSIC, ExportFilter(class_id="nope"))


def test_activation_codes_file(session):
    file = export_activation_codes(session, ExportFilter(class_id=cm1a(session).id))
    rows = rows_of(file.data)
    assert tuple(rows[0]) == CODES_HEADER
    assert rows[1:] and all(len(r[5]) == 8 for r in rows[1:])
    logins = {r[3] for r in rows[1:]}
    inactive = {u.login for u in session.store.all(User)
                if cm1a(session).id in u.classes and u.activation_code and u.delete_date is None}
    assert logins == inactive


def test_no_overwrite_without_confirmation(tmp_path):
    target = tmp_path / "x.csv"
    save_file(target, b"one")
    with pytest.raises(FileExists):
        save_file(target, b"two")
    assert target.read_bytes() == b"one"
    save_file(target, b"two", overwrite=True)
    assert target.read_bytes() == b"two"


# --------------------------------------------------------------------------- sheets


def test_distribution_order_and_counts(session):
    dist = distribution(session)
    profiles = [s.profile for s in dist.sheets]
    order = [L for L in ("Enseignant", "Élève", "Parent", "Personnel", "Invité") if L in profiles]
    assert [p for i, p in enumerate(profiles) if i == 0 or profiles[i - 1] != p] == order
    assert dist.without_email == sum(1 for s in dist.sheets if not s.email)
    pupils = [s for s in dist.sheets if s.profile == "Élève" and s.classes]
    assert [s.classes for s in pupils] == sorted((s.classes for s in pupils), key=lambda c: c.casefold())


@pytest.mark.parametrize("per_page", [1, 2, 8])
def test_pdf_pages_and_content(session, per_page):
    dist = distribution(session, ExportFilter(class_id=cm1a(session).id, activated=False))
    data = sheets_pdf(dist, per_page)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == -(-dist.total // per_page)
    text = "".join(page.extract_text() for page in reader.pages)
    first = dist.sheets[0]
    assert first.login in text and first.activation_code in text
    last = dist.sheets[-1]
    assert last.login in reader.pages[-1].extract_text()


def test_pdf_refuses_other_layouts_and_empty_selection(session):
    dist = distribution(session, ExportFilter(class_id=cm1a(session).id))
    with pytest.raises(ServiceError):
        sheets_pdf(dist, 3)
    empty = distribution(session, ExportFilter(profile=Profile.GUEST, activated=False, class_id=cm1a(session).id))
    with pytest.raises(ServiceError):
        sheets_pdf(empty, 1)


def test_pdf_text_keeps_french_and_replaces_the_rest():
    assert pdf_text("Zoé Lefèvre Œuvre") == "Zoé Lefèvre OEuvre"
    assert pdf_text("Ōtani 李") == "Otani ?"


def test_send_sheets_one_transaction_in_the_outbox(session):
    from entconsole.models import OutboxMail

    store = session.store
    before = store.write_count
    result = send_sheets(session, ExportFilter(profile=Profile.RELATIVE))
    assert store.write_count == before + 1
    mails = [m for m in store.all(OutboxMail) if m.kind == "account_sheet"]
    assert len(mails) == result.changed > 0
    assert all(m.to and "@" in m.to[0] for m in mails)


def test_counts_match_the_distribution(session):
    from entconsole.services.sheets import sheet_counts

    for flt in (ExportFilter(), ExportFilter(profile=Profile.RELATIVE, activated=False)):
        dist, counts = distribution(session, flt), sheet_counts(session, flt)
        assert (counts.total, counts.without_email) == (dist.total, dist.without_email)
