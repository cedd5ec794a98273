"""Blocage en lot tab: a row per profile with [Bloquer] / [Débloquer], and the history."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, DataTable, Static

from entconsole import labels as L
from entconsole.fmt import format_datetime, pick
from entconsole.models import BLOCKING_ORDER, BlockAction, Profile
from entconsole.screens.background import run_service
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.pane import EstablishmentPane
from entconsole.screens.shown_data import RefreshWhenShown, is_large
from entconsole.services.errors import ServiceError
from entconsole.services.results import ActionResult
from entconsole.services.mass_block import (
    HISTORY_SORTS,
    PAGE_SIZES,
    HistorySort,
    ProfileRow,
    block_history,
    mass_block,
    profile_rows,
)
from entconsole.store import StoreError
from entconsole.widgets.form_scroll import FormScroll
from entconsole.widgets.profile import PROFILE_COLOR, profile_badge

HISTORY_WIDTHS = (18, 14, 12, 28, 8)


class HistoryTable(DataTable):
    """"Historique des actions": Page up / Page down turn pages."""

    BINDINGS = [
        Binding("pagedown", "page(1)", L.KEY_BLOCK_NEXT_PAGE, id="block.next_page"),
        Binding("pageup", "page(-1)", L.KEY_BLOCK_PREV_PAGE, id="block.prev_page"),
    ]

    class PageTurned(Message):
        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def action_page(self, step: int) -> None:
        self.post_message(self.PageTurned(step))


class BlockRows(Vertical):
    """The profile rows; the arrows move between their [Bloquer] / [Débloquer] buttons."""

    BINDINGS = [
        Binding("up", "move(0, -1)", show=False),
        Binding("down", "move(0, 1)", show=False),
        Binding("left", "move(-1, 0)", show=False),
        Binding("right", "move(1, 0)", show=False),
    ]

    def action_move(self, dx: int, dy: int) -> None:
        grid = [list(row.query(Button)) for row in self.query(".block-row")]
        focused = self.screen.focused
        for y, row in enumerate(grid):
            if focused in row:
                ny = y + dy
                if 0 <= ny < len(grid):
                    grid[ny][min(max(0, row.index(focused) + dx), len(grid[ny]) - 1)].focus()
                elif dy > 0:
                    self.screen.focus_next()
                else:
                    self.screen.focus_previous()
                return


class MassBlockPane(RefreshWhenShown, EstablishmentPane):
    BINDINGS = [
        Binding("t", "sort_next", L.KEY_BLOCK_SORT, id="block.sort"),
        Binding("r", "reverse", L.KEY_BLOCK_REVERSE, id="block.reverse"),
        Binding("p", "cycle_page_size", L.KEY_BLOCK_PAGE_SIZE, id="block.page_size"),
    ]

    def __init__(self, session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.sort = HistorySort.DATE
        self.descending = True
        self.page = 1
        self.page_size = PAGE_SIZES[0]
        self.rows: dict[Profile, ProfileRow] = {}

    def compose(self) -> ComposeResult:
        with FormScroll(id="block-body"):
            yield Static(Content.styled(L.BLOCK_TITLE, "bold"), id="block-title")
            with Horizontal(id="block-intro"):
                yield Static(Content(L.BLOCK_INTRO), id="block-intro-text")
                yield Button(L.BLOCK_LINK, id="block-link", compact=True, classes="link")
            yield Static(Content.assemble(("! ", "bold"), L.BLOCK_WARNING), id="block-warning")
            with BlockRows(id="block-rows"):
                for profile in BLOCKING_ORDER:
                    with Horizontal(classes="block-row"):
                        yield Static(profile_badge(profile), classes="block-profile")
                        yield Static(id=f"block-counts-{profile.value}", classes="block-counts")
                        yield Button(L.BLOCK_BUTTON, id=f"block-{profile.value}", compact=True,
                                     classes="block-button", variant="error")
                        yield Button(L.UNBLOCK_BUTTON, id=f"unblock-{profile.value}", compact=True,
                                     classes="block-button", variant="success")
            yield Static(Content.styled(L.BLOCK_HISTORY, "bold"), id="block-history-title")
            yield HistoryTable(id="block-history", cursor_type="row", zebra_stripes=True)
            yield Static(id="block-pager")

    def on_mount(self) -> None:
        self.refresh_data()

    # ---- data

    def refresh_data(self) -> None:
        if self.defer_until_shown():  # every account counted: not for a hidden tab
            return
        # 0.4 s at 100,000 accounts: counted in a thread, the console keeps answering
        run_service(self, partial(profile_rows, self.session), self._show_rows,
                    in_thread=is_large(self.session.store), group="block-rows", loading=False)

    def _show_rows(self, rows: list[ProfileRow] | None, error: ServiceError | StoreError | None) -> None:
        if rows is None:
            self.query_one("#block-pager", Static).update(Content(error.message if error else ""))
            return
        self.rows = {row.profile: row for row in rows}
        for row in rows:
            self.query_one(f"#block-counts-{row.profile.value}", Static).update(Content.assemble(
                pick(row.total, L.BLOCK_ROW_ACCOUNTS).format(count=row.total).rjust(11),
                " · ",
                (pick(row.blocked, L.BLOCK_ROW_BLOCKED).format(count=row.blocked),
                 "bold $text-error" if row.blocked else "$text-muted"),
            ))
        self._fill_history()

    def _fill_history(self) -> None:
        page = block_history(
            self.session, sort=self.sort, descending=self.descending, page=self.page, size=self.page_size
        )
        self.page = page.page
        table = self.query_one(HistoryTable)
        table.clear(columns=True)
        arrow = " ↓" if self.descending else " ↑"
        for sort, label, width in zip(HISTORY_SORTS, L.BLOCK_HISTORY_COLUMNS, HISTORY_WIDTHS):
            table.add_column(label + (arrow if sort is self.sort else ""), width=width, key=sort.value)
        table.add_column(L.BLOCK_HISTORY_COLUMNS[-1], width=HISTORY_WIDTHS[-1], key="count")
        for trace in page.rows:
            table.add_row(
                Text(format_datetime(trace.date)),
                Text(L.BLOCK_ACTION[trace.action.value],
                     style="bold red" if trace.action is BlockAction.BLOCK else "bold green"),
                Text(L.PROFILE[trace.profile.value], style=PROFILE_COLOR[trace.profile]),
                Text(trace.author_name),
                Text(str(trace.count), justify="right"),
                key=trace.id,
            )
        pager = self.query_one("#block-pager", Static)
        if not page.total:
            pager.update(Content.styled(L.BLOCK_HISTORY_EMPTY, "$text-muted"))
            return
        pager.update(Content.styled(
            L.BLOCK_PAGER.format(size=page.size, first=page.first, last=page.last, total=page.total,
                                 page=page.page, pages=page.pages),
            "$text-muted",
        ))

    def focus_main(self) -> None:
        self.query_one(f"#block-{BLOCKING_ORDER[0].value}", Button).focus()

    # ---- blocking

    def ask(self, profile: Profile, action: BlockAction) -> None:
        """The confirmation, saying how many accounts change and how many admins are skipped."""
        row = self.rows.get(profile)
        if row is None:
            return
        label = L.PROFILE[profile.value]
        count = row.changes(action)
        if count == 0:
            self.notify(L.BLOCK_NOTHING[action.value].format(profile=label), severity="warning")
            return
        text = pick(count, L.BLOCK_CONFIRM[action.value]).format(count=count, profile=label)
        skipped = row.skipped(action)
        if skipped:
            text += "\n" + pick(skipped, L.BLOCK_CONFIRM_SKIP).format(count=skipped)
        if action is BlockAction.BLOCK and row.everywhere:
            text += "\n" + L.BLOCK_CONFIRM_EVERYWHERE
        if action is BlockAction.BLOCK:
            text += "\n\n" + L.BLOCK_WARNING
        self.app.push_screen(
            ConfirmScreen(L.BLOCK_CONFIRM_TITLE[action.value], text,
                          confirm_label=L.BLOCK_BUTTON if action is BlockAction.BLOCK else L.UNBLOCK_BUTTON),
            callback=partial(self._confirmed, profile, action),
        )

    def _confirmed(self, profile: Profile, action: BlockAction, confirmed: bool | None) -> None:
        if not confirmed:
            return
        # seconds at 100,000 accounts: in a thread, behind a loading indicator
        run_service(self, partial(mass_block, self.session, profile, action), self._blocked,
                    in_thread=is_large(self.session.store), group="mass-block")

    def _blocked(self, result: ActionResult | None, error: ServiceError | StoreError | None) -> None:
        if result is not None:
            self.done(result)
        elif error is not None:
            self.failed(error)

    @on(Button.Pressed, ".block-button")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        kind, _, value = (event.button.id or "").partition("-")
        self.ask(Profile(value), BlockAction.BLOCK if kind == "block" else BlockAction.UNBLOCK)

    @on(Button.Pressed, "#block-link")
    def _link(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.show_section("users", "blocked")  # type: ignore[attr-defined]

    # ---- keys

    def action_sort_next(self) -> None:
        index = HISTORY_SORTS.index(self.sort)
        self.sort = HISTORY_SORTS[(index + 1) % len(HISTORY_SORTS)]
        self.descending = self.sort is HistorySort.DATE
        self._fill_history()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._fill_history()

    def action_cycle_page_size(self) -> None:
        index = PAGE_SIZES.index(self.page_size) if self.page_size in PAGE_SIZES else -1
        self.page_size = PAGE_SIZES[(index + 1) % len(PAGE_SIZES)]
        self.page = 1
        self._fill_history()

    @on(HistoryTable.PageTurned)
    def _page(self, event: HistoryTable.PageTurned) -> None:
        event.stop()
        self.page += event.step
        self._fill_history()

    @on(DataTable.HeaderSelected, "#block-history")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        """A click on a column header sorts by it; again reverses."""
        event.stop()
        key = event.column_key.value
        if key not in {s.value for s in HISTORY_SORTS}:
            return
        sort = HistorySort(key)
        if sort is self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = sort, sort is HistorySort.DATE
        self._fill_history()
