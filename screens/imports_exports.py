"""Section 5, Imports / Exports: account export, "Distribuer les comptes", CSV import wizard.

Each tab calls the services of entconsole.services.exports / sheets / imports,
the same ones as `entconsole export`, `publipostage` and `import csv`.
Files go where the admin says (default: the current directory); an existing
file is replaced only after a confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Collapsible, Select, Static, TabPane

from entconsole import labels as L
from entconsole.models import Profile, SchoolClass
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.pane import EstablishmentPane
from entconsole.screens.section import Section
from entconsole.services.csv_io import UnusableFile, write_csv
from entconsole.services.csv_templates import template_header
from entconsole.services.errors import ServiceError
from entconsole.services.exports import (
    PROFILE_FILE_SLUG,
    ExportFilter,
    ExportKind,
    FileExists,
    export_accounts,
    export_activation_codes,
    output_path,
    save_file,
    selected_users,
)
from entconsole.services.imports import ImportOptions, ImportReport, RowAction, import_csv
from entconsole.services.results import ActionResult
from entconsole.services.sheets import PER_PAGE_CHOICES, distribution, send_sheets, sheets_pdf
from entconsole.store import StoreError
from entconsole.text import fold
from entconsole.widgets.form_scroll import FormScroll
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.section_tabs import SectionTabs

TAB_EXPORT = "ie-export"
TAB_SHEETS = "ie-sheets"
TAB_IMPORT = "ie-import"
ALL = "__all__"
ROWS_SHOWN = 200  # rows listed per report category; the downloadable report has them all
LABEL_WIDTH = 24


def _row(label: str, widget, row_id: str | None = None) -> Horizontal:
    return Horizontal(Static(Content.styled(label.ljust(LABEL_WIDTH), "$text-secondary"), classes="ie-label"),
                      widget, classes="ie-row", id=row_id)


class FilterFields:
    """Classe / Profil / Activation selects shared by the export and the sheets tabs."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    @staticmethod
    def class_options(session) -> list[tuple[Text, str]]:
        classes = sorted(session.store.find(SchoolClass, "structure", session.structure.id), key=lambda c: fold(c.name))
        return [(Text(L.IE_ALL_CLASSES), ALL), *((Text(c.name), c.id) for c in classes)]

    def refresh_classes(self, pane) -> None:
        """Classes created since (an import, a feed, another session) join the list."""
        select = pane.query_one(f"#{self.prefix}-class", Select)
        options = self.class_options(pane.session)
        values = [v for _, v in options]
        if values == getattr(select, "shown_values", None):
            return
        select.shown_values = values
        current = select.value
        with select.prevent(Select.Changed):
            select.set_options(options)
            select.value = current if any(v == current for _, v in options) else ALL

    def widgets(self, session) -> list[Horizontal]:
        p = self.prefix
        return [
            _row(L.IE_CLASS, Select(self.class_options(session), value=ALL, allow_blank=False, compact=True,
                                    id=f"{p}-class")),
            _row(L.IE_PROFILE, Select([(Text(L.IE_ALL_PROFILES), ALL),
                                       *((Text(L.PROFILE[x.value]), x.value) for x in Profile)],
                                      value=ALL, allow_blank=False, compact=True, id=f"{p}-profile")),
            _row(L.IE_ACTIVATION, Select([(Text(t), v) for v, t in L.IE_ACTIVATION_CHOICES],
                                         value=ALL, allow_blank=False, compact=True, id=f"{p}-activation")),
        ]

    def value(self, pane) -> ExportFilter:
        p = self.prefix
        klass = pane.query_one(f"#{p}-class", Select).value
        profile = pane.query_one(f"#{p}-profile", Select).value
        activation = pane.query_one(f"#{p}-activation", Select).value
        return ExportFilter(
            class_id=None if klass == ALL else str(klass),
            profile=None if profile == ALL else Profile(profile),
            activated={"yes": True, "no": False}.get(str(activation)),
        )


