"""La rentrée: the nine steps of the year-change guide, with what is left to do.

Pushed over the main screen (key 7 anywhere in the console, or the line on
Accueil). Enter opens a step (`rentree_step.StepScreen`); `b` the year change
with its dry run (`rentree_year.YearChangeScreen`); `u` on steps 1 to 3 the
Utilisateurs list filtered on the step's accounts.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.services.errors import ServiceError
from entconsole.services.rentree import USERS_LIST_FILTER, Checklist, StepReport, checklist
from entconsole.store import StoreError
from entconsole.widgets.footer import ConsoleFooter
from entconsole.screens.checks import while_composed

if TYPE_CHECKING:
    from entconsole.services.session import Session

TITLE_WIDTH = 54
PERIOD_WIDTH = 24
BAR_WIDTH = 18


def rentree_commands(app) -> Iterator[SystemCommand]:
    """Palette entries (ctrl+p): the checklist, the year change, the shares, the bookmarks."""
    main = getattr(app, "main_screen", None)
    if main is None:
        return
    key = app.key_for("main.rentree", "7", long=True)

    def open_then(action: str | None) -> None:
        app.show_section(main.current_section)  # back to the main screen first
        main.action_rentree()
        if action is not None:
            app.call_later(lambda: getattr(app.screen, f"action_{action}")())

    for title, help_text, action in L.RT_PALETTE:
        yield SystemCommand(title, help_text.format(key=key), partial(open_then, action))


def progress_bar(done: int, total: int) -> Content:
    filled = round(BAR_WIDTH * done / total) if total else 0
    return Content.assemble(("█" * filled, "$success"), ("░" * (BAR_WIDTH - filled), "$text-muted"))


def step_prompt(step: StepReport) -> Content:
    if step.done:
        mark, count_style = ("✓", "bold $success"), "$text-muted"
    else:
        mark, count_style = ("•", "bold $warning"), "bold"
    title = f"{step.number}. {step.title}"
    period = L.RT_PERIOD[step.period.value]
    count = L.RT_DONE_WORD if step.done else str(step.count)
    kept = L.RT_KEPT_COUNT.format(count=len(step.kept)) if step.kept else ""
    return Content.assemble(
        mark, " ",
        title.ljust(TITLE_WIDTH),
        (period.ljust(PERIOD_WIDTH), "dim"),
        (count.rjust(7), count_style),
        (f"  {kept}", "dim italic"),
    )


class RentreeScreen(Screen[None]):
    CSS_PATH = "rentree.tcss"
    BINDINGS = [
        Binding("escape", "back", L.RT_KEY_BACK, id="rentree.back"),
        Binding("enter", "open", L.RT_KEY_OPEN_STEP, id="rentree.open"),
        Binding("b", "year_change", L.RT_KEY_YEAR_CHANGE, id="rentree.year_change"),
        Binding("p", "shares", L.RT_KEY_SHARES, id="rentree.shares"),
        Binding("f", "bookmarks", L.RT_KEY_BOOKMARKS, id="rentree.bookmarks"),
        Binding("u", "users_list", L.RTU_KEY_USERS, id="rentree.users_list"),
    ]

    def __init__(self, session: "Session") -> None:
        super().__init__(id="rentree-screen")
        self.session = session
        self.report: Checklist | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="rt-body"):
            with Horizontal(id="rt-head"):
                yield Static(id="rt-title")
                yield Static(id="rt-progress")
            steps = OptionList(id="rt-steps")
            steps.border_title = L.RT_STEPS_TITLE
            steps.border_subtitle = L.RT_STEPS_HINT
            yield steps
            yield Static(id="rt-detail")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#rt-steps", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        steps = self.query_one("#rt-steps", OptionList)
        try:
            self.session.store.refresh()
            report = checklist(self.session)
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.report = report
        structure = self.session.structure.name
        self.query_one("#rt-title", Static).update(
            Content.assemble((L.RT_TITLE.format(year=report.school_year), "bold"), " · ", structure)
        )
        self.query_one("#rt-progress", Static).update(
            Content.assemble(progress_bar(report.done_count, len(report.steps)), "  ", (report.progress, "bold"))
        )
        highlighted = steps.highlighted
        steps.set_options(Option(step_prompt(s), id=s.step.value) for s in report.steps)
        steps.highlighted = highlighted if highlighted is not None else 0
        self._show_detail()

    @on(OptionList.OptionHighlighted, "#rt-steps")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()
        self.refresh_bindings()  # `u` only on the steps done in Utilisateurs

    def _current(self) -> StepReport | None:
        steps = self.query_one("#rt-steps", OptionList)
        if self.report is None or steps.highlighted is None:
            return None
        return self.report.steps[steps.highlighted]

    def _show_detail(self) -> None:
        step = self._current()
        detail = self.query_one("#rt-detail", Static)
        if step is None:
            detail.update("")
            return
        detail.border_title = f"{step.number}. {step.title}"
        lines = [Content(step.purpose), Content.styled(step.rule, "dim")]
        if step.note:
            lines.append(Content.styled(step.note, "$text-warning"))
        detail.update(Content("\n").join(lines))

    @on(OptionList.OptionSelected, "#rt-steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from entconsole.screens.rentree_step import StepScreen

        step = self._current()
        if step is not None:
            self.app.push_screen(StepScreen(self.session, step.step))

    @while_composed
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "users_list":
            step = self._current()
            return step is not None and step.step in USERS_LIST_FILTER
        return True

    def action_users_list(self) -> None:
        """Steps 1 to 3: Utilisateurs with the guide's filter, on exactly the accounts the step counts."""
        step = self._current()
        if step is not None and step.step in USERS_LIST_FILTER:
            self.app.show_section("users", f"filter:{step.step.value}")  # type: ignore[attr-defined]

    def action_year_change(self) -> None:
        from entconsole.screens.rentree_year import YearChangeScreen

        self.app.push_screen(YearChangeScreen(self.session))

    def action_shares(self) -> None:
        from entconsole.screens.rentree_shares import SharesScreen

        self.app.push_screen(SharesScreen(self.session))

    def action_bookmarks(self) -> None:
        from entconsole.screens.rentree_bookmarks import BookmarksScreen

        self.app.push_screen(BookmarksScreen(self.session))

    def on_unmount(self) -> None:
        # the fixes changed users, groups, bookmarks: the sections below read the store again
        main = getattr(self.app, "main_screen", None)
        if main is not None:
            self.app.call_later(main.refresh_data)

    def action_back(self) -> None:
        self.dismiss(None)
