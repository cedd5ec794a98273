"""check_action guards (screens/checks.py)."""

from __future__ import annotations

from textual.css.query import NoMatches

from entconsole.screens.checks import while_composed


class Screenish:
    def __init__(self, gone: bool) -> None:
        self.gone = gone

    @while_composed
    def check_action(self, action, parameters):
        if self.gone:
            raise NoMatches("#list")
        return action == "yes" or None


def test_a_dismissed_screen_says_true_and_a_live_one_is_asked():
    assert Screenish(gone=True).check_action("no", ()) is True
    assert Screenish(gone=False).check_action("yes", ()) is True
    assert Screenish(gone=False).check_action("no", ()) is None
