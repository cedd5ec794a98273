"""Issue 9: `entconsole bench` runs end to end on a 1,000-account store and reports every measure.

No timing is asserted: only that each measure was taken, with its samples,
and that each ratio is the one its own numbers give.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from entconsole.bench.report import Measure, markdown, median, p95, table
from entconsole.bench.ui import filter_states, typing_plan
from entconsole.cli import main

MEASURES = {
    "cold_start": "floor",
    "peak_rss": "floor",
    "search_keystroke": "peer",
    "search_keystroke_query": "peer",
    "filter_change": "peer",
    "filter_change_query": "peer",
    "single_block": "floor",
    "single_block_vs_tinydb": "peer",
    "mass_block": None,
    "reload_stall": None,
    "year_change_dry_run": None,
    "accounts_export": None,
    "checklist": None,
}


@pytest.fixture(scope="module")
def bench_json(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bench")
    out = directory / "bench.json"
    result = CliRunner().invoke(
        main, ["bench", "--users", "1000", "--json", "--out", str(out), "--dir", str(directory)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == json.loads(result.stdout)  # the same numbers on stdout
    assert list(directory.glob("users-1000-*.json"))  # the store is kept for the next run
    return data


def test_every_measure_is_there(bench_json):
    found = {(m["measure"], m["stat"]) for m in bench_json}
    assert {name for name, _ in found} == set(MEASURES)
    for name in ("search_keystroke", "filter_change", "search_keystroke_query", "filter_change_query"):
        assert {(name, "median"), (name, "p95")} <= found
    assert all(m["users"] == 1000 for m in bench_json)


def test_ratios_come_from_the_numbers(bench_json):
    for m in bench_json:
        kind = MEASURES[m["measure"]]
        assert m["ours"] > 0
        if kind is None:
            assert m["ratio"] is None
            continue
        other = m[kind]
        assert other is not None and other > 0
        expected = m["ours"] / other if kind == "floor" else other / m["ours"]
        assert m["ratio"] == pytest.approx(expected)


def test_samples(bench_json):
    by = {(m["measure"], m["stat"]): m for m in bench_json}
    assert by[("search_keystroke", "p95")]["samples"] == 50
    assert by[("filter_change", "p95")]["samples"] == 20
    assert by[("search_keystroke_query", "median")]["other_samples"] == 50  # naive scan, same texts
    assert by[("search_keystroke", "median")]["other_samples"] >= 3  # DataTable reloads
    cold = by[("cold_start", "once")]
    assert cold["extra"]["rows"] > 900  # the users list was drawn with the school's accounts
    assert 0 < cold["extra"]["store_loaded"] < cold["ours"]
    assert by[("peak_rss", "peak")]["unit"] == "MB"
    assert by[("reload_stall", "max")]["extra"]["applied_after"] > 0  # the other session's write arrived


def test_statistics():
    samples = [float(n) for n in range(1, 51)]
    assert median(samples) == 25.5
    assert p95(samples) == 48.0  # nearest rank: ceil(0.95 x 50) = 48th
    assert p95([3.0]) == 3.0


def test_table_and_markdown_show_ratios_and_targets():
    measures = [
        Measure(100_000, "single_block", "median", 0.3, "floor", 0.2, "write_floor", target="<= 1.5x", met=True),
        Measure(100_000, "single_block_vs_tinydb", "median", 0.3, "peer", 1.5, "tinydb_jsonstorage"),
        Measure(100_000, "peak_rss", "peak", 512.0, unit="MB", target="<= 400 MB", met=False),
    ]
    text = table(measures)
    assert "1,50 × le plancher" in text and "5,00 × plus rapide" in text
    assert "512 Mo" in text and "NON atteinte" in text and "100 000" in text
    assert markdown(measures).count("\n") == 4  # header, rule, three rows


def test_typing_plan_and_filter_states():
    plan = typing_plan(["abc", "de"], 9)
    assert [text for _, text in plan] == ["a", "ab", "abc", "ab", "a", "", "d", "de", "d"]
    assert plan[3][0] == "backspace"
    states = filter_states(["c1", "c2"], 2)
    assert len(states) == 8 and states[3] == states[7] and states[1] != states[5]
