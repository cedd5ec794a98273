"""Imports / Exports tabs "Exporter des comptes" and "Distribuer les comptes" (publipostage)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Select, Static

from entconsole import labels as L
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.io_panes import FilePane, FilterFields, _row
from entconsole.services.errors import ServiceError
from entconsole.services.exports import (
    ExportKind,
    export_accounts,
    export_activation_codes,
    output_path,
    selected_users,
)
from entconsole.services.results import ActionResult
from entconsole.services.sheets import PER_PAGE_CHOICES, distribution, send_sheets, sheet_counts, sheets_pdf
from entconsole.store import StoreError
from entconsole.widgets.form_scroll import FormScroll
from entconsole.widgets.inputs import SearchInput

# --------------------------------------------------------------------------- export


class ExportPane(FilePane):
    filters = FilterFields("exp")

    def compose(self) -> ComposeResult:
        with FormScroll(id="exp-body"):
            with Vertical(classes="est-box") as box:
                box.border_title = L.IE_EXPORT_TITLE
                yield _row(L.IE_TYPE, Select([(Text(L.EXPORT_KIND[k.value]), k.value) for k in ExportKind],
                                             value=ExportKind.CLASSIC.value, allow_blank=False, compact=True,
                                             id="exp-kind"))
                yield from self.filters.widgets(self.session)
                yield _row(L.IE_FOLDER, SearchInput(".", id="exp-folder", compact=True))
                yield Static(id="exp-count", classes="ie-note")
                with Horizontal(classes="ie-buttons"):
                    yield Button(L.IE_EXPORT_BUTTON, id="exp-go", variant="primary", compact=True)
                    yield Button(L.IE_CODES_BUTTON, id="exp-codes", compact=True)
                yield Static(id="exp-result", classes="ie-result")

    def focus_main(self) -> None:
        self.query_one("#exp-kind", Select).focus()

    def refresh_data(self) -> None:
        self.filters.refresh_classes(self)
        try:
            count = len(selected_users(self.session, self.filters.value(self)))
        except ServiceError as error:
            self.query_one("#exp-count", Static).update(Content(error.message))
            return
        self.query_one("#exp-count", Static).update(Content(L.IE_SELECTED.format(count=count)))

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if self.section_on_screen:
            self.refresh_data()

    @on(Button.Pressed, "#exp-go")
    def _export(self, event: Button.Pressed) -> None:
        event.stop()
        folder = self.query_one("#exp-folder", SearchInput).value.strip() or "."
        kind = ExportKind(self.query_one("#exp-kind", Select).value)
        try:
            files = export_accounts(self.session, kind, self.filters.value(self))
        except ServiceError as error:
            self.failed(error)
            return
        written: list[str] = []

        def next_file(index: int) -> None:
            if index >= len(files):
                return
            file = files[index]

            def after(path: Path) -> None:
                written.append(L.EXPORT_WRITTEN.format(count=file.count, path=path))
                self.said("#exp-result", "\n".join(written))
                next_file(index + 1)

            self.write_file(output_path(folder, file.name) if len(files) == 1 else Path(folder).expanduser().resolve() / file.name,
                            file.data, after)

        next_file(0)

    @on(Button.Pressed, "#exp-codes")
    def _codes(self, event: Button.Pressed) -> None:
        event.stop()
        folder = self.query_one("#exp-folder", SearchInput).value.strip() or "."
        try:
            file = export_activation_codes(self.session, self.filters.value(self))
        except ServiceError as error:
            self.failed(error)
            return
        self.write_file(output_path(folder, file.name), file.data,
                        lambda path: self.said("#exp-result", L.EXPORT_WRITTEN.format(count=file.count, path=path)))


# --------------------------------------------------------------------------- sheets


class SheetsPane(FilePane):
    filters = FilterFields("sht")

    def compose(self) -> ComposeResult:
        with FormScroll(id="sht-body"):
            with Vertical(classes="est-box") as box:
                box.border_title = L.IE_SHEETS_TITLE
                yield from self.filters.widgets(self.session)
                yield _row(L.IE_PER_PAGE, Select([(Text(str(n)), str(n)) for n in PER_PAGE_CHOICES], value="1",
                                                 allow_blank=False, compact=True, id="sht-per-page"))
                yield _row(L.IE_URL, SearchInput(placeholder=L.IE_URL_PLACEHOLDER, id="sht-url", compact=True))
                yield _row(L.IE_FOLDER, SearchInput(".", id="sht-folder", compact=True))
                yield Static(id="sht-total", classes="ie-note")
                yield Static(id="sht-no-mail", classes="ie-note")
                with Horizontal(classes="ie-buttons"):
                    yield Button(L.IE_PDF_BUTTON, id="sht-pdf", variant="primary", compact=True)
                    yield Button(L.IE_MAIL_BUTTON, id="sht-mail", compact=True)
                yield Static(id="sht-result", classes="ie-result")

    def focus_main(self) -> None:
        self.query_one("#sht-class", Select).focus()

    def refresh_data(self) -> None:
        self.filters.refresh_classes(self)
        try:
            counts = sheet_counts(self.session, self.filters.value(self))
        except ServiceError as error:
            self.query_one("#sht-total", Static).update(Content(error.message))
            return
        self.query_one("#sht-total", Static).update(Content(L.SHEET_TOTAL.format(count=counts.total)))
        self.query_one("#sht-no-mail", Static).update(Content(L.SHEET_WITHOUT_EMAIL.format(count=counts.without_email)))

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.select.id != "sht-per-page" and self.section_on_screen:
            self.refresh_data()

    @on(Button.Pressed, "#sht-pdf")
    def _pdf(self, event: Button.Pressed) -> None:
        event.stop()
        per_page = int(self.query_one("#sht-per-page", Select).value)
        folder = self.query_one("#sht-folder", SearchInput).value.strip() or "."
        session = self.session
        try:
            dist = distribution(session, self.filters.value(self))
        except ServiceError as error:
            self.failed(error)
            return
        name = f"fiches-connexion-{session.structure.uai or 'ent'}-{session.today:%Y%m%d}.pdf"
        self.query_one("#sht-result", Static).update(Content(L.IE_PDF_WORKING.format(count=dist.total)))
        self._build_pdf(dist, per_page, session.structure.name, output_path(folder, name), self._url())

    def _url(self) -> str | None:
        return self.query_one("#sht-url", SearchInput).value.strip() or None

    @work(thread=True, exclusive=True, group="sheets-pdf")
    def _build_pdf(self, dist, per_page: int, title: str, path: Path, url: str | None) -> None:
        """Drawing thousands of sheets takes seconds: off the UI thread (it reads no store)."""
        try:
            data = sheets_pdf(dist, per_page, title=title, login_url=url)
        except ServiceError as error:
            self.app.call_from_thread(self.failed, error)
            return
        pages = -(-dist.total // per_page)
        self.app.call_from_thread(self.write_file, path, data, lambda written: self.said(
            "#sht-result", L.SHEET_WRITTEN.format(count=dist.total, per_page=per_page, pages=pages, path=written)))

    @on(Button.Pressed, "#sht-mail")
    def _mail(self, event: Button.Pressed) -> None:
        event.stop()
        flt = self.filters.value(self)
        try:
            dist = distribution(self.session, flt)
        except ServiceError as error:
            self.failed(error)
            return
        with_mail = dist.total - dist.without_email

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                result: ActionResult = send_sheets(self.session, flt, login_url=self._url())
            except (ServiceError, StoreError) as error:
                self.failed(error)
                return
            self.query_one("#sht-result", Static).update(Content(result.message))
            self.done(result)

        self.app.push_screen(ConfirmScreen(L.IE_MAIL_TITLE, L.IE_MAIL_CONFIRM.format(
            count=with_mail, skipped=dist.without_email), confirm_label=L.IE_MAIL_BUTTON), answered)
