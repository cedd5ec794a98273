"""A confirmation before a destructive action: says what and how many; dismisses with True/False."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from entconsole import labels as L


class ConfirmScreen(ModalScreen[bool]):
    """[Annuler] [Confirmer]; Escape cancels. The text is plain (names may hold '[')."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    #confirm-box {
        width: 70;
        max-width: 100%;
        height: auto;
        border: round $warning;
        border-title-style: bold;
        border-title-color: $text;
        background: $surface;
        padding: 1 2 0 2;
    }
    #confirm-text {
        margin-bottom: 1;
    }
    #confirm-buttons {
        height: auto;
        align-horizontal: right;
    }
    #confirm-buttons Button {
        margin-left: 2;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", L.CONFIRM_NO, id="confirm.cancel"),
    ]

    def __init__(self, title: str, text: str, *, confirm_label: str = L.CONFIRM_YES) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = self.title_text
            yield Static(Content(self.text), id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button(L.CONFIRM_NO, id="confirm-no")
                yield Button(self.confirm_label, id="confirm-yes", variant="error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm-yes", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)
