"""The connector form ("Créer un connecteur" / edit): properties, CAS and OAuth fields.

The form calls the service itself (`submit`), so a refused field is shown
beside it and the form stays open; it dismisses with the service's result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Select, Static

from entconsole import labels as L
from entconsole.models import ConnectorTarget
from entconsole.services.apps import ConnectorFields
from entconsole.services.errors import InvalidInput, ServiceError
from entconsole.services.results import ActionResult
from entconsole.store import StoreError
from entconsole.widgets.inputs import SearchInput

PARTS = (
    (L.CONN_PART_PROPERTIES, ("identifier", "display_name", "url", "icon", "target")),
    (L.CONN_PART_CAS, ("cas_type", "cas_pattern")),
    (L.CONN_PART_OAUTH, ("oauth_client_id", "oauth_secret", "oauth_scope", "oauth_grant_type",
                         "oauth_transfer_session")),
)
SECRET_FIELDS = frozenset({"oauth_secret"})


class FormInput(SearchInput):
    """A text field of the form (no cursor blink in headless runs)."""


class ConnectorForm(ModalScreen[ActionResult | None]):
    CSS_PATH = "connector_form.tcss"
    BINDINGS = [
        Binding("escape", "cancel", L.KEY_CANCEL, id="connector_form.cancel"),
    ]

    def __init__(
        self,
        title: str,
        fields: ConnectorFields,
        submit: Callable[[ConnectorFields], ActionResult],
    ) -> None:
        super().__init__(id="connector-form")
        self.title_text = title
        self.fields = fields
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(id="cform-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = L.CONN_FORM_HINT
            with VerticalScroll(id="cform-body"):
                for part, names in PARTS:
                    yield Static(Content.styled(part, "bold"), classes="cform-part")
                    for name in names:
                        yield from self._row(name)
            yield Static(id="cform-error")
            with Horizontal(id="cform-buttons"):
                yield Static(Content(L.CONN_FORM_REQUIRED_NOTE), id="cform-note")
                yield Button(L.KEY_CANCEL, id="cform-cancel", compact=True)
                yield Button(L.CONN_SAVE, id="cform-save", variant="primary", compact=True)
        yield Footer()

    def _row(self, name: str) -> ComposeResult:
        label = Static(Content(L.CONN_FIELD[name]), classes="cform-label")
        with Horizontal(classes="cform-row"):
            yield label
            if name == "target":
                yield Select(
                    [(L.CONN_TARGET[t.value], t) for t in ConnectorTarget],
                    value=self.fields.target,
                    allow_blank=False,
                    compact=True,
                    id="cform-target",
                )
            elif name == "oauth_transfer_session":
                yield Checkbox(value=self.fields.oauth_transfer_session, compact=True, id="cform-oauth_transfer_session")
            else:
                yield FormInput(
                    value=getattr(self.fields, name),
                    password=name in SECRET_FIELDS,
                    compact=True,
                    id=f"cform-{name}",
                )
        error = Static(classes="cform-field-error", id=f"cform-error-{name}")
        error.display = False
        yield error

    def on_mount(self) -> None:
        self.query_one("#cform-identifier", Input).focus()

    # ---- reading and submitting

    def read_fields(self) -> ConnectorFields:
        values = {name: self.query_one(f"#cform-{name}", Input).value for name in _text_fields()}
        target = self.query_one("#cform-target", Select).value
        transfer = self.query_one("#cform-oauth_transfer_session", Checkbox).value
        return replace(
            self.fields,
            target=target if isinstance(target, ConnectorTarget) else ConnectorTarget.PAGE,
            oauth_transfer_session=transfer,
            **values,
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for _part, names in PARTS:
            for name in names:
                widget = self.query_one(f"#cform-error-{name}", Static)
                widget.update(Content(errors.get(name, "")))
                widget.display = name in errors
        first = next((n for _p, names in PARTS for n in names if n in errors), None)
        if first is not None:
            self.query_one(f"#cform-{first}").focus()

    def save(self) -> None:
        general = self.query_one("#cform-error", Static)
        try:
            result = self.submit(self.read_fields())
        except InvalidInput as refused:
            general.update("")
            self.show_errors(refused.errors)
            return
        except (ServiceError, StoreError) as error:
            self.show_errors({})
            general.update(Content(error.message))
            return
        self.dismiss(result)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    @on(Button.Pressed, "#cform-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.save()

    @on(Button.Pressed, "#cform-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _text_fields() -> list[str]:
    return [n for _p, names in PARTS for n in names if n not in ("target", "oauth_transfer_session")]
