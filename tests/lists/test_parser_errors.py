"""A broken list or screening file ends in one error line naming the file and the line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.lists.conftest import BUNDLED_VESSELS
from watchkeeper.errors import InputFileError
from watchkeeper.lists.ftm import parse_ftm_file
from watchkeeper.lists.vessels_csv import parse_vessels_csv

GOOD_ENTITY = b'{"id": "v1", "schema": "Vessel", "properties": {"name": ["SAMPLE TRADER"]}}\n'


def _vessel_rows(count: int) -> bytes:
    """A header and ``count`` valid vessel rows, each with a distinct reference."""
    header = BUNDLED_VESSELS.read_bytes().splitlines()[0]
    rows = [
        f"VESSEL {i},,,km,,,,2017-10-03,res. 2371 (2017) para. 6,REF{i},,some notes".encode()
        for i in range(count)
    ]
    return b"\n".join([header, *rows]) + b"\n"


def test_latin1_vessel_header_names_line_one(tmp_path: Path) -> None:
    path = tmp_path / "vessels.csv"
    path.write_bytes(_vessel_rows(2).replace(b"name", b"n\xe4me", 1))
    with pytest.raises(InputFileError, match="not UTF-8") as info:
        parse_vessels_csv(path)
    assert (info.value.path, info.value.line) == (str(path), 1)


def test_latin1_byte_deep_in_a_vessel_csv_names_its_line(tmp_path: Path) -> None:
    # Far past the decoder's first block, so the reader's own line count would be wrong.
    data = _vessel_rows(600).replace(b"VESSEL 400,", b"VESSEL \xe9400,")
    path = tmp_path / "vessels.csv"
    path.write_bytes(data)
    with pytest.raises(InputFileError, match="not UTF-8") as info:
        parse_vessels_csv(path)
    assert info.value.line == 402


def test_latin1_ftm_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(
        GOOD_ENTITY * 2 + b'{"id": "v2", "schema": "Vessel", "properties": {"name": ["CAF\xc9"]}}\n'
    )
    with pytest.raises(InputFileError, match="not UTF-8") as info:
        parse_ftm_file(path)
    assert info.value.line == 3


@pytest.mark.parametrize("nested", [b"[" * 200_000, b'{"a": ' * 200_000], ids=["arrays", "objects"])
def test_deeply_nested_ftm_json_is_one_error(tmp_path: Path, nested: bytes) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(GOOD_ENTITY + nested + b"\n")
    with pytest.raises(InputFileError, match="nested too deeply") as info:
        parse_ftm_file(path)
    assert info.value.line == 2


@pytest.mark.parametrize("line", [b'"a string"', b'{"id": "x", "schema": ["Vessel"]}', b"[1, 2]"])
def test_ftm_line_that_is_no_entity_object(tmp_path: Path, line: bytes) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(GOOD_ENTITY + line + b"\n")
    with pytest.raises(InputFileError, match="not a FollowTheMoney entity") as info:
        parse_ftm_file(path)
    assert info.value.line == 2


def test_ftm_sanction_with_a_malformed_date_is_kept_without_it(tmp_path: Path) -> None:
    properties = b'{"entity": ["v1"], "listingDate": ["2020-13-45"]}'
    sanction = b'{"id": "s1", "schema": "Sanction", "properties": ' + properties + b"}\n"
    path = tmp_path / "feed.json"
    path.write_bytes(GOOD_ENTITY + sanction)
    (entry,) = parse_ftm_file(path).entries
    assert entry.listed_on is None


def test_screen_csv_not_utf8_is_one_line(cli: Cli, tmp_path: Path) -> None:
    cli.ok("lists", "import-vessels", str(BUNDLED_VESSELS))
    source = tmp_path / "names.csv"
    source.write_bytes(b"name\nKOREA SHIPPING\nS\xf8REN TRADING\n")
    result = cli.fails("screen", "--csv", str(source), expect="not UTF-8")
    assert f"{source}, line 3" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_huge_bad_cell_is_cut_short_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "vessels.csv"
    path.write_bytes(_vessel_rows(1).replace(b"VESSEL 0,,", b"VESSEL 0," + b"9" * 100_000 + b","))
    with pytest.raises(InputFileError, match="100000 characters") as info:
        parse_vessels_csv(path)
    assert info.value.line == 2 and len(str(info.value)) < 300
