"""The dialogs of Signalements: "Traiter le signalement" and "Bloquer l'auteur"."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content

from entconsole import labels as L
from entconsole.models import Report, ReportAction, User
from entconsole.screens.confirm import AnswerDialog
from entconsole.services.users import blocking_applies_everywhere
from entconsole.widgets.profile import profile_label

EXCERPT = 300  # characters of the notification quoted in a dialog


def excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


class _ReportDialog(AnswerDialog):
    """The look of Signalements' dialogs; the safe choice (Annuler) has the focus."""

    CSS_PATH = "report_dialogs.tcss"
    SCREEN_CLASS = "rpt-dialog"
    PART = "rpt-dialog"
    FOCUS_CANCEL = True  # an action needs its own key or a deliberate Tab


class TreatDialog(_ReportDialog):
    """[Supprimer] [Conserver] [Annuler]; dismisses with the ReportAction or None."""

    BINDINGS = [
        Binding("s", "choose('delete')", L.KEY_RPT_DELETE, id="report_treat.delete"),
        Binding("c", "choose('keep')", L.KEY_RPT_KEEP, id="report_treat.keep"),
        Binding("escape", "cancel", L.KEY_CANCEL, id="report_treat.cancel"),
    ]

    def __init__(self, report: Report) -> None:
        paragraphs = [
            Content.assemble((L.RPT_AUTHOR.format(name=report.author_name), "bold")),
            Content(excerpt(report.text)),
            Content.assemble((L.RPT_TREAT_DELETE + " : ", "bold $text-error"), L.RPT_TREAT_DELETE_HELP),
            Content.assemble((L.RPT_TREAT_KEEP + " : ", "bold"), L.RPT_TREAT_KEEP_HELP),
        ]
        choices = [("delete", L.RPT_TREAT_DELETE, "error"), ("keep", L.RPT_TREAT_KEEP, "primary")]
        super().__init__(L.RPT_TREAT_TITLE, paragraphs, choices, cancel_label=L.RPT_TREAT_CANCEL)

    def result(self, value: str) -> ReportAction | None:
        return {"delete": ReportAction.DELETE, "keep": ReportAction.KEEP}.get(value)


class BlockAuthorDialog(_ReportDialog):
    """Confirm "Bloquer l'auteur"; offers to delete the notification in the same step.

    Dismisses with "delete_and_block", "block" or None.
    """

    BINDINGS = [
        Binding("s", "choose('delete_and_block')", L.KEY_RPT_BLOCK_AND_DELETE, id="report_block.delete_block"),
        Binding("b", "choose('block')", L.KEY_RPT_BLOCK_ONLY, id="report_block.block"),
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
            choices = [
                ("delete_and_block", L.RPT_BLOCK_AND_DELETE, "error"),
                ("block", L.RPT_BLOCK_ONLY, "warning"),
            ]
        else:
            choices = [("block", L.RPT_BLOCK, "error")]
        super().__init__(L.RPT_BLOCK_TITLE, paragraphs, choices, cancel_label=L.RPT_TREAT_CANCEL)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("delete_and_block",):
            return self.can_delete
        return True

    def result(self, value: str) -> str | None:
        return value if value in ("delete_and_block", "block") else None
