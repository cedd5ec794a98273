"""Message Flash tab: the list with its four filters, marks, actions, and "Aperçu en tant que …"."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, DataTable, Select, Static, Tab, Tabs
from textual.widgets.data_table import CellDoesNotExist

from entconsole import labels as L
from entconsole.fmt import format_date, pick
from entconsole.models import FlashMessage, Profile
from entconsole.screens.confirm import ConfirmScreen
from entconsole.screens.flash_form import FlashFormScreen
from entconsole.screens.pane import EstablishmentPane
from entconsole.services.errors import ServiceError
from entconsole.services.flash import (
    TARGETS,
    FlashStatus,
    can_edit,
    delete_messages,
    flash_status,
    list_messages,
    message_text,
    status_counts,
    structure_messages,
    target_label,
    visible_messages,
)
from entconsole.services.results import ActionResult
from entconsole.store import StoreError
from entconsole.widgets.form_scroll import FormScroll
from entconsole.widgets.flash_banner import FlashBanner

FILTERS = ("all", "current", "upcoming", "obsolete")
# column widths: Titre (with the status or mark), Message, Date de début, Date de fin,
# Nombre de vues, Auteur, Dernière modification; headers on two lines.
WIDTHS = (24, 24, 10, 10, 7, 14, 14)
STATUS_COLOR = {FlashStatus.CURRENT: "#3fb950", FlashStatus.UPCOMING: "#39c5cf", FlashStatus.OBSOLETE: "#8b949e"}
DOT = "●"
DEFAULT_PREVIEW = Profile.RELATIVE.value


def clip(text: str, width: int) -> str:
    """One line, at most `width` cells, "…" when cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def wrap_header(label: str, width: int) -> str:
    """A column title on two lines when it is wider than its column ("Date de\\ndébut")."""
    if len(label) <= width:
        return label
    words = label.split()
    for cut in range(len(words) - 1, 0, -1):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if len(first) <= width:
            return f"{first}\n{second}"
    return label


