"""Detectors over columnar tracks: AIS gaps, loitering and port calls (encounters are in ``encounters.py``).

Each detector is a pure function ``(tracks, config, ports) -> list[Detection]``; the work is NumPy over the
whole set of positions (run boundaries from ``diff``), only the few detections become Python objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from watchkeeper.maritime.config import DetectorConfig
from watchkeeper.maritime.geo import KM_PER_NM, Port, distance_to_port_km, haversine_km, mean_lon, port_at
from watchkeeper.maritime.tracks import Tracks


@dataclass
class Detection:
    """One detected pattern, before it is matched to designations and stored as a maritime event."""

    kind: str
    mmsis: tuple[int, ...]
    start: int  # epoch seconds
    end: int
    lat: float | None
    lon: float | None
    port: str | None = None
    port_country: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    rows: np.ndarray = field(
        default_factory=lambda: np.zeros(0, dtype=np.int64)
    )  # track rows for the excerpt


Detector = Callable[[Tracks, DetectorConfig, tuple[Port, ...]], list[Detection]]


def _runs(flag: np.ndarray, segment: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (inclusive) rows of each run of True within one segment."""
    if not len(flag):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    edge = np.ones(len(flag), dtype=bool)
    edge[1:] = (flag[1:] != flag[:-1]) | (segment[1:] != segment[:-1])
    starts = np.flatnonzero(edge)
    ends = np.concatenate((starts[1:], [len(flag)])) - 1
    keep = flag[starts]
    return starts[keep], ends[keep]


def _excerpt(start: int, end: int, config: DetectorConfig, margin: int = 3) -> np.ndarray:
    """Rows of a run plus a few on either side, thinned to at most ``track_excerpt_points``."""
    rows = np.arange(max(start - margin, 0), end + margin + 1)
    if len(rows) > config.track_excerpt_points:
        rows = rows[np.linspace(0, len(rows) - 1, config.track_excerpt_points).astype(np.int64)]
    return rows


def detect_gaps(tracks: Tracks, config: DetectorConfig, ports: tuple[Port, ...]) -> list[Detection]:
    """Silences of at least ``gap_min_hours`` within a segment, with the distance and speed they imply."""
    if len(tracks) < 2:
        return []
    dt = np.diff(tracks.ts)
    gap = (tracks.segment[1:] == tracks.segment[:-1]) & (dt >= config.gap_min_hours * 3600)
    idx = np.flatnonzero(gap)
    if not len(idx):
        return []
    km = haversine_km(tracks.lat[idx], tracks.lon[idx], tracks.lat[idx + 1], tracks.lon[idx + 1])
    knots = km / KM_PER_NM / (dt[idx] / 3600.0)
    found = []
    for k, i in enumerate(idx.tolist()):
        found.append(
            Detection(
                kind="gap",
                mmsis=(int(tracks.mmsi[i]),),
                start=int(tracks.ts[i]),
                end=int(tracks.ts[i + 1]),
                lat=float(tracks.lat[i]),
                lon=float(tracks.lon[i]),
                details={
                    "hours": round(float(dt[i]) / 3600, 2),
                    "distance_km": round(float(km[k]), 2),
                    "implied_speed_knots": round(float(knots[k]), 2),
                    "end_lat": float(tracks.lat[i + 1]),
                    "end_lon": float(tracks.lon[i + 1]),
                },
                rows=_excerpt(i, i + 1, config),
            )
        )
    return found


def _speed(tracks: Tracks) -> np.ndarray:
    """Reported speed over ground, or the speed implied by the next fix where none was reported."""
    sog = tracks.sog.copy()
    missing = np.isnan(sog)
    if missing.any() and len(tracks) > 1:
        km = haversine_km(tracks.lat[:-1], tracks.lon[:-1], tracks.lat[1:], tracks.lon[1:])
        hours = np.maximum(np.diff(tracks.ts), 1) / 3600.0
        implied = np.append(km / KM_PER_NM / hours, np.nan)
        same = np.append(tracks.segment[1:] == tracks.segment[:-1], False)
        sog = np.where(missing & same, implied, sog)
    return sog


def detect_loitering(tracks: Tracks, config: DetectorConfig, ports: tuple[Port, ...]) -> list[Detection]:
    """Slow runs of ``loitering_min_hours`` or more, ``loitering_min_port_distance_km`` or more from port."""
    slow = _speed(tracks) < config.loitering_max_speed_knots
    # A long silence ends a run: what happened in it is the gap detector's business.
    split = tracks.segment.copy()
    if len(tracks) > 1:
        split[1:] += np.cumsum(np.diff(tracks.ts) >= config.gap_min_hours * 3600)
    starts, ends = _runs(slow, split)
    long = (tracks.ts[ends] - tracks.ts[starts]) >= config.loitering_min_hours * 3600
    starts, ends = starts[long], ends[long]
    found = []
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        lat, lon = float(tracks.lat[s : e + 1].mean()), mean_lon(tracks.lon[s : e + 1])
        away = float(distance_to_port_km(np.array([lat]), np.array([lon]), ports)[0])
        if away < config.loitering_min_port_distance_km:
            continue
        found.append(
            Detection(
                kind="loitering",
                mmsis=(int(tracks.mmsi[s]),),
                start=int(tracks.ts[s]),
                end=int(tracks.ts[e]),
                lat=lat,
                lon=lon,
                details={
                    "hours": round(float(tracks.ts[e] - tracks.ts[s]) / 3600, 2),
                    "median_speed_knots": round(float(np.nanmedian(tracks.sog[s : e + 1])), 2)
                    if np.isfinite(tracks.sog[s : e + 1]).any()
                    else None,
                    "port_distance_km": round(away, 1) if np.isfinite(away) else None,  # no port known: none
                },
                rows=_excerpt(s, e, config),
            )
        )
    return found


def detect_port_calls(tracks: Tracks, config: DetectorConfig, ports: tuple[Port, ...]) -> list[Detection]:
    """Stays inside a port area of at least ``port_call_min_hours`` (entry to exit fix)."""
    where = port_at(tracks.lat, tracks.lon, ports)
    # Runs of one port within a segment: encode (segment, port) so a change of either ends the run.
    inside = where >= 0
    starts, ends = _runs(inside, tracks.segment * 1000 + np.maximum(where, 0))
    long = (tracks.ts[ends] - tracks.ts[starts]) >= config.port_call_min_hours * 3600
    found = []
    for s, e in zip(starts[long].tolist(), ends[long].tolist(), strict=True):
        port = ports[int(where[s])]
        found.append(
            Detection(
                kind="port_call",
                mmsis=(int(tracks.mmsi[s]),),
                start=int(tracks.ts[s]),
                end=int(tracks.ts[e]),
                lat=float(tracks.lat[s : e + 1].mean()),
                lon=mean_lon(tracks.lon[s : e + 1]),
                port=port.name,
                port_country=port.country,
                details={"hours": round(float(tracks.ts[e] - tracks.ts[s]) / 3600, 2), "fixes": e - s + 1},
                rows=_excerpt(s, e, config),
            )
        )
    return found
