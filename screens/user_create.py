""""Créer un utilisateur" (DOMAIN.md section 2, manual creation).

``CreateUserScreen(session)`` is a modal form: Tab moves between fields,
Enter in a field creates, Escape cancels. The service's refusals
(``InvalidInput``) are shown beside each field and nothing is written. On
success the form shows the toast "L'utilisateur X a bien été créé." itself
and dismisses with the new account's id; ``open_create_user`` then opens the
new card (the users list and the home quick action use it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, HorizontalGroup, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from entconsole import labels as L
from entconsole.models import Profile, SchoolClass, User
from entconsole.services.errors import InvalidInput, ServiceError
from entconsole.services.user_card import pupil_candidates
from entconsole.services.user_create import NewUser, create_user
from entconsole.store import StoreError
from entconsole.widgets.inputs import SearchInput
from entconsole.widgets.profile import PROFILE_COLOR, profile_label

if TYPE_CHECKING:
    from entconsole.services.session import Session

NO_CLASS = "__none__"
# The form's fields, in Tab order, and the service's names for them.
FIELD_IDS = {
    "first_name": "create-first",
    "last_name": "create-last",
    "birth_date": "create-birth",
    "profile": "create-profile",
    "class_id": "create-class",
    "children": "create-child-search",
}
PROFILE_ORDER = (Profile.PERSONNEL, Profile.TEACHER, Profile.STUDENT, Profile.RELATIVE, Profile.GUEST)


def _row(label: str, widget, field: str, *, label_id: str | None = None) -> ComposeResult:
    with HorizontalGroup(classes="create-field"):
        yield Static(Content(label), classes="create-label", id=label_id)
        yield widget
    yield Static(id=f"{FIELD_IDS[field]}-error", classes="create-error")


class CreateUserScreen(ModalScreen[str | None]):
    """The creation form; dismisses with the new user's id (None when cancelled)."""

    CSS_PATH = ["user_create.tcss", "card_dialogs.tcss"]
    BINDINGS = [
        Binding("escape", "cancel", L.DIALOG_CANCEL, id="create.cancel"),
        Binding("ctrl+s", "submit", L.KEY_CREATE_SUBMIT, id="create.submit", priority=True),
    ]

    def __init__(self, session: "Session") -> None:
        super().__init__(classes="card-dialog", id="create-user")
        self.session = session
        self.chosen: dict[str, str] = {}  # chosen pupils: id -> display name

    def compose(self) -> ComposeResult:
        store = self.session.store
        classes = sorted(
            store.find(SchoolClass, "structure", self.session.structure.id), key=lambda c: c.name.casefold()
        )
        with Vertical(classes="dialog-box create-box") as box:
            box.border_title = L.CREATE_TITLE
            box.border_subtitle = L.CREATE_REQUIRED_NOTE
            with VerticalScroll(id="create-scroll", can_focus=False):
                yield from _row(L.CREATE_FIRST_NAME, SearchInput(id="create-first", compact=True), "first_name")
                yield from _row(L.CREATE_LAST_NAME, SearchInput(id="create-last", compact=True), "last_name")
                yield from _row(
                    L.CREATE_BIRTH_DATE,
                    SearchInput(placeholder=L.CARD_DATE_PLACEHOLDER, id="create-birth", compact=True),
                    "birth_date",
                    label_id="create-birth-label",
                )
                profiles = Select(
                    # rich Text prompts: Select's type-to-search reads them (never markup)
                    [(Text(profile_label(p), style=PROFILE_COLOR[p]), p.value) for p in PROFILE_ORDER],
                    value=Profile.PERSONNEL.value,
                    allow_blank=False,
                    compact=True,
                    id="create-profile",
                )
                yield from _row(L.CREATE_PROFILE, profiles, "profile")
                class_select = Select(
                    [(Text(L.CREATE_NO_CLASS), NO_CLASS), *((Text(c.name), c.id) for c in classes)],
                    value=NO_CLASS,
                    allow_blank=False,
                    compact=True,
                    id="create-class",
                )
                yield from _row(L.CREATE_CLASS, class_select, "class_id")
                with Vertical(id="create-children-box"):
                    yield from _row(
                        L.CREATE_CHILDREN,
                        SearchInput(placeholder=L.CREATE_CHILD_SEARCH, id="create-child-search", compact=True),
                        "children",
                    )
                    yield OptionList(id="create-child-results", compact=True)
                    yield Static(id="create-children", classes="create-chosen")
            yield Horizontal(
                Button(L.CREATE_SUBMIT, variant="primary", id="create-submit", compact=True),
                Button(L.CREATE_CANCEL, id="create-cancel", compact=True),
                classes="dialog-buttons",
            )
        yield Footer()

    def on_mount(self) -> None:
        for field in FIELD_IDS:
            self._error(field, None)
        self._profile_changed()
        self.query_one("#create-first", Input).focus()

    # ------------------------------------------------------------------ form state

    @property
    def profile(self) -> Profile:
        return Profile(self.query_one("#create-profile", Select).value)

    def _error(self, field: str, message: str | None) -> None:
        widget = self.query_one(f"#{FIELD_IDS[field]}-error", Static)
        widget.update(Content(message or ""))
        widget.display = bool(message)
        self.query_one(f"#{FIELD_IDS[field]}").set_class(bool(message), "-invalid")

    @on(Select.Changed, "#create-profile")
    def _profile_select(self, event: Select.Changed) -> None:
        event.stop()
        self._profile_changed()

    def _profile_changed(self) -> None:
        profile = self.profile
        label = L.CREATE_BIRTH_DATE_REQUIRED if profile is Profile.STUDENT else L.CREATE_BIRTH_DATE
        self.query_one("#create-birth-label", Static).update(Content(label))
        self.query_one("#create-children-box").display = profile is Profile.RELATIVE
        if profile is Profile.RELATIVE:
            self._search_children(self.query_one("#create-child-search", Input).value)

    # ------------------------------------------------------------------ children (Parent)

    def _search_children(self, text: str) -> None:
        found, more = pupil_candidates(self.session, text)
        options = []
        for pupil in found:
            mark = "✓ " if pupil.id in self.chosen else "  "
            options.append(Option(Content.assemble((mark, "bold $text-success"), Content(pupil.display_name)), id=pupil.id))
        if more:
            options.append(Option(Content.styled(L.PICK_MORE.format(count=more), "dim italic"), disabled=True))
        results = self.query_one("#create-child-results", OptionList)
        highlighted = results.highlighted
        results.set_options(options)
        if options:
            results.highlighted = min(highlighted or 0, len(options) - 1)
        self._show_children()

    def _show_children(self) -> None:
        chosen = self.query_one("#create-children", Static)
        if self.chosen:
            chosen.update(Content(L.CREATE_CHILDREN_CHOSEN.format(names=", ".join(self.chosen.values()))))
        else:
            chosen.update(Content.styled(L.CREATE_CHILDREN_NONE, "dim"))

    @on(Input.Changed, "#create-child-search")
    def _child_search(self, event: Input.Changed) -> None:
        event.stop()
        self._search_children(event.value)

    @on(OptionList.OptionSelected, "#create-child-results")
    def _child_toggled(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        pupil_id = event.option_id
        if pupil_id is None:
            return
        if pupil_id in self.chosen:
            del self.chosen[pupil_id]
        else:
            pupil = self.session.store.get(User, pupil_id)
            if pupil is not None:
                self.chosen[pupil_id] = pupil.display_name
        self._search_children(self.query_one("#create-child-search", Input).value)

    # ------------------------------------------------------------------ submit

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "create-child-search":
            self.query_one("#create-child-results", OptionList).focus()
            return
        self.action_submit()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create-submit":
            self.action_submit()
        else:
            self.action_cancel()

    def form(self) -> NewUser:
        class_id = self.query_one("#create-class", Select).value
        profile = self.profile
        return NewUser(
            first_name=self.query_one("#create-first", Input).value,
            last_name=self.query_one("#create-last", Input).value,
            profile=profile,
            birth_date=self.query_one("#create-birth", Input).value,
            class_id=None if class_id == NO_CLASS else str(class_id),
            children=tuple(self.chosen) if profile is Profile.RELATIVE else (),
        )

    def action_submit(self) -> None:
        for field in FIELD_IDS:
            self._error(field, None)
        try:
            result = create_user(self.session, self.form())
        except InvalidInput as error:
            first = None
            for field, message in error.errors.items():
                if field in FIELD_IDS:
                    self._error(field, message)
                    first = first or field
            self.notify(L.CREATE_FAILED, severity="error", markup=False)
            if first is not None:
                self.query_one(f"#{FIELD_IDS[first]}").focus()
            return
        except (ServiceError, StoreError) as error:
            self.notify(error.message, severity="error", markup=False)
            return
        # The toast of the creation: the card opened next does not repeat it.
        self.app.notify(result.message, markup=False, timeout=8)
        main = getattr(self.app, "main_screen", None)
        if main is not None:
            main.refresh_data()
        self.dismiss(result.target_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def open_create_user(app: App, session: "Session") -> None:
    """"Créer un utilisateur", then the new account's card."""
    from entconsole.screens.user_card import UserCardScreen

    def created(user_id: str | None) -> None:
        if user_id:
            app.push_screen(UserCardScreen(session, user_id))

    app.push_screen(CreateUserScreen(session), created)
