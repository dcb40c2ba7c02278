"""The workbench's screening CSV upload: a file the csv module cannot read is one clear error, not a crash."""

from __future__ import annotations

import csv

import pytest

from watchkeeper.web.screening import ScreeningInputError, names_from_csv


def test_a_cell_over_the_csv_field_limit_is_a_clear_error() -> None:
    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(1000)  # the process-wide limit; some libraries raise it on import
        with pytest.raises(ScreeningInputError, match="cannot be read"):
            names_from_csv(b"name\n" + b"x" * 5000 + b"\n")
    finally:
        csv.field_size_limit(limit)


def test_names_and_imo_numbers_are_read() -> None:
    assert names_from_csv(b"name,imo\nYU JONG 2,8604917\n") == [("YU JONG 2", "8604917")]
