"""One yes/no dialog and one choice dialog for the whole console (screens/confirm.py)."""

from __future__ import annotations

from textual.app import App
from textual.content import Content
from textual.widgets import Button

from entconsole.screens import card_dialogs
from entconsole.screens.confirm import AnswerDialog, ChoiceDialog, ConfirmScreen
from entconsole.screens.report_dialogs import BlockAuthorDialog, TreatDialog
from tests.ui.conftest import SIZE, screen_text


class Host(App):
    def __init__(self, dialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


def test_one_dialog_of_each_kind():
    assert card_dialogs.ConfirmDialog is ConfirmScreen
    for dialog in (ChoiceDialog, TreatDialog, BlockAuthorDialog):
        assert issubclass(dialog, AnswerDialog)


async def test_confirm_shows_text_literally_and_moves_with_arrows():
    app = Host(ConfirmScreen("Supprimer", Content("Le groupe [bold]x[/] ?"), confirm_label="Supprimer"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Le groupe [bold]x[/] ?" in screen_text(app)
        assert app.focused.id == "confirm-yes"
        await pilot.press("left")
        assert app.focused.id == "confirm-no"
        await pilot.press("right")
        assert app.focused.id == "confirm-yes"
        await pilot.press("left", "enter")
        await pilot.pause()
    assert app.answers == [False]


async def test_choice_dialog_answers_the_value_or_none():
    app = Host(ChoiceDialog("Bloquer", "Bloquer [red]partout[/] ?", [("everywhere", "Partout", "error"), ("here", "Ici", "primary")]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Bloquer [red]partout[/] ?" in screen_text(app)
        assert isinstance(app.focused, Button) and app.focused.id == "choice-everywhere"
        await pilot.press("right", "enter")
        await pilot.pause()
    assert app.answers == ["here"]
    app = Host(ChoiceDialog("Bloquer", "?", [("here", "Ici", "primary")]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.answers == [None]


async def test_manual_group_choice_is_the_pick_dialog():
    from entconsole import labels as L
    from entconsole.screens.card_dialogs import PickDialog
    from entconsole.screens.users_dialogs import ManualGroupPicker

    assert issubclass(ManualGroupPicker, PickDialog)
    app = Host(ManualGroupPicker([], 3))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert L.BULK_GROUP_PICK.format(count=3) in screen_text(app)
        assert str(app.screen.query_one("#pick-count").render()) == L.BULK_GROUP_NONE
        await pilot.press("enter", "escape")
        await pilot.pause()
    assert app.answers == [None]
