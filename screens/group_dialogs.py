"""Dialogs of the Groupes section: the group's name (create, rename).

The dialog calls the service itself so that a refused name ("Nom du groupe
est obligatoire.", "Un groupe « … » existe déjà") is shown beside the field
while the admin corrects it; it closes with the service's result.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from entconsole import labels as L
from entconsole.services.errors import InvalidInput, ServiceError
from entconsole.services.results import ActionResult
from entconsole.store import StoreError
from entconsole.widgets.inputs import SearchInput


class GroupNameDialog(ModalScreen[ActionResult | None]):
    """"Nom du groupe" with [Annuler] [Créer]; Enter submits, Escape cancels."""

    DEFAULT_CSS = """
    GroupNameDialog {
        align: center middle;
    }
    #gname-box {
        width: 72;
        max-width: 100%;
        height: auto;
        border: round $border;
        border-title-style: bold;
        border-title-color: $text;
        background: $surface;
        padding: 1 2 0 2;
    }
    #gname-label {
        height: 1;
        color: $text-secondary;
    }
    #gname-input {
        background: $boost;
    }
    #gname-error {
        height: auto;
        color: $text-error;
    }
    #gname-hint {
        height: auto;
        color: $text-muted;
        margin-top: 1;
    }
    #gname-buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    #gname-buttons Button {
        margin-left: 2;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", L.CONFIRM_NO, id="group_name.cancel"),
    ]

    def __init__(
        self,
        title: str,
        submit_label: str,
        submit: Callable[[str], ActionResult],
        *,
        value: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.submit_label = submit_label
        self.submit = submit
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="gname-box") as box:
            box.border_title = self.title_text
            yield Static(Content(L.GROUP_NAME_FIELD + " *"), id="gname-label")
            yield SearchInput(self.value, placeholder=L.GRP_NAME_PLACEHOLDER, id="gname-input", compact=True)
            yield Static(id="gname-error")
            yield Static(Content(L.GRP_NAME_HINT), id="gname-hint")
            with Horizontal(id="gname-buttons"):
                yield Button(L.CONFIRM_NO, id="gname-cancel")
                yield Button(self.submit_label, id="gname-submit", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#gname-input", Input).focus()

    def _submit(self) -> None:
        name = self.query_one("#gname-input", Input).value
        error = self.query_one("#gname-error", Static)
        try:
            result = self.submit(name)
        except InvalidInput as refused:
            error.update(Content(refused.errors.get("name", refused.message)))
            self.query_one("#gname-input", Input).focus()
            return
        except (ServiceError, StoreError) as refused:
            error.update(Content(refused.message))
            return
        self.dismiss(result)

    @on(Input.Submitted, "#gname-input")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    @on(Input.Changed, "#gname-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#gname-error", Static).update("")

    @on(Button.Pressed, "#gname-submit")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._submit()

    @on(Button.Pressed, "#gname-cancel")
    def _cancelled(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
