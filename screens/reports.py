"""Section 6, Signalements: reports to handle, and the history of treated ones.

The tab of the section shows the number of reports to handle (the section
bar's badge); so does Accueil.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static, TabPane
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.models import Report, ReportAction, ReportDecision
from entconsole.screens.action_pane import ActionPane, PaneList
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.report_dialogs import BlockAuthorDialog, TreatDialog
from entconsole.screens.section import Section
from entconsole.services import reports
from entconsole.services.errors import ServiceError
from entconsole.services.reports import ReportState
from entconsole.widgets.profile import profile_label
from entconsole.widgets.section_tabs import SectionTabs

TAB_PENDING = "rpt-pending"
TAB_HISTORY = "rpt-history"
TARGETS = {"pending": TAB_PENDING, "history": TAB_HISTORY}
LIST_EXCERPT = 110  # characters of the notification in the list (the detail has it all)


def when(moment) -> str:
    return L.SR_DATETIME.format(moment=moment)


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LIST_EXCERPT else text[: LIST_EXCERPT - 1] + "…"


def reported_line(report: Report) -> Content:
    """"Signalé le … par … · 2 signalement(s)"."""
    first = reports.first_report(report)
    parts = []
    if first is not None:
        parts.append(L.RPT_REPORTED.format(date=when(first.date), name=first.name))
    parts.append(L.RPT_REPORTERS.format(count=len(report.reporters)))
    return Content.styled(" · ".join(parts), "$text-muted")


def decision_line(decision: ReportDecision, template: str = L.RPT_DECISION) -> Content:
    state = L.RPT_STATE[decision.action.value]
    style = "bold $text-error" if decision.action is ReportAction.DELETE else "bold $text-success"
    text = template.format(state=state, date=when(decision.date), name=decision.by_name)
    head, _, rest = text.partition(state)
    return Content.assemble(head, (state, style), rest)


class ReportList(PaneList):
    """The reports of a tab; the keys act on the highlighted one."""

    BINDINGS = [
        Binding("b", "act('block')", L.KEY_RPT_BLOCK, id="reports.block_author"),
        Binding("f", "act('card')", L.KEY_RPT_AUTHOR_CARD, id="reports.author_card"),
    ]


class PendingList(ReportList):
    BINDINGS = [
        Binding("enter", "select", L.KEY_RPT_TREAT, id="reports.treat"),
    ]


class HistoryList(ReportList):
    BINDINGS = [
        Binding("s", "act('delete')", L.KEY_RPT_DELETE_KEPT, id="reports.delete_kept"),
    ]


class ReportsPane(ActionPane):
    """A list of reports and the detail of the highlighted one."""

    REFRESHES_HOME = True
    LIST: ClassVar[type[ReportList]] = ReportList
    EMPTY: ClassVar[str] = ""
    HINT: ClassVar[str] = ""

    def __init__(self, session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.reports: list[Report] = []
        self.current: Report | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="rpt-columns"):
            listing = self.LIST(classes="rpt-list svc-box")
            listing.border_subtitle = self.HINT
            yield listing
            with VerticalScroll(classes="rpt-detail svc-box"):
                yield Static(classes="rpt-detail-text")

    def on_mount(self) -> None:
        self.refresh_data()

    def load(self) -> list[Report]:
        raise NotImplementedError

    def prompt(self, report: Report) -> Content:
        raise NotImplementedError

    # ---- data

    def refresh_data(self) -> None:
        listing = self.query_one(ReportList)
        try:
            self.reports = self.load()
        except ServiceError as error:
            self.reports = []
            listing.set_options([Option(Content(error.message), disabled=True)])
            return
        wanted = self.current.id if self.current else None
        fallback = listing.highlighted
        options: list[Option | None] = []
        for index, report in enumerate(self.reports):
            if index:
                options.append(None)  # a rule between reports
            options.append(Option(self.prompt(report), id=report.id))
        if not self.reports:
            options = [Option(Content.styled(self.EMPTY, "italic $text-muted"), id="none", disabled=True)]
        listing.set_options(options)
        self._highlight(wanted, fallback)
        self._show_current()

    def _highlight(self, wanted: str | None, fallback: int | None) -> None:
        listing = self.query_one(ReportList)
        if not self.reports:
            return
        for index in range(listing.option_count):
            option = listing.get_option_at_index(index)
            if option.id == wanted:
                listing.highlighted = index
                return
        # the next report after the one that left the list (or the last one)
        index = min(fallback or 0, listing.option_count - 1)
        while index > 0 and listing.get_option_at_index(index).disabled:
            index -= 1
        listing.highlighted = index

    def _show_current(self) -> None:
        option = self.query_one(ReportList).highlighted_option
        self.current = next((r for r in self.reports if option is not None and r.id == option.id), None)
        detail = self.query_one(".rpt-detail", VerticalScroll)
        text = self.query_one(".rpt-detail-text", Static)
        if self.current is None:
            detail.border_title = ""
            text.update("")
            return
        detail.border_title = L.RPT_NOTIFIED.format(date=when(self.current.notification_date))
        text.update(self.detail(self.current))

    def detail(self, report: Report) -> Content:
        author = reports.report_author(self.session, report)
        lines: list[Content] = []
        if report.resource:
            lines.append(Content.styled(L.RPT_RESOURCE.format(resource=report.resource), "$text-secondary"))
        who = Content.assemble((L.RPT_AUTHOR.format(name=report.author_name), "bold"))
        if author is not None:
            who = Content.assemble(who, (f" ({profile_label(author.profile)})", "$text-muted"))
            if author.blocked:
                who = Content.assemble(who, "  ", (L.RPT_AUTHOR_BLOCKED, "bold $text-error"))
        lines.append(who)
        if author is None:
            lines.append(Content.styled(L.RPT_AUTHOR_GONE, "$text-warning"))
        lines += [Content(""), Content(report.text), Content("")]
        lines.append(Content.styled(L.RPT_REPORTERS_TITLE, "bold"))
        for reporter in sorted(report.reporters, key=lambda r: r.date):
            lines.append(Content("  " + L.RPT_REPORTER_LINE.format(name=reporter.name, date=when(reporter.date))))
        if report.decision is not None:
            lines.append(Content(""))
            for earlier in report.history:
                lines.append(decision_line(earlier, L.RPT_EARLIER))
            lines.append(decision_line(report.decision))
        return Content("\n").join(lines)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_current()

    def focus_main(self) -> None:
        self.query_one(ReportList).focus()

    # ---- actions

    @on(ActionPane.Act)
    def _act(self, event: ActionPane.Act) -> None:
        """A key on the list: "block", "card", or a tab's own verb."""
        event.stop()
        report = self.current
        if report is None:
            self.app.bell()
            return
        if event.verb == "block":
            self.block_author(report)
        elif event.verb == "card":
            self.author_card(report)
        else:
            self.act(event.verb, report)

    def act(self, verb: str, report: Report) -> None:
        """Tab-specific actions."""

    def author_card(self, report: Report) -> None:
        author = reports.report_author(self.session, report)
        if author is None:
            self.notify(L.RPT_AUTHOR_GONE, severity="warning", markup=False)
            return
        # The Utilisateurs section opens the card for this target.
        self.app.show_section("users", f"user:{author.id}")  # type: ignore[attr-defined]

    def block_author(self, report: Report) -> None:
        author = reports.report_author(self.session, report)
        if author is None:
            self.notify(L.RPT_AUTHOR_GONE, severity="warning", markup=False)
            return
        can_delete = reports.report_state(report) is not ReportState.DELETED
        if author.blocked and not can_delete:
            self.notify(L.RPT_ALREADY_BLOCKED.format(name=author.display_name), markup=False)
            return

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.run_action(reports.block_author, report.id, delete_notification=choice == "delete_and_block")

        self.app.push_screen(BlockAuthorDialog(author, can_delete=can_delete), chosen)


