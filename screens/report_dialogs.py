"""The dialogs of Signalements: "Traiter le signalement" and "Bloquer l'auteur"."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from entconsole import labels as L
from entconsole.models import Report, ReportAction, User
from entconsole.services.users import blocking_applies_everywhere
from entconsole.widgets.profile import profile_label

EXCERPT = 300  # characters of the notification quoted in a dialog


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


class _Dialog(ModalScreen):
    """A box with a title, paragraphs of plain text and buttons; Escape cancels."""

    CSS_PATH = "report_dialogs.tcss"

    def __init__(self, title: str, paragraphs: list[Content], buttons: list[tuple[str, str, str]]) -> None:
        super().__init__(classes="rpt-dialog")
        self.title_text = title
        self.paragraphs = paragraphs
        self.buttons = buttons  # (id, label, variant)

    def compose(self) -> ComposeResult:
        with Vertical(classes="rpt-dialog-box") as box:
            box.border_title = self.title_text
            for paragraph in self.paragraphs:
                yield Static(paragraph, classes="rpt-dialog-text")
            with Horizontal(classes="rpt-dialog-buttons"):
                for button_id, label, variant in self.buttons:
                    yield Button(label, id=button_id, variant=variant, compact=True)  # type: ignore[arg-type]
        yield Footer()

    def on_mount(self) -> None:
        # The safe choice has the focus: the actions need their own key or a deliberate Tab.
        self.query_one("#dialog-cancel", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.choose(event.button.id or "")

    def choose(self, button_id: str) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class TreatDialog(_Dialog):
    """[Supprimer] [Conserver] [Annuler]; dismisses with the ReportAction or None."""

    BINDINGS = [
        Binding("s", "choose('dialog-delete')", L.KEY_RPT_DELETE, id="report_treat.delete"),
        Binding("c", "choose('dialog-keep')", L.KEY_RPT_KEEP, id="report_treat.keep"),
        Binding("escape", "cancel", L.KEY_CANCEL, id="report_treat.cancel"),
    ]

    def __init__(self, report: Report) -> None:
        paragraphs = [
            Content.assemble((L.RPT_AUTHOR.format(name=report.author_name), "bold")),
            Content(excerpt(report.text)),
            Content.assemble((L.RPT_TREAT_DELETE + " : ", "bold $text-error"), L.RPT_TREAT_DELETE_HELP),
            Content.assemble((L.RPT_TREAT_KEEP + " : ", "bold"), L.RPT_TREAT_KEEP_HELP),
        ]
        buttons = [
            ("dialog-delete", L.RPT_TREAT_DELETE, "error"),
            ("dialog-keep", L.RPT_TREAT_KEEP, "primary"),
            ("dialog-cancel", L.RPT_TREAT_CANCEL, "default"),
        ]
        super().__init__(L.RPT_TREAT_TITLE, paragraphs, buttons)

    def action_choose(self, button_id: str) -> None:
        self.choose(button_id)

    def choose(self, button_id: str) -> None:
        self.dismiss(
            {"dialog-delete": ReportAction.DELETE, "dialog-keep": ReportAction.KEEP}.get(button_id)
        )


class BlockAuthorDialog(_Dialog):
    """Confirm "Bloquer l'auteur"; offers to delete the notification in the same step.

    Dismisses with "delete_and_block", "block" or None.
    """

    BINDINGS = [
        Binding("s", "choose('dialog-delete-block')", L.KEY_RPT_BLOCK_AND_DELETE, id="report_block.delete_block"),
        Binding("b", "choose('dialog-block')", L.KEY_RPT_BLOCK_ONLY, id="report_block.block"),
        Binding("escape", "cancel", L.KEY_CANCEL, id="report_block.cancel"),
    ]

    def __init__(self, author: User, *, can_delete: bool) -> None:
        self.can_delete = can_delete
        paragraphs = [
            Content(L.RPT_BLOCK_QUESTION.format(name=author.display_name, profile=profile_label(author.profile))),
        ]
        if blocking_applies_everywhere(author):
            paragraphs.append(Content.styled(L.RPT_BLOCK_EVERYWHERE, "bold $text-warning"))
        paragraphs.append(Content.styled(L.RPT_BLOCK_PROCEDURE, "$text-muted"))
        if can_delete:
            buttons = [
                ("dialog-delete-block", L.RPT_BLOCK_AND_DELETE, "error"),
                ("dialog-block", L.RPT_BLOCK_ONLY, "warning"),
            ]
        else:
            buttons = [("dialog-block", L.RPT_BLOCK, "error")]
        buttons.append(("dialog-cancel", L.RPT_TREAT_CANCEL, "default"))
        super().__init__(L.RPT_BLOCK_TITLE, paragraphs, buttons)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("dialog-delete-block",):
            return self.can_delete
        return True

    def action_choose(self, button_id: str) -> None:
        self.choose(button_id)

    def choose(self, button_id: str) -> None:
        self.dismiss({"dialog-delete-block": "delete_and_block", "dialog-block": "block"}.get(button_id))
