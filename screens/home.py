"""Section 0, Accueil: quick actions and the structure's figures."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual import events
from textual.worker import get_current_worker
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.models import school_year_of
from entconsole.screens.section import Section
from entconsole.screens.shown_data import RefreshWhenShown, is_large
from entconsole.services.errors import ServiceError
from entconsole.services.home import HomeFigures, home_figures
from entconsole.widgets.profile import PROFILE_COLOR, profile_label

LABEL_WIDTH = 30
COUNT_WIDTH = 6
NARROW = 100  # below this width, quick actions show their key only


def french_day(day: date) -> str:
    """"jeudi 5 septembre 2024 · année scolaire 2024-2025"."""
    return L.HOME_DAY_FMT.format(
        weekday=L.WEEKDAYS[day.weekday()],
        day="1er" if day.day == 1 else day.day,
        month=L.MONTHS[day.month - 1],
        year=day.year,
        school_year=school_year_of(day),
    )


def _row(label: Content | str, count: int, *, alert: bool = False) -> Content:
    label = Content(label) if isinstance(label, str) else label
    shown = f"{count:>{COUNT_WIDTH}}"
    if count == 0:
        style = "$text-muted"
    elif alert:
        style = "bold $text-warning"
    else:
        style = "bold"
    return Content.assemble(label.pad_right(LABEL_WIDTH - label.cell_length), (shown, style))


def accounts_table(figures: HomeFigures) -> Content:
    rows = [_row(Content.styled(L.HOME_TOTAL, "bold"), figures.total)]
    for profile, count in figures.by_profile.items():
        label = Content.assemble(
            ("● ", PROFILE_COLOR[profile]), profile_label(profile, plural=True)
        )
        rows.append(_row(label, count))
    return Content("\n").join(rows)


def attention_table(figures: HomeFigures) -> Content:
    rows = [
        _row(L.HOME_INACTIVE, figures.inactive),
        _row(L.HOME_BLOCKED, figures.blocked),
        _row(L.HOME_DUPLICATES, figures.duplicates, alert=True),
        _row(L.HOME_PENDING_PREDELETION, figures.pending_predeletion),
        _row(L.HOME_PREDELETED, figures.predeleted),
        _row(L.HOME_REPORTS, figures.reports_pending, alert=True),
        _row(L.HOME_FLASH, figures.flash_current),
    ]
    return Content("\n").join(rows)


class QuickActions(OptionList):
    """The quick actions: each opens its section."""


class HomeSection(RefreshWhenShown, Section):
    SECTION_ID = "home"
    KEY = "0"
    CSS_FILE = "home.tcss"
    # Shown in Accueil's footer only (the keys work everywhere: MainScreen and the app
    # bind them, hidden, so that sections keep their footer for their own keys).
    BINDINGS = [
        Binding("7", "screen.rentree", L.RT_KEY_OPEN, id="home.rentree"),
        Binding("j", "app.journal", L.JOURNALSCR_KEY_OPEN, id="home.journal"),
    ]

    def __init__(self, session) -> None:
        super().__init__(session)
        self._narrow = False
        self._rentree_shown: Content | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="home-body"):
            yield Static(Content(french_day(self.session.today)), id="home-day")
            with Horizontal(id="home-columns"):
                with Vertical(id="home-actions") as box:
                    box.border_title = L.HOME_QUICK_ACTIONS
                    box.border_subtitle = L.HOME_QUICK_HINT
                    yield QuickActions(*self._action_options(), id="quick-actions")
                    # La rentrée (issue 8): its progress, Enter (or 7 anywhere) opens the checklist
                    yield OptionList(id="home-rentree")
                with Vertical(id="home-figures"):
                    accounts = Static(id="home-accounts", classes="figures")
                    accounts.border_title = L.HOME_ACCOUNTS
                    yield accounts
                    attention = Static(id="home-attention", classes="figures")
                    attention.border_title = L.HOME_ATTENTION
                    yield attention

    def on_mount(self) -> None:
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            actions = self.query_one(QuickActions)
            highlighted = actions.highlighted
            actions.set_options(self._action_options())
            actions.highlighted = highlighted

    def _action_options(self) -> list[Option]:
        key_of = getattr(self.app, "section_key", lambda section_id: "")
        width = max(len(label) for label, _, _ in L.QUICK_ACTIONS) + 3
        options = []
        for index, (label, section_id, _target) in enumerate(L.QUICK_ACTIONS):
            parts: list[tuple[str, str] | str] = [label.ljust(width), (key_of(section_id), "bold $text-accent")]
            if not self._narrow:
                parts += [" ", (L.SECTION_SHORT[section_id], "dim")]
            options.append(Option(Content.assemble(*parts), id=f"quick-{index}"))
        return options

    def _rentree_report(self, stop=lambda: False):
        from entconsole.services.rentree import checklist_unless

        try:
            return checklist_unless(self.session, stop)
        except ServiceError:
            return None

    def _show_rentree(self, report) -> None:
        """The rentrée line; `report` None: not computed yet (or refused: the line stays as it was)."""
        key = getattr(self.app, "key_for", lambda binding_id, default: default)("main.rentree", "7")
        width = max(len(label) for label, _, _ in L.QUICK_ACTIONS) + 3
        if report is None:
            progress = (L.HOMELAZY_COMPUTING, "dim italic")
        else:
            progress = (report.progress, "bold $success" if report.done_count == len(report.steps) else "dim")
        prompt = Content.assemble(L.RT_QUICK_ACTION.ljust(width), (key, "bold $text-accent"), " ", progress)
        self._rentree_shown = prompt
        line = self.query_one("#home-rentree", OptionList)
        line.set_options([Option(prompt, id="rentree")])
        line.highlighted = 0

    def refresh_data(self) -> None:
        if self.defer_until_shown():
            return
        if is_large(self.session.store):
            # Seconds over 100,000 accounts: computed in a thread, the screen answers meanwhile.
            if self._rentree_shown is None:  # the first time: say so rather than empty boxes
                self._show_rentree(None)
                for box in self.query(".figures").results(Static):
                    box.update(Content.styled(L.HOMELAZY_COMPUTING, "dim italic"))
            self._compute_in_thread()
            return
        report = self._rentree_report()
        if report is not None:
            self._show_rentree(report)
        self._show_figures(self._figures())

    def _figures(self) -> HomeFigures | ServiceError:
        try:
            return home_figures(self.session)
        except ServiceError as error:
            return error

    def _show_figures(self, figures: HomeFigures | ServiceError) -> None:
        accounts = self.query_one("#home-accounts", Static)
        attention = self.query_one("#home-attention", Static)
        if isinstance(figures, ServiceError):
            accounts.update(Content(figures.message))
            attention.update("")
            return
        accounts.update(accounts_table(figures))
        attention.update(attention_table(figures))

    @work(thread=True, exclusive=True, group="home-figures", exit_on_error=False)
    def _compute_in_thread(self) -> None:
        """Figures, then the checklist, each shown when ready (the store's indexes and the
        services' caches are thread-safe; a commit meanwhile makes the result stale: again)."""
        worker = get_current_worker()
        store = self.session.store
        generation = store.generation
        try:
            figures = self._figures()
            if not worker.is_cancelled:
                self.app.call_from_thread(self._apply, worker, generation, self._show_figures, figures)
            report = self._rentree_report(lambda: worker.is_cancelled)
        except Exception:  # noqa: BLE001
            # A commit changed what this thread was reading ("changed size during
            # iteration", a document gone): computed again by _apply; else a real error.
            if store.generation == generation:
                raise
            report = None
        if not worker.is_cancelled:
            self.app.call_from_thread(self._apply, worker, generation, self._show_rentree, report)

    def section_hidden(self) -> None:
        """Another section is asked for: the thread stops (between two steps) and leaves it
        the processor; what it did not finish is computed when Accueil is shown again."""
        for worker in self.workers:
            if worker.group == "home-figures" and worker.node is self and worker.is_running:
                worker.cancel()
                self._refresh_pending = True

    def _apply(self, worker, generation: int, show, value) -> None:
        if worker.is_cancelled or not self.is_attached:
            return
        if self.session.store.generation != generation:
            self.refresh_data()  # written meanwhile: what was computed may be out of date
            return
        if value is not None:
            show(value)

    def section_shown(self, target: str | None) -> None:
        self.query_one(QuickActions).focus()

    @on(OptionList.OptionSelected, "#home-rentree")
    def _open_rentree(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.screen.action_rentree()  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected, "#quick-actions")
    def _quick_action(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int((event.option_id or "quick-0").removeprefix("quick-"))
        _label, section_id, target = L.QUICK_ACTIONS[index]
        self.app.show_section(section_id, target)  # type: ignore[attr-defined]
