"""Favoris de partage: every bookmark of the school's users (or of one user), its members, the fixes.

Left, the bookmarks with what is wrong with each (empty, members gone, a
past year in the name); right, the highlighted bookmark's members, gone ones
saying why. The guide's two ways: delete an old bookmark, or rename it and
replace its members.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.services import bookmarks
from entconsole.services.bookmarks import BookmarkRow
from entconsole.services.errors import ServiceError
from entconsole.services.results import ActionResult
from entconsole.store import StoreError
from entconsole.widgets.footer import ConsoleFooter
from entconsole.screens.checks import while_composed

if TYPE_CHECKING:
    from entconsole.services.session import Session


def bookmark_prompt(row: BookmarkRow) -> Content:
    facts = L.RT_BKM_FACTS.format(members=len(row.members), shares=row.shares)
    reasons = " · ".join(row.reasons())
    first = Content.assemble(("• " if row.stale else "  ", "bold $warning"), Content(row.bookmark.name),
                             (f"  ({row.owner.display_name})", "dim"))
    second = Content.assemble("    ", (facts, "dim"), (f"  {reasons}" if reasons else "", "$text-warning"))
    return Content("\n").join([first, second])


class BookmarksScreen(Screen[None]):
    CSS_PATH = "rentree.tcss"
    BINDINGS = [
        Binding("escape", "back", L.RT_KEY_BACK, id="rentree_bookmarks.back"),
        Binding("c", "clean", L.RT_KEY_CLEAN, id="rentree_bookmarks.clean"),
        Binding("d", "delete", L.RT_KEY_DELETE, id="rentree_bookmarks.delete"),
        Binding("n", "rename", L.RT_KEY_RENAME, id="rentree_bookmarks.rename"),
        Binding("plus", "add", L.RT_KEY_ADD_MEMBER, id="rentree_bookmarks.add"),
        Binding("x", "remove", L.RT_KEY_REMOVE_MEMBER, id="rentree_bookmarks.remove"),
    ]

    def __init__(self, session: "Session", owner_id: str | None = None) -> None:
        super().__init__(id="rentree-bookmarks-screen")
        self.session = session
        self.owner_id = owner_id
        self.rows: list[BookmarkRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="rt-body"):
            yield Static(id="rt-yc-title")
            with Horizontal(id="rt-bkm-panes"):
                yield OptionList(id="rt-bkm-list")
                yield OptionList(id="rt-bkm-members")
            yield Static(Content(L.RT_BKM_HINT), id="rt-step-note")
        yield ConsoleFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#rt-bkm-list", OptionList).focus()

    def refresh_data(self) -> None:
        listing = self.query_one("#rt-bkm-list", OptionList)
        try:
            self.rows = bookmarks.structure_bookmarks(self.session, self.owner_id)
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return
        title = L.RT_BKM_TITLE
        if self.owner_id is not None:
            owner = self.session.store.get(bookmarks.User, self.owner_id)
            title = L.RT_BKM_TITLE_OWNER.format(owner=owner.display_name if owner else "")
        self.query_one("#rt-yc-title", Static).update(Content.styled(title, "bold"))
        highlighted = listing.highlighted
        listing.set_options(Option(bookmark_prompt(r), id=r.bookmark.id) for r in self.rows)
        if self.rows:
            listing.highlighted = min(highlighted or 0, len(self.rows) - 1)
        else:
            listing.set_options([Option(L.RT_BKM_NONE, disabled=True)])
        self._show_members()
        self.refresh_bindings()

    def _current(self) -> BookmarkRow | None:
        listing = self.query_one("#rt-bkm-list", OptionList)
        if not self.rows or listing.highlighted is None:
            return None
        return self.rows[listing.highlighted]

    def _show_members(self) -> None:
        members = self.query_one("#rt-bkm-members", OptionList)
        row = self._current()
        if row is None:
            members.clear_options()
            members.border_title = ""
            return
        members.border_title = L.RT_BKM_MEMBERS_TITLE.format(name=row.bookmark.name)
        options = []
        for member in row.members:
            prompt = Content(member.name)
            if member.gone:
                prompt = Content.assemble(prompt, ("  " + L.RT_BKM_MEMBER_GONE.format(why=member.gone), "$text-error"))
            options.append(Option(prompt, id=member.id))
        members.set_options(options)
        if options:
            members.highlighted = 0

    @on(OptionList.OptionHighlighted, "#rt-bkm-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_members()
        self.refresh_bindings()

    @while_composed
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted or action == "back":
            return True
        if action == "remove":
            return self.query_one("#rt-bkm-members", OptionList).has_focus
        if action in ("clean", "delete", "rename", "add"):
            return None if self._current() is None else True
        return True

    # ---- actions

    def _run(self, call: Callable[[], ActionResult]) -> None:
        try:
            result = call()
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
        else:
            self.notify(result.message, markup=False)
        self.refresh_data()

    def _confirm(self, title: str, text: str, call: Callable[[], ActionResult]) -> None:
        from entconsole.screens.confirm import ConfirmScreen

        def done(yes: bool | None) -> None:
            if yes:
                self._run(call)

        self.app.push_screen(ConfirmScreen(title, text, confirm_label=title), done)

    def action_clean(self) -> None:
        row = self._current()
        if row is None:
            return
        preview = [c for c in bookmarks.clean_preview(self.session, [row.bookmark.id]) if c.changes]
        if not preview:
            self.notify(L.RT_BKM_CLEAN_NOTHING, markup=False)
            return
        change = preview[0]
        what = L.RT_CLEAN_DELETE if change.delete else ", ".join(f"{m.name} ({m.gone})" for m in change.removed)
        text = L.RT_CONFIRM_CLEAN + "\n\n• " + L.RT_BKM_LABEL.format(name=row.bookmark.name, owner=row.owner.display_name) + f" : {what}"
        self._confirm(L.RT_KEY_CLEAN, text, lambda: bookmarks.clean_bookmarks(self.session, [row.bookmark.id]))

    def action_delete(self) -> None:
        row = self._current()
        if row is None:
            return
        text = L.RT_CONFIRM_BOOKMARKS[0].format(count=1) + "\n\n• " + L.RT_BKM_LABEL.format(
            name=row.bookmark.name, owner=row.owner.display_name)
        self._confirm(L.RT_KEY_DELETE, text, lambda: bookmarks.delete_bookmarks(self.session, [row.bookmark.id]))

    def action_rename(self) -> None:
        from entconsole.screens.group_dialogs import GroupNameDialog

        row = self._current()
        if row is None:
            return

        def done(result: ActionResult | None) -> None:
            if result is not None:
                self.notify(result.message, markup=False)
                self.refresh_data()

        self.app.push_screen(GroupNameDialog(
            L.RT_KEY_RENAME, L.RT_KEY_RENAME,
            lambda name: bookmarks.rename_bookmark(self.session, row.bookmark.id, name), value=row.bookmark.name,
        ), done)

    def action_add(self) -> None:
        from entconsole.screens.card_dialogs import PickDialog, PickOption

        row = self._current()
        if row is None:
            return

        def search(text: str) -> tuple[list[PickOption], int]:
            found, more = bookmarks.member_candidates(self.session, row.bookmark.id, text)
            return [PickOption(u.id, u.display_name, L.PROFILE[u.profile.value]) for u in found], more

        def done(user_id: str | None) -> None:
            if user_id:
                self._run(lambda: bookmarks.add_bookmark_members(self.session, row.bookmark.id, [user_id]))

        self.app.push_screen(PickDialog(L.RT_BKM_PICK.format(name=row.bookmark.name), search=search), done)

    def action_remove(self) -> None:
        row = self._current()
        members = self.query_one("#rt-bkm-members", OptionList)
        if row is None or members.highlighted is None or not row.members:
            self.app.bell()
            return
        member = row.members[members.highlighted]
        text = L.RT_CONFIRM_REMOVE_MEMBER.format(name=member.name, bookmark=row.bookmark.name)
        self._confirm(L.RT_KEY_REMOVE_MEMBER, text,
                      lambda: bookmarks.remove_bookmark_members(self.session, row.bookmark.id, [member.id]))

    def action_back(self) -> None:
        self.dismiss(None)
