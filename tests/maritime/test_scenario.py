"""The synthetic scenario end to end through the CLI: every planted event found, nothing at the anchorage."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, Cli
from watchkeeper.assess.queries import list_incidents, summary_record
from watchkeeper.assess.reviewed import reviewed_incidents
from watchkeeper.config import Settings, default_database_url
from watchkeeper.maritime.ingest import file_hash
from watchkeeper.maritime.provenance import is_synthetic_file
from watchkeeper.maritime.scenario import write_scenario
from watchkeeper.store import open_store

START_TOLERANCE_H = 1.0


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> tuple[Cli, dict, list[dict]]:
    root = tmp_path_factory.mktemp("maritime-scenario")
    workspace = root / "workspace"
    workspace.mkdir()
    shutil.copy(sqlite_template, workspace / "watchkeeper.sqlite")
    cli = Cli(Settings(workspace=workspace, database_url=default_database_url(workspace)))
    cli.ok("lists", "import-vessels", str(REPO_ROOT / "src/watchkeeper/data/lists/un_1718_vessels.csv"))
    cli.ok("maritime", "scenario", "--out", str(root / "scenario"), "--seed", "7")
    gold = json.loads((root / "scenario" / "gold.json").read_text())
    imported = json.loads(
        cli.ok("maritime", "import", str(root / "scenario" / "scenario.nmea"), "--json").stdout
    )
    assert imported["rejected"] == gold["bad_lines"]
    cli.ok("maritime", "detect")
    events = [json.loads(line) for line in cli.ok("maritime", "events", "--json").stdout.splitlines()]
    return cli, gold, events


def _hours(event: dict, gold: dict) -> tuple[float, float]:
    from datetime import datetime

    start = datetime.fromisoformat(event["start_at"]).timestamp()
    end = datetime.fromisoformat(event["end_at"]).timestamp()
    return (start - gold["start"]) / 3600, (end - gold["start"]) / 3600


def _found(events: list[dict], gold: dict, kind: str, mmsis: list[int], start_h: float, end_h: float) -> dict:
    for event in events:
        if event["kind"] != kind or sorted(event["mmsis"]) != sorted(str(m) for m in mmsis):
            continue
        start, end = _hours(event, gold)
        if abs(start - start_h) <= START_TOLERANCE_H and abs(end - end_h) <= START_TOLERANCE_H:
            return event
    raise AssertionError(f"planted {kind} of {mmsis} at {start_h:.1f}-{end_h:.1f} h not found")


def test_every_planted_transfer_is_an_encounter(scenario) -> None:
    _, gold, events = scenario
    for planted in gold["encounters"]:
        event = _found(events, gold, "encounter", planted["mmsis"], planted["start_h"], planted["end_h"])
        assert event["incident_kind"] == "ship_to_ship_transfer"
        assert "2375-op11" in event["measure_hints"]
        assert event["track"], "an encounter carries a track excerpt"
    assert len([e for e in events if e["kind"] == "encounter"]) == len(gold["encounters"])


def test_designated_pair_is_matched_by_imo(scenario) -> None:
    _, gold, events = scenario
    first = gold["encounters"][0]
    event = _found(events, gold, "encounter", first["mmsis"], first["start_h"], first["end_h"])
    assert sorted(event["designation_ids"]) == ["un-1718:IMO8312497", "un-1718:IMO8705539"]
    assert all(m["features"][0]["name"] == "imo_equal" for m in event["matches"])


def test_crowded_anchorage_is_quiet(scenario) -> None:
    _, gold, events = scenario
    crowd = {str(m) for m in gold["crowded_anchorage"]["mmsis"]}
    assert not [e for e in events if crowd & set(e["mmsis"]) and e["kind"] in ("encounter", "loitering")]


def test_dark_periods_are_gaps(scenario) -> None:
    _, gold, events = scenario
    for planted in gold["gaps"]:
        event = _found(events, gold, "gap", [planted["mmsi"]], planted["start_h"], planted["end_h"])
        assert event["details"]["hours"] >= 12
        assert event["incident_kind"] == "ais_disabled"
    assert len([e for e in events if e["kind"] == "gap"]) == len(gold["gaps"])


def test_nampo_port_calls_and_the_designated_caller(scenario) -> None:
    _, gold, events = scenario
    for planted in gold["port_calls"]:
        event = _found(events, gold, "port_call", [planted["mmsi"]], planted["start_h"], planted["end_h"])
        assert (event["port"], event["port_country"]) == ("Nampo", "PRK")
        assert "2397-op5" in event["measure_hints"]
        if "designated" in planted:
            assert event["designation_ids"] == [f"un-1718:IMO{planted['designated']['imo']}"]


def test_loitering_planted(scenario) -> None:
    _, gold, events = scenario
    for planted in gold["loitering"]:
        _found(events, gold, "loitering", [planted["mmsi"]], planted["start_h"], planted["end_h"])
    assert len([e for e in events if e["kind"] == "loitering"]) == len(gold["loitering"])


def test_rename_and_reflag(scenario) -> None:
    _, gold, events = scenario
    changes = [e for e in events if e["kind"] == "identity_change"]
    rename = next(e for e in changes if e["details"]["field"] == "name")
    assert (rename["details"]["old"], rename["details"]["new"]) == ("GOLDEN LIGHT", "SUN FLOWER 8")
    reflag = next(e for e in changes if e["details"]["field"] == "mmsi")
    assert sorted(reflag["mmsis"]) == sorted(str(m) for m in gold["identity_changes"][1]["mmsis"])
    assert (reflag["details"]["old_flag"], reflag["details"]["new_flag"]) == ("VUT", "KNA")
    assert len(changes) == len(gold["identity_changes"])


def test_namesake_with_another_imo_is_not_designated(scenario) -> None:
    _, gold, events = scenario
    namesake = str(gold["not_designated"]["mmsi"])
    assert all(not e["designation_ids"] for e in events if namesake in e["mmsis"])


def test_csv_variant_gives_the_same_events(scenario, tmp_path: Path, sqlite_template: Path) -> None:
    cli, gold, events = scenario
    workspace = tmp_path / "csv-workspace"
    workspace.mkdir()
    shutil.copy(sqlite_template, workspace / "watchkeeper.sqlite")
    csv_cli = Cli(Settings(workspace=workspace, database_url=default_database_url(workspace)))
    scenario_csv = Path(cli.settings.workspace).parent / "scenario" / "scenario.csv"
    result = json.loads(csv_cli.ok("maritime", "import", str(scenario_csv), "--json").stdout)
    assert result["format"] == "csv" and result["positions"] == gold["positions"]
    csv_cli.ok("maritime", "detect")
    csv_events = [json.loads(line) for line in csv_cli.ok("maritime", "events", "--json").stdout.splitlines()]
    key = sorted((e["kind"], tuple(e["mmsis"])) for e in events)
    assert sorted((e["kind"], tuple(e["mmsis"])) for e in csv_events) == key


def test_vessel_history_map_and_export(scenario, tmp_path: Path) -> None:
    cli, _, _ = scenario
    history = json.loads(cli.ok("maritime", "vessel", "577006789", "--json").stdout)
    assert [i["name"] for i in history["identities"]] == ["GOLDEN LIGHT", "SUN FLOWER 8"]
    assert history["flag"] == "VUT"
    vessels = [json.loads(line) for line in cli.ok("maritime", "vessels", "--json").stdout.splitlines()]
    assert len(vessels) == len({v["mmsi"] for v in vessels}) >= 40
    assert cli("maritime", "vessel", "999999999").exit_code == 1
    out = tmp_path / "map.png"
    cli.ok("maritime", "map", "--out", str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    exported = [json.loads(line) for line in cli.ok("export", "--format", "json").stdout.splitlines()]
    assert sum(1 for r in exported if r["type"] == "maritime_event") == len(
        cli.ok("maritime", "events", "--json").stdout.splitlines()
    )


def test_scenario_data_is_synthetic_from_import_to_assessed_incident(scenario) -> None:
    cli, _, events = scenario
    assert events and all(e["synthetic"] for e in events)
    cli.ok("assess")
    exported = [json.loads(line) for line in cli.ok("export", "--format", "json").stdout.splitlines()]
    maritime = [r for r in exported if r.get("type") == "maritime_event"]
    assert maritime and all(r["synthetic"] for r in maritime)
    with open_store(cli.settings).session() as session:
        everything = list_incidents(session, include_synthetic=True)
        shown = list_incidents(session)
        records = [summary_record(i, []) for i in everything]
    assert everything and not shown  # the scenario alone: nothing real to report unless asked
    assert all(r["synthetic"] for r in records)


def test_only_the_files_the_scenario_wrote_are_flagged(tmp_path: Path) -> None:
    write_scenario(tmp_path / "scenario", seed=3)
    written = tmp_path / "scenario" / "scenario.nmea"
    assert is_synthetic_file(written, file_hash(written))
    copy = tmp_path / "elsewhere" / "scenario.nmea"
    copy.parent.mkdir()
    shutil.copy(written, copy)
    assert not is_synthetic_file(copy, file_hash(copy))  # no provenance.json beside it: --synthetic flags it
    edited = tmp_path / "scenario" / "edited.nmea"
    edited.write_text(written.read_text() + "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n")
    assert not is_synthetic_file(edited, file_hash(edited))  # the manifest names content, not a folder


def test_demonstration_data_reaches_a_report_only_when_asked(scenario, tmp_path: Path) -> None:
    cli, _, _ = scenario
    cli.ok("assess")
    with open_store(cli.settings).session() as session:
        reviewed = reviewed_incidents(session)  # the analysts' view shows everything, flagged
        ledger_view = reviewed_incidents(session, include_synthetic=False)
    assert reviewed and all(item.incident.synthetic for item in reviewed) and not ledger_view
    plain, asked = tmp_path / "plain.md", tmp_path / "asked.md"
    period = ("--from", "2020-01-01", "--to", "2030-12-31", "--format", "md")
    cli.ok("report", *period, "--out", str(plain))
    cli.ok("report", *period, "--include-synthetic", "--out", str(asked))
    assert "demonstration data" not in plain.read_text(encoding="utf-8")
    text = asked.read_text(encoding="utf-8")
    assert "This report includes demonstration data" in text
    assert text.index("This report includes demonstration data") < 2000  # on its first page
