"""The bench's numbers: one row per size and measure, its ratio, the table, the JSON."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

from entconsole import labels as L

Kind = Literal["floor", "peer", "alone"]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def p95(samples: Sequence[float]) -> float:
    """95th percentile, nearest rank (with 50 samples: the 48th smallest)."""
    ordered = sorted(samples)
    rank = max(1, -(-95 * len(ordered) // 100))  # ceil(0.95 n)
    return ordered[rank - 1]


@dataclass
class Measure:
    """One measured cost (seconds, or MB for memory) and what it is compared with.

    ``kind`` "floor": ratio = ours / floor (1.0 is the best possible);
    "peer": ratio = peer / ours (how many times faster we are);
    "alone": nothing to compare with.
    """

    users: int
    measure: str  # "search_keystroke", "single_block"…
    stat: str  # "median", "p95", "once", "peak"
    ours: float
    kind: Kind = "alone"
    other: float | None = None
    other_name: str | None = None  # "load floor", "DataTable reload"…
    samples: int = 1
    other_samples: int | None = None
    unit: str = "s"
    target: str | None = None  # the target, in words
    met: bool | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.other is None or self.kind == "alone":
            return None
        if self.kind == "floor":
            return self.ours / self.other if self.other else None
        return self.other / self.ours if self.ours else None

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("other")
        data.pop("kind")
        if self.kind in ("floor", "peer"):
            data[self.kind] = self.other
        data["ratio"] = self.ratio
        return data


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:.0f} Mo"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def _ratio_text(m: Measure) -> str:
    ratio = m.ratio
    if ratio is None:
        return "—"
    template = L.BENCH_RATIO_FLOOR if m.kind == "floor" else L.BENCH_RATIO_PEER
    return template.format(ratio=f"{ratio:.2f}".replace(".", ","))


def _rows(measures: Sequence[Measure]) -> list[tuple[str, ...]]:
    return [
        (
            f"{m.users:,}".replace(",", " "),
            L.BENCH_MEASURE.get(m.measure, m.measure),
            L.BENCH_STAT.get(m.stat, m.stat),
            _fmt(m.ours, m.unit),
            f"{L.BENCH_OTHER.get(m.other_name or '', m.other_name)} : {_fmt(m.other, m.unit)}" if m.other is not None else "—",
            _ratio_text(m),
            "" if m.met is None else (L.BENCH_MET if m.met else L.BENCH_NOT_MET),
        )
        for m in measures
    ]


def table(measures: Sequence[Measure]) -> str:
    """A plain-text table (the README shows the same columns)."""
    header = L.BENCH_COLUMNS
    rows = _rows(measures)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(str(c).ljust(w) for c, w in zip(header, widths)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


def markdown(measures: Sequence[Measure]) -> str:
    """The same table in Markdown, for the README."""
    lines = ["| " + " | ".join(L.BENCH_COLUMNS) + " |", "|" + "---|" * len(L.BENCH_COLUMNS)]
    lines += ["| " + " | ".join(row) + " |" for row in _rows(measures)]
    return "\n".join(lines)
