"""Positions as Parquet in the workspace, queried with DuckDB.

Layout: ``<maritime_dir>/positions/<file id>/batch-00000.parquet``, one file per imported batch, so a batch
written twice overwrites itself (re-imports add nothing). Columns: ``mmsi`` (int64), ``ts`` (timestamp, UTC,
seconds), ``lat``/``lon`` (float64 degrees), ``sog``/``cog`` (float32 knots/degrees, NaN when not available),
``heading`` (int16, -1 when not available), ``status`` (int8 navigational status, -1 for class B),
``msg_type`` (int8).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

POSITION_SCHEMA = pa.schema(
    [
        ("mmsi", pa.int64()),
        ("ts", pa.timestamp("s", tz="UTC")),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("sog", pa.float32()),
        ("cog", pa.float32()),
        ("heading", pa.int16()),
        ("status", pa.int8()),
        ("msg_type", pa.int8()),
    ]
)


def clean_positions(columns: dict[str, np.ndarray], counts: Counter[str]) -> pa.Table:
    """Keep positions that have a time and a possible place; AIS "not available" codes become missing values.

    pyais keeps the raw codes (lat 91, lon 181, speed 102.3, course 360, heading 511); we drop positions
    without a place and store the others as NaN / -1.
    """
    mmsi, ts = columns["mmsi"], columns["ts"]
    lat, lon = columns["lat"].astype(np.float64), columns["lon"].astype(np.float64)
    msg_type = columns["msg_type"]
    long_range = msg_type == 27
    not_available = (lat == 91.0) | (lon == 181.0)
    impossible = ~not_available & ((np.abs(lat) > 90.0) | (np.abs(lon) > 180.0) | ~np.isfinite(lat + lon))
    no_time = ts < 0
    bad_mmsi = (mmsi <= 0) | (mmsi > 999_999_999)
    counts["position_not_available"] += int(not_available.sum())
    counts["impossible_coordinates"] += int(impossible.sum())
    counts["no_timestamp"] += int((no_time & ~not_available & ~impossible).sum())
    counts["invalid_mmsi"] += int((bad_mmsi & ~no_time & ~not_available & ~impossible).sum())
    keep = ~(not_available | impossible | no_time | bad_mmsi)
    speed = columns["speed"].astype(np.float64)
    course = columns["course"].astype(np.float64)
    sog = np.where(long_range, np.where(speed >= 63, np.nan, speed), np.where(speed >= 102.3, np.nan, speed))
    cog = np.where(
        long_range, np.where(course >= 511, np.nan, course), np.where(course >= 360, np.nan, course)
    )
    heading = np.where(columns["heading"] >= 360, -1, columns["heading"])
    return pa.table(
        {
            "mmsi": pa.array(mmsi[keep], pa.int64()),
            "ts": pa.array(ts[keep], pa.int64()).cast(pa.timestamp("s", tz="UTC")),
            "lat": pa.array(lat[keep]),
            "lon": pa.array(lon[keep]),
            "sog": pa.array(sog[keep].astype(np.float32)),
            "cog": pa.array(cog[keep].astype(np.float32)),
            "heading": pa.array(heading[keep].astype(np.int16)),
            "status": pa.array(np.clip(columns["status"][keep], -1, 15).astype(np.int8)),
            "msg_type": pa.array(msg_type[keep].astype(np.int8)),
        },
        schema=POSITION_SCHEMA,
    )


def positions_dir(maritime_dir: Path) -> Path:
    return maritime_dir / "positions"


def batch_path(maritime_dir: Path, file_id: str, batch: int) -> Path:
    """Where one imported batch of one file is kept."""
    return positions_dir(maritime_dir) / file_id / f"batch-{batch:05d}.parquet"


def write_batch(table: pa.Table, maritime_dir: Path, file_id: str, batch: int) -> Path:
    """Write a batch atomically (temporary file, then rename), so an interruption never leaves half a file."""
    path = batch_path(maritime_dir, file_id, batch)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.tmp")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)
    return path


def connect(threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-process DuckDB connection (optionally limited to ``threads``)."""
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def has_positions(maritime_dir: Path) -> bool:
    return any(positions_dir(maritime_dir).glob("*/*.parquet"))


def read_positions(maritime_dir: Path, con: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
    """Every stored position, duplicates (same vessel, time and place) removed, ordered by vessel and time."""
    if not has_positions(maritime_dir):
        return POSITION_SCHEMA.empty_table()
    con = con or connect()
    glob = str(positions_dir(maritime_dir) / "*" / "*.parquet")
    query = f"""
        SELECT mmsi, ts, lat, lon, any_value(sog) AS sog, any_value(cog) AS cog,
               any_value(heading) AS heading, any_value(status) AS status, any_value(msg_type) AS msg_type
        FROM read_parquet('{glob}')
        GROUP BY mmsi, ts, lat, lon
        ORDER BY mmsi, ts, lat, lon
    """
    return con.execute(query).to_arrow_table().cast(POSITION_SCHEMA)


def summary(maritime_dir: Path) -> dict[str, int]:
    """How many positions and vessels the workspace holds."""
    if not has_positions(maritime_dir):
        return {"positions": 0, "vessels": 0}
    glob = str(positions_dir(maritime_dir) / "*" / "*.parquet")
    row = connect().execute(f"SELECT count(*), count(DISTINCT mmsi) FROM read_parquet('{glob}')").fetchone()
    assert row is not None  # an aggregate without GROUP BY gives one row
    return {"positions": int(row[0]), "vessels": int(row[1])}
