"""Screening by IMO number alone, and screening results exported as CSV and JSON (library and CLI)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.lists.conftest import BUNDLED_VESSELS
from watchkeeper.lists.vessels_csv import parse_vessels_csv
from watchkeeper.resolve.screening import ListedName, ScreeningIndex
from watchkeeper.resolve.screening_export import CSV_COLUMNS, export_text, hit_rows, screen_queries
from watchkeeper.resolve.vessels import imo_only


@pytest.fixture(scope="module")
def vessels() -> ScreeningIndex:
    """Every vessel of the bundled designated-vessel list, names and IMO numbers."""
    names = []
    for entry in parse_vessels_csv(BUNDLED_VESSELS).entries:
        for listed in entry.names:
            names.append(
                ListedName(entry.id, entry.reference, "Vessel", listed.name, listed.kind, "good", entry.imo)
            )
    return ScreeningIndex(names)


@pytest.fixture
def listed_vessels(sqlite_cli: Cli) -> Cli:
    sqlite_cli.ok("lists", "import-vessels", str(BUNDLED_VESSELS))
    return sqlite_cli


def test_an_imo_number_without_a_name_finds_its_vessel(vessels: ScreeningIndex) -> None:
    hits = vessels.screen("", imo="9114555")
    assert [h.name for h in hits] == ["UL JI BONG 6"] and hits[0].decision == "match"
    assert "9114555" in hits[0].explanation


def test_a_name_with_another_valid_imo_is_not_that_vessel(vessels: ScreeningIndex) -> None:
    assert vessels.screen("Ul Ji Bong 6", imo="9114555")[0].name == "UL JI BONG 6"
    hits = vessels.screen("Ul Ji Bong 6", imo="9020534")  # RUNG RA 2's number
    assert "UL JI BONG 6" not in [h.name for h in hits]


def test_an_unlisted_imo_number_alone_finds_nothing(vessels: ScreeningIndex) -> None:
    assert vessels.screen("", imo="9138501") == []


def test_every_listed_vessel_is_found_by_its_name_and_by_its_imo(vessels: ScreeningIndex) -> None:
    for entry in parse_vessels_csv(BUNDLED_VESSELS).entries:
        if entry.imo:
            assert vessels.screen("", imo=entry.imo)[0].designation_id == entry.id
        assert vessels.screen(entry.names[0].name.title(), schema="Vessel")[0].designation_id == entry.id


def test_yu_jong_2_is_found_by_name_and_not_confused_with_its_neighbours(vessels: ScreeningIndex) -> None:
    top = vessels.screen("Yu Jong 2")[0]
    assert (top.name, top.imo, top.decision) == ("YU JONG 2", "8604917", "match")
    assert vessels.screen("Sam Jong 1")[0].name == "SAM JONG 1"  # SAM JONG 2 differs only in its number
    assert "YU JONG 2" not in [h.name for h in vessels.screen("Yu Jong 2", imo="7408873")]


@pytest.mark.parametrize(
    ("line", "imo"),
    [("IMO 9114555", "9114555"), ("9114555", "9114555"), ("imo:9114555", "9114555"), ("9114556", None)],
)
def test_a_query_line_that_is_only_an_imo_number(line: str, imo: str | None) -> None:
    assert imo_only(line) == imo
    assert imo_only("Petrel 8") is None


def test_rows_give_each_hit_and_each_query_without_one(vessels: ScreeningIndex) -> None:
    results = screen_queries(vessels, [("Rung Ra 2", None), ("Sunny Bakery", None), ("", "9114555")])
    rows = hit_rows(results)
    assert [r["decision"] for r in rows][1] == "no_match"
    assert rows[0]["designated_name"] == "RUNG RA 2" and rows[0]["rank"] == 1
    assert rows[2]["query_imo"] == "9114555" and rows[2]["imo"] == "9114555"
    parsed = list(csv.DictReader(io.StringIO(export_text(results, "csv"))))
    assert tuple(parsed[0]) == CSV_COLUMNS and len(parsed) == 3
    document = json.loads(export_text(results, "json"))
    assert document["results"][0]["hits"][0]["name"] == "RUNG RA 2" and document["screened_at"]
    with pytest.raises(ValueError, match="csv or json"):
        export_text(results, "xml")


def test_cli_screens_an_imo_number_alone(listed_vessels: Cli) -> None:
    result = listed_vessels.ok("screen", "--imo", "9114555", "--json")
    hit = json.loads(result.stdout.splitlines()[0])
    assert (hit["name"], hit["decision"]) == ("UL JI BONG 6", "match")
    assert "UL JI BONG 6" in listed_vessels.ok("screen", "--imo", "IMO 9114555").stdout
    bad = listed_vessels("screen", "--imo", "9114556")
    assert bad.exit_code == 1 and "check digit" in bad.stderr


def test_cli_exports_hits_as_csv_and_json(listed_vessels: Cli, tmp_path: Path) -> None:
    out = tmp_path / "hits.csv"
    listed_vessels.ok("screen", "Rung Ra 2", "--format", "csv", "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["designated_name"] == "RUNG RA 2" and rows[0]["query_name"] == "Rung Ra 2"
    printed = listed_vessels.ok("screen", "--imo", "9114555", "--format", "json")
    assert json.loads(printed.stdout)["results"][0]["hits"][0]["imo"] == "9114555"
    assert listed_vessels("screen", "Rung Ra 2", "--format", "xml").exit_code == 1
