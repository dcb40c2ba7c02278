"""An empty, header-only or cut-off list file is refused with the counts and leaves the store as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.conftest import Cli
from tests.lists.conftest import BUNDLED_VESSELS
from watchkeeper.lists.guard import ImportGuard, import_guard

EMPTY_UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2025-01-01T00:00:00"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>
"""


def _state(cli: Cli) -> tuple[list[str], list[str]]:
    """The listed designation ids and the snapshot ids: what a refused import must not change."""
    listed = [json.loads(line)["id"] for line in cli.ok("lists", "list", "--json").stdout.splitlines()]
    snapshots = [
        json.loads(line)["id"] for line in cli.ok("lists", "snapshots", "--json").stdout.splitlines()
    ]
    return listed, snapshots


def test_the_guard_setting_is_validated() -> None:
    assert import_guard().max_removed_share == pytest.approx(0.10)
    with pytest.raises(ValidationError):
        ImportGuard.model_validate({"max_removed_share": 1.5})
    with pytest.raises(ValidationError):
        ImportGuard.model_validate({"max_removed_share": 0.1, "unknown": 1})


def test_empty_un_xml_is_refused_and_nothing_changes(
    cli: Cli, dprk_files: dict[str, Path], tmp_path: Path
) -> None:
    cli.ok("lists", "import-un", str(dprk_files["2024"]))
    before = _state(cli)
    empty = tmp_path / "empty.xml"
    empty.write_text(EMPTY_UN_XML, encoding="utf-8")
    result = cli.fails("lists", "import-un", str(empty), expect="no entries")
    assert "remove 155 of 155" in result.stderr and "--allow-shrink" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _state(cli) == before


def test_allow_shrink_imports_an_empty_list(cli: Cli, dprk_files: dict[str, Path], tmp_path: Path) -> None:
    cli.ok("lists", "import-un", str(dprk_files["2024"]))
    empty = tmp_path / "empty.xml"
    empty.write_text(EMPTY_UN_XML, encoding="utf-8")
    done = json.loads(cli.ok("lists", "import-un", str(empty), "--allow-shrink", "--json").stdout)
    assert (done["entries"], done["removed"]) == (0, 155)


def test_one_delisting_passes_the_guard(cli: Cli, dprk_files: dict[str, Path]) -> None:
    cli.ok("lists", "import-un", str(dprk_files["2024"]))
    done = json.loads(cli.ok("lists", "import-un", str(dprk_files["2024-without-KPe.020"]), "--json").stdout)
    assert done["removed"] == 1


def test_header_only_vessel_csv_is_refused(cli: Cli, tmp_path: Path) -> None:
    cli.ok("lists", "import-vessels", str(BUNDLED_VESSELS))
    before = _state(cli)
    header_only = tmp_path / "vessels.csv"
    header_only.write_text(
        BUNDLED_VESSELS.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    )
    result = cli.fails("lists", "import-vessels", str(header_only), expect="no entries")
    assert "remove 59 of 59" in result.stderr
    assert _state(cli) == before


@pytest.mark.parametrize("cut", [0.5, 0.8])
def test_cut_off_vessel_csv_is_refused(cli: Cli, tmp_path: Path, cut: float) -> None:
    cli.ok("lists", "import-vessels", str(BUNDLED_VESSELS))
    before = _state(cli)
    data = BUNDLED_VESSELS.read_bytes()
    # Cut at the end of a line: a file that parses cleanly but has lost its tail.
    end = data.rfind(b"\n", 0, int(len(data) * cut)) + 1
    cut_off = tmp_path / "vessels.csv"
    cut_off.write_bytes(data[:end])
    result = cli(*("lists", "import-vessels", str(cut_off)))
    assert result.exit_code == 1 and "Error:" in result.stderr
    assert _state(cli) == before


def _ftm_vessels(count: int) -> str:
    rows = [
        {"id": f"test-vessel-{i}", "schema": "Vessel", "properties": {"name": [f"TEST CARRIER {i}"]}}
        for i in range(count)
    ]
    return "".join(json.dumps(row) + "\n" for row in rows)


def test_shrunken_ftm_feed_is_refused(cli: Cli, tmp_path: Path) -> None:
    full, partial = tmp_path / "feed.ftm.json", tmp_path / "feed-later.ftm.json"
    full.write_text(_ftm_vessels(20), encoding="utf-8")
    partial.write_text(_ftm_vessels(15), encoding="utf-8")
    cli.ok("lists", "import-ftm", str(full), "--source", "test-feed")
    before = _state(cli)
    result = cli.fails("lists", "import-ftm", str(partial), "--source", "test-feed", expect="remove 5 of 20")
    assert "25%" in result.stderr
    assert _state(cli) == before
    done = json.loads(
        cli.ok(
            "lists", "import-ftm", str(partial), "--source", "test-feed", "--allow-shrink", "--json"
        ).stdout
    )
    assert done["removed"] == 5