class FlashTable(DataTable):
    """The messages; Enter edits (shown in the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", L.KEY_FLASH_EDIT, id="flash.edit")]


class FlashPane(EstablishmentPane):
    BINDINGS = [
        Binding("n", "create", L.KEY_FLASH_NEW, id="flash.create"),
        Binding("d", "duplicate", L.KEY_FLASH_DUPLICATE, id="flash.duplicate"),
        Binding("delete", "delete", L.KEY_FLASH_DELETE, id="flash.delete"),
        Binding("space", "mark", L.KEY_FLASH_MARK, id="flash.mark"),
        Binding("f", "next_filter", L.KEY_FLASH_FILTER, id="flash.filter"),
        Binding("a", "preview_as", L.KEY_FLASH_PREVIEW, id="flash.preview"),
    ]

    def __init__(self, session, *, id: str | None = None) -> None:
        super().__init__(session, id=id)
        self.filter = "all"
        self.marked: set[str] = set()
        self.messages: list[FlashMessage] = []
        self.total = 0  # messages of the structure, all filters

    def compose(self) -> ComposeResult:
        with Horizontal(id="flash-toolbar"):
            yield Tabs(*(Tab(L.FLASH_FILTER[f], id=f"filter-{f}") for f in FILTERS), id="flash-filters")
            yield Button(L.FLASH_NEW_BUTTON, id="flash-new", compact=True, variant="primary")
        table = FlashTable(id="flash-table", cursor_type="row", zebra_stripes=True, header_height=2)
        yield table
        yield Static(id="flash-count")
        with Vertical(id="flash-preview-box", classes="est-box") as box:
            box.border_title = L.FLASH_PREVIEW_AS + " …"
            with Horizontal(id="flash-preview-bar"):
                yield Select(
                    [(target_label(t), t) for t in TARGETS],
                    value=DEFAULT_PREVIEW, allow_blank=False, compact=True, id="flash-preview-as",
                )
                yield Static(id="flash-preview-count")
            yield FormScroll(id="flash-preview-list")

    def on_mount(self) -> None:
        table = self.query_one(FlashTable)
        for label, width in zip(L.FLASH_COLUMNS, WIDTHS):
            table.add_column(Text(wrap_header(label, width)), width=width, key=label)
        self.refresh_data()

    # ---- data

    @property
    def status_filter(self) -> FlashStatus | None:
        return None if self.filter == "all" else FlashStatus(self.filter)

    def refresh_data(self) -> None:
        try:
            everything = list_messages(self.session)
        except ServiceError as error:
            self.query_one("#flash-count", Static).update(Content(error.message))
            return
        today = self.session.today
        counts = status_counts(everything, today)
        tabs = self.query_one("#flash-filters", Tabs)
        for f in FILTERS:
            n = len(everything) if f == "all" else counts[FlashStatus(f)]
            tabs.query_one(f"#filter-{f}", Tab).label = Content(f"{L.FLASH_FILTER[f]} ({n})")
        wanted = self.status_filter
        self.messages = [m for m in everything if wanted is None or flash_status(m, today) is wanted]
        ids = {m.id for m in everything}
        self.marked &= ids
        self.total = len(everything)
        self._fill_table()
        self._update_count()
        self._update_preview()
        self.screen.refresh_bindings()  # Dupliquer / Supprimer follow the rows shown

    def _fill_table(self) -> None:
        table = self.query_one(FlashTable)
        current = self.current_id
        table.clear()
        today = self.session.today
        for message in self.messages:
            status = flash_status(message, today)
            mark = ("■", "bold reverse") if message.id in self.marked else (DOT, STATUS_COLOR[status])
            row_style = "dim" if status is FlashStatus.OBSOLETE else ""
            modified_by = message.modified_by or message.author
            cells = [
                Text.assemble(mark, " ", (clip(message.title, WIDTHS[0] - 2), f"bold {row_style}".strip())),
                Text(clip(message_text(message), WIDTHS[1]), style=row_style),
                Text(format_date(message.start_date), style=row_style),
                Text(format_date(message.end_date), style=row_style),
                Text(str(message.read_count), style=row_style, justify="right"),
                Text(clip(message.author, WIDTHS[5]), style=row_style),
                Text(clip(modified_by, WIDTHS[6]), style=row_style),
            ]
            table.add_row(*cells, key=message.id)
        if current is not None and current in {m.id for m in self.messages}:
            table.move_cursor(row=table.get_row_index(current), animate=False)

    def _update_count(self) -> None:
        """"5 messages sur 5 · 2 marqués", then the legend of the status dots."""
        text = pick(self.total, L.FLASH_COUNT).format(shown=len(self.messages), total=self.total)
        parts: list = [f"{L.FLASH_EMPTY}  {text}" if not self.messages else text]
        marked = len(self.marked)
        if marked:
            parts += [" · ", (pick(marked, L.FLASH_MARKED).format(count=marked), "bold $text-warning")]
        parts.append("    ")
        for status in FlashStatus:
            parts += [(DOT, STATUS_COLOR[status]), " ", (L.FLASH_STATUS[status.value].lower(), "$text-muted"), "  "]
        self.query_one("#flash-count", Static).update(Content.assemble(*parts))

    def _update_preview(self) -> None:
        target = self.query_one("#flash-preview-as", Select).value
        if target is Select.NULL:
            return
        seen = visible_messages(self.session.store, str(target), self.session.structure_id, self.session.today)
        box = self.query_one("#flash-preview-list", FormScroll)
        box.remove_children()
        count = self.query_one("#flash-preview-count", Static)
        if not seen:
            count.update(Content.styled(L.FLASH_PREVIEW_NONE, "$text-muted"))
            return
        count.update(Content(pick(len(seen), L.FLASH_PREVIEW_COUNT).format(count=len(seen))))
        box.mount_all(FlashBanner(message_text(m), m.color, classes="preview-banner") for m in seen)

    @property
    def current_id(self) -> str | None:
        table = self.query_one(FlashTable)
        if table.row_count == 0:
            return None
        try:
            key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        except CellDoesNotExist:
            return None
        return key.value

    def current_message(self) -> FlashMessage | None:
        message_id = self.current_id
        return self.session.store.get(FlashMessage, message_id) if message_id else None

    def focus_main(self) -> None:
        self.query_one(FlashTable).focus()

    # ---- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("duplicate", "mark", "delete"):
            return bool(self.messages) or bool(self.marked and action == "delete") or None
        return True

    def action_next_filter(self) -> None:
        self.query_one("#flash-filters", Tabs).action_next_tab()

    def action_preview_as(self) -> None:
        select = self.query_one("#flash-preview-as", Select)
        select.focus()
        select.action_show_overlay()

    def action_mark(self) -> None:
        message_id = self.current_id
        if message_id is None:
            return
        self.marked ^= {message_id}
        table = self.query_one(FlashTable)
        row = table.get_row_index(message_id)
        self._fill_table()
        self._update_count()
        if row + 1 < table.row_count:
            table.move_cursor(row=row + 1, animate=False)

    def action_create(self) -> None:
        self._open_form(None, None)

    def action_duplicate(self) -> None:
        message = self.current_message()
        if message is not None:
            self._open_form(message, "duplicate")

    def action_edit(self) -> None:
        message = self.current_message()
        if message is None:
            return
        if not can_edit(self.session, message):
            self.notify(L.FLASH_OUT_OF_SCOPE.format(title=message.title), severity="warning", markup=False)
            return
        self._open_form(message, "edit")

    def action_delete(self) -> None:
        ids = [m.id for m in structure_messages(self.session.store, self.session.structure_id) if m.id in self.marked]
        if not ids and self.current_id:
            ids = [self.current_id]
        if not ids:
            self.notify(L.FLASH_NONE_SELECTED, severity="warning")
            return
        messages = [m for i in ids if (m := self.session.store.get(FlashMessage, i))]
        if len(messages) == 1:
            text = L.FLASH_DELETE_ONE.format(title=messages[0].title)
        else:
            titles = "\n".join(f"  · {m.title}" for m in messages[:8])
            text = L.FLASH_DELETE_MANY.format(count=len(messages)) + "\n" + titles
        self.app.push_screen(
            ConfirmScreen(L.FLASH_DELETE_TITLE, text, confirm_label=L.KEY_FLASH_DELETE),
            callback=partial(self._delete_confirmed, ids),
        )

    def _delete_confirmed(self, ids: list[str], confirmed: bool | None) -> None:
        if not confirmed:
            return
        try:
            result = delete_messages(self.session, ids)
        except (ServiceError, StoreError) as error:
            self.failed(error)
            return
        self.marked -= set(ids)
        self.done(result)

    def _open_form(self, message: FlashMessage | None, mode: str | None) -> None:
        self.app.push_screen(FlashFormScreen(self.session, message, mode), callback=self._form_closed)

    def _form_closed(self, result: ActionResult | None) -> None:
        if result is not None:
            self.done(result)
        self.focus_main()

    # ---- events

    @on(Tabs.TabActivated, "#flash-filters")
    def _filter_changed(self, event: Tabs.TabActivated) -> None:
        event.stop()
        if event.tab is None or event.tab.id is None:
            return
        self.filter = event.tab.id.removeprefix("filter-")
        self.refresh_data()
        self.screen.refresh_bindings()

    @on(DataTable.RowSelected, "#flash-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    @on(Button.Pressed, "#flash-new")
    def _new(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_create()

    @on(Select.Changed, "#flash-preview-as")
    def _preview_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._update_preview()
