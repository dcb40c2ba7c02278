"""Export of stored records in the formats the field uses: JSON lines, CSV, FollowTheMoney.

Each stage declares where its records come from in the two tables below, as ``"module:function"``
strings imported on use. A record source takes a Session and yields plain dicts, each with a ``type`` key
(``designation``, ``measure``, ``document``, ...) and the ids that link records. An FtM source yields
FollowTheMoney entity dicts (``id``, ``schema``, ``properties``).
"""

from __future__ import annotations

import csv
import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

from watchkeeper.errors import WatchkeeperError
from watchkeeper.serialization import dumps, finite, json_default

Record = dict[str, Any]
RecordSource = Callable[[Session], Iterable[Record]]

# Record sources, in the order a reader needs them (regime and lists before evidence before findings).
RECORD_SOURCES: tuple[str, ...] = (
    "watchkeeper.regime.export:records",
    "watchkeeper.lists.export:records",
    "watchkeeper.evidence.export:records",
    "watchkeeper.reading.export:records",
    "watchkeeper.maritime.export:records",
    "watchkeeper.assess.export:records",
)

# FollowTheMoney sources: where a record fits an FtM schema (Person, Organization, Vessel, Sanction, ...).
FTM_SOURCES: tuple[str, ...] = (
    "watchkeeper.lists.export:ftm_entities",
    "watchkeeper.assess.export:ftm_entities",
)

FORMATS = ("json", "csv", "ftm")


def _load(spec: str) -> RecordSource:
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def iter_records(session: Session, types: set[str] | None = None) -> Iterator[Record]:
    """Every exportable record, optionally only those whose ``type`` is in ``types``."""
    for spec in RECORD_SOURCES:
        for record in _load(spec)(session):
            if types is None or record["type"] in types:
                yield record


def iter_ftm_entities(session: Session) -> Iterator[Record]:
    """Every record that maps to a FollowTheMoney schema, as an FtM entity dict."""
    for spec in FTM_SOURCES:
        yield from _load(spec)(session)


def write_json_lines(records: Iterable[Record], out: IO[str]) -> int:
    """Write one JSON object per line; returns the count."""
    count = 0
    for record in records:
        out.write(dumps(record) + "\n")
        count += 1
    return count


def _csv_value(value: object) -> object:
    if isinstance(value, dict | list | tuple):
        return dumps(value)
    value = finite(value)
    if value is None:
        return ""
    return json_default(value) if not isinstance(value, str | int | float | bool) else value


def write_csv_dir(records: Iterable[Record], out_dir: Path) -> dict[str, int]:
    """One CSV file per record type in ``out_dir`` (nested values as JSON); returns counts per type."""
    by_type: dict[str, list[Record]] = {}
    for record in records:
        by_type.setdefault(record["type"], []).append(record)
    out_dir.mkdir(parents=True, exist_ok=True)
    for record_type, rows in by_type.items():
        columns: list[str] = []
        for row in rows:
            columns.extend(k for k in row if k not in columns)
        with (out_dir / f"{record_type}.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _csv_value(row.get(k)) for k in columns})
    return {t: len(rows) for t, rows in by_type.items()}


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise WatchkeeperError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt
