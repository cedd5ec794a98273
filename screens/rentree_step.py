"""One step of the rentrée checklist: its rule, its items, and the fixes.

Space marks items (`a` all / none); the step's action works on the marked
items, or on the highlighted one when none is marked, after a confirmation
saying what and how many. `k` marks them "à conserver" (or counts them
again). Enter opens the item where the console handles it (the user's card,
the group) or, for a class with no teacher, picks the teacher to attach.
`u` (steps 1 to 3) shows the Utilisateurs list filtered as the guide does it,
on exactly the accounts the step counts; step 8 opens the flash form with a
rentrée draft, saved only by the form's own "Mettre en ligne".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.fmt import pick
from entconsole.models import Profile
from entconsole.services import bookmarks, rentree
from entconsole.services.errors import NeedsConfirmation, ServiceError
from entconsole.services.rentree import Item, Step, StepReport
from entconsole.services.results import ActionResult
from entconsole.store import StoreError

if TYPE_CHECKING:
    from entconsole.services.session import Session

USER_STEPS = (Step.TEACHERS_LEFT, Step.AESH, Step.MANUAL_ACCOUNTS, Step.GAR)

# step -> the main action's method name on StepScreen (bound to `d`)
MAIN_ACTION = {
    Step.TEACHERS_LEFT: "detach",
    Step.AESH: "detach",
    Step.MANUAL_ACCOUNTS: "delete_accounts",
    Step.MANUAL_GROUPS: "delete_groups",
    Step.BOOKMARKS: "delete_bookmarks",
    Step.GAR: "add_gar",
    Step.SUMMER: "summer",
    Step.COMMUNICATE: "flash_draft",
}


class StepScreen(Screen[None]):
    CSS_PATH = "rentree.tcss"
    BINDINGS = [
        Binding("escape", "back", L.RT_KEY_BACK, id="rentree_step.back"),
        Binding("space", "mark", L.RT_KEY_MARK, id="rentree_step.mark"),
        Binding("a", "mark_all", L.RT_KEY_MARK_ALL, id="rentree_step.mark_all", show=False),  # in the hint line
        Binding("d", "detach", L.RT_KEY_DETACH, id="rentree_step.detach"),
        Binding("d", "delete_accounts", L.RT_KEY_DELETE_ACCOUNTS, id="rentree_step.delete_accounts"),
        Binding("d", "delete_groups", L.RT_KEY_DELETE, id="rentree_step.delete_groups"),
        Binding("d", "delete_bookmarks", L.RT_KEY_DELETE, id="rentree_step.delete_bookmarks"),
        Binding("d", "add_gar", L.RT_KEY_ADD_GAR, id="rentree_step.add_gar"),
        Binding("d", "summer", L.RT_KEY_SUMMER, id="rentree_step.summer"),
        Binding("d", "flash_draft", L.RTU_KEY_FLASH_DRAFT, id="rentree_step.flash_draft"),
        Binding("u", "users_list", L.RTU_KEY_USERS, id="rentree_step.users_list"),
        Binding("m", "flash_list", L.RTU_KEY_FLASH_LIST, id="rentree_step.flash_list"),
        Binding("c", "clean", L.RT_KEY_CLEAN, id="rentree_step.clean"),
        Binding("n", "rename", L.RT_KEY_RENAME, id="rentree_step.rename"),
        Binding("k", "keep", L.RT_KEY_KEEP, id="rentree_step.keep"),
        Binding("f", "bookmarks", L.RT_KEY_BOOKMARKS, id="rentree_step.bookmarks", show=False),
        Binding("enter", "open", L.RT_KEY_OPEN_ITEM, id="rentree_step.open"),
    ]

    def __init__(self, session: "Session", step: Step) -> None:
        super().__init__(id="rentree-step-screen")
        self.session = session
        self.step = step
        self.report: StepReport | None = None
        self.marked: set[str] = set()

    # ---- building

    def compose(self) -> ComposeResult:
        with Vertical(id="rt-body"):
            yield Static(id="rt-step-title")
            yield Static(id="rt-step-rule")
            items = OptionList(id="rt-items")
            yield items
            yield Static(id="rt-step-note")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#rt-items", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        try:
            self.session.store.refresh()
            report = rentree.step_report(self.session, self.step)
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return
        self.report = report
        self.marked &= {i.id for i in report.items}
        count = pick(report.count, L.RT_STEP_COUNT).format(count=report.count) if not report.done else L.RT_DONE_WORD
        self.query_one("#rt-step-title", Static).update(Content.assemble(
            (f"{report.number}. {report.title}", "bold"), "  ·  ",
            (L.RT_PERIOD[report.period.value], "dim"), "  ·  ",
            (count, "bold $success" if report.done else "bold $warning"),
        ))
        self.query_one("#rt-step-rule", Static).update(
            Content("\n").join([Content(report.purpose), Content.styled(report.rule, "dim")])
        )
        self._fill()
        hint = L.RTU_STEP_HINT.get(self.step.value, L.RT_STEP_HINT[self.step.value])
        note = report.note or (L.RT_NO_ITEM if not report.items else hint)
        self.query_one("#rt-step-note", Static).update(Content(note))
        self.refresh_bindings()

    def _prompt(self, item: Item) -> Content:
        """Two lines: the mark and the name (user data: never markup), then why it is counted."""
        box = "[x]" if item.id in self.marked else "[ ]"
        parts: list = [(box, "bold $accent"), " ", Content(item.label)]
        if item.kept:
            parts += ["  ", (f"({L.RT_KEPT_TAG})", "italic $success")]
        parts += ["\n    ", (item.reason, "dim")]
        return Content.assemble(*parts)

    def _fill(self) -> None:
        items = self.query_one("#rt-items", OptionList)
        highlighted = items.highlighted
        report = self.report
        items.border_title = L.RT_ITEMS_TITLE.format(count=len(report.items), marked=len(self.marked))
        items.set_options(Option(self._prompt(i), id=i.id) for i in report.items)
        if report.items:
            items.highlighted = min(highlighted or 0, len(report.items) - 1)

    # ---- which items

    def _current(self) -> Item | None:
        items = self.query_one("#rt-items", OptionList)
        if self.report is None or items.highlighted is None or not self.report.items:
            return None
        return self.report.items[items.highlighted]

    def _targets(self) -> list[Item]:
        """The marked items, or the highlighted one."""
        if self.report is None:
            return []
        if self.marked:
            return [i for i in self.report.items if i.id in self.marked]
        current = self._current()
        return [current] if current is not None else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in MAIN_ACTION.values():
            return MAIN_ACTION.get(self.step) == action
        if action in ("clean", "bookmarks"):
            return self.step is Step.BOOKMARKS
        if action == "users_list":
            return self.step in rentree.USERS_LIST_FILTER
        if action == "flash_list":
            return self.step is Step.COMMUNICATE
        if action == "rename":
            return self.step in (Step.MANUAL_GROUPS, Step.BOOKMARKS)
        if action in ("mark", "mark_all", "keep"):
            return self.report is None or bool(self.report.items)
        return True

    # ---- marking

    def action_mark(self) -> None:
        item = self._current()
        if item is None:
            return
        self.marked ^= {item.id}
        self._fill()
        self.query_one("#rt-items", OptionList).action_cursor_down()

    def action_mark_all(self) -> None:
        ids = {i.id for i in self.report.items}
        self.marked = set() if self.marked >= ids else ids
        self._fill()

    # ---- running an action

    def _run(self, call: Callable[[], ActionResult]) -> None:
        try:
            result = call()
        except NeedsConfirmation as question:
            self.notify(question.message, severity="warning", markup=False)
            return
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            self.refresh_data()
            return
        self.marked.clear()
        self.notify(result.message, markup=False)
        self.refresh_data()

    def _confirm(self, title: str, text: str, label: str, call: Callable[[], ActionResult]) -> None:
        from entconsole.screens.confirm import ConfirmScreen

        def done(yes: bool | None) -> None:
            if yes:
                self._run(call)

        self.app.push_screen(ConfirmScreen(title, text, confirm_label=label), done)

    def _names(self, items: list[Item], limit: int = 8) -> str:
        names = [f"• {i.label}" for i in items[:limit]]
        if len(items) > limit:
            names.append(L.RT_AND_MORE.format(count=len(items) - limit))
        return "\n".join(names)

    def _require(self) -> list[Item] | None:
        targets = self._targets()
        if not targets:
            self.app.bell()
            return None
        return targets

    def action_detach(self) -> None:
        if (targets := self._require()) is None:
            return
        text = pick(len(targets), L.RT_CONFIRM_DETACH).format(
            count=len(targets), structure=self.session.structure.name) + "\n\n" + self._names(targets)
        self._confirm(L.RT_KEY_DETACH, text, L.RT_KEY_DETACH,
                      lambda: rentree.detach_users(self.session, self.step, [i.id for i in targets]))

    def action_delete_accounts(self) -> None:
        if (targets := self._require()) is None:
            return
        deleted = sum(1 for i in targets if i.kind == "delete")
        text = L.RT_CONFIRM_ACCOUNTS.format(deleted=deleted, predeleted=len(targets) - deleted)
        self._confirm(L.RT_KEY_DELETE_ACCOUNTS, text + "\n\n" + self._names(targets), L.RT_KEY_DELETE_ACCOUNTS,
                      lambda: rentree.delete_manual_accounts(self.session, [i.id for i in targets]))

    def action_delete_groups(self) -> None:
        if (targets := self._require()) is None:
            return
        text = pick(len(targets), L.RT_CONFIRM_GROUPS).format(count=len(targets)) + "\n\n" + self._names(targets)
        self._confirm(L.RT_KEY_DELETE, text, L.RT_KEY_DELETE,
                      lambda: rentree.delete_groups(self.session, [i.id for i in targets]))

    def action_delete_bookmarks(self) -> None:
        if (targets := self._require()) is None:
            return
        text = pick(len(targets), L.RT_CONFIRM_BOOKMARKS).format(count=len(targets)) + "\n\n" + self._names(targets)
        self._confirm(L.RT_KEY_DELETE, text, L.RT_KEY_DELETE,
                      lambda: bookmarks.delete_bookmarks(self.session, [i.id for i in targets]))

    def action_clean(self) -> None:
        if (targets := self._require()) is None:
            return
        ids = [i.id for i in targets]
        try:
            preview = [c for c in bookmarks.clean_preview(self.session, ids) if c.changes]
        except ServiceError as error:
            self.notify(error.message, severity="error", markup=False)
            return
        if not preview:
            self.notify(L.RT_BKM_CLEAN_NOTHING, markup=False)
            return
        lines = []
        for change in preview:
            row = change.row
            what = L.RT_CLEAN_DELETE if change.delete else ", ".join(f"{m.name} ({m.gone})" for m in change.removed)
            lines.append(f"• {L.RT_BKM_LABEL.format(name=row.bookmark.name, owner=row.owner.display_name)} : {what}")
        text = L.RT_CONFIRM_CLEAN + "\n\n" + "\n".join(lines)
        self._confirm(L.RT_KEY_CLEAN, text, L.RT_KEY_CLEAN, lambda: bookmarks.clean_bookmarks(self.session, ids))

    def action_add_gar(self) -> None:
        if (targets := self._require()) is None:
            return
        text = pick(len(targets), L.RT_CONFIRM_GAR).format(count=len(targets)) + "\n\n" + self._names(targets)
        self._confirm(L.RT_KEY_ADD_GAR, text, L.RT_KEY_ADD_GAR,
                      lambda: rentree.add_teachers_to_gar(self.session, [i.id for i in targets]))

    def action_summer(self) -> None:
        item = self._current() if not self.marked else self._targets()[0]
        if item is None:
            self.app.bell()
            return
        profile = Profile(item.id)
        block = item.kind == "BLOCK"
        template = L.RT_CONFIRM_SUMMER_BLOCK if block else L.RT_CONFIRM_SUMMER_UNBLOCK
        text = template.format(count=item.weight, profile=item.label)
        self._confirm(L.RT_KEY_SUMMER, text, L.RT_KEY_SUMMER, lambda: rentree.summer_fix(self.session, profile))

    def action_keep(self) -> None:
        if (targets := self._require()) is None:
            return
        keep = not all(i.kept for i in targets)
        self._run(lambda: rentree.set_kept(self.session, self.step, [i.id for i in targets], keep=keep))

    def action_rename(self) -> None:
        from entconsole.screens.group_dialogs import GroupNameDialog
        from entconsole.services.groups import rename_group

        item = self._current()
        if item is None:
            self.app.bell()
            return
        if self.step is Step.MANUAL_GROUPS:
            submit = lambda name: rename_group(self.session, item.id, name)  # noqa: E731
            value = item.label
        else:
            submit = lambda name: bookmarks.rename_bookmark(self.session, item.id, name)  # noqa: E731
            value = self.session.store.get(bookmarks.ShareBookmark, item.id).name

        def done(result: ActionResult | None) -> None:
            if result is not None:
                self.notify(result.message, markup=False)
                self.refresh_data()

        self.app.push_screen(GroupNameDialog(L.RT_KEY_RENAME, L.RT_KEY_RENAME, submit, value=value), done)

    # ---- opening an item

    @on(OptionList.OptionSelected, "#rt-items")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        item = self._current()
        if self.step is Step.COMMUNICATE:
            self.action_flash_draft()
            return
        if item is None:
            self.app.bell()
            return
        if self.step in USER_STEPS:
            from entconsole.screens.user_card import UserCardScreen

            self.app.push_screen(UserCardScreen(self.session, item.id))
        elif self.step is Step.CLASSES:
            self._pick_teacher(item)
        elif self.step is Step.MANUAL_GROUPS:
            self.app.show_section("groups", None)  # type: ignore[attr-defined]
        elif self.step is Step.SUMMER:
            self.action_summer()
        elif self.step is Step.BOOKMARKS:
            self.action_clean()

    def _pick_teacher(self, item: Item) -> None:
        from entconsole.screens.card_dialogs import PickDialog, PickOption

        teachers = rentree.teachers_without_class(self.session)
        if not teachers:
            self.notify(L.RT_NO_TEACHER_FREE, severity="warning", markup=False)
            return
        options = [PickOption(t.id, t.display_name, t.position or "") for t in teachers]

        def done(teacher_id: str | None) -> None:
            if teacher_id:
                self._run(lambda: rentree.attach_teacher(self.session, item.id, teacher_id))

        self.app.push_screen(PickDialog(L.RT_PICK_TEACHER.format(name=item.label), options=options), done)

    # ---- where the guide does it

    def action_users_list(self) -> None:
        """Close the rentrée screens; Utilisateurs shows the step's accounts under the guide's filter."""
        if self.step in rentree.USERS_LIST_FILTER:
            self.app.show_section("users", f"filter:{self.step.value}")  # type: ignore[attr-defined]

    def action_flash_list(self) -> None:
        self.app.show_section("establishment", "flash")  # type: ignore[attr-defined]

    def action_flash_draft(self) -> None:
        """The flash form prefilled with a rentrée message; the director edits it and publishes (or not)."""
        from entconsole.screens.flash_form import FlashFormScreen

        try:
            draft = rentree.rentree_flash_draft(self.session)
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return

        def done(result: ActionResult | None) -> None:
            if result is not None:
                self.notify(result.message, markup=False)
                self.refresh_data()

        self.app.push_screen(FlashFormScreen(self.session, draft=draft), done)

    def action_bookmarks(self) -> None:
        from entconsole.screens.rentree_bookmarks import BookmarksScreen

        self.app.push_screen(BookmarksScreen(self.session))

    def action_back(self) -> None:
        self.dismiss(None)