class FilePane(EstablishmentPane):
    """A tab that writes files: asks before replacing one."""

    def write_file(self, path: Path, data: bytes, after: Callable[[Path], None]) -> None:
        try:
            after(save_file(path, data))
        except FileExists as exists:
            def answered(yes: bool | None) -> None:
                if not yes:
                    return
                try:
                    after(save_file(path, data, overwrite=True))
                except ServiceError as error:
                    self.failed(error)

            self.app.push_screen(ConfirmScreen(L.IE_REPLACE_TITLE, exists.message, confirm_label=L.IE_REPLACE),
                                 answered)
        except ServiceError as error:
            self.failed(error)

    def said(self, widget_id: str, text: str) -> None:
        self.query_one(widget_id, Static).update(Content(text))
        self.notify(text, markup=False)


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
        if self.query_ancestor(ImportsSection).on_screen:
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
            dist = distribution(self.session, self.filters.value(self))
        except ServiceError as error:
            self.query_one("#sht-total", Static).update(Content(error.message))
            return
        self.query_one("#sht-total", Static).update(Content(L.SHEET_TOTAL.format(count=dist.total)))
        self.query_one("#sht-no-mail", Static).update(Content(L.SHEET_WITHOUT_EMAIL.format(count=dist.without_email)))

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.select.id != "sht-per-page" and self.query_ancestor(ImportsSection).on_screen:
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
        self._build_pdf(dist, per_page, session.structure.name, output_path(folder, name))

    @work(thread=True, exclusive=True, group="sheets-pdf")
    def _build_pdf(self, dist, per_page: int, title: str, path: Path) -> None:
        """Drawing thousands of sheets takes seconds: off the UI thread (it reads no store)."""
        try:
            data = sheets_pdf(dist, per_page, title=title)
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
                result: ActionResult = send_sheets(self.session, flt)
            except (ServiceError, StoreError) as error:
                self.failed(error)
                return
            self.query_one("#sht-result", Static).update(Content(result.message))
            self.done(result)

        self.app.push_screen(ConfirmScreen(L.IE_MAIL_TITLE, L.IE_MAIL_CONFIRM.format(
            count=with_mail, skipped=dist.without_email), confirm_label=L.IE_MAIL_BUTTON), answered)


# --------------------------------------------------------------------------- import wizard


def _report_lines(rows: list, describe: Callable) -> Content:
    lines = [describe(r) for r in rows[:ROWS_SHOWN]]
    if len(rows) > ROWS_SHOWN:
        lines.append(L.IE_MORE_ROWS.format(count=len(rows) - ROWS_SHOWN))
    return Content("\n".join(lines) or L.IE_NONE)


