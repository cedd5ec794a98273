""""Règles de communication de l'utilisateur", to open from the user card.

``UserRulesScreen(session, user_id)`` is pushed over the card (Escape goes
back). As in the real console, a user's rights are those of their groups:
three columns show the user's groups, the groups they can reach and the
groups that can reach them (services.communication.user_rules); Enter on a
group opens its rules (screens/group_rules.py), where links are changed.
`v` checks another account: yes or no, and through which rules
(services.communication.why_can_talk, the function behind
`entconsole comm can-talk`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.screens.group_actions import follow_store
from entconsole.models import Communication, Group, User
from entconsole.services.communication import user_rules, why_can_talk
from entconsole.services.groups import groups_of_user
from entconsole.services.user_list import list_name
from entconsole.services.users import UserQuery, query_users
from entconsole.widgets.group_picker import group_prompt
from entconsole.widgets.header import ConsoleHeader
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.profile import profile_badge

if TYPE_CHECKING:
    from entconsole.services.session import Session

COLUMNS = ("groups", "sending", "receiving")
CHECK_SHOWN = 50  # accounts listed by the check dialog; the search narrows them


def can_talk_text(store, a: User, b: User) -> Content:
    """"Oui : A peut communiquer avec B, par : …" or "Non : …" (names literal)."""
    reasons = why_can_talk(store, a, b)
    names = {"a": list_name(a), "b": list_name(b)}
    if not reasons:
        return Content.styled(L.URULES_CANNOT.format(**names), "$text-warning")
    lines = [Content.styled(L.URULES_CAN.format(**names), "$text-success")]
    lines += [Content("  • " + reason.describe()) for reason in reasons]
    return Content("\n").join(lines)


class UserPickDialog(ModalScreen[str | None]):
    """Find one account of the structure by name; Enter chooses it."""

    DEFAULT_CSS = """
    UserPickDialog {
        align: center middle;
    }
    #upick-box {
        width: 70;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $border;
        border-title-style: bold;
        border-title-color: $text;
        background: $surface;
        padding: 0 1;
    }
    #upick-search {
        margin: 1 0;
        background: $boost;
    }
    #upick-list {
        height: auto;
        max-height: 16;
        border: none;
        padding: 0;
        background: transparent;
    }
    #upick-count {
        color: $text-muted;
        margin-top: 1;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", L.KEY_CANCEL, id="user_pick.cancel"),
        Binding("enter", "choose", L.KEY_CHOOSE, id="user_pick.choose", priority=True),
        Binding("down", "to_list", L.KEY_DOWN, id="user_pick.to_list", show=False),
    ]

    def __init__(self, session: "Session", exclude: str) -> None:
        super().__init__()
        self.session = session
        self.exclude = exclude
        self.users: list[User] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="upick-box") as box:
            box.border_title = L.URULES_CHECK_TITLE
            yield SearchInput(placeholder=L.URULES_CHECK_SEARCH, id="upick-search", compact=True)
            yield OptionList(id="upick-list")
            yield Static(id="upick-count")
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#upick-search", Input).focus()

    def _fill(self, text: str) -> None:
        found = [
            u for u in query_users(self.session.store, self.session.structure.id, UserQuery(search=text))
            if u.id != self.exclude
        ]
        self.users = found[:CHECK_SHOWN]
        options = self.query_one("#upick-list", OptionList)
        options.set_options(
            Option(Content.assemble(Content(list_name(u)).pad_right(2), profile_badge(u.profile)), id=u.id)
            for u in self.users
        )
        if self.users:
            options.highlighted = 0
        count = L.URULES_CHECK_COUNT.format(count=len(found))
        if len(found) > CHECK_SHOWN:
            count += "  " + L.URULES_CHECK_MORE.format(shown=CHECK_SHOWN, count=len(found))
        self.query_one("#upick-count", Static).update(Content(count))

    @on(Input.Changed, "#upick-search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_list":
            return isinstance(self.focused, Input)
        return True

    def action_to_list(self) -> None:
        self.query_one("#upick-list", OptionList).focus()

    def action_choose(self) -> None:
        options = self.query_one("#upick-list", OptionList)
        if options.highlighted is None or not self.users:
            self.app.bell()
            return
        self.dismiss(self.users[options.highlighted].id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class UserRulesScreen(Screen[None]):
    CSS_PATH = "group_rules.tcss"
    BINDINGS = [
        Binding("escape", "back", L.KEY_GRULES_BACK, id="user_rules.back"),
        Binding("v", "check", L.KEY_URULES_CHECK, id="user_rules.check"),
        Binding("left", "step(-1)", L.KEY_GRULES_LEFT, id="user_rules.left", show=False),
        Binding("right", "step(1)", L.KEY_GRULES_RIGHT, id="user_rules.right", show=False),
        Binding("tab", "step(1)", L.KEY_GRULES_RIGHT, id="user_rules.next", show=False),
    ]

    def __init__(self, session: "Session", user_id: str) -> None:
        super().__init__(classes="user-rules")
        self.session = session
        self.user_id = user_id
        self.shown: dict[str, list[Group]] = {c: [] for c in COLUMNS}

    def compose(self) -> ComposeResult:
        session = self.session
        yield ConsoleHeader(session.structure, session.admin.display_name, id="header")
        yield Static(id="urules-title")
        yield Static(Content.styled(L.URULES_HELP, "$text-secondary"), id="urules-help")
        titles = dict(zip(COLUMNS, (L.URULES_GROUPS, L.URULES_SENDING, L.URULES_RECEIVING)))
        with Horizontal(id="urules-columns"):
            # the user's groups on the left; what they give, one above the other, on the right
            yield self._column("groups", titles["groups"])
            with Vertical(id="urules-right", classes="urules-next"):
                yield self._column("sending", titles["sending"])
                yield self._column("receiving", titles["receiving"])
        check = Static(id="urules-check")
        check.border_title = L.URULES_CHECK_TITLE
        check.display = False
        yield check
        yield Static(id="urules-hint")
        yield Footer()

    def _column(self, column: str, title: str) -> Vertical:
        box = Vertical(OptionList(id=f"urules-{column}", classes="urules-column"),
                       id=f"urules-{column}-box", classes="grules-box")
        box.border_title = title
        return box

    def on_mount(self) -> None:
        self.load()
        self.query_one("#urules-groups", OptionList).focus()
        self._unfollow = follow_store(self, self.load)

    def on_unmount(self) -> None:
        self._unfollow()

    @property
    def user(self) -> User | None:
        user = self.session.store.get(User, self.user_id)
        sid = self.session.structure_id
        if user is None or (sid not in user.structures and sid not in user.removed_from_structures):
            return None
        return user

    def load(self) -> None:
        user = self.user
        if user is None:
            self.notify(L.URULES_USER_GONE, severity="error", markup=False)
            self.dismiss(None)
            return
        store = self.session.store
        sid = self.session.structure.id
        self.query_one("#urules-title", Static).update(
            Content.assemble(
                Content.styled(L.URULES_TITLE.format(name=list_name(user)), "bold"), "  ", profile_badge(user.profile)
            )
        )
        sending, receiving = user_rules(store, user, sid)
        own = sorted(groups_of_user(store, user, sid), key=lambda g: g.name.casefold())
        for column, groups in zip(COLUMNS, (own, sending, receiving)):
            self.shown[column] = groups
            options = self.query_one(f"#urules-{column}", OptionList)
            highlighted = options.highlighted
            if groups:
                options.set_options(Option(self._prompt(column, g), id=g.id) for g in groups)
                options.highlighted = min(highlighted or 0, len(groups) - 1)
            else:
                options.set_options([Option(Content.styled(L.GRULES_EMPTY, "dim"), disabled=True)])
            self.query_one(f"#urules-{column}-box").border_subtitle = str(len(groups))
        key_for = getattr(self.app, "key_for", None)
        check = key_for("user_rules.check", "v") if key_for else "v"
        self.query_one("#urules-hint", Static).update(Content(L.URULES_HINT.format(check=check)))

    def _prompt(self, column: str, group: Group) -> Content:
        prompt = group_prompt(group)
        if column == "groups" and group.internal_communication is Communication.BOTH:
            prompt = Content.assemble(prompt, (" " + L.URULES_INTERNAL, "dim"))
        return prompt

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load()  # the group's rules may have been changed meanwhile

    @on(OptionList.OptionSelected, ".urules-column")
    def _open_group(self, event: OptionList.OptionSelected) -> None:
        from entconsole.screens.group_rules import GroupRulesScreen

        event.stop()
        if event.option_id:
            self.app.push_screen(GroupRulesScreen(self.session, event.option_id))

    def action_step(self, step: int) -> None:
        columns = [self.query_one(f"#urules-{c}", OptionList) for c in COLUMNS]
        current = next((n for n, c in enumerate(columns) if c.has_focus), 0)
        columns[max(0, min(len(columns) - 1, current + step))].focus()

    def action_check(self) -> None:
        def picked(other_id: str | None) -> None:
            user, other = self.user, self.session.store.get(User, other_id or "")
            if user is None or other is None:
                return
            store = self.session.store
            check = self.query_one("#urules-check", Static)
            check.update(Content("\n").join([can_talk_text(store, user, other), can_talk_text(store, other, user)]))
            check.display = True

        self.app.push_screen(UserPickDialog(self.session, self.user_id), callback=picked)

    def action_back(self) -> None:
        self.dismiss(None)
