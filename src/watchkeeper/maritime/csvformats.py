"""AIS CSV exports in the common public layouts, read with DuckDB.

- MarineCadastre (US BOEM/NOAA): ``MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,
  VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass`` with ISO times and IMO written ``IMO9123456``;
- Danish Maritime Authority: ``# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,
  COG,Heading,IMO,Callsign,Name,Ship type,...,Draught,Destination,...`` with ``dd/mm/yyyy HH:MM:SS`` times and
  "Unknown" for missing values.

Rows DuckDB cannot split into the header's columns are counted (``wrong_field_count``), never fatal. A file
DuckDB cannot read at all is refused in one line naming the first line that is not CSV (its multi-line
dialect report is not passed on).
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from watchkeeper.errors import InputFileError
from watchkeeper.maritime.positions import POSITION_SCHEMA

# Canonical column -> header names it goes by (compared lower-cased, without a leading "# ").
COLUMNS = {
    "mmsi": ("mmsi",),
    "time": ("basedatetime", "timestamp", "# timestamp", "time"),
    "lat": ("lat", "latitude"),
    "lon": ("lon", "longitude"),
    "sog": ("sog",),
    "cog": ("cog",),
    "heading": ("heading",),
    "name": ("vesselname", "name"),
    "imo": ("imo",),
    "call_sign": ("callsign",),
    "ship_type": ("vesseltype", "ship type"),
    "draught": ("draft", "draught"),
    "destination": ("destination",),
    "mobile": ("type of mobile", "transceiverclass"),
}
REQUIRED = ("mmsi", "time", "lat", "lon")
# DMA writes ship types as words; the AIS type code of each (ITU-R M.1371 table 53, first digit family).
DMA_SHIP_TYPES = {
    "fishing": 30,
    "towing": 31,
    "dredging": 33,
    "diving": 34,
    "military": 35,
    "sailing": 36,
    "pleasure": 37,
    "hsc": 40,
    "pilot": 50,
    "sar": 51,
    "tug": 52,
    "port tender": 53,
    "law enforcement": 55,
    "medical": 58,
    "passenger": 60,
    "cargo": 70,
    "tanker": 80,
}


@dataclass
class CsvBatch:
    """Positions and identity rows read from one CSV file."""

    positions: pa.Table
    identities: dict[str, np.ndarray]
    counts: Counter[str]
    rows: int


def _mapping(path: Path, header: list[str]) -> dict[str, str]:
    lowered = {h.lower().removeprefix("# ").strip(): h for h in header}
    found = {}
    for canonical, names in COLUMNS.items():
        for name in names:
            if name.removeprefix("# ") in lowered:
                found[canonical] = lowered[name.removeprefix("# ")]
                break
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise InputFileError(path, f"not an AIS CSV we know: no column for {', '.join(missing)}", line=1)
    return found


def _q(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _aggregate(con: duckdb.DuckDBPyConnection, query: str) -> tuple[Any, ...]:
    """The one row an aggregate query without GROUP BY gives."""
    row = con.execute(query).fetchone()
    assert row is not None
    return row


_SCAN_LINES = 100_000  # how far a refused file is searched for the line that makes it unreadable


def _first_bad_line(path: Path) -> tuple[int | None, str]:
    """The first line that is not UTF-8, holds NUL bytes, has open quotes or another field count, and why."""
    width = 0
    try:
        with path.open("rb") as fh:
            for number, raw in enumerate(fh, 1):
                if number > _SCAN_LINES:
                    break
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    return number, "not UTF-8 text"
                if "\x00" in text:
                    return number, "holds NUL bytes"
                try:
                    fields = next(csv.reader([text], strict=True), [])
                except csv.Error:
                    return number, "unbalanced quotes"
                if number == 1:
                    width = len(fields)
                elif fields and len(fields) != width:
                    return number, f"{len(fields)} fields where the header has {width}"
    except OSError as exc:
        return None, str(exc)
    return None, ""


def _refusal(path: Path, exc: duckdb.Error) -> InputFileError:
    """One line for a file DuckDB could not read: the first bad line found, else DuckDB's first line."""
    line, why = _first_bad_line(path)
    if not why:
        why = next((part.strip() for part in str(exc).splitlines() if part.strip()), type(exc).__name__)
        why = why.split("Error: ", 1)[-1]
    return InputFileError(path, f"cannot read as CSV: {why}", line=line)