class ImportPane(FilePane):
    """Files → field check → class check → intermediate report → apply → final report."""

    def __init__(self, session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.report: ImportReport | None = None
        self.raw: bytes | None = None
        self.file_name = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="imp-columns"):
            with FormScroll(id="imp-body"):
                with Vertical(classes="est-box") as box:
                    box.border_title = L.IE_IMPORT_TITLE
                    yield _row(L.IE_PROFILE, Select([(Text(L.PROFILE[x.value]), x.value) for x in Profile],
                                                    value=Profile.STUDENT.value, allow_blank=False, compact=True,
                                                    id="imp-profile"))
                    yield _row(L.IE_FILE, SearchInput(placeholder=L.IE_FILE_PLACEHOLDER, id="imp-file", compact=True))
                    yield Checkbox(L.IE_OPT_PREDELETE, id="imp-predelete", compact=True)
                    yield Checkbox(L.IE_OPT_YEAR_CHANGE, id="imp-year", compact=True)
                    yield Checkbox(L.IE_OPT_CREATE_CLASSES, True, id="imp-classes", compact=True)
                    with Horizontal(classes="ie-buttons"):
                        yield Button(L.IE_CHECK_BUTTON, id="imp-check", variant="primary", compact=True)
                        yield Button(L.IE_TEMPLATE_BUTTON, id="imp-template", compact=True)
                    yield Static(id="imp-template-result", classes="ie-result")
            with FormScroll(id="imp-report-scroll"):
                with Vertical(id="imp-report", classes="est-box") as box:
                    box.border_title = L.IE_REPORT_TITLE
                    yield Static(id="imp-status")
                    yield Static(id="imp-fields", classes="ie-note")
                    yield Static(id="imp-classes-note", classes="ie-note")
                    for key in ("create", "update", "predelete", "rejected"):
                        with Collapsible(title=L.IE_SECTION[key], id=f"imp-sec-{key}", collapsed=True):
                            yield Static(id=f"imp-sec-{key}-rows", classes="ie-rows")
                    with Horizontal(classes="ie-buttons"):
                        yield Button(L.IE_APPLY_BUTTON, id="imp-apply", variant="error", compact=True, disabled=True)
                        yield Button(L.IE_REPORT_BUTTON, id="imp-report-save", compact=True, disabled=True)

    def on_mount(self) -> None:
        self.query_one("#imp-report").display = False

    def focus_main(self) -> None:
        self.query_one("#imp-file", SearchInput).focus()

    def refresh_data(self) -> None:
        """The report was computed on the store as it was: another write makes it stale."""
        if self.report is not None and not self.report.applied:
            self.query_one("#imp-apply", Button).disabled = True
            self.query_one("#imp-status", Static).update(Content(L.IE_STALE))

    # ---- options

    def _profile(self) -> Profile:
        return Profile(self.query_one("#imp-profile", Select).value)

    def _options(self) -> ImportOptions:
        return ImportOptions(
            predelete_absent=self.query_one("#imp-predelete", Checkbox).value,
            year_change=self.query_one("#imp-year", Checkbox).value,
            create_classes=self.query_one("#imp-classes", Checkbox).value,
        )

    @on(Select.Changed, "#imp-profile")
    @on(Checkbox.Changed)
    def _options_changed(self, event) -> None:
        if self.report is not None and not self.report.applied:
            self._check()

    # ---- steps

    @on(Button.Pressed, "#imp-template")
    def _template(self, event: Button.Pressed) -> None:
        event.stop()
        profile = self._profile()
        folder = Path(self.query_one("#imp-file", SearchInput).value.strip() or ".").expanduser()
        folder = folder if folder.is_dir() else folder.parent
        data = write_csv(template_header(profile), [])
        self.write_file(output_path(folder, f"modele-{PROFILE_FILE_SLUG[profile]}.csv"), data,
                        lambda path: self.said("#imp-template-result", L.CLI_IE_TEMPLATE_WRITTEN.format(path=path)))

    @on(Button.Pressed, "#imp-check")
    @on(SearchInput.Submitted, "#imp-file")
    def _check_pressed(self, event) -> None:
        event.stop()
        text = self.query_one("#imp-file", SearchInput).value.strip()
        if not text:
            self.failed(ServiceError(L.IE_FILE_REQUIRED))
            return
        path = Path(text).expanduser()
        try:
            self.raw = path.read_bytes()
        except OSError as exc:
            self.failed(ServiceError(L.IO_CANNOT_READ.format(path=path, detail=exc.strerror or exc)))
            return
        self.file_name = path.name
        self._check()

    def _check(self) -> None:
        if self.raw is None:
            return
        try:
            report = import_csv(self.session, self._profile(), self.raw, self._options(), file_name=self.file_name)
        except (UnusableFile, ServiceError) as error:
            self.report = None
            self._show_error(error.message)
            return
        self._show(report)

    def _show_error(self, message: str) -> None:
        self.query_one("#imp-report").display = True
        self.query_one("#imp-status", Static).update(Content.styled(message, "$text-error"))
        for widget_id in ("#imp-fields", "#imp-classes-note"):
            self.query_one(widget_id, Static).update("")
        for collapsible in self.query(Collapsible):
            collapsible.display = False
        self.query_one("#imp-apply", Button).disabled = True
        self.query_one("#imp-report-save", Button).disabled = True

    def _show(self, report: ImportReport) -> None:
        self.report = report
        self.query_one("#imp-report").display = True
        status = report.message if report.applied else L.IE_PREVIEW.format(summary=report.summary())
        lines = [status, *(L.CLI_IE_WARNING.format(text=w) for w in report.warnings)]
        if report.backup:
            lines.append(L.CLI_IE_BACKUP.format(path=report.backup))
        self.query_one("#imp-status", Static).update(Content("\n".join(lines)))
        fields = ", ".join(f"{L.IE_FIELD_NAME.get(f, f)} ← « {h} »" for f, h in report.columns.items())
        note = L.IE_FIELDS.format(fields=fields)
        if report.ignored_columns:
            note += "\n" + L.IE_IGNORED.format(columns=", ".join(report.ignored_columns))
        self.query_one("#imp-fields", Static).update(Content(note))
        classes = ""
        if report.unknown_classes:
            template = L.IE_CLASSES_CREATE if self._options().create_classes else L.IE_CLASSES_REJECT
            classes = template.format(classes=", ".join(report.unknown_classes))
        self.query_one("#imp-classes-note", Static).update(Content(classes))
        counts = report.counts
        rows = {
            "create": report.of(RowAction.CREATE),
            "update": report.of(RowAction.UPDATE),
            "rejected": report.of(RowAction.REJECTED),
        }
        describe = {
            "create": lambda r: L.IE_ROW.format(line=r.line, name=r.name, detail=" ; ".join(r.warnings) or ""),
            "update": lambda r: L.IE_ROW.format(line=r.line, name=r.name, detail=", ".join(r.reasons)),
            "rejected": lambda r: L.IE_ROW.format(line=r.line, name=r.name, detail=" ; ".join(r.reasons)),
        }
        for key in ("create", "update", "rejected"):
            collapsible = self.query_one(f"#imp-sec-{key}", Collapsible)
            collapsible.display = True
            collapsible.title = L.IE_SECTION[key] + f" ({counts[key]})"
            self.query_one(f"#imp-sec-{key}-rows", Static).update(_report_lines(rows[key], describe[key]))
        predeleted = self.query_one("#imp-sec-predelete", Collapsible)
        predeleted.display = True
        predeleted.title = L.IE_SECTION["predelete"] + f" ({counts['predelete']})"
        self.query_one("#imp-sec-predelete-rows", Static).update(
            _report_lines([name for _, name in report.predeleted], lambda name: name))
        changes = counts["create"] + counts["update"] + counts["predelete"] + (
            len(report.unknown_classes) if self._options().create_classes else 0)
        self.query_one("#imp-apply", Button).disabled = report.applied or not changes
        self.query_one("#imp-report-save", Button).disabled = False

    @on(Button.Pressed, "#imp-apply")
    def _apply(self, event: Button.Pressed) -> None:
        event.stop()
        report = self.report
        if report is None or self.raw is None:
            return
        c = report.counts
        text = L.IE_APPLY_CONFIRM.format(create=c["create"], update=c["update"], predelete=c["predelete"],
                                         rejected=c["rejected"])

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                done = import_csv(self.session, self._profile(), self.raw, self._options(), apply=True,
                                  file_name=self.file_name)
            except (UnusableFile, ServiceError, StoreError) as error:
                self.failed(error)
                return
            self._show(done)
            self.done(ActionResult(done.message, changed=c["create"] + c["update"]))

        self.app.push_screen(ConfirmScreen(L.IE_APPLY_TITLE, text, confirm_label=L.IE_APPLY_BUTTON), answered)

    @on(Button.Pressed, "#imp-report-save")
    def _save_report(self, event: Button.Pressed) -> None:
        event.stop()
        if self.report is None:
            return
        folder = Path(self.query_one("#imp-file", SearchInput).value.strip() or ".").expanduser().parent
        name = f"rapport-import-{PROFILE_FILE_SLUG[self.report.profile]}-{self.session.today:%Y%m%d}.csv"
        self.write_file(output_path(folder, name), self.report.to_csv(),
                        lambda path: self.notify(L.CLI_IE_REPORT_WRITTEN.format(path=path), markup=False))


