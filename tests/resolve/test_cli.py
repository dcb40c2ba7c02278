"""``watchkeeper screen`` and ``watchkeeper match`` end to end, on a workspace filled by the lists stage."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import Cli


@pytest.fixture
def listed(sqlite_cli: Cli, un_excerpt: Path) -> Cli:
    sqlite_cli.ok("lists", "import-un", str(un_excerpt))
    return sqlite_cli


def test_match_json_keys(sqlite_cli: Cli) -> None:
    result = sqlite_cli.ok("match", "Kim Jong Un", "Kim Jong Il", "--json")
    record = json.loads(result.stdout)
    assert set(record) == {"a", "b", "schema", "score", "decision", "threshold", "features"}
    assert record["decision"] == "no_match"
    assert {"name", "weight", "value", "explanation", "qualifier"} == set(record["features"][0])


def test_match_vessels_with_imo(sqlite_cli: Cli) -> None:
    result = sqlite_cli.ok(
        *("match", "Chon Ma San", "Chon Ma San", "--type", "vessel"),
        *("--imo1", "8660313", "--imo2", "9562233", "--json"),
    )
    assert json.loads(result.stdout)["score"] == 0.0
    table = sqlite_cli.ok("match", "Hwang Joon-kook", "Joonkook Hwang")
    assert "match" in table.stdout and "korean_name" in table.stdout


def test_screen_json_finds_the_listing(listed: Cli) -> None:
    result = listed.ok("screen", "Korea Mining Development Trading Corp", "--json")
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert hits[0]["reference"] == "KPe.001"
    assert hits[0]["designation_id"] == "un-1718:KPe.001"
    assert hits[0]["decision"] == "match"
    result = listed.ok("screen", "리병철", "--type", "person", "--json")
    assert json.loads(result.stdout.splitlines()[0])["reference"] == "KPi.076"
    assert "KPe.002" in listed.ok("screen", "Korea Ryonbong General Corp").stdout


def test_screen_batch_csv_round_trip(listed: Cli, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "name,type,imo\n"
        "Korea Mining Development Trading Corp,organization,\n"
        "Choi Chun Yong,person,\n"
        "No Such Name,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    listed.ok("screen", "--csv", str(source), "--out", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    names = ["Korea Mining Development Trading Corp", "Choi Chun Yong", "No Such Name"]
    assert [r["name"] for r in rows] == names
    assert rows[0]["best_reference"] == "KPe.001" and rows[0]["decision"] == "match"
    assert rows[1]["best_reference"] == "KPi.054" and "korean_name" in rows[1]["explanation"]
    assert rows[2]["decision"] == "no_match" and rows[2]["best_reference"] == ""


def test_screen_user_errors(listed: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("nom\nx\n", encoding="utf-8")
    result = listed("screen", "--csv", str(bad))
    assert result.exit_code == 1 and "missing column 'name'" in result.stderr
    bad.write_text("name,type\nx,boat\n", encoding="utf-8")
    result = listed("screen", "--csv", str(bad))
    assert result.exit_code == 1 and "line 2" in result.stderr and "type" in result.stderr
    assert listed("screen", "x", "--type", "boat").exit_code == 1
    assert listed("screen").exit_code == 1


def test_screen_on_an_empty_workspace_says_what_to_do(sqlite_cli: Cli) -> None:
    result = sqlite_cli("screen", "Kim")
    assert result.exit_code == 1 and "import-un" in result.stderr


def test_screen_reads_the_lists_on_both_backends(cli: Cli, un_excerpt: Path) -> None:
    cli.ok("lists", "import-un", str(un_excerpt))
    result = cli.ok("screen", "Lee Byung-chul", "--type", "person", "--list", "un-1718", "--json")
    hit = json.loads(result.stdout.splitlines()[0])
    assert (hit["reference"], hit["decision"]) == ("KPi.076", "match")


def test_oversized_names_are_refused_with_a_clear_message(listed: Cli) -> None:
    """``screen`` and ``match`` refuse a name over the documented size with a one-line error, no traceback."""
    listed.fails("screen", "abu " * 200, expect="at most 400 characters")
    listed.fails("match", "Kim " * 60, "Kim Jong Un", expect="at most 50 words")