def read_csv(path: Path) -> CsvBatch:
    """Read a MarineCadastre- or DMA-style CSV into cleaned positions and per-row identity columns."""
    try:
        return _read_csv(path)
    except duckdb.Error as exc:
        raise _refusal(path, exc) from exc


def _read_csv(path: Path) -> CsvBatch:
    con = duckdb.connect()
    quoted = str(path).replace("'", "''")
    src = f"read_csv('{quoted}', all_varchar=true, header=true, store_rejects=true)"
    con.execute(f"CREATE TEMP TABLE raw AS SELECT * FROM {src}")
    header = [r[0] for r in con.execute("DESCRIBE raw").fetchall()]
    m = _mapping(path, header)
    counts: Counter[str] = Counter()
    counts["wrong_field_count"] += int(_aggregate(con, "SELECT count(DISTINCT line) FROM reject_errors")[0])

    def col(name: str, default: str = "NULL") -> str:
        if name not in m:
            return default
        return f"NULLIF(NULLIF(trim({_q(m[name])}), ''), 'Unknown')"

    time_expr = (
        f"coalesce(TRY_CAST({col('time')} AS TIMESTAMP), TRY_STRPTIME({col('time')}, '%d/%m/%Y %H:%M:%S'))"
    )
    con.execute(f"""
        CREATE TEMP TABLE parsed AS SELECT
            TRY_CAST({col("mmsi")} AS BIGINT) AS mmsi,
            {time_expr} AS t,
            TRY_CAST({col("lat")} AS DOUBLE) AS lat,
            TRY_CAST({col("lon")} AS DOUBLE) AS lon,
            TRY_CAST({col("sog")} AS DOUBLE) AS sog,
            TRY_CAST({col("cog")} AS DOUBLE) AS cog,
            TRY_CAST({col("heading")} AS DOUBLE) AS heading,
            {col("name")} AS name,
            regexp_extract(coalesce({col("imo")}, ''), '([0-9]{{7}})', 1) AS imo,
            {col("call_sign")} AS call_sign,
            {col("ship_type")} AS ship_type,
            TRY_CAST({col("draught")} AS DOUBLE) AS draught,
            {col("destination")} AS destination,
            lower(coalesce({col("mobile")}, '')) AS mobile
        FROM raw
    """)
    total = int(_aggregate(con, "SELECT count(*) FROM parsed")[0])
    reasons = _aggregate(
        con,
        """
        SELECT
            count(*) FILTER (WHERE t IS NULL),
            count(*) FILTER (WHERE t IS NOT NULL AND (mmsi IS NULL OR mmsi <= 0 OR mmsi > 999999999)),
            count(*) FILTER (WHERE t IS NOT NULL AND mmsi BETWEEN 1 AND 999999999
                             AND (lat IS NULL OR lon IS NULL)),
            count(*) FILTER (WHERE t IS NOT NULL AND mmsi BETWEEN 1 AND 999999999
                             AND (lat = 91 OR lon = 181)),
            count(*) FILTER (WHERE t IS NOT NULL AND mmsi BETWEEN 1 AND 999999999 AND lat <> 91 AND lon <> 181
                             AND (abs(lat) > 90 OR abs(lon) > 180)),
            count(*) FILTER (WHERE mobile IN ('base station', 'aton'))
        FROM parsed
    """,
    )
    for reason, n in zip(
        (
            "bad_timestamp",
            "invalid_mmsi",
            "bad_field",
            "position_not_available",
            "impossible_coordinates",
            "not_a_vessel",
        ),
        reasons,
        strict=True,
    ):
        counts[reason] += int(n)
    good = """t IS NOT NULL AND mmsi BETWEEN 1 AND 999999999 AND lat IS NOT NULL AND lon IS NOT NULL
              AND abs(lat) <= 90 AND abs(lon) <= 180 AND NOT (lat = 91 OR lon = 181)
              AND mobile NOT IN ('base station', 'aton')"""
    positions = con.execute(f"""
        SELECT mmsi, t AT TIME ZONE 'UTC' AS ts, lat, lon,
               CASE WHEN sog >= 102.3 OR sog < 0 THEN NULL ELSE sog END::FLOAT AS sog,
               CASE WHEN cog >= 360 OR cog < 0 THEN NULL ELSE cog END::FLOAT AS cog,
               coalesce(CASE WHEN heading >= 360 OR heading < 0 THEN NULL ELSE heading END, -1)::SMALLINT
                   AS heading,
               (-1)::TINYINT AS status, (0)::TINYINT AS msg_type
        FROM parsed WHERE {good}
    """).to_arrow_table()
    table = pa.table(
        {
            "mmsi": positions["mmsi"],
            "ts": positions["ts"].cast(pa.timestamp("s", tz="UTC")),
            **{name: positions[name] for name in ("lat", "lon")},
            "sog": pa.array(positions["sog"].to_numpy(zero_copy_only=False).astype(np.float32)),
            "cog": pa.array(positions["cog"].to_numpy(zero_copy_only=False).astype(np.float32)),
            **{name: positions[name] for name in ("heading", "status", "msg_type")},
        }
    ).cast(POSITION_SCHEMA)
    # Every CSV row repeats the static data: one identity per distinct tuple, at its first and last time.
    ident = con.execute(f"""
        WITH rows AS (
            SELECT mmsi, epoch(t AT TIME ZONE 'UTC')::BIGINT AS ts, name, NULLIF(imo, '') AS imo, call_sign,
                   ship_type, draught, destination
            FROM parsed WHERE {good} AND (name IS NOT NULL OR imo <> '' OR call_sign IS NOT NULL)
        ), spans AS (
            SELECT mmsi, name, imo, call_sign, ship_type, min(ts) AS first_ts, max(ts) AS last_ts,
                   arg_max(draught, ts) AS draught, arg_max(destination, ts) AS destination
            FROM rows GROUP BY ALL
        )
        SELECT mmsi, first_ts, name, imo, call_sign, ship_type, draught, destination FROM spans
        UNION ALL
        SELECT mmsi, last_ts, name, imo, call_sign, ship_type, draught, destination FROM spans
    """).fetchall()
    return CsvBatch(table, _identity_columns(ident), counts, total)


def _ship_type(value: object) -> int:
    if value is None:
        return 0
    text = str(value).strip().lower()
    if text.isdigit():
        return int(text)
    return DMA_SHIP_TYPES.get(text, 0)


def _identity_columns(rows: list[tuple]) -> dict[str, np.ndarray]:
    """Identity rows in the shape of decoded static reports (see ``identity.observations_from_reports``)."""
    cols = list(zip(*rows, strict=True)) if rows else [()] * 8
    return {
        "mmsi": np.asarray(cols[0], dtype=np.int64),
        "ts": np.asarray(cols[1], dtype=np.int64),
        "name": np.asarray(cols[2], dtype=object),
        "imo": np.array([int(v) if v else 0 for v in cols[3]], dtype=np.int64),
        "call_sign": np.asarray(cols[4], dtype=object),
        "ship_type": np.array([_ship_type(v) for v in cols[5]], dtype=np.int64),
        "draught": np.array([v if v is not None else 0.0 for v in cols[6]], dtype=np.float64),
        "destination": np.asarray(cols[7], dtype=object),
    }