class PendingPane(ReportsPane):
    LIST = PendingList
    EMPTY = L.RPT_NONE_PENDING
    HINT = L.RPT_HINT_PENDING

    def load(self) -> list[Report]:
        return reports.pending_reports(self.session)

    def prompt(self, report: Report) -> Content:
        head = Content.assemble((report.author_name, "bold"))
        if report.resource:
            head = Content.assemble(head, "  ", (report.resource, "$text-muted"))
        return Content("\n").join([head, Content(short(report.text)), reported_line(report)])

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        report = next((r for r in self.reports if r.id == event.option_id), None)
        if report is None:
            return

        def treated(action: ReportAction | None) -> None:
            if action is not None:
                self.run_action(reports.treat_report, report.id, action)

        self.app.push_screen(TreatDialog(report), treated)


class HistoryPane(ReportsPane):
    LIST = HistoryList
    EMPTY = L.RPT_NONE_TREATED
    HINT = L.RPT_HINT_HISTORY

    def load(self) -> list[Report]:
        return reports.treated_reports(self.session)

    def prompt(self, report: Report) -> Content:
        assert report.decision is not None
        head = Content.assemble((report.author_name, "bold"))
        if report.resource:
            head = Content.assemble(head, "  ", (report.resource, "$text-muted"))
        return Content("\n").join(
            [decision_line(report.decision), head, Content(short(report.text)), reported_line(report)]
        )

    def act(self, verb: str, report: Report) -> None:
        if verb != "delete":
            return
        state = reports.report_state(report)
        if state is ReportState.DELETED:
            self.notify(L.RPT_ALREADY_DELETED, severity="warning", markup=False)
            return
        text = L.RPT_CONFIRM_DELETE.format(author=report.author_name)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.run_action(reports.treat_report, report.id, ReportAction.DELETE)

        self.app.push_screen(ConfirmScreen(L.RPT_CONFIRM_DELETE_TITLE, text, confirm_label=L.KEY_RPT_DELETE), confirmed)


class ReportsSection(Section):
    SECTION_ID = "reports"
    KEY = "6"
    CSS_FILE = "reports.tcss"
    BUILT_AT_START = True  # its tab shows the reports to handle from the start

    def compose(self) -> ComposeResult:
        with SectionTabs(id="rpt-tabs", initial=TAB_PENDING):
            with TabPane(L.RPT_TAB_PENDING, id=TAB_PENDING):
                yield PendingPane(self.session, id="rpt-pending-pane")
            with TabPane(L.RPT_TAB_HISTORY, id=TAB_HISTORY):
                yield HistoryPane(self.session, id="rpt-history-pane")

    def on_mount(self) -> None:
        self._update_counts()

    def refresh_data(self) -> None:
        for pane in self.query(ReportsPane):
            pane.refresh_data()
        self._update_counts()

    def tab_badge(self) -> str | None:
        try:
            count = reports.pending_count(self.session)
        except ServiceError:
            return None
        return str(count) if count else None

    def _update_counts(self) -> None:
        """The number of reports to handle, on the section's tab and on its first inner tab."""
        self.update_badge()
        pending = len(self.query_one(PendingPane).reports)
        label = L.RPT_TAB_PENDING + (f" ({pending})" if pending else "")
        self.query_one(SectionTabs).get_tab(TAB_PENDING).label = Content(label)

    def section_shown(self, target: str | None) -> None:
        tabs = self.query_one(SectionTabs)
        tabs.show(TARGETS.get(target or "", tabs.active or TAB_PENDING))
