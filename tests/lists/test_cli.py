"""``watchkeeper lists`` end to end on both backends: import, list, show, search, export; JSON parses."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli
from tests.lists.conftest import BUNDLED_VESSELS


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_import_list_show_search(cli: Cli, dprk_files: dict[str, Path]) -> None:
    imported = json.loads(cli.ok("lists", "import-un", str(dprk_files["2024"]), "--json").stdout)
    assert imported["added"] == 155 and imported["source"] == "un-consolidated"
    assert json.loads(cli.ok("lists", "import-un", str(dprk_files["2024"]), "--json").stdout)[
        "already_imported"
    ]
    cli.ok("lists", "import-vessels", str(BUNDLED_VESSELS))

    listed = cli.ok("lists", "list", "--schema", "Organization", "--list", "DPRK", "--json")
    organisations = _lines(listed.stdout)
    assert len(organisations) == 75
    keys = {"id", "list_id", "reference", "schema", "name", "listed_on", "legal_basis"}
    assert set(organisations[0]) >= keys
    vessels = _lines(cli.ok("lists", "list", "--schema", "Vessel", "--json").stdout)
    assert [v["imo"] for v in vessels if v["name"] == "PETREL 8"] == ["9562233"]

    shown = json.loads(cli.ok("lists", "show", "KPe.001", "--json").stdout)
    assert shown["id"] == "un-1718:KPe.001"
    assert {"name": '"KOMID"', "kind": "alias", "quality": "good"}.items() <= shown["names"][-1].items()
    assert shown["history"][0]["kind"] == "added"
    table = cli.ok("lists", "show", "un-1718:KPe.001").stdout
    assert "KOREA MINING DEVELOPMENT TRADING CORPORATION" in table and "History" in table

    snapshots = _lines(cli.ok("lists", "snapshots", "--json").stdout)
    added = [(s["source"], s["added"]) for s in snapshots]
    assert added == [("un-1718-vessels", 59), ("un-consolidated", 155)]

    hits = _lines(cli.ok("lists", "search", "ocean maritime", "--json").stdout)
    assert [h["id"] for h in hits] == ["un-1718:KPe.020"]
    assert [h["id"] for h in _lines(cli.ok("lists", "search", "MARITIME océan", "--json").stdout)] == [
        "un-1718:KPe.020"
    ]
    by_alias = _lines(cli.ok("lists", "search", "east sea shipping", "--json").stdout)
    assert [(h["id"], h["matched_kind"]) for h in by_alias] == [("un-1718:KPe.020", "alias")]
    assert cli.ok("lists", "search", "no such words anywhere", "--json").stdout == ""
    assert "KPe.020" in cli.ok("lists", "search", "ocean maritime").stdout


def test_show_unknown_is_a_user_error(cli: Cli) -> None:
    result = cli("lists", "show", "KPe.999")
    assert result.exit_code == 1 and "no designation" in result.stderr


def test_bad_vessel_csv_is_one_line_error(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "vessels.csv"
    header = BUNDLED_VESSELS.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f"{header}\nBAD SHIP,9562234,,km,,,,2017-10-03,res. 2371 (2017) para. 6,,,\n")
    result = cli("lists", "import-vessels", str(path))
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "'imo'" in result.stderr and "Traceback" not in result.stderr


def test_export_records_and_ftm(sqlite_cli: Cli, dprk_files: dict[str, Path], tmp_path: Path) -> None:
    sqlite_cli.ok("lists", "import-un", str(dprk_files["2024"]))
    records = _lines(sqlite_cli.ok("export", "--format", "json", "--type", "designation").stdout)
    assert len(records) == 155 and {r["type"] for r in records} == {"designation"}
    out = tmp_path / "lists.ftm.json"
    sqlite_cli.ok("lists", "export-ftm", "--out", str(out))
    entities = _lines(out.read_text(encoding="utf-8"))
    schemas = [e["schema"] for e in entities]
    assert schemas.count("Sanction") == 155 and schemas.count("Person") == 80
    assert _lines(sqlite_cli.ok("export", "--format", "ftm").stdout) == entities
