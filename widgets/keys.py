"""How keys are shown to the admin: "Échap", "Entrée", "^q" / "Ctrl+Q"."""

from __future__ import annotations

from textual.binding import Binding
from textual.keys import format_key

from entconsole import labels as L


def key_label(key: str, *, long: bool = False) -> str:
    """Display form of one Textual key ("ctrl+q", "question_mark", "escape").

    Short form (footer): "^q", "Échap", "?". Long form (help): "Ctrl+Q".
    """
    *modifiers, name = key.split("+")
    if name in L.KEY_NAMES:
        shown = L.KEY_NAMES[name]
    elif len(name) > 1 and name[0] == "f" and name[1:].isdigit():
        shown = name.upper()  # function keys: F1
    else:
        shown = format_key(name)
    if len(shown) == 1 and long and modifiers:
        shown = shown.upper()
    if not long and modifiers == ["ctrl"]:
        return f"^{shown}"
    return "+".join([*(L.KEY_MODIFIERS.get(m, m.title()) for m in modifiers), shown])


def binding_label(binding: Binding, *, long: bool = False) -> str:
    if binding.key_display:
        return binding.key_display
    return key_label(binding.key, long=long)
