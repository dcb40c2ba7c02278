"""The timeline's default range and its from/to form."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.web.conftest import Workbench
from watchkeeper.web.timeline import default_window, in_window, timeline_svg

ROWS = [
    {"id": "old", "kind": "missile_launch", "date": date(2006, 10, 9), "grade": "A", "summary": "recalled"},
    {"id": "a", "kind": "missile_launch", "date": date(2023, 7, 12), "grade": "B", "summary": "x"},
    {"id": "b", "kind": "arms_transfer", "date": date(2024, 9, 1), "grade": "C", "summary": "y"},
    {"id": "undated", "kind": "arms_transfer", "date": None, "grade": "D", "summary": "z"},
]


def test_default_window_keeps_the_newest_years() -> None:
    start, end = default_window(ROWS)
    assert (start, end) == (date(2022, 1, 1), date(2024, 9, 1))
    assert [r["id"] for r in in_window(ROWS, start, end)] == ["a", "b"]
    assert [r["id"] for r in in_window(ROWS, None, None)] == ["old", "a", "b"]
    assert default_window([ROWS[3]]) == (None, None)


def test_svg_links_each_shown_incident() -> None:
    svg = str(timeline_svg(in_window(ROWS, *default_window(ROWS))))
    assert re.findall(r'href="/incidents/([^"]+)"', svg) == ["b", "a"]  # lanes in kind order
    assert "2006" not in svg


@pytest.mark.parametrize("sample_bench", ["sqlite"], indirect=True)
def test_timeline_page_range_form(sample_bench: Workbench) -> None:
    client, _ = sample_bench.signed_in("viewer")
    everything = client.get("/timeline", params={"from": "", "to": ""}).text
    shown, dated = map(int, re.search(r"(\d+) shown of (\d+) dated", everything).groups())
    assert shown == dated > 0
    nothing = client.get("/timeline", params={"from": "1990-01-01", "to": "1990-12-31"}).text
    assert "0 shown of" in nothing and "No dated incidents in this range" in nothing
    default = client.get("/timeline").text
    assert 'name="from" value="' in default and "shown of" in default
