"""The 1718 designated-vessel CSV: the bundled rows, and errors naming file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.lists.conftest import BUNDLED_VESSELS
from watchkeeper.errors import InputFileError
from watchkeeper.lists import valid_imo, valid_mmsi
from watchkeeper.lists.vessels_csv import COLUMNS, parse_vessels_csv

HEADER = ",".join(COLUMNS)


def _csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "vessels.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("imo", ["9562233", "IMO 8628597", "IMO7389704", "8705539"])
def test_valid_imo(imo: str) -> None:
    assert valid_imo(imo)


@pytest.mark.parametrize("imo", ["9562234", "956223", "95622330", "IMO 86285X7", "", "5342883"])
def test_invalid_imo(imo: str) -> None:
    assert not valid_imo(imo)  # 5342883 is a company number from the UN list: its check digit fails


def test_mmsi_is_nine_digits() -> None:
    assert valid_mmsi("445114000")
    assert not valid_mmsi("44511400") and not valid_mmsi("4451140001") and not valid_mmsi("44511400A")


def test_bundled_vessels() -> None:
    parsed = parse_vessels_csv(BUNDLED_VESSELS)
    assert len(parsed.entries) == 59
    assert all(valid_imo(e.imo) for e in parsed.entries if e.imo)
    assert [e.names[0].name for e in parsed.entries if not e.imo] == ["MIN NING DE YOU 078"]
    assert all(e.list_id == "un-1718" and e.schema == "Vessel" for e in parsed.entries)
    assert all("Source" in e.details["notes"] for e in parsed.entries)
    petrel = parsed.by_id()["un-1718:IMO9562233"]
    assert petrel.name == "PETREL 8" and petrel.details["flag"] == "km"
    assert (petrel.basis_resolution, petrel.basis_paragraph) == ("2371", "6")
    kum_un_san = parsed.by_id()["un-1718:IMO8705539"]
    assert kum_un_san.listed_on is not None and kum_un_san.listed_on.isoformat() == "2018-10-16"


def test_bad_check_digit_names_line_and_field(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "GOOD,9562233,,km,,cargo ship,,2017-10-03,res. 2371 (2017) para. 6,,,",
        "BAD,9562234,,km,,cargo ship,,2017-10-03,res. 2371 (2017) para. 6,,,",
    )
    with pytest.raises(InputFileError) as info:
        parse_vessels_csv(path)
    assert (info.value.line, info.value.field) == (3, "imo")
    assert str(path) in str(info.value) and "check digit" in str(info.value)


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("X,9562233,12345,km,,,,2017-10-03,res. 2371 para. 6,,,", "mmsi"),
        ("X,9562233,,Comoros,,,,2017-10-03,res. 2371 para. 6,,,", "flag"),
        ("X,9562233,,km,,,,03/10/2017,res. 2371 para. 6,,,", "designated_on"),
        ("X,9562233,,km,,,,2017-10-03,,,,", "legal_basis"),
        (",9562233,,km,,,,2017-10-03,res. 2371 para. 6,,,", "name"),
        ("X,,,km,,,,2017-10-03,res. 2371 para. 6,,,", "reference"),
    ],
)
def test_bad_values(tmp_path: Path, row: str, field: str) -> None:
    with pytest.raises(InputFileError) as info:
        parse_vessels_csv(_csv(tmp_path, row))
    assert (info.value.line, info.value.field) == (2, field)


def test_duplicate_vessel(tmp_path: Path) -> None:
    row = "X,9562233,,km,,,,2017-10-03,res. 2371 para. 6,,,"
    with pytest.raises(InputFileError, match="already given on line 2") as info:
        parse_vessels_csv(_csv(tmp_path, row, row))
    assert info.value.line == 3


def test_missing_and_unknown_columns(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text("name,imo,tonnage\nX,9562233,100\n")
    with pytest.raises(InputFileError, match=r"missing mmsi.*unknown tonnage") as info:
        parse_vessels_csv(path)
    assert info.value.line == 1


def test_aliases_and_reference_without_imo(tmp_path: Path) -> None:
    parsed = parse_vessels_csv(
        _csv(tmp_path, "NO IMO SHIP,,,kp,,fishing,,2018-03-30,1718 Committee,UN-V-1,ALPHA; BETA ;ALPHA,")
    )
    entry = parsed.entries[0]
    assert entry.id == "un-1718:UN-V-1" and entry.imo is None
    names = [(n.kind, n.name) for n in entry.names]
    assert names == [("primary", "NO IMO SHIP"), ("alias", "ALPHA"), ("alias", "BETA")]


@given(st.text(alphabet="0123456789", min_size=6, max_size=6), st.integers(min_value=1, max_value=9))
def test_exactly_one_check_digit_fits(first_six: str, shift: int) -> None:
    check = sum(int(d) * w for d, w in zip(first_six, range(7, 1, -1), strict=True)) % 10
    assert valid_imo(f"{first_six}{check}")
    assert not valid_imo(f"{first_six}{(check + shift) % 10}")
