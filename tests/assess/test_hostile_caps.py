"""Hostile caps CSVs: any malformed value is one error naming the file, line and field, and stores nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import Cli
from watchkeeper.assess import import_notifications
from watchkeeper.errors import InputFileError
from watchkeeper.store import Store
from watchkeeper.store.models.assess import CapNotification

HEADER = "year,month,period,reporting_state,commodity,quantity,unit,reported_on,source\n"
GOOD = "2023,4,,Russia,refined_petroleum,1200,barrels,2023-06-01,a committee notice\n"

CASES = {
    "month of 100k digits": (
        "2023," + "1" * 100_000 + ",,Russia,refined_petroleum,1,barrels,,a notice\n",
        "month",
    ),
    "year of 100k digits": ("9" * 100_000 + ",,,Russia,refined_petroleum,1,barrels,,a notice\n", "year"),
    "short row": ("2023\n", "reporting_state"),
    "empty year": (",4,,Russia,refined_petroleum,1,barrels,,a notice\n", "year"),
    "infinite quantity": (
        "2023,4,,Russia,refined_petroleum," + "9" * 400 + ",barrels,,a notice\n",
        "quantity",
    ),
    "nan quantity": ("2023,4,,Russia,refined_petroleum,nan,barrels,,a notice\n", "quantity"),
    "month with a sign": ("2023,+4,,Russia,refined_petroleum,1,barrels,,a notice\n", "month"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_malformed_value_is_one_error_naming_the_line(
    sqlite_store: Store, tmp_path: Path, case: str
) -> None:
    row, field = CASES[case]
    path = tmp_path / "caps.csv"
    path.write_text(HEADER + GOOD + row, encoding="utf-8")
    with (
        pytest.raises(InputFileError, match=rf"caps\.csv, line 3, field '{field}'"),
        sqlite_store.session() as session,
    ):
        import_notifications(session, path)
    with sqlite_store.session() as session:
        assert session.scalar(select(func.count()).select_from(CapNotification)) == 0


def test_a_field_past_the_csv_size_limit_names_the_line(sqlite_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "caps.csv"
    path.write_text(HEADER + GOOD + GOOD.replace("a committee notice", "x" * 2000), encoding="utf-8")
    previous = csv.field_size_limit(1000)  # the limit is process-wide and other libraries raise it
    try:
        with pytest.raises(InputFileError, match=r"caps\.csv, line 3: "), sqlite_store.session() as session:
            import_notifications(session, path)
    finally:
        csv.field_size_limit(previous)


def test_the_cli_prints_one_line(sqlite_cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "caps.csv"
    path.write_text(HEADER + CASES["month of 100k digits"][0], encoding="utf-8")
    result = sqlite_cli("caps", "import", str(path))
    assert result.exit_code == 1 and "line 2, field 'month'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and len(result.stderr) < 400
