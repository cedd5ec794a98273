"""The user card ("Fiche de l'utilisateur"): every section and action of DOMAIN.md 2 and 7.

``UserCardScreen(session, user_id)`` is pushed over the main screen (Escape
goes back). Each action asks for confirmation when it destroys something,
makes one service call, shows the result's message in a toast, then reads the
account again from the store. The rules live in the services; this screen
only decides what to offer and how to show it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalGroup, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.models import GroupType, Profile, User
from entconsole.services import accounts, duplicates
from entconsole.services import user_card as facts
from entconsole.services.communication import user_rules
from entconsole.services.errors import InvalidInput, NeedsConfirmation, ServiceError
from entconsole.services.groups import groups_of_user
from entconsole.services.logins import RENEWAL_LIFETIME_DAYS
from entconsole.services.results import ActionResult
from entconsole.services.users import blocking_applies_everywhere, set_blocked
from entconsole.store import StoreError
from entconsole.screens.card_dialogs import CompareDialog, PickDialog, PickOption
from entconsole.screens.confirm import ChoiceDialog, ConfirmScreen
from entconsole.widgets.header import ConsoleHeader
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.profile import PROFILE_COLOR, profile_label

if TYPE_CHECKING:
    from entconsole.services.session import Session

LABEL_WIDTH = 22
ADD_ROW = "+add"


def profile_chip(profile: Profile) -> Content:
    """The profile badge of the header: the profile's name on its colour."""
    return Content.styled(f" {profile_label(profile)} ", f"bold #000000 on {PROFILE_COLOR[profile]}")


def field_row(label: str, value: str | Content, *, style: str = "") -> Content:
    """"Label ……… value" with the value never read as markup."""
    shown = value if isinstance(value, Content) else Content(value)
    if style:
        shown = shown.stylize(style)
    return Content.assemble((label.ljust(LABEL_WIDTH), "dim"), shown)