# --------------------------------------------------------------------------- section


class ImportsSection(Section):
    SECTION_ID = "imports"
    KEY = "5"
    CSS_FILE = "imports_exports.tcss"
    BINDINGS = [
        Binding("e", f"tab('{TAB_EXPORT}')", L.KEY_IE_EXPORT, id="imports.export"),
        Binding("d", f"tab('{TAB_SHEETS}')", L.KEY_IE_SHEETS, id="imports.sheets"),
        Binding("i", f"tab('{TAB_IMPORT}')", L.KEY_IE_IMPORT, id="imports.import"),
    ]

    def compose(self) -> ComposeResult:
        with SectionTabs(id="ie-tabs", initial=TAB_EXPORT):
            with TabPane(L.IE_TAB_EXPORT, id=TAB_EXPORT):
                yield ExportPane(self.session, id="export-pane")
            with TabPane(L.IE_TAB_SHEETS, id=TAB_SHEETS):
                yield SheetsPane(self.session, id="sheets-pane")
            with TabPane(L.IE_TAB_IMPORT, id=TAB_IMPORT):
                yield ImportPane(self.session, id="import-pane")

    def __init__(self, session) -> None:
        super().__init__(session)
        self._stale = True

    @property
    def on_screen(self) -> bool:
        return getattr(self.screen, "current_section", None) == self.SECTION_ID

    def refresh_data(self) -> None:
        # The counts query every account: only while the section is on screen
        # (a 100,000-account store should not pay for them after each action elsewhere).
        if not self.on_screen:
            self._stale = True
            return
        self._stale = False
        for pane in self.query(EstablishmentPane):
            pane.refresh_data()

    def action_tab(self, tab_id: str) -> None:
        self.query_one(SectionTabs).show(tab_id)
        self.screen.refresh_bindings()

    def section_shown(self, target: str | None) -> None:
        """Quick actions: "export", "sheets", "import"."""
        if self._stale:
            self.refresh_data()
        tab = {"export": TAB_EXPORT, "sheets": TAB_SHEETS, "import": TAB_IMPORT}.get(target or "")
        if tab is not None:
            self.action_tab(tab)
            return
        self.query_one(SectionTabs).query_one("Tabs").focus()
