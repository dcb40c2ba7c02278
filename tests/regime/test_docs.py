"""docs/regime.md states the verification status of every measure; it must agree with the data files."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from watchkeeper.regime import load_regime

DOC = Path(__file__).resolve().parents[2] / "docs" / "regime.md"
ROW = re.compile(
    r"^\| `(?P<id>[^`]+)` \| (?P<paragraph>[^|]+) \| (?P<kind>\w+) \| (?P<status>[VRD]) \|", re.MULTILINE
)
CHECKED = re.compile(r"Checked \d{4}-\d{2}-\d{2}")
COUNTS = re.compile(r"(\d+) measures are V, (\d+) R, (\d+) D")


@pytest.fixture(scope="module")
def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def test_table_lists_every_measure_with_its_status(doc_text: str) -> None:
    rows = {m["id"]: (m["paragraph"].strip(), m["kind"], m["status"]) for m in ROW.finditer(doc_text)}
    data = {m.id: (m.paragraph, m.kind.value, m.confidence.value) for m in load_regime().measures}
    assert rows == data


def test_counts_sentence_matches_the_data(doc_text: str) -> None:
    found = COUNTS.search(doc_text)
    assert found is not None
    counts = Counter(m.confidence.value for m in load_regime().measures)
    assert tuple(int(n) for n in found.groups()) == (counts["V"], counts["R"], counts["D"])


def test_recalled_rows_record_when_and_where_they_were_looked_up() -> None:
    # an R row is only honest if it says what was searched; a date marks the last look-up
    recalled = [m for m in load_regime().measures if m.confidence.value == "R"]
    assert recalled
    assert [m.id for m in recalled if not CHECKED.search(m.verified)] == []


def test_upgraded_rows_name_their_source() -> None:
    regime = load_regime()
    assert "paragraph 26 (b)" in regime.measure("2321-op26").verified
    assert "Paragraph 18" in regime.measure("2094-op18").verified
    assert "SC/15324" in regime.measure("2270-op32").verified