class CardList(OptionList):
    """A list section of the card. Enter opens the row, `a` adds, Delete removes."""

    BINDINGS = [
        Binding("a,insert", "add", L.KEY_LIST_ADD, id="card.list.add"),
        Binding("delete,x", "remove", L.KEY_LIST_REMOVE, id="card.list.remove"),
    ]

    class Request(Message):
        """The admin asks to add, remove or open (`verb`) the row `item_id` of list `kind`."""

        def __init__(self, kind: str, verb: str, item_id: str | None) -> None:
            super().__init__()
            self.kind = kind
            self.verb = verb
            self.item_id = item_id

    def __init__(self, kind: str, *, id: str) -> None:
        super().__init__(id=id, classes="card-list")
        self.kind = kind
        self.addable = False
        self._removable: dict[str, bool] = {}

    def fill(self, rows: list[tuple[str, Content, bool]], *, add_label: str | None, empty: str) -> None:
        """`rows`: (id, prompt, removable). The add row comes last when offered."""
        highlighted = self.highlighted
        self._removable = {row_id: removable for row_id, _, removable in rows}
        options = [Option(prompt, id=row_id) for row_id, prompt, _ in rows]
        if not rows:
            options.append(Option(Content.styled(empty, "dim italic"), id="+empty", disabled=True))
        self.addable = add_label is not None
        if add_label is not None:
            options.append(Option(Content.styled(add_label, "$text-accent"), id=ADD_ROW))
        self.set_options(options)
        if self.option_count:
            index = min(highlighted if highlighted is not None else 0, self.option_count - 1)
            if self.get_option_at_index(index).disabled:
                index = self.option_count - 1
            self.highlighted = index

    @property
    def current_id(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add":
            return self.addable
        if action == "remove":
            return self._removable.get(self.current_id or "", False)
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if self.has_focus:  # "Retirer" depends on the row under the cursor
            self.refresh_bindings()

    def action_add(self) -> None:
        self.post_message(self.Request(self.kind, "add", None))

    def action_remove(self) -> None:
        if self.check_action("remove", ()):
            self.post_message(self.Request(self.kind, "remove", self.current_id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        verb = "add" if event.option_id == ADD_ROW else "open"
        self.post_message(self.Request(self.kind, verb, event.option_id))


def _box(title: str, *children, id: str) -> Vertical:
    box = Vertical(*children, id=id, classes="card-box")
    box.border_title = title
    return box


def _field(label: str, input_id: str, *, placeholder: str = "", button: str | None = None) -> ComposeResult:
    """A label, a compact input and (optionally) its save button, then the error line."""
    with HorizontalGroup(classes="card-field"):
        yield Static(Content(label), classes="card-label")
        yield SearchInput(placeholder=placeholder, id=input_id, compact=True, classes="card-input")
        if button:
            yield Button(L.CARD_SAVE, id=f"{input_id}-save", compact=True, classes="card-save")
    yield Static(id=f"{input_id}-error", classes="card-error")


class UserCardScreen(Screen[None]):
    """The card of one account of the administered structure."""

    CSS_PATH = ["user_card.tcss", "card_dialogs.tcss"]
    BINDINGS = [
        Binding("escape", "back", L.KEY_CARD_BACK, id="card.back"),
        Binding("b", "block(True)", L.KEY_CARD_BLOCK, id="card.block"),
        Binding("b", "block(False)", L.KEY_CARD_UNBLOCK, id="card.unblock"),
        Binding("d", "delete('delete')", L.KEY_CARD_DELETE, id="card.delete"),
        Binding("d", "delete('predelete')", L.KEY_CARD_PREDELETE, id="card.predelete"),
        Binding("r", "restore", L.KEY_CARD_RESTORE, id="card.restore"),
        Binding("t", "detach", L.KEY_CARD_DETACH, id="card.detach"),
        Binding("t", "reattach", L.KEY_CARD_REATTACH, id="card.reattach"),
        Binding("l", "local_admin(True)", L.KEY_CARD_GRANT, id="card.admin_grant"),
        Binding("l", "local_admin(False)", L.KEY_CARD_REVOKE, id="card.admin_revoke"),
        Binding("c", "renewal", L.KEY_CARD_RENEWAL, id="card.renewal"),
        Binding("m", "reset_mail", L.KEY_CARD_RESET, id="card.reset_mail"),
        Binding("u", "duplicates", L.KEY_CARD_DUPLICATES, id="card.duplicates"),
        Binding("i", "edit", L.KEY_CARD_EDIT, id="card.edit", show=False),
        Binding("g", "goto", L.KEY_CARD_GOTO, id="card.goto"),
        Binding("o", "comm_rules", L.QP_KEY_CARD_COMM, id="card.comm_rules"),
        # La rentrée (issue 8): the user's share bookmarks (listed by the help, ?)
        Binding("f", "bookmarks", L.RT_KEY_CARD_BOOKMARKS, id="card.bookmarks", show=False),
    ]

    def __init__(self, session: "Session", user_id: str) -> None:
        super().__init__(classes="user-card")
        self.session = session
        self.user_id = user_id
        self.user: User | None = None
        self._loaded: dict[str, str] = {}  # input id -> value read from the store

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        session = self.session
        yield ConsoleHeader(session.structure, session.admin.display_name, id="header")
        with Vertical(id="card-head"):
            yield Static(Content.styled(L.CARD_BREADCRUMB, "$text-muted"), id="card-crumb")
            yield Static(id="card-name")
            yield Vertical(id="card-banners")
            with HorizontalGroup(id="card-actions"):
                yield Button(L.CARD_BLOCK, id="account-block", compact=True)
                yield Button(L.CARD_UNBLOCK, id="account-unblock", compact=True)
                yield Button(L.CARD_DETACH, id="account-detach", compact=True)
                yield Button(L.CARD_REATTACH, id="account-reattach", compact=True)
                yield Button(L.CARD_DELETE, id="account-delete", variant="error", compact=True)
                yield Button(L.CARD_PREDELETE, id="account-predelete", variant="error", compact=True)
                yield Static(id="account-note")
        yield Static(Content(L.CARD_GONE), id="card-gone")
        with VerticalScroll(id="card-body"):
            with Horizontal(id="card-columns"):
                with Vertical(id="card-left", classes="card-column"):
                    yield _box(L.CARD_SEC_IDENTITY, Static(id="identity"), id="box-identity")
                    with _box(L.CARD_SEC_CONNECTION, id="box-connection"):
                        yield Static(id="connection-login")
                        yield from _field(L.CARD_ALIAS, "alias", button="save")
                        yield Static(id="connection-code")
                        yield from _field(L.CARD_EMAIL, "email", button="save")
                        with HorizontalGroup(classes="card-field"):
                            yield Static(Content(L.CARD_RENEWAL), classes="card-label")
                            yield Static(id="renewal-text", classes="card-value")
                        yield Button(L.CARD_RENEWAL_BUTTON, id="renewal", compact=True, classes="card-action")
                        with HorizontalGroup(classes="card-field"):
                            yield Static(Content(L.CARD_RESET), classes="card-label")
                            yield Button(L.CARD_RESET_BUTTON, id="reset", compact=True, classes="card-send")
                            yield Static(id="reset-text", classes="card-value card-oneline")
                        yield Static(id="connection-locked", classes="card-note")
                    with _box(L.CARD_SEC_ADMIN_INFO, id="box-info"):
                        yield Static(id="feed-warning", classes="card-warning")
                        yield from _field(L.FIELD_FIRST_NAME, "info-first")
                        yield from _field(L.FIELD_LAST_NAME, "info-last")
                        yield from _field(L.FIELD_BIRTH_DATE, "info-birth", placeholder=L.CARD_DATE_PLACEHOLDER)
                        yield from _field(L.FIELD_ADDRESS, "info-address")
                        yield Button(L.CARD_SAVE_INFO, id="info-save", compact=True, classes="card-action")
                    yield _box(L.CARD_SEC_QUOTA, Static(id="quota"), id="box-quota")
                with Vertical(id="card-right", classes="card-column"):
                    yield _box(L.CARD_SEC_DUPLICATES, CardList("duplicates", id="list-duplicates"), id="box-duplicates")
                    yield _box(L.CARD_SEC_RELATIVES, CardList("family", id="list-family"), id="box-family")
                    yield _box(L.CARD_SEC_STRUCTURES, CardList("structures", id="list-structures"), id="box-structures")
                    yield _box(L.CARD_SEC_CLASSES, CardList("classes", id="list-classes"), id="box-classes")
                    yield _box(L.CARD_SEC_TEACHING, CardList("teaching", id="list-teaching"), id="box-teaching")
                    yield _box(L.CARD_SEC_MANUAL, CardList("manual", id="list-manual"), id="box-manual")
                    with _box(L.CARD_SEC_ADMIN, id="box-admin"):
                        yield Static(id="admin-text")
                        yield Button(L.CARD_ADMIN_GRANT, id="admin-grant", compact=True, classes="card-action")
                        yield Button(L.CARD_ADMIN_REVOKE, id="admin-revoke", compact=True, classes="card-action")
                    with _box(L.CARD_SEC_COMM, id="box-comm"):
                        yield Static(id="comm-text")
                        yield Button(L.QP_CARD_COMM_OPEN, id="comm-open", compact=True, classes="card-action")
        yield Footer()

    def on_mount(self) -> None:
        self.session.store.on_reload.append(self._store_reloaded)
        self.refresh_card(force=True)
        self.query_one("#card-body").focus()  # the scrollable card: arrows scroll it

    def on_unmount(self) -> None:
        try:
            self.session.store.on_reload.remove(self._store_reloaded)
        except ValueError:
            pass

    def _store_reloaded(self) -> None:
        """Another session wrote: read the account again."""
        self.call_later(self.refresh_card)

    # ------------------------------------------------------------------ reading the store

    def _read_user(self) -> User | None:
        user = self.session.store.get(User, self.user_id)
        sid = self.session.structure_id
        if user is None or (sid not in user.structures and sid not in user.removed_from_structures):
            return None
        return user

    def refresh_card(self, *, force: bool = False) -> None:
        """Show the account as the store holds it now.

        Inputs the admin has edited and not saved keep their text unless `force`.
        """
        user = self._read_user()
        self.user = user
        self.query_one("#card-gone").display = user is None
        self.query_one("#card-body").display = user is not None
        self.query_one("#card-head").display = user is not None
        if user is None:
            self.refresh_bindings()
            return
        self._fill_head(user)
        self._fill_identity(user)
        self._fill_connection(user, force)
        self._fill_info(user, force)
        self._fill_quota(user)
        self._fill_account(user)
        self._fill_lists(user)
        self._fill_admin(user)
        self._fill_comm(user)
        self.refresh_bindings()

    def _fill_head(self, user: User) -> None:
        last = (
            L.CARD_LAST_LOGIN.format(when=facts.short_datetime(user.last_login))
            if user.last_login
            else L.CARD_NEVER_LOGGED
        )
        parts: list[Content | tuple[str, str] | str] = [
            Content.styled(user.display_name, "bold"),
            "  ",
            profile_chip(user.profile),
        ]
        if user.position:
            parts += ["  ", Content.styled(user.position, "$text-secondary")]
        parts += ["   ", (user.login, "$text-muted"), "   ", (last, "$text-muted")]
        self.query_one("#card-name", Static).update(Content.assemble(*parts))
        box = self.query_one("#card-banners", Vertical)
        box.remove_children()
        rows = []
        for banner in facts.banners(self.session, user):
            children: list = [Static(Content(banner.text), classes="card-banner-text")]
            if banner.action:
                children.append(
                    Button(banner.action_label or "", id=f"banner-{banner.action}", compact=True, classes="card-banner-action")
                )
            rows.append(HorizontalGroup(*children, classes=f"card-banner card-banner-{banner.kind.value}"))
        box.mount_all(rows)

    def _fill_identity(self, user: User) -> None:
        rows = [
            field_row(L.CARD_DISPLAY_NAME, user.display_name),
            field_row(L.CARD_PROFILE, Content.styled(profile_label(user.profile), PROFILE_COLOR[user.profile])),
            field_row(L.CARD_POSITION, user.position or L.CARD_NONE),
            field_row(L.FIELD_BIRTH_DATE, facts.short_date(user.birth_date)),
            field_row(L.CARD_SOURCE, L.SOURCE[user.source.value]),
        ]
        if user.ine:
            rows.append(field_row(L.CARD_INE, user.ine))
        if user.external_id:
            rows.append(field_row(L.CARD_EXTERNAL_ID, user.external_id))
        if user.mobile:
            rows.append(field_row(L.CARD_MOBILE, user.mobile))
        rows += [
            field_row(L.CARD_CREATED, facts.short_datetime(user.creation_date)),
            field_row(L.CARD_MODIFIED, facts.short_datetime(user.modification_date)),
        ]
        self.query_one("#identity", Static).update(Content("\n").join(rows))

    def _set_input(self, input_id: str, value: str, force: bool) -> None:
        widget = self.query_one(f"#{input_id}", Input)
        if force or widget.value == self._loaded.get(input_id, ""):
            widget.value = value
            self._loaded[input_id] = value
            self._show_error(input_id, None)

    def _show_error(self, input_id: str, message: str | None) -> None:
        error = self.query_one(f"#{input_id}-error", Static)
        error.update(Content(message or ""))
        error.display = bool(message)
        self.query_one(f"#{input_id}", Input).set_class(bool(message), "-invalid")

    def _fill_connection(self, user: User, force: bool) -> None:
        editable = accounts.may_change_connection(self.session, user)
        self.query_one("#connection-login", Static).update(
            field_row(L.CARD_LOGIN, Content.assemble(user.login, ("  " + L.CARD_LOGIN_READONLY, "dim italic")))
        )
        self._set_input("alias", user.login_alias or "", force)
        code = (
            field_row(L.CARD_ACTIVATION_CODE, user.activation_code, style="bold $text-warning")
            if user.activation_code
            else field_row(L.CARD_ACTIVATION_CODE, L.CARD_ACTIVATION_DONE, style="dim")
        )
        self.query_one("#connection-code", Static).update(code)
        self._set_input("email", user.email or "", force)
        for widget_id in ("alias", "alias-save", "email", "email-save"):
            self.query_one(f"#{widget_id}").disabled = not editable
        renewal = self.query_one("#renewal-text", Static)
        shown = facts.renewal_shown(user, self.session.store.clock())
        if not user.activated:
            renewal.update(Content.styled(L.CARD_RENEWAL_INACTIVE, "dim"))
        elif shown:
            code_text, until = shown
            renewal.update(
                Content.styled(
                    L.CARD_RENEWAL_SHOWN.format(code=code_text, until=facts.short_date(until.date()), days=RENEWAL_LIFETIME_DAYS),
                    "bold $text-success",
                )
            )
        else:
            renewal.update(Content.styled(L.CARD_RENEWAL_NONE, "dim"))
        self.query_one("#renewal").display = editable and user.activated
        reset = self.query_one("#reset-text", Static)
        if user.email:
            reset.update(Content(L.CARD_RESET_HINT.format(email=user.email)))
        else:
            reset.update(Content.styled(L.CARD_RESET_NO_MAIL, "dim"))
        self.query_one("#reset").display = editable and bool(user.email)
        locked = self.query_one("#connection-locked", Static)
        locked.update(Content(L.CARD_OTHER_ADMIN))
        locked.display = not editable

    def _fill_info(self, user: User, force: bool) -> None:
        warning = facts.feed_warning(user)
        box = self.query_one("#feed-warning", Static)
        box.update(Content(warning or ""))
        box.display = warning is not None
        self._set_input("info-first", user.first_name, force)
        self._set_input("info-last", user.last_name, force)
        self._set_input("info-birth", facts.short_date(user.birth_date) if user.birth_date else "", force)
        self._set_input("info-address", user.address or "", force)

    def _fill_quota(self, user: User) -> None:
        text, ratio = facts.quota_text(user)
        width = 20
        filled = round(ratio * width)
        bar = Content.assemble(("█" * filled, "$primary"), ("░" * (width - filled), "$text-muted"))
        self.query_one("#quota", Static).update(Content.assemble(bar, "  ", text))

    def _fill_account(self, user: User) -> None:
        attached = facts.is_attached(self.session, user)
        kind = facts.delete_offer(user, self.session)
        shown = {
            "account-block": not user.blocked,
            "account-unblock": user.blocked,
            "account-detach": attached,
            "account-reattach": not attached,
            "account-delete": kind == "delete",
            "account-predelete": kind == "predelete",
        }
        for widget_id, visible in shown.items():
            self.query_one(f"#{widget_id}").display = visible
        note = ""
        if kind is None and user.id != self.session.admin_id and user.delete_date is None:
            note = L.CARD_DELETE_NOT_ALLOWED
        self.query_one("#account-note", Static).update(Content.styled(note, "dim italic"))

    def _item_rows(self, items: list[facts.Item]) -> list[tuple[str, Content, bool]]:
        rows = []
        for item in items:
            label = Content(item.label)
            if item.struck:
                label = label.stylize("strike $text-muted")
            parts: list[Content | tuple[str, str] | str] = [label]
            if item.detail:
                parts += ["  ", (item.detail, "dim")]
            rows.append((item.id, Content.assemble(*parts), item.removable))
        return rows

    def _fill_lists(self, user: User) -> None:
        session = self.session
        # Doublon(s)
        box = self.query_one("#box-duplicates")
        rows_dup = facts.duplicate_rows(session, user)
        box.display = bool(user.duplicates)
        box.border_subtitle = L.CARD_LIST_HINT["duplicates"]
        dup_rows = []
        for row in rows_dup:
            badge_style = "bold $text-error" if row.blocking else "bold $text-warning"
            prompt = Content.assemble(
                (f" {duplicates.badge(row.score)} ", f"{badge_style} reverse"),
                " ",
                Content(row.other.display_name),
                "  ",
                (f"{L.SOURCE[row.other.source.value]} · {facts.account_state(row.other)} · "
                 f"{L.CARD_SCORE.format(score=row.score)}", "dim"),
            )
            dup_rows.append((row.other.id, prompt, False))
        self.query_one("#list-duplicates", CardList).fill(dup_rows, add_label=None, empty=L.CARD_LIST_EMPTY["duplicates"])
        # Responsable(s) / Enfant(s)
        family = facts.family_profile(user)
        box = self.query_one("#box-family")
        box.display = family is not None
        if family is not None:
            kind = "relatives" if user.profile is Profile.STUDENT else "children"
            box.border_title = L.CARD_SEC_RELATIVES if kind == "relatives" else L.CARD_SEC_CHILDREN
            box.border_subtitle = L.CARD_LIST_HINT[kind]
            self.query_one("#list-family", CardList).fill(
                self._item_rows(facts.family_items(session, user)),
                add_label=L.CARD_LIST_ADD[kind],
                empty=L.CARD_LIST_EMPTY[kind],
            )
        # Établissement(s)
        self.query_one("#box-structures").border_subtitle = L.CARD_LIST_HINT["structures"]
        self.query_one("#list-structures", CardList).fill(
            self._item_rows(facts.structure_items(session, user)), add_label=None, empty=L.CARD_LIST_EMPTY["structures"]
        )
        # Classe(s), Groupe(s) d'enseignement, Groupe(s) manuel(s): only while attached here
        attached = facts.is_attached(session, user) and user.delete_date is None
        for kind, items in (
            ("classes", facts.class_items(session, user)),
            ("teaching", facts.group_items(session, user, GroupType.TEACHING)),
            ("manual", facts.group_items(session, user, GroupType.MANUAL)),
        ):
            self.query_one(f"#box-{kind}").border_subtitle = L.CARD_LIST_HINT[kind] if attached else ""
            rows = self._item_rows(items)
            if not attached:
                rows = [(i, p, False) for i, p, _ in rows]
            self.query_one(f"#list-{kind}", CardList).fill(
                rows, add_label=L.CARD_LIST_ADD[kind] if attached else None, empty=L.CARD_LIST_EMPTY[kind]
            )

    def _fill_comm(self, user: User) -> None:
        """How many groups the user's rights come from, and what they give."""
        store, sid = self.session.store, self.session.structure.id
        reach, reached_by = user_rules(store, user, sid)
        text = L.QP_CARD_COMM_SUMMARY.format(groups=len(groups_of_user(store, user, sid)), out=len(reach), inc=len(reached_by))
        self.query_one("#comm-text", Static).update(Content(text))

    def _fill_admin(self, user: User) -> None:
        session = self.session
        offered = facts.admin_right_offered(user)
        is_admin = facts.is_local_admin(session, user)
        count, names = facts.admin_summary(session)
        lines = [
            Content.styled(
                (L.CARD_ADMIN_YES if is_admin else L.CARD_ADMIN_NO).format(name=user.display_name),
                "bold" if is_admin else "",
            )
        ]
        if not offered:
            lines.append(Content.styled(L.CARD_ADMIN_NOT_OFFERED, "dim"))
        else:
            lines.append(Content.styled(L.CARD_ADMIN_COUNT.format(count=count, names=names), "dim"))
            lines.append(Content.styled(L.CARD_ADMIN_ADVICE, "dim italic"))
        self.query_one("#admin-text", Static).update(Content("\n").join(lines))
        self.query_one("#admin-grant").display = offered and not is_admin and facts.is_attached(session, user)
        self.query_one("#admin-revoke").display = is_admin and user.id != session.admin_id

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return True
        user = self.user
        if user is None:
            return False
        session = self.session
        if action == "block":
            return user.blocked != bool(parameters[0]) and (user.id != session.admin_id or not parameters[0])
        if action == "delete":
            return facts.delete_offer(user, session) == parameters[0]
        if action == "restore":
            return user.delete_date is not None
        if action == "detach":
            return facts.is_attached(session, user) and user.id != session.admin_id
        if action == "reattach":
            return not facts.is_attached(session, user)
        if action == "local_admin":
            grant = bool(parameters[0])
            is_admin = facts.is_local_admin(session, user)
            if grant:
                return facts.admin_right_offered(user) and not is_admin and facts.is_attached(session, user)
            return is_admin and user.id != session.admin_id
        if action == "renewal":
            return user.activated and accounts.may_change_connection(session, user)
        if action == "reset_mail":
            return bool(user.email) and accounts.may_change_connection(session, user)
        if action == "duplicates":
            return bool(user.duplicates)
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_comm_rules(self) -> None:
        """"Règles de communication de l'utilisateur", over the card; back here with Escape."""
        from entconsole.screens.user_rules import UserRulesScreen

        self.app.push_screen(UserRulesScreen(self.session, self.user_id), lambda _: self.refresh_card())

    def action_bookmarks(self) -> None:
        """The user's share bookmarks (La rentrée's Favoris de partage screen, for this owner)."""
        from entconsole.screens.rentree_bookmarks import BookmarksScreen

        self.app.push_screen(BookmarksScreen(self.session, owner_id=self.user_id), lambda _: self.refresh_card())

    def action_goto(self) -> None:
        """"Aller à une rubrique": the card's sections by name, then focus it."""
        boxes = [box for box in self.query(".card-box").results(Vertical) if box.display]
        options = [PickOption(box.id or "", str(box.border_title or "")) for box in boxes]

        def picked(box_id: str | None) -> None:
            if box_id:
                self.focus_box(box_id)

        self.app.push_screen(PickDialog(L.KEY_CARD_GOTO, options=options), picked)

    def focus_box(self, box_id: str) -> None:
        box = self.query_one(f"#{box_id}")
        target = next((w for w in box.query("*") if w.focusable), None)
        if target is not None:
            target.focus()
        box.scroll_visible(top=True, animate=False)

    # ------------------------------------------------------------------ running actions

    def _run(self, call: Callable[[], ActionResult], *, follow: bool = False) -> ActionResult | None:
        """One service call: toast its message, read the store again.

        Refusals show their message; InvalidInput and NeedsConfirmation go back
        to the caller, which knows where to show them. `follow`: the card shows
        the account the result names (the survivor of a merge).
        """
        try:
            result = call()
        except (InvalidInput, NeedsConfirmation):
            raise
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return None
        self.notify(result.message, markup=False, timeout=8)
        if follow and result.target_id:
            self.user_id = result.target_id
        self._changed()
        return result

    def _changed(self) -> None:
        self.refresh_card()
        main = getattr(self.app, "main_screen", None)
        if main is not None:
            main.refresh_data()
        if self.user is None:
            self.dismiss(None)  # deleted or merged away: back to the list

    def _confirm(self, title: str, text: str, then: Callable[[], None], *, confirm: str = L.DIALOG_CONFIRM, danger: bool = True) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmScreen(title, text, confirm_label=confirm, danger=danger), answered)

    # ---- account

    def action_block(self, block: bool) -> None:
        user = self.user
        if user is None:
            return
        uid = user.id
        do = lambda: self._run(lambda: set_blocked(self.session, [uid], block))  # noqa: E731
        if not block:
            do()
            return
        if blocking_applies_everywhere(user):
            structures = ", ".join(i.label for i in facts.structure_items(self.session, user) if not i.struck)
            choices = [("everywhere", L.CHOICE_BLOCK_EVERYWHERE, "error")]
            if facts.is_attached(self.session, user) and uid != self.session.admin_id:
                choices.append(("detach", L.CHOICE_DETACH_INSTEAD, "primary"))

            def chosen(answer: str | None) -> None:
                if answer == "everywhere":
                    do()
                elif answer == "detach":
                    self._detach_now(confirm_home=False)

            text = L.CONFIRM_BLOCK_EVERYWHERE.format(name=user.display_name, structures=structures)
            self.app.push_screen(ChoiceDialog(L.CONFIRM_BLOCK_TITLE, text, choices), chosen)
            return
        self._confirm(L.CONFIRM_BLOCK_TITLE, L.CONFIRM_BLOCK.format(name=user.display_name), do, confirm=L.CARD_BLOCK)

    def action_delete(self, kind: str) -> None:
        user = self.user
        if user is None or facts.delete_offer(user, self.session) != kind:
            return
        uid = user.id
        if kind == "delete":
            title, text, label = L.CONFIRM_DELETE_TITLE, L.CONFIRM_DELETE, L.CARD_DELETE
        else:
            title, text, label = L.CONFIRM_PREDELETE_TITLE, L.CONFIRM_PREDELETE, L.CARD_PREDELETE
        self._confirm(
            title,
            text.format(name=user.display_name, login=user.login),
            lambda: self._run(lambda: accounts.delete_users(self.session, [uid])),
            confirm=label,
        )

    def action_restore(self) -> None:
        if self.user is not None:
            uid = self.user.id
            self._run(lambda: accounts.restore_user(self.session, uid))

    def action_detach(self) -> None:
        user = self.user
        if user is None:
            return
        text = L.CONFIRM_DETACH.format(name=user.display_name, structure=self.session.structure.name)
        self._confirm(L.CONFIRM_DETACH_TITLE, text, lambda: self._detach_now(confirm_home=False), confirm=L.CARD_DETACH)

    def _detach_now(self, *, confirm_home: bool) -> None:
        uid = self.user_id
        try:
            self._run(lambda: accounts.detach_from_structure(self.session, uid, confirm_home=confirm_home))
        except NeedsConfirmation as question:
            # the teacher's home school: the service asks, the admin answers
            self._confirm(
                L.CONFIRM_HOME_TITLE, question.message, lambda: self._detach_now(confirm_home=True), confirm=L.CARD_DETACH
            )

    def action_reattach(self) -> None:
        uid = self.user_id
        self._run(lambda: accounts.reattach_to_structure(self.session, uid))

    def action_local_admin(self, grant: bool) -> None:
        user = self.user
        if user is None:
            return
        uid = user.id
        structure = self.session.structure.name
        if grant:
            count, names = facts.admin_summary(self.session)
            text = "\n\n".join(
                (
                    L.CONFIRM_ADMIN_GRANT.format(structure=structure, name=user.display_name),
                    L.CARD_ADMIN_COUNT.format(count=count, names=names),
                    L.CARD_ADMIN_ADVICE,
                )
            )
            title, label = L.CONFIRM_ADMIN_GRANT_TITLE, L.CARD_ADMIN_GRANT
        else:
            text = L.CONFIRM_ADMIN_REVOKE.format(structure=structure, name=user.display_name)
            title, label = L.CONFIRM_ADMIN_REVOKE_TITLE, L.CARD_ADMIN_REVOKE
        self._confirm(title, text, lambda: self._run(lambda: accounts.set_local_admin(self.session, uid, grant)), confirm=label)

    # ---- connection

    def action_renewal(self) -> None:
        uid = self.user_id
        self._run(lambda: accounts.generate_renewal_code(self.session, uid))

    def action_reset_mail(self) -> None:
        uid = self.user_id
        self._run(lambda: accounts.send_reset_mail(self.session, uid))

    def _save_field(self, input_id: str, call: Callable[[str], ActionResult], field: str) -> None:
        value = self.query_one(f"#{input_id}", Input).value
        try:
            result = self._run(lambda: call(value))
        except InvalidInput as error:
            self._show_error(input_id, error.errors.get(field, error.message))
            return
        if result is not None:
            self.refresh_card_field(input_id)

    def refresh_card_field(self, input_id: str) -> None:
        """After a save: the field shows what the store now holds."""
        self._loaded.pop(input_id, None)
        self.refresh_card(force=False)
        user = self.user
        if user is None:
            return
        values = {"alias": user.login_alias or "", "email": user.email or ""}
        if input_id in values:
            self._set_input(input_id, values[input_id], True)

    def _save_alias(self) -> None:
        uid = self.user_id
        self._save_field("alias", lambda v: accounts.set_login_alias(self.session, uid, v), "login_alias")

    def _save_email(self) -> None:
        uid = self.user_id
        self._save_field("email", lambda v: accounts.set_email(self.session, uid, v), "email")

    # ---- informations administratives

    INFO_FIELDS = {"first_name": "info-first", "last_name": "info-last", "birth_date": "info-birth", "address": "info-address"}

    def action_edit(self) -> None:
        self.query_one("#info-first", Input).focus()

    def _save_info(self) -> None:
        uid = self.user_id
        values = {field: self.query_one(f"#{input_id}", Input).value for field, input_id in self.INFO_FIELDS.items()}
        for input_id in self.INFO_FIELDS.values():
            self._show_error(input_id, None)
        try:
            result = self._run(lambda: accounts.update_identity(self.session, uid, **values))
        except InvalidInput as error:
            for field, message in error.errors.items():
                self._show_error(self.INFO_FIELDS.get(field, "info-first"), message)
            self.notify(error.message, severity="error", markup=False)
            return
        if result is not None:
            self.refresh_card(force=True)

    # ---- lists

    def action_duplicates(self) -> None:
        self.focus_box("box-duplicates")

    @on(CardList.Request)
    def _list_request(self, event: CardList.Request) -> None:
        event.stop()
        user = self.user
        if user is None:
            return
        handler = getattr(self, f"_{event.kind}_{event.verb}", None)
        if handler is None:
            self.app.bell()
            return
        handler(user, event.item_id)

    def _classes_add(self, user: User, _item: str | None) -> None:
        options = [
            PickOption(
                o.school_class.id,
                o.school_class.name,
                L.PICK_CLASS_PUPILS.format(count=o.pupils),
                o.reason if not o.offered else None,
            )
            for o in accounts.class_options(self.session, user)  # sorted by level, then name
        ]
        uid = user.id

        def picked(class_id: str | None) -> None:
            if class_id:
                self._run(lambda: accounts.add_class(self.session, uid, class_id))

        self.app.push_screen(PickDialog(L.PICK_CLASS, options=options), picked)

    def _classes_remove(self, user: User, class_id: str | None) -> None:
        item = next((i for i in facts.class_items(self.session, user) if i.id == class_id), None)
        if item is None or class_id is None:
            return
        uid = user.id
        self._confirm(
            L.CONFIRM_REMOVE_TITLE,
            L.CONFIRM_REMOVE_CLASS.format(name=user.display_name, group=item.label),
            lambda: self._run(lambda: accounts.remove_class(self.session, uid, class_id)),
            confirm=L.KEY_LIST_REMOVE,
        )

    def _groups_add(self, user: User, kind: GroupType, title: str) -> None:
        options = [
            PickOption(g.id, g.name, reason=L.CLASS_ALREADY if g.id in user.groups else None)
            for g in accounts.structure_groups(self.session, kind)
        ]
        uid = user.id

        def picked(group_id: str | None) -> None:
            if group_id:
                self._run(lambda: accounts.add_to_group(self.session, [uid], group_id))

        self.app.push_screen(PickDialog(title, options=options), picked)

    def _groups_remove(self, user: User, group_id: str | None, kind: GroupType) -> None:
        item = next((i for i in facts.group_items(self.session, user, kind) if i.id == group_id), None)
        if item is None or group_id is None:
            return
        uid = user.id
        self._confirm(
            L.CONFIRM_REMOVE_TITLE,
            L.CONFIRM_REMOVE_GROUP.format(name=user.display_name, group=item.label),
            lambda: self._run(lambda: accounts.remove_from_group(self.session, [uid], group_id)),
            confirm=L.KEY_LIST_REMOVE,
        )

    def _teaching_add(self, user: User, _item: str | None) -> None:
        self._groups_add(user, GroupType.TEACHING, L.PICK_TEACHING)

    def _manual_add(self, user: User, _item: str | None) -> None:
        self._groups_add(user, GroupType.MANUAL, L.PICK_MANUAL)

    def _teaching_remove(self, user: User, group_id: str | None) -> None:
        self._groups_remove(user, group_id, GroupType.TEACHING)

    def _manual_remove(self, user: User, group_id: str | None) -> None:
        self._groups_remove(user, group_id, GroupType.MANUAL)

    def _pair(self, user: User, other_id: str) -> tuple[str, str]:
        """(pupil id, parent id) of the family link between the card and `other_id`."""
        return (user.id, other_id) if user.profile is Profile.STUDENT else (other_id, user.id)

    def _family_add(self, user: User, _item: str | None) -> None:
        def search(text: str) -> tuple[list[PickOption], int]:
            found, more = facts.family_candidates(self.session, user, text)
            return [
                PickOption(u.id, u.display_name, " · ".join(L.CARD_STATUS_SHORT[s.value] for s in u.statuses), color=PROFILE_COLOR[u.profile])
                for u in found
            ], more

        title = L.PICK_RELATIVE if user.profile is Profile.STUDENT else L.PICK_CHILD

        def picked(other_id: str | None) -> None:
            if other_id:
                pupil_id, parent_id = self._pair(user, other_id)
                self._run(lambda: accounts.link_relative(self.session, pupil_id, parent_id))

        self.app.push_screen(PickDialog(title, search=search), picked)

    def _family_remove(self, user: User, other_id: str | None) -> None:
        other = self.session.store.get(User, other_id) if other_id else None
        if other is None or other_id is None:
            return
        pupil_id, parent_id = self._pair(user, other_id)
        pupil, parent = (user, other) if user.profile is Profile.STUDENT else (other, user)
        self._confirm(
            L.CONFIRM_REMOVE_TITLE,
            L.CONFIRM_UNLINK.format(parent=parent.display_name, pupil=pupil.display_name),
            lambda: self._run(lambda: accounts.unlink_relative(self.session, pupil_id, parent_id)),
            confirm=L.KEY_LIST_REMOVE,
        )

    def _family_open(self, _user: User, other_id: str | None) -> None:
        if other_id and self.session.store.get(User, other_id) is not None:
            self.app.push_screen(UserCardScreen(self.session, other_id))

    def _structures_remove(self, user: User, structure_id: str | None) -> None:
        if structure_id == self.session.structure_id and facts.is_attached(self.session, user):
            self.action_detach()

    def _structures_open(self, user: User, structure_id: str | None) -> None:
        if structure_id == self.session.structure_id and not facts.is_attached(self.session, user):
            self.action_reattach()
        else:
            self.app.bell()

    def _duplicates_open(self, user: User, other_id: str | None) -> None:
        row = next((r for r in facts.duplicate_rows(self.session, user) if r.other.id == other_id), None)
        if row is None:
            return
        other = row.other
        refusal = L.DUPLICATE_BOTH_ACTIVATED if facts.both_activated(user, other) else None
        dialog = CompareDialog(user, other, row.score, facts.compare_rows(self.session, user, other), refusal)

        def answered(answer: str | None) -> None:
            if answer == "dissociate":
                self._dissociate(user, other)
            elif answer == "merge":
                self._merge(user, other)

        self.app.push_screen(dialog, answered)

    def _dissociate(self, user: User, other: User) -> None:
        self._confirm(
            L.CONFIRM_DISSOCIATE_TITLE,
            L.CONFIRM_DISSOCIATE.format(a=user.display_name, b=other.display_name),
            lambda: self._run(lambda: duplicates.dissociate(self.session, user.id, other.id)),
            confirm=L.COMPARE_DISSOCIATE,
        )

    def _merge(self, user: User, other: User) -> None:
        if facts.both_activated(user, other):
            # the service refuses it and says why: one call, its message shown
            self._run(lambda: duplicates.merge(self.session, user.id, other.id, keep_attachments=False))
            return
        survivor = duplicates.merge_survivor(user, other)
        gone = other if survivor is user else user
        text = L.MERGE_TEXT.format(
            survivor=survivor.display_name,
            survivor_login=survivor.login,
            survivor_state=facts.account_state(survivor),
            survivor_source=L.SOURCE[survivor.source.value],
            gone=gone.display_name,
            gone_login=gone.login,
            gone_state=facts.account_state(gone),
            gone_source=L.SOURCE[gone.source.value],
        )

        def chosen(answer: str | None) -> None:
            if answer is None:
                return
            # this card may be the account merged away: it then shows the survivor
            self._run(
                lambda: duplicates.merge(self.session, user.id, other.id, keep_attachments=answer == "keep"),
                follow=True,
            )
            self.refresh_card(force=True)

        choices = [("keep", L.MERGE_KEEP, "warning"), ("drop", L.MERGE_DROP, "default")]
        self.app.push_screen(ChoiceDialog(L.MERGE_TITLE, text, choices), chosen)

    # ------------------------------------------------------------------ buttons and inputs

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions: dict[str, Callable[[], None]] = {
            "alias-save": self._save_alias,
            "email-save": self._save_email,
            "info-save": self._save_info,
            "renewal": self.action_renewal,
            "reset": self.action_reset_mail,
            "account-block": lambda: self.action_block(True),
            "account-unblock": lambda: self.action_block(False),
            "account-detach": self.action_detach,
            "account-reattach": self.action_reattach,
            "account-delete": lambda: self.action_delete("delete"),
            "account-predelete": lambda: self.action_delete("predelete"),
            "admin-grant": lambda: self.action_local_admin(True),
            "admin-revoke": lambda: self.action_local_admin(False),
            "comm-open": self.action_comm_rules,
            "banner-unblock": lambda: self.action_block(False),
            "banner-reattach": self.action_reattach,
            "banner-duplicates": self.action_duplicates,
            "banner-restore": self.action_restore,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        input_id = event.input.id or ""
        if input_id == "alias":
            self._save_alias()
        elif input_id == "email":
            self._save_email()
        elif input_id.startswith("info-"):
            self._save_info()
