"""Help: the keys active on the screen it was opened from.

Built from that screen's live bindings (``Screen.active_bindings``), so it
follows remapped keys (``App.set_keymap``), disabled actions and focus.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from entconsole import labels as L
from entconsole.widgets.keys import binding_label


@dataclass(frozen=True)
class HelpLine:
    scope: str  # L.HELP_SCOPE_*
    keys: str  # "Échap", "Ctrl+Q"
    description: str
    enabled: bool


def describe(binding: Binding) -> str | None:
    """French description of a binding, or None to leave it out of the help.

    The console's own bindings carry an id and a French description; Textual's
    widget bindings are described from ``labels.WIDGET_ACTIONS``.
    """
    if binding.id:
        return binding.description or None
    return L.WIDGET_ACTIONS.get(binding.action)


def help_lines(app: App, active: dict[str, ActiveBinding]) -> list[HelpLine]:
    """One line per described action, keys of the same action joined."""
    order = {L.HELP_SCOPE_WIDGET: 0, L.HELP_SCOPE_SCREEN: 1, L.HELP_SCOPE_APP: 2}
    merged: dict[tuple[str, str, str], list[str]] = {}
    enabled: dict[tuple[str, str, str], bool] = {}
    for node, binding, is_enabled, _tooltip in active.values():
        description = describe(binding)
        if description is None:
            continue
        # A widget's key that runs the app's or the screen's action (Accueil shows
        # 7 and j in its footer) works there: list it there.
        widget = node is not app and not isinstance(node, Screen)
        if node is app or (widget and binding.action.startswith("app.")):
            scope = L.HELP_SCOPE_APP
        elif not widget or binding.action.startswith("screen."):
            scope = L.HELP_SCOPE_SCREEN
        else:
            scope = L.HELP_SCOPE_WIDGET
        # Keep sections (same description, distinct actions) on their own lines.
        key = (scope, binding.action, description)
        merged.setdefault(key, []).append(binding_label(binding, long=True))
        enabled[key] = enabled.get(key, False) or is_enabled
    lines = [
        HelpLine(scope, " / ".join(keys), description, enabled[(scope, action, description)])
        for (scope, action, description), keys in merged.items()
    ]
    return sorted(lines, key=lambda line: order[line.scope])  # stable: binding order kept


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "close", L.KEY_CLOSE, id="help.close"),
        Binding("question_mark", "close", L.KEY_CLOSE, id="help.close_again", show=False),
    ]

    def __init__(self, lines: list[HelpLine]) -> None:
        super().__init__(id="help")
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = L.HELP_TITLE
            with VerticalScroll(id="help-body"):
                yield Static(self._table(), id="help-table")
            yield Static(Content(L.HELP_FOOTNOTE), id="help-footnote")
        yield Footer()

    def _table(self) -> Content:
        width = max((len(line.keys) for line in self.lines), default=4) + 3
        rows: list[Content] = []
        scope = None
        for line in self.lines:
            if line.scope != scope:
                if scope is not None:
                    rows.append(Content(""))
                rows.append(Content.styled(line.scope, "bold $text-secondary"))
                scope = line.scope
            description = Content(line.description)
            if not line.enabled:
                description = Content.assemble(
                    (line.description, "$text-muted"), " ", (L.HELP_DISABLED, "$text-muted italic")
                )
            rows.append(
                Content.assemble(
                    ("  " + line.keys.ljust(width), "bold $text-accent"), description
                )
            )
        return Content("\n").join(rows)

    def action_close(self) -> None:
        self.dismiss(None)
