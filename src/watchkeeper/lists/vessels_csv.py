"""Reader of the 1718 Committee's designated-vessel list, kept as CSV (the Committee publishes a PDF).

Columns (docs/lists.md): name, imo, mmsi, flag, call_sign, vessel_type, owner, designated_on, legal_basis,
reference, aliases, notes. Every value is checked; an error names the file, the line and the column.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from watchkeeper.errors import InputFileError
from watchkeeper.lists import reference_data
from watchkeeper.lists.identifiers import clean_imo, valid_imo, valid_mmsi
from watchkeeper.lists.records import (
    ListedEntry,
    ListedName,
    ParsedList,
    clean_text,
    file_hash,
    not_utf8_error,
    shown,
)

SOURCE = "un-1718-vessels"
LIST_ID = "un-1718"
COLUMNS = (
    "name",
    "imo",
    "mmsi",
    "flag",
    "call_sign",
    "vessel_type",
    "owner",
    "designated_on",
    "legal_basis",
    "reference",
    "aliases",
    "notes",
)
REQUIRED = ("name", "designated_on", "legal_basis")
_FLAG = re.compile(r"[a-z]{2}")


def _row_entry(row: dict[str, str], path: Path, line: int) -> ListedEntry:
    values = {column: clean_text(row.get(column)) for column in COLUMNS}
    for column in REQUIRED:
        if not values[column]:
            raise InputFileError(path, "a value is required", line=line, field=column)
    imo = clean_imo(values["imo"]) if values["imo"] else None
    if imo is not None and not valid_imo(imo):
        raise InputFileError(
            path,
            f"{shown(values['imo'])} is not a valid IMO number (7 digits, check digit)",
            line=line,
            field="imo",
        )
    if values["mmsi"] and not valid_mmsi(values["mmsi"]):
        raise InputFileError(
            path, f"{shown(values['mmsi'])} is not an MMSI (9 digits)", line=line, field="mmsi"
        )
    flag = values["flag"].lower() or None
    if flag is not None and not _FLAG.fullmatch(flag):
        raise InputFileError(
            path, f"{shown(values['flag'])} is not an ISO 3166 alpha-2 code", line=line, field="flag"
        )
    try:
        designated_on = date.fromisoformat(values["designated_on"])
    except ValueError as exc:
        message = f"{shown(values['designated_on'])} is not an ISO date (YYYY-MM-DD)"
        raise InputFileError(path, message, line=line, field="designated_on") from exc
    reference = values["reference"].replace(" ", "") or (f"IMO{imo}" if imo else "")
    if not reference:
        raise InputFileError(path, "either imo or reference is required", line=line, field="reference")
    names = [ListedName(values["name"])]
    for alias in (clean_text(a) for a in values["aliases"].split(";")):
        if alias and all(alias != n.name for n in names):
            names.append(ListedName(alias, "alias", "good"))
    resolution, paragraph = reference_data.basis_from_text(values["legal_basis"])
    details = {key: values[key] for key in ("call_sign", "vessel_type", "owner", "notes") if values[key]}
    if flag:
        details["flag"] = flag
    return ListedEntry(
        list_id=LIST_ID,
        reference=reference,
        schema="Vessel",
        names=names,
        listed_on=designated_on,
        legal_basis=values["legal_basis"],
        basis_resolution=resolution,
        basis_paragraph=paragraph,
        imo=imo,
        mmsi=values["mmsi"] or None,
        details=details,
    )


def parse_vessels_csv(path: Path | str) -> ParsedList:
    """Every vessel of a designated-vessel CSV file, each checked."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputFileError(path, f"cannot read: {exc.strerror}") from exc
    entries: dict[str, tuple[int, ListedEntry]] = {}
    with handle:
        reader = csv.DictReader(handle)
        try:
            header = [h.strip() for h in reader.fieldnames or []]
        except UnicodeDecodeError as exc:
            raise not_utf8_error(path, exc) from exc
        except csv.Error as exc:
            raise InputFileError(path, f"not valid CSV: {exc}", line=1) from exc
        missing = [c for c in COLUMNS if c not in header]
        unknown = [c for c in header if c not in COLUMNS]
        if missing or unknown:
            problems = ([f"missing {', '.join(missing)}"] if missing else []) + (
                [f"unknown {', '.join((u if len(u) <= 30 else u[:30] + '...') for u in unknown[:5])}"]
                if unknown
                else []
            )
            raise InputFileError(path, f"columns: {'; '.join(problems)}", line=1)
        reader.fieldnames = header
        try:
            for row in reader:
                if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                    continue
                if None in row:
                    raise InputFileError(path, "more values than columns", line=reader.line_num)
                entry = _row_entry(row, path, reader.line_num)
                if entry.id in entries:
                    first = entries[entry.id][0]
                    message = f"{entry.reference} already given on line {first}"
                    raise InputFileError(path, message, line=reader.line_num, field="imo")
                entries[entry.id] = (reader.line_num, entry)
        except UnicodeDecodeError as exc:
            raise not_utf8_error(path, exc) from exc
        except csv.Error as exc:
            raise InputFileError(path, f"not valid CSV: {exc}", line=reader.line_num) from exc
    return ParsedList(SOURCE, path, file_hash(path), None, [entry for _, entry in entries.values()])
