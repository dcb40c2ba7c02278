"""Tracks: positions per vessel in time order, split into segments where a jump is physically implausible.

Two transmitters sharing one MMSI (or one spoofing another's) interleave their positions; a fix that would
need more than ``segment_max_speed_knots`` from the previous one starts or continues another segment.
Vessels with no such jump (nearly all) are segmented in one vectorised pass; only MMSIs with jumps take a
per-point path that attaches each fix to the open segment it can plausibly continue.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from watchkeeper.maritime.config import DetectorConfig
from watchkeeper.maritime.geo import KM_PER_NM, haversine_km


@dataclass
class Tracks:
    """Positions as columns, sorted by segment then time; ``segment`` numbers are global and dense."""

    mmsi: np.ndarray
    ts: np.ndarray  # epoch seconds
    lat: np.ndarray
    lon: np.ndarray
    sog: np.ndarray  # knots, NaN when unknown
    segment: np.ndarray

    def __len__(self) -> int:
        return len(self.ts)

    def take(self, idx: np.ndarray) -> Tracks:
        return Tracks(*(getattr(self, f)[idx] for f in ("mmsi", "ts", "lat", "lon", "sog", "segment")))

    def segment_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Start and end (exclusive) row of each segment."""
        change = np.flatnonzero(np.diff(self.segment)) + 1
        starts = np.concatenate(([0], change)) if len(self) else np.zeros(0, dtype=np.int64)
        ends = np.concatenate((change, [len(self)])) if len(self) else np.zeros(0, dtype=np.int64)
        return starts, ends


def _implausible(
    lat1: np.ndarray,
    lon1: np.ndarray,
    t1: np.ndarray,
    lat2: np.ndarray,
    lon2: np.ndarray,
    t2: np.ndarray,
    config: DetectorConfig,
) -> np.ndarray:
    km = haversine_km(lat1, lon1, lat2, lon2)
    reach = config.segment_max_speed_knots * KM_PER_NM * np.abs(t2 - t1) / 3600.0
    return km > np.maximum(reach, config.segment_noise_km)


def _split_vessel(lat: np.ndarray, lon: np.ndarray, ts: np.ndarray, config: DetectorConfig) -> np.ndarray:
    """Local segment numbers for one MMSI's time-ordered fixes: each joins the open segment it fits best."""
    last: list[int] = []  # row of the last fix of each open segment
    labels = np.empty(len(ts), dtype=np.int64)
    for i in range(len(ts)):
        if last:
            prev = np.asarray(last)
            bad = _implausible(lat[prev], lon[prev], ts[prev], lat[i], lon[i], ts[i], config)
            if not bad.all():
                km = haversine_km(lat[prev], lon[prev], lat[i], lon[i])
                choice = int(np.argmin(np.where(bad, np.inf, km)))
                labels[i] = choice
                last[choice] = i
                continue
        labels[i] = len(last)
        last.append(i)
    return labels


def build_tracks(table: pa.Table, config: DetectorConfig | None = None) -> Tracks:
    """Sort, drop repeated fixes (same vessel, time and place), and split implausible jumps into segments."""
    config = config or DetectorConfig()
    mmsi = table.column("mmsi").to_numpy().astype(np.int64)
    ts_col = table.column("ts")
    if pa.types.is_timestamp(ts_col.type):
        ts_col = ts_col.cast(pa.timestamp("s", tz="UTC")).cast(pa.int64())
    ts = ts_col.to_numpy().astype(np.int64)
    lat = table.column("lat").to_numpy().astype(np.float64)
    lon = table.column("lon").to_numpy().astype(np.float64)
    sog = table.column("sog").to_numpy(zero_copy_only=False).astype(np.float64)
    order = np.lexsort((lon, lat, ts, mmsi))
    mmsi, ts, lat, lon, sog = mmsi[order], ts[order], lat[order], lon[order], sog[order]
    if len(ts):
        repeat = np.concatenate(
            (
                [False],
                (mmsi[1:] == mmsi[:-1]) & (ts[1:] == ts[:-1]) & (lat[1:] == lat[:-1]) & (lon[1:] == lon[:-1]),
            )
        )
        keep = ~repeat
        mmsi, ts, lat, lon, sog = mmsi[keep], ts[keep], lat[keep], lon[keep], sog[keep]
    n = len(ts)
    new_vessel = np.ones(n, dtype=bool)
    if n > 1:
        new_vessel[1:] = mmsi[1:] != mmsi[:-1]
    jump = np.zeros(n, dtype=bool)
    if n > 1:
        jump[1:] = ~new_vessel[1:] & _implausible(
            lat[:-1], lon[:-1], ts[:-1], lat[1:], lon[1:], ts[1:], config
        )
    vessel_no = np.cumsum(new_vessel) - 1
    local = np.zeros(n, dtype=np.int64)
    for v in np.unique(vessel_no[jump]):
        rows = np.flatnonzero(vessel_no == v)
        local[rows] = _split_vessel(lat[rows], lon[rows], ts[rows], config)
    # Segment key: vessel number, then local segment; renumbered densely and sorted by (segment, time).
    key = vessel_no * 1_000_000 + local
    order = np.lexsort((ts, key))
    _, segment = np.unique(key[order], return_inverse=True)
    return Tracks(mmsi[order], ts[order], lat[order], lon[order], sog[order], segment.astype(np.int64))
