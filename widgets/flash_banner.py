"""A flash message as users see it: a banner in its colour (form preview, "Aperçu en tant que")."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from entconsole import labels as L
from entconsole.models import FlashColor

# The five banner colours of the real console, dark enough for white text.
FLASH_COLOR: dict[FlashColor, str] = {
    FlashColor.GREY_DARK: "#4a4f57",
    FlashColor.RED: "#c9302c",
    FlashColor.ORANGE: "#d9730d",
    FlashColor.GREEN: "#2e8540",
    FlashColor.BLUE: "#2a6ebb",
}


def color_swatch(color: FlashColor) -> Content:
    """"██ Rouge": the colour's name after a sample (radio buttons, lists)."""
    return Content.assemble(("██", FLASH_COLOR[color]), " ", L.FLASH_COLORS[color.value])


class FlashBanner(Static):
    """The banner: white text on the message's colour; never read as markup."""

    DEFAULT_CSS = """
    FlashBanner {
        width: 1fr;
        height: auto;
        padding: 0 1;
        color: #ffffff;
        text-style: bold;
    }
    FlashBanner.-empty {
        background: $panel;
        color: $text-muted;
        text-style: italic;
    }
    """

    def __init__(
        self, text: str = "", color: FlashColor = FlashColor.RED, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.show(text, color)

    def show(self, text: str, color: FlashColor) -> None:
        text = text.strip()
        self.set_class(not text, "-empty")
        if text:
            self.styles.background = FLASH_COLOR[color]
            self.update(Content(text))
        else:
            self.styles.clear_rule("background")
            self.update(Content(L.FLASH_PREVIEW_EMPTY))
