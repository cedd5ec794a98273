"""Activated / non-activated accounts per profile as a bar chart drawn in the terminal.

Each profile gets one row: its figures, then a bar in the profile's colour
as long as the profile's accounts, activated ones solid and non-activated
ones pale, drawn with block characters to an eighth of a cell. Every bar is
the full width, so the share of activated accounts compares at a glance
across profiles of very different sizes (490 parents, 4 guests).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from entconsole import labels as L
from entconsole.services.establishment import ProfileStats
from entconsole.widgets.profile import PROFILE_COLOR, profile_label

EIGHTHS = " ▏▎▍▌▋▊▉"  # index n: n eighths of a cell, left-aligned
FULL = "█"
PALE = "35%"  # alpha of the non-activated part
WIDTHS = (13, 9, 13, 8, 11)  # Profil, Activés, Non activés, Total, % activés
MIN_BAR = 10


def eighths(value: float, maximum: float, width: int) -> int:
    """Length of a bar in eighths of a cell; any non-zero value shows at least one eighth."""
    if value <= 0 or maximum <= 0 or width <= 0:
        return 0
    return max(1, round(value / maximum * width * 8))


def bar_cells(solid: int, pale: int) -> list[tuple[str, str]]:
    """(character, kind) per cell for a bar of `solid` then `pale` eighths.

    kind: "solid", "pale", or "edge" (the cell where solid ends and pale starts:
    the solid part in the foreground, the pale part as its background).
    """
    cells: list[tuple[str, str]] = []
    full, rest = divmod(solid, 8)
    cells += [(FULL, "solid")] * full
    pale_left = pale
    if rest:
        cells.append((EIGHTHS[rest], "edge" if pale_left else "solid"))
        pale_left = max(0, pale_left - (8 - rest))
    full, rest = divmod(pale_left, 8)
    cells += [(FULL, "pale")] * full
    if rest:
        cells.append((EIGHTHS[rest], "pale"))
    return cells


def bar_content(solid: int, pale: int, color: str) -> Content:
    styles = {
        "solid": color,
        "pale": f"{color} {PALE}",
        "edge": f"{color} on {color} {PALE}",
    }
    return Content.assemble(*((char, styles[kind]) for char, kind in bar_cells(solid, pale)))


class ProfileBars(Widget):
    """The "Statistiques" block: a row per profile, numbers and bar."""

    DEFAULT_CSS = """
    ProfileBars {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, stats: Sequence[ProfileStats] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stats = list(stats)

    def update(self, stats: Sequence[ProfileStats]) -> None:
        self.stats = list(stats)
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.stats) + 4  # header, rows, total, blank, legend

    def render(self) -> Content:
        label_w, *number_ws = WIDTHS
        header = Content.styled(
            "".join(h.ljust(label_w) if n == 0 else h.rjust(number_ws[n - 1]) for n, h in enumerate(L.INFO_STATS_HEAD)),
            "bold $text-secondary",
        )
        width = max(MIN_BAR, self.size.width - sum(WIDTHS) - 3)
        rows = [header]
        for stat in self.stats:
            color = PROFILE_COLOR[stat.profile]
            solid = eighths(stat.activated, stat.total, width)
            pale = width * 8 - solid if stat.inactive else 0
            rows.append(Content.assemble(
                (profile_label(stat.profile, plural=True).ljust(label_w), f"bold {color}"),
                *_figures(stat.activated, stat.inactive),
                "  ",
                bar_content(solid, max(0, pale), color),
            ))
        activated = sum(s.activated for s in self.stats)
        inactive = sum(s.inactive for s in self.stats)
        rows.append(Content.assemble((L.INFO_STATS_TOTAL.ljust(label_w), "bold"), *_figures(activated, inactive)))
        rows.append(Content(""))
        rows.append(Content.assemble(
            (FULL * 2, "$text"), " ", L.INFO_STATS_LEGEND_ON, "    ",
            (FULL * 2, f"$text {PALE}"), " ", L.INFO_STATS_LEGEND_OFF,
        ))
        return Content("\n").join(rows)


def _figures(activated: int, inactive: int) -> list[tuple[str, str]]:
    """Activés, Non activés, Total, % activés, right-aligned in their columns."""
    total = activated + inactive
    rate = f"{round(activated / total * 100)} %" if total else "—"
    _, w_on, w_off, w_total, w_rate = WIDTHS
    return [
        (str(activated).rjust(w_on), "" if activated else "$text-muted"),
        (str(inactive).rjust(w_off), "$text-warning" if inactive else "$text-muted"),
        (str(total).rjust(w_total), "bold"),
        (rate.rjust(w_rate), "$text-muted"),
    ]
