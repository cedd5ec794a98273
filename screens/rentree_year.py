"""Bascule d'année: the dry run on screen, then the change after a confirmation repeating the numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from entconsole import labels as L
from entconsole.services.errors import ServiceError
from entconsole.services.year_change import YearChangePlan, plan_lines, plan_year_change, run_year_change
from entconsole.store import StoreError

if TYPE_CHECKING:
    from entconsole.services.session import Session


class YearChangeScreen(Screen[None]):
    CSS_PATH = "rentree.tcss"
    BINDINGS = [
        Binding("escape", "back", L.RT_KEY_BACK, id="rentree_year.back"),
        Binding("b", "run", L.RT_KEY_RUN_YEAR_CHANGE, id="rentree_year.run"),
        Binding("p", "shares", L.RT_KEY_SHARES, id="rentree_year.shares"),
    ]

    def __init__(self, session: "Session") -> None:
        super().__init__(id="rentree-year-screen")
        self.session = session
        self.plan: YearChangePlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="rt-body"):
            yield Static(id="rt-yc-title")
            with VerticalScroll(id="rt-yc-scroll"):
                yield Static(id="rt-yc-plan")
            yield Static(Content(L.RT_YC_WARNING), id="rt-yc-warning")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        try:
            self.session.store.refresh()
            self.plan = plan_year_change(self.session)
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.query_one("#rt-yc-title", Static).update(
            Content.styled(L.RT_YC_DRY_TITLE.format(structure=self.session.structure.name), "bold")
        )
        lines = [Content.styled(line, "bold") if not line.startswith(" ") else Content(line)
                 for line in plan_lines(self.plan)]
        if self.plan.empty:
            lines = [Content(L.RT_YC_NOTHING)]
        self.query_one("#rt-yc-plan", Static).update(Content("\n").join(lines))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run":
            return None if self.plan is None or self.plan.empty else True
        return True

    def action_run(self) -> None:
        from entconsole.screens.confirm import ConfirmScreen

        plan = self.plan
        if plan is None or plan.empty:
            return
        f = plan.figures()
        text = L.RT_YC_CONFIRM.format(structure=self.session.structure.name, classes=f["classes"],
                                      users=f["users"], grants=f["share_grants"]) + "\n\n" + L.RT_YC_BACKUP_NOTE

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                result = run_year_change(self.session, f)
            except (ServiceError, StoreError) as error:
                self.notify(error.message, severity="error", markup=False)
                self.refresh_data()
                return
            self.notify(result.message, markup=False, timeout=10)
            self.refresh_data()

        self.app.push_screen(ConfirmScreen(L.RT_KEY_RUN_YEAR_CHANGE, text, confirm_label=L.RT_KEY_RUN_YEAR_CHANGE), done)

    def action_shares(self) -> None:
        from entconsole.screens.rentree_shares import SharesScreen

        self.app.push_screen(SharesScreen(self.session))

    def action_back(self) -> None:
        self.dismiss(None)
