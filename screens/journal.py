"""Journal: every action with who, when, what and how many; "Annuler la dernière action".

Opened from anywhere (app key ``j``). The list draws only the rows on screen
(line API), so a journal of tens of thousands of entries scrolls as fast as
an empty one. The filter matches who (login or name), what (the sentence
kept in the journal) and the action code, accent- and case-insensitively.
Summaries hold user names: always plain Content, never markup.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Input, Static

from entconsole import labels as L
from entconsole.models import JournalEntry
from entconsole.screens.confirm import ConfirmScreen
from entconsole.services.errors import ServiceError
from entconsole.services.history import journal_entries
from entconsole.services.session import Session, find_login
from entconsole.services.undo import UNDO_ACTION, plan_undo, undo_last
from entconsole.store import StoreError
from entconsole.text import fold

WHEN_WIDTH = 16  # "05/09/2024 09:00"
WHO_WIDTH = 22
COUNT_WIDTH = 6


def _cell(text: str, width: int) -> Content:
    content = Content(text)
    if content.cell_length > width:
        content = content.truncate(width - 1) + Content("…")
    return content.pad_right(width - content.cell_length)


class JournalList(ScrollView, can_focus=True):
    """The entries, newest first, one row each; the cursor row is highlighted."""

    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "move(-10)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
    ]
    DEFAULT_CSS = """
    JournalList { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[JournalEntry, str, bool]] = []  # entry, who, undone
        self.cursor = 0

    def set_rows(self, rows: list[tuple[JournalEntry, str, bool]]) -> None:
        self.rows = rows
        self.cursor = min(self.cursor, max(0, len(rows) - 1))
        self.virtual_size = Size(self.size.width, len(rows))
        self.refresh()

    def row_content(self, index: int, width: int) -> Content:
        entry, who, undone = self.rows[index]
        count = str(entry.count) if entry.count else ""
        summary = Content(entry.summary)
        if undone:
            summary = Content.assemble(summary, (L.JOURNALSCR_UNDONE, "italic $text-muted"))
        row = Content.assemble(
            _cell(f"{entry.when:%d/%m/%Y %H:%M}", WHEN_WIDTH), "  ",
            _cell(who, WHO_WIDTH), " ",
            Content(count.rjust(COUNT_WIDTH)), "  ",
            summary,
        )
        if row.cell_length > width:
            row = row.truncate(width)
        return row.pad_right(width - row.cell_length)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        content = self.row_content(index, width)
        style = self.rich_style
        if index == self.cursor:
            content = content.stylize("reverse" if self.has_focus else "bold", 0, len(content))
        segments = [Segment(seg.text, style + seg.style if seg.style else style)
                    for seg in content.render_segments(self.visual_style)]
        return Strip(segments, width).crop_extend(0, width, style)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))

    def _set_cursor(self, index: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(len(self.rows) - 1, index))
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)
        self.refresh()

    def action_move(self, step: int) -> None:
        self._set_cursor(self.cursor + step)

    def action_edge(self, last: int) -> None:
        self._set_cursor(len(self.rows) - 1 if last else 0)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class JournalScreen(Screen[None]):
    CSS_PATH = "journal.tcss"
    BINDINGS = [
        Binding("escape", "close", L.JOURNALSCR_KEY_CLOSE, id="journal.close"),
        Binding("slash", "focus_filter", L.JOURNALSCR_KEY_FILTER, id="journal.filter"),
        Binding("u", "undo", L.JOURNALSCR_KEY_UNDO, id="journal.undo"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._names: dict[str, str] = {}
        self._folded: dict[str, str] = {}  # entry id -> folded who/what (entries never change)
        self._entries: list[tuple[JournalEntry, str, bool, str]] = []

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(L.JOURNALSCR_TITLE, "bold"), id="journal-title")
        yield Input(placeholder=L.JOURNALSCR_FILTER, id="journal-filter")
        yield Static(id="journal-count")
        yield Static(self._header(), id="journal-header")
        yield JournalList(id="journal-list")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.session.store.refresh()  # opening the journal shows other sessions' actions
        except StoreError as error:
            self.notify(error.message, severity="error", markup=False, timeout=15)
        self.session.store.on_reload.append(self._reloaded)
        self.reload()
        self.query_one(JournalList).focus()

    def on_unmount(self) -> None:
        if self._reloaded in self.session.store.on_reload:
            self.session.store.on_reload.remove(self._reloaded)

    def _reloaded(self) -> None:
        self.call_later(self.reload)

    @staticmethod
    def _header() -> Content:
        return Content.styled(
            f"{L.JOURNALSCR_WHEN:<{WHEN_WIDTH}}  {L.JOURNALSCR_WHO:<{WHO_WIDTH}} "
            f"{L.JOURNALSCR_COUNT:>{COUNT_WIDTH}}  {L.JOURNALSCR_WHAT}",
            "bold $text-muted",
        )

    def _who(self, login: str) -> str:
        if login not in self._names:
            user = find_login(self.session.store, login)
            self._names[login] = user.display_name if user else login
        return self._names[login]

    def reload(self) -> None:
        """Read the entries the admin may see again (after a write here or elsewhere)."""
        try:
            entries = journal_entries(self.session)
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        undone = {t for e in entries if e.action == UNDO_ACTION for t in e.targets}
        # Folded once per entry, so that each keystroke in the filter is a substring test.
        self._entries = []
        for entry in entries:
            who = self._who(entry.actor)
            haystack = self._folded.get(entry.id)
            if haystack is None:
                haystack = self._folded[entry.id] = fold(f"{who} {entry.actor} {entry.summary} {entry.action}")
            self._entries.append((entry, who, entry.id in undone, haystack))
        self.apply_filter()

    def apply_filter(self) -> None:
        """The rows matching every word of the filter; keeps the cursor."""
        words = fold(self.query_one("#journal-filter", Input).value).split()
        rows = [(e, who, undone) for e, who, undone, hay in self._entries if all(w in hay for w in words)]
        self.query_one(JournalList).set_rows(rows)
        self.query_one("#journal-count", Static).update(
            Content(L.JOURNALSCR_COUNT_LINE.format(shown=len(rows), total=len(self._entries)))
        )

    @on(Input.Changed, "#journal-filter")
    def _filter_changed(self) -> None:
        self.apply_filter()

    @on(Input.Submitted, "#journal-filter")
    def _filter_done(self) -> None:
        self.query_one(JournalList).focus()

    def action_focus_filter(self) -> None:
        self.query_one("#journal-filter", Input).focus()

    def action_close(self) -> None:
        if self.focused is self.query_one("#journal-filter") and self.query_one("#journal-filter", Input).value:
            self.query_one("#journal-filter", Input).value = ""
            self.query_one(JournalList).focus()
            return
        self.dismiss(None)

    # ---- undo

    def action_undo(self) -> None:
        try:
            self.session.store.refresh()
            plan = plan_undo(self.session)
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="warning", markup=False)
            return
        entry = plan.entry
        if plan.refusal is not None:
            self.notify(L.UNDO_CANNOT.format(summary=entry.summary, reason=plan.refusal),
                        severity="error", markup=False, timeout=10)
            return
        text = L.UNDO_CONFIRM.format(when=f"{entry.when:%d/%m/%Y %H:%M}", summary=entry.summary, count=plan.count)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._undo(entry.id)

        self.app.push_screen(ConfirmScreen(L.JOURNALSCR_UNDO_TITLE, text, confirm_label=L.JOURNALSCR_UNDO_YES),
                             callback=confirmed)

    def _undo(self, entry_id: str) -> None:
        try:
            result = undo_last(self.session, entry_id)
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False, timeout=10)
        else:
            self.notify(result.message, markup=False)
        self.reload()
        refresh = getattr(self.app, "refresh_data", None)  # the screens under this one
        if refresh is not None:
            refresh()
