"""``watchkeeper regime``: load (idempotent on both backends), list/show/cap --json, user errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import Cli
from watchkeeper.regime import package_data_dir

MEASURE_JSON_KEYS = {
    "id", "resolution", "paragraph", "kind", "direction", "subject", "commodities", "description", "limits",
    "reporting", "alerts", "effective_from", "effective_to", "amends", "supersedes", "confidence", "verified",
    "amended_by", "superseded_by", "superseded_on",
}  # fmt: skip


def test_load_is_idempotent(cli: Cli) -> None:
    first = json.loads(cli.ok("regime", "load", "--json").stdout)
    assert first["inserted"] == first["resolutions"] + first["measures"] and first["previous_version"] is None
    second = json.loads(cli.ok("regime", "load", "--json").stdout)
    assert (second["inserted"], second["updated"], second["removed"]) == (0, 0, 0)
    assert second["unchanged"] == first["inserted"] and second["version"] == first["version"]
    status = json.loads(cli.ok("status", "--json").stdout)
    assert status["tables"]["measure"] == first["measures"]
    exported = [json.loads(line) for line in cli.ok("export", "--type", "measure").stdout.splitlines()]
    assert len(exported) == first["measures"] and {m["type"] for m in exported} == {"measure"}


def test_list_filters_json_lines(sqlite_cli: Cli) -> None:
    out = sqlite_cli.ok("regime", "list", "--kind", "cap", "--in-force-on", "2018-06-01", "--json").stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["2397-op4", "2397-op5"]
    assert all(set(r) >= MEASURE_JSON_KEYS and r["in_force"] for r in rows)
    by_commodity = sqlite_cli.ok(
        "regime", "list", "--commodity", "refined_petroleum", "--resolution", "2375", "--json"
    ).stdout
    assert [json.loads(line)["id"] for line in by_commodity.splitlines()] == ["2375-op14"]
    assert "2397-op5" in sqlite_cli.ok("regime", "list", "--kind", "cap").stdout


def test_show_resolution_and_measure(sqlite_cli: Cli) -> None:
    resolution = json.loads(sqlite_cli.ok("regime", "show", "2397", "--json").stdout)
    assert resolution["number"] == 2397 and resolution["adopted"] == "2017-12-22"
    assert "2397-op5" in resolution["measure_ids"]
    assert {m["id"] for m in resolution["measures"]} == set(resolution["measure_ids"])
    measure = json.loads(sqlite_cli.ok("regime", "show", "2397-op5", "--json").stdout)
    assert set(measure) >= MEASURE_JSON_KEYS
    assert measure["chain"] == [
        {
            "via": "2397-op5",
            "relation": "supersedes",
            "measure_id": "2375-op14",
            "effective_from": "2017-09-11",
        }
    ]
    old = json.loads(sqlite_cli.ok("regime", "show", "2375-op14", "--on", "2018-06-01", "--json").stdout)
    assert old["superseded_by"] == ["2397-op5"] and old["in_force"] is False
    assert "supersedes 2375-op14" in sqlite_cli.ok("regime", "show", "2397-op5").stdout


def test_cap_json(sqlite_cli: Cli) -> None:
    def ask(commodity: str, day: str) -> dict:
        return json.loads(sqlite_cli.ok("regime", "cap", commodity, "--on", day, "--json").stdout)

    cap = ask("refined_petroleum", "2018-06-01")
    assert (cap["measure_id"], cap["limit"]["value"], cap["limit"]["unit"]) == ("2397-op5", 500000, "barrels")
    assert cap["period"] == ["2018-01-01", "2018-12-31"]
    assert cap["alerts"]["thresholds_percent"] == [75, 90, 95]
    late_2017 = ask("refined_petroleum", "2017-11-15")
    assert (late_2017["measure_id"], late_2017["period"]) == ("2375-op14", ["2017-10-01", "2017-12-31"])
    none = ask("coal", "2018-01-01")
    assert none["measure_id"] is None
    assert "2397-op4" in sqlite_cli.ok("regime", "cap", "crude_oil", "--on", "2019-01-01").stdout


def test_user_errors(sqlite_cli: Cli, tmp_path: Path) -> None:
    missing = sqlite_cli("regime", "show", "2397-op99")
    assert missing.exit_code == 1 and "no measure '2397-op99'" in missing.stderr
    assert sqlite_cli("regime", "cap", "oil", "--on", "2018-01-01").exit_code == 1
    assert sqlite_cli("regime", "cap", "coal", "--on", "June 2018").exit_code == 2
    assert sqlite_cli("regime", "list", "--kind", "embargo").exit_code == 2
    data = tmp_path / "regime"
    shutil.copytree(package_data_dir(), data)
    path = data / "2397.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    kind: cap\n", "    kind: embargo\n", 1))
    broken = sqlite_cli("regime", "load", "--data", str(data))
    assert broken.exit_code == 1
    assert "2397.yaml" in broken.stderr and "kind" in broken.stderr and "Traceback" not in broken.stderr
