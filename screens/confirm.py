"""The console's question dialogs, one of each kind.

- `ConfirmScreen`: before a destructive action, says what and how many;
  dismisses with True / False. Used by every section (and the user card).
- `AnswerDialog`: one answer among several buttons, or None (Escape,
  Annuler): the user card's choices (`ChoiceDialog`) and Signalements'
  "Traiter le signalement" / "Bloquer l'auteur" are subclasses that set
  their look (CSS classes) and keys.

Texts are shown literally (``Content``): names like ``[bold]x[/]`` are data.
In every dialog ← and → move from one button to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from entconsole import labels as L


def as_content(value: str | Content) -> Content:
    return value if isinstance(value, Content) else Content(value)


class ButtonRowDialog(ModalScreen[Any]):
    """A modal whose buttons are reached with ← and → (as well as Tab)."""

    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
    ]

    def action_move(self, step: int) -> None:
        buttons = [b for b in self.query(Button).results(Button) if b.display]
        if not buttons:
            return
        focused = self.focused
        index = buttons.index(focused) if focused in buttons else 0
        buttons[(index + step) % len(buttons)].focus()


class ConfirmScreen(ButtonRowDialog):
    """[Annuler] [Confirmer]; the confirm button has the focus, Escape cancels."""

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

    def __init__(
        self, title: str, text: str | Content, *, confirm_label: str = L.CONFIRM_YES, danger: bool = True
    ) -> None:
        super().__init__()
        self.title_text = title
        self.text = text  # as given (tests and callers read it back)
        self.confirm_label = confirm_label
        self.danger = danger  # a red button for what cannot be undone

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = self.title_text
            yield Static(as_content(self.text), id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button(L.CONFIRM_NO, id="confirm-no")
                yield Button(self.confirm_label, id="confirm-yes", variant="error" if self.danger else "primary")
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


class AnswerDialog(ButtonRowDialog):
    """Paragraphs and a row of answers, Annuler last; dismisses with `result(value)` or None.

    `choices`: (value, label, button variant). Subclasses set the CSS
    (``SCREEN_CLASS``, and ``PART`` for "<PART>-box", "<PART>-text",
    "<PART>-buttons"), which button has the focus, and keys bound to
    ``choose('<value>')``.
    """

    SCREEN_CLASS: ClassVar[str] = "card-dialog"
    PART: ClassVar[str] = "dialog"
    FOCUS_CANCEL: ClassVar[bool] = False  # True: a deliberate key or Tab is needed to act

    def __init__(
        self,
        title: str,
        text: str | Content | Sequence[Content],
        choices: Sequence[tuple[str, str, str]],
        *,
        cancel_label: str = L.DIALOG_CANCEL,
    ) -> None:
        super().__init__(classes=self.SCREEN_CLASS)
        self.title_text = title
        self.paragraphs = [as_content(text)] if isinstance(text, (str, Content)) else list(text)
        self.choices = list(choices)
        self.cancel_label = cancel_label

    def compose(self) -> ComposeResult:
        part = self.PART
        with Vertical(classes=f"{part}-box") as box:
            box.border_title = self.title_text
            for paragraph in self.paragraphs:
                yield Static(paragraph, classes=f"{part}-text")
            with Horizontal(classes=f"{part}-buttons"):
                for value, label, variant in self.choices:
                    yield Button(label, variant=variant, id=f"choice-{value}", compact=True)  # type: ignore[arg-type]
                yield Button(self.cancel_label, id="choice-cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        if self.FOCUS_CANCEL:
            self.query_one("#choice-cancel", Button).focus()
        else:
            self.query(Button).first(Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose((event.button.id or "").removeprefix("choice-"))

    def result(self, value: str) -> Any:
        """What the dialog answers for the button `value` (default: the value itself)."""
        return value

    def action_choose(self, value: str) -> None:
        self.dismiss(None if value == "cancel" else self.result(value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(AnswerDialog):
    """Several answers (e.g. "Bloquer partout" / "Retirer de cet établissement"); the first has the focus."""

    CSS_PATH = "card_dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", L.DIALOG_CANCEL, id="dialog.cancel"),
    ]
