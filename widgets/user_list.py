"""The users list: a virtual list drawing only the rows on screen (line API).

Textual's DataTable measures every cell when rows are added (seconds for tens
of thousands of accounts); this list keeps the query's result as a plain
Python list and builds a row only when ``render_line`` asks for it, as
Textualize/toolong does for log files. Moving the cursor or typing a search
therefore costs the same for 50 or 100,000 accounts.

Row: mark, "NOM Prénom", the status icons in DOMAIN.md's order (one fixed
slot each, so an icon is always in the same column), the profile badge in
the profile's colour. Names are user data: always plain Content, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from operator import attrgetter, indexOf

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style as VisualStyle

from entconsole import labels as L
from entconsole.models import Profile, Status, User
from entconsole.services.user_list import list_name
from entconsole.services.users import SortKey, order_key
from entconsole.widgets.profile import PROFILE_COLOR, profile_label

# One glyph per status, single-cell characters that common terminal fonts draw.
STATUS_GLYPH: dict[Status, str] = {
    Status.INACTIVE: "○",  # empty circle: never activated
    Status.BLOCKED: "⊘",  # no entry
    Status.DUPLICATE: "≈",  # looks like another account
    Status.PREDELETED: "✗",  # crossed out
    Status.PENDING_PREDELETION: "◔",  # a clock running
}
STATUS_STYLE: dict[Status, str] = {
    Status.INACTIVE: "$text-warning",
    Status.BLOCKED: "bold $text-error",
    Status.DUPLICATE: "bold $text-warning",
    Status.PREDELETED: "bold $text-error",
    Status.PENDING_PREDELETION: "$text-warning",
}
MARK_GLYPH = "✓"
CURSOR_GLYPH = "▶"

STATUS_WIDTH = 2 * len(Status)  # "○ ⊘ ≈ ✗ ◔ "
PROFILE_WIDTH = max(len(label) for label in L.PROFILE.values())  # "Enseignant"
LEAD_WIDTH = 3  # " ✓ "
MIN_NAME_WIDTH = 8
MAX_NAME_WIDTH = 44  # wider, the icons drift too far from the name to read the row
# Rows kept drawn: a few screens' worth, so that erasing a typed letter or
# moving back up finds its rows ready instead of building them again.
ROW_CACHE_SIZE = 256


def name_width(width: int) -> int:
    room = width - LEAD_WIDTH - 2 - STATUS_WIDTH - PROFILE_WIDTH - 1
    return max(MIN_NAME_WIDTH, min(MAX_NAME_WIDTH, room))


def status_icons(user: User) -> Content:
    return _status_cell(frozenset(user.statuses))


@lru_cache(maxsize=None)  # 32 combinations at most
def _status_cell(statuses: frozenset[Status]) -> Content:
    parts: list[tuple[str, str] | str] = []
    for status in Status:
        parts.append((STATUS_GLYPH[status], STATUS_STYLE[status]) if status in statuses else " ")
        parts.append(" ")
    return Content.assemble(*parts)


@lru_cache(maxsize=None)
def profile_badge_cell(profile: Profile) -> Content:
    label = profile_label(profile)
    return Content.styled(label, f"bold {PROFILE_COLOR[profile]}").pad_right(PROFILE_WIDTH - len(label))


def row_content(user: User, width: int, *, marked: bool, detached: bool) -> Content:
    """One row of the list, exactly `width` cells wide (names shown literally)."""
    name = Content(list_name(user))
    if detached:
        name = name.stylize("strike")
    name = name.truncate(name_width(width), ellipsis=True, pad=True)
    mark = Content.styled(MARK_GLYPH, "bold $text-accent") if marked else Content(" ")
    row = Content.assemble(" ", mark, " ", name, "  ", status_icons(user), profile_badge_cell(user.profile))
    return row.truncate(width, pad=True)


def header_content(width: int, sort: SortKey, descending: bool) -> Content:
    arrow = "↓" if descending else "↑"
    name_title, status_title, profile_title = L.ULIST_COLUMNS
    if sort is SortKey.NAME:
        name_title = f"{name_title} {arrow}"
    else:
        profile_title = f"{profile_title} {arrow}"
    row = Content.assemble(
        " " * LEAD_WIDTH,
        Content(name_title).truncate(name_width(width), pad=True),
        "  ",
        Content(status_title).truncate(STATUS_WIDTH, pad=True),
        profile_title,
    )
    return row.truncate(width, pad=True)


def _position(
    users: list[User], user: User, guess: int, sort: SortKey | None = None, descending: bool = False
) -> int | None:
    """Where `user` is in `users`: at `guess` most often; else, for a list in the
    order `query_users` gives for `sort`, by bisection (a scan cost 10+ ms per
    keystroke in a 100,000-account list); without `sort`, by a scan at C speed."""
    if 0 <= guess < len(users) and users[guess].id == user.id:
        return guess
    if sort is not None and users:
        key = order_key(sort)
        wanted = key(user)
        lo, hi = 0, len(users)
        while lo < hi:  # first index whose key is not before `wanted` in the list's order
            mid = (lo + hi) // 2
            here = key(users[mid])
            if (here > wanted) if descending else (here < wanted):
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(users) and users[lo].id == user.id else None
    try:
        return indexOf(map(attrgetter("id"), users), user.id)
    except ValueError:
        return None


class UserList(ScrollView, can_focus=True):
    """The structure's users matching the filters; Space marks, Enter opens."""

    COMPONENT_CLASSES = {
        "user-list--header",
        "user-list--row",
        "user-list--cursor",
        "user-list--cursor-blurred",
        "user-list--marked",
    }
    DEFAULT_CSS = """
    UserList {
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        & > .user-list--header { text-style: bold; color: $text-secondary; background: $panel; }
        & > .user-list--row { }
        & > .user-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
        & > .user-list--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .user-list--marked { background: $accent 15%; }
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", L.KEY_UP, id="users.list.up", show=False),
        Binding("down", "move(1)", L.KEY_DOWN, id="users.list.down", show=False),
        Binding("pageup", "page(-1)", show=False, id="users.list.page_up"),
        Binding("pagedown", "page(1)", show=False, id="users.list.page_down"),
        Binding("home", "edge(0)", show=False, id="users.list.first"),
        Binding("end", "edge(1)", show=False, id="users.list.last"),
        Binding("space", "mark", L.KEY_ULIST_MARK, id="users.list.mark"),
        Binding("a", "mark_all", L.KEY_ULIST_MARK_ALL, id="users.list.mark_all", show=False),
        Binding("enter", "open", L.KEY_ULIST_OPEN, id="users.list.open"),
    ]

    class Opened(Message):
        """Enter on a row: open that user's card."""

        def __init__(self, user_list: "UserList", user_id: str) -> None:
            super().__init__()
            self.user_list = user_list
            self.user_id = user_id

        @property
        def control(self) -> "UserList":
            return self.user_list

    class MarksChanged(Message):
        def __init__(self, user_list: "UserList", count: int) -> None:
            super().__init__()
            self.user_list = user_list
            self.count = count

        @property
        def control(self) -> "UserList":
            return self.user_list

    class SortRequested(Message):
        """A click on a column title."""

        def __init__(self, user_list: "UserList", key: SortKey) -> None:
            super().__init__()
            self.user_list = user_list
            self.key = key

        @property
        def control(self) -> "UserList":
            return self.user_list

    def __init__(self, structure_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.structure_id = structure_id
        self.users: list[User] = []
        self.cursor = 0
        self.marked: dict[str, None] = {}  # ordered set of user ids
        self.sort = SortKey.NAME
        self.descending = False
        # Drawn rows (see _row_strip); emptied when the styles or the theme change.
        self._row_cache: LRUCache[tuple, tuple[User, Strip]] = LRUCache(ROW_CACHE_SIZE)
        self._line_cache: LRUCache[tuple, Strip] = LRUCache(8)  # the header and blank rows

    # ---- data

    def set_users(self, users: list[User], *, sort: SortKey, descending: bool) -> None:
        """Show a new result; the cursor stays on the same account when it is still listed.

        `users` are in the order `query_users` gives for `sort` and `descending`.
        """
        current = self.current_user
        self.users = users
        self.sort, self.descending = sort, descending
        index = 0
        if current is not None:
            index = _position(users, current, self.cursor, sort, descending)
            if index is None:
                index = min(self.cursor, len(users) - 1)
        self.cursor = max(0, index)
        self._update_virtual_size()
        self._scroll_to_cursor(center=False)
        self.refresh()
        self._draw_ahead()

    def _draw_ahead(self) -> None:
        """Draw the visible rows now rather than when the next frame is composed.

        A new result comes with a key or a filter, usually just after a frame;
        until the next one (up to 16 ms) the console is idle. Rows drawn now are
        only reused by that frame: a filter change that shows 30 rows never drawn
        before reaches the screen 3 to 4 ms sooner.
        """
        if self.is_mounted:
            for y in range(1, self.scrollable_content_region.height):
                self.render_line(y)

    def keep_marks(self, user_ids: Iterable[str]) -> None:
        """Forget marks of accounts that no longer exist."""
        keep = set(user_ids)
        before = len(self.marked)
        self.marked = {i: None for i in self.marked if i in keep}
        if len(self.marked) != before:
            self.post_message(self.MarksChanged(self, len(self.marked)))
        self.refresh()

    @property
    def current_user(self) -> User | None:
        if 0 <= self.cursor < len(self.users):
            return self.users[self.cursor]
        return None

    def targets(self) -> list[str]:
        """The marked accounts, or the current row when none is marked."""
        if self.marked:
            return list(self.marked)
        user = self.current_user
        return [user.id] if user else []

    def clear_marks(self) -> None:
        if self.marked:
            self.marked = {}
            self.post_message(self.MarksChanged(self, 0))
            self.refresh()

    def move_to(self, user_id: str) -> bool:
        for index, user in enumerate(self.users):
            if user.id == user_id:
                self._set_cursor(index)
                return True
        return False

    # ---- geometry

    @property
    def _rows_visible(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # minus the header

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.users) + 1)

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor(center=False)

    def _scroll_to_cursor(self, *, center: bool) -> None:
        top = self.scroll_offset.y
        rows = self._rows_visible
        if self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + rows:
            top = self.cursor - rows + 1
        if top != self.scroll_offset.y:
            self.scroll_to(y=top, animate=False, immediate=True)

    def _set_cursor(self, index: int) -> None:
        if not self.users:
            return
        index = max(0, min(len(self.users) - 1, index))
        if index == self.cursor:
            return
        old = self.cursor
        self.cursor = index
        self._scroll_to_cursor(center=False)
        self._refresh_rows(old, index)

    def _refresh_rows(self, *indexes: int) -> None:
        top = self.scroll_offset.y
        width = self.size.width
        for index in indexes:
            y = index - top + 1
            if 1 <= y < self.size.height:
                self.refresh(Region(0, y, width, 1))

    # ---- rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._plain_line("header", width)
        index = self.scroll_offset.y + y - 1
        if index >= len(self.users):
            return self._plain_line("blank", width)
        user = self.users[index]
        marked = user.id in self.marked
        if index == self.cursor:
            component = "user-list--cursor" if self.has_focus else "user-list--cursor-blurred"
        elif marked:
            component = "user-list--marked"
        else:
            component = "user-list--row"
        return self._row_strip(user, width, component, marked)

    def _row_strip(self, user: User, width: int, component: str, marked: bool) -> Strip:
        """One account's row, drawn once and then reused while nothing it shows changed.

        A keystroke redraws every visible row; many of them were drawn a key or
        two before. The key holds id(user) and the entry the user itself: a
        saved account is a new object, so its row is drawn again, and an id
        cannot be reused while its entry keeps the object alive. The key also
        holds the visual style, which Textual builds anew when styles change.
        """
        style = self.get_visual_style(component)  # cached by Textual until the styles change
        pointed = component == "user-list--cursor"  # the cursor row of the focused list
        detached = self.structure_id not in user.structures
        key = (id(user), width, style, marked, pointed, detached)
        cached = self._row_cache.get(key)
        if cached is not None and cached[0] is user:
            return cached[1]
        content = row_content(user, width, marked=marked, detached=detached)
        if pointed:
            content = Content.assemble(Content.styled(CURSOR_GLYPH, "bold"), content[1:])
        strip = self._strip(content, width, style)
        self._row_cache.set(key, (user, strip))
        return strip

    def _plain_line(self, kind: str, width: int) -> Strip:
        """The column titles ("header") or a row under the last account ("blank")."""
        style = self.get_visual_style("user-list--header" if kind == "header" else "user-list--row")
        key = (kind, width, style, self.sort, self.descending)
        strip = self._line_cache.get(key)
        if strip is None:
            if kind == "header":
                strip = self._strip(header_content(width, self.sort, self.descending), width, style)
            else:
                strip = Strip([Segment(" " * width, style.rich_style)], width)
            self._line_cache.set(key, strip)
        return strip

    def _strip(self, content: Content, width: int, style: VisualStyle) -> Strip:
        """`content` (exactly `width` cells, one line, no links) on `style`.

        The segments FormattedLine.to_strip makes for such a line, without
        Visual.to_strips' wrapping, link and alignment passes, which cost more
        than half of a row (tests/ui/test_user_list_rendering.py compares both).
        """
        get_style = self._get_style
        segments = []
        x = 0
        for text, text_style in content.render(style, end="", parse_style=get_style):
            segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, 0)))
            x += len(text)
        return Strip(segments, content.cell_length).extend_cell_length(width, style.rich_style).crop(0, width)

    def notify_style_update(self) -> None:
        """New styles or theme: every drawn row may look different."""
        super().notify_style_update()
        self._row_cache.clear()
        self._line_cache.clear()

    def on_focus(self) -> None:
        self._refresh_rows(self.cursor)

    def on_blur(self) -> None:
        self._refresh_rows(self.cursor)

    # ---- keys and mouse

    def action_move(self, step: int) -> None:
        self._set_cursor(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._set_cursor(self.cursor + direction * self._rows_visible)

    def action_edge(self, last: int) -> None:
        self._set_cursor(len(self.users) - 1 if last else 0)

    def action_mark(self) -> None:
        user = self.current_user
        if user is None:
            self.app.bell()
            return
        if user.id in self.marked:
            del self.marked[user.id]
        else:
            self.marked[user.id] = None
        self.post_message(self.MarksChanged(self, len(self.marked)))
        old = self.cursor
        self._set_cursor(self.cursor + 1)  # mark and move on, as file managers do
        self._refresh_rows(old)

    def action_mark_all(self) -> None:
        """Mark every account listed; when they all are already, unmark them."""
        shown = [u.id for u in self.users]
        if shown and all(i in self.marked for i in shown):
            for user_id in shown:
                self.marked.pop(user_id, None)
        else:
            self.marked.update(dict.fromkeys(shown))
        self.post_message(self.MarksChanged(self, len(self.marked)))
        self.refresh()

    def action_open(self) -> None:
        user = self.current_user
        if user is None:
            self.app.bell()
            return
        self.post_message(self.Opened(self, user.id))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            key = SortKey.PROFILE if event.x >= LEAD_WIDTH + name_width(self.size.width) + 2 else SortKey.NAME
            self.post_message(self.SortRequested(self, key))
            return
        index = self.scroll_offset.y + event.y - 1
        if 0 <= index < len(self.users):
            self._set_cursor(index)
            if event.chain >= 2:
                self.action_open()


def legend_line(legend_key: str) -> Content:
    """One line under the list: each icon and its meaning, then the legend's key."""
    parts: list[tuple[str, str] | str] = []
    for status in Status:
        parts += [(STATUS_GLYPH[status], STATUS_STYLE[status]), " ", (L.ULIST_LEGEND_SHORT[status.value], "$text-muted"), "   "]
    parts.append((L.ULIST_LEGEND_KEY.format(key=legend_key), "$text-muted italic"))
    return Content.assemble(*parts)
