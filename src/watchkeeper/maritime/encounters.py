"""Encounters: two vessels side by side at sea, found without comparing every pair.

Each segment is resampled to a fixed time step (linear interpolation between fixes, never across a long
silence); each resampled position falls in a grid cell at least ``encounter_max_distance_m`` wide; candidate
pairs are points of the same time step in the same or a neighbouring cell (blocking), found with
``searchsorted`` over the sorted cell keys. The work grows with the number of positions and of near pairs,
not with its square.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from watchkeeper.maritime.config import DetectorConfig
from watchkeeper.maritime.detectors import Detection
from watchkeeper.maritime.geo import (
    KM_PER_NM,
    Port,
    distance_to_port_km,
    haversine_km,
    lon_step,
    mean_lon,
    wrap_lon,
)
from watchkeeper.maritime.tracks import Tracks

KM_PER_DEGREE = 111.195


@dataclass
class Resampled:
    """Positions at fixed time steps: step number, place, speed, and the segment and row they came from."""

    step: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    sog: np.ndarray
    segment: np.ndarray
    row: np.ndarray  # the track row just before the resampled time


def resample(tracks: Tracks, config: DetectorConfig) -> Resampled:
    """Interpolate each segment at every multiple of ``resample_minutes`` between two close-enough fixes."""
    step = config.resample_minutes * 60
    if len(tracks) < 2:
        empty = np.zeros(0)
        return Resampled(
            empty.astype(np.int64), empty, empty, empty, empty.astype(np.int64), empty.astype(np.int64)
        )
    t0, t1 = tracks.ts[:-1], tracks.ts[1:]
    dt = t1 - t0
    ok = (tracks.segment[1:] == tracks.segment[:-1]) & (dt > 0) & (dt <= config.resample_max_gap_hours * 3600)
    b0 = np.floor(t0 / step).astype(np.int64)
    b1 = np.floor(t1 / step).astype(np.int64)
    count = np.where(ok, b1 - b0, 0)
    pair = np.repeat(np.arange(len(t0)), count)
    offset = np.arange(len(pair)) - np.repeat(np.cumsum(count) - count, count) + 1
    bins = b0[pair] + offset
    frac = (bins * step - t0[pair]) / dt[pair]
    lat = tracks.lat[pair] + frac * (tracks.lat[pair + 1] - tracks.lat[pair])
    lon0 = tracks.lon[pair]
    dlon = tracks.lon[pair + 1] - lon0
    # Along the shorter way round: 179.99 to -179.99 passes through 180, not through 0.
    across = np.flatnonzero(np.abs(dlon) > 180.0)
    dlon[across] = lon_step(lon0[across], lon0[across] + dlon[across])
    lon = lon0 + frac * dlon
    lon[across] = wrap_lon(lon[across])
    sog = tracks.sog[:-1].copy()
    unknown = np.flatnonzero(np.isnan(sog))
    if len(unknown):
        # Speed implied by the next fix, only where none was reported.
        km = haversine_km(
            tracks.lat[unknown], tracks.lon[unknown], tracks.lat[unknown + 1], tracks.lon[unknown + 1]
        )
        sog[unknown] = km / KM_PER_NM / np.maximum(dt[unknown], 1) * 3600.0
    sog = sog[pair]
    return Resampled(bins, lat, lon, sog, tracks.segment[pair], pair)


def close_pairs(points: Resampled, max_distance_m: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices (a, b) of resampled points at the same step within ``max_distance_m``, and the metres."""
    if not len(points.step):
        z = np.zeros(0, dtype=np.int64)
        return z, z, np.zeros(0)
    cell_km = max_distance_m / 1000.0
    cos_min = np.cos(np.radians(min(float(np.abs(points.lat).max()), 80.0)))
    cy = np.floor(points.lat * KM_PER_DEGREE / cell_km).astype(np.int64)
    # Whole columns around the globe, each at least a cell wide; the last one neighbours the first.
    nx = max(int(360.0 * KM_PER_DEGREE * cos_min / cell_km), 3)
    cx = np.floor((points.lon + 180.0) * (nx / 360.0)).astype(np.int64)
    cx %= nx  # 180 is -180
    cy -= cy.min() - 1
    ny = int(cy.max()) + 2
    key = ((points.step - points.step.min()) * ny + cy) * nx + cx
    order = np.argsort(key, kind="stable")
    skey = key[order]
    n = len(skey)
    # Occupied cells: their keys, first sorted position and size; each point knows its cell.
    change = np.ones(n, dtype=bool)
    change[1:] = skey[1:] != skey[:-1]
    first = np.flatnonzero(change)
    cells, size = skey[first], np.diff(np.append(first, n))
    cell_of = np.cumsum(change) - 1
    col = cells % nx
    a_parts, b_parts = [], []
    # Same cell (later members only) and the four "forward" neighbours cover every unordered pair once.
    for dy, dx in ((0, 0), (0, 1), (1, -1), (1, 0), (1, 1)):
        if dy == 0 and dx == 0:
            lo = np.arange(1, n + 1)
            count = first[cell_of] + size[cell_of] - lo
        else:
            target = cells + (dy * nx + dx)
            if dx:  # wrap the column round the globe, keep the row
                target[col == (nx - 1 if dx > 0 else 0)] -= dx * nx
            j = np.searchsorted(cells, target)
            hit = j < len(cells)
            hit[hit] = cells[j[hit]] == target[hit]
            j = np.where(hit, j, 0)
            lo = first[j][cell_of]
            count = np.where(hit, size[j], 0)[cell_of]
        src = np.repeat(np.arange(n), count)
        dst = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count) + np.repeat(lo, count)
        a_parts.append(order[src])
        b_parts.append(order[dst])
    a, b = np.concatenate(a_parts), np.concatenate(b_parts)
    other = points.segment[a] != points.segment[b]
    a, b = a[other], b[other]
    metres = haversine_km(points.lat[a], points.lon[a], points.lat[b], points.lon[b]) * 1000.0
    near = metres <= max_distance_m
    return a[near], b[near], metres[near]


def unambiguous(points: Resampled, mmsi: np.ndarray) -> Resampled:
    """Drop the steps at which one MMSI is in two segments at once (shared, spoofed or jumping positions).

    Which of the two places is the vessel cannot be told, so neither is evidence that it met another.
    """
    if not len(points.step):
        return points
    # Only MMSIs with more than one segment can clash; nearly all have one, so look at the few that do.
    first = np.flatnonzero(np.diff(points.segment, prepend=-1))  # points come in segment order
    seg_mmsi = np.sort(mmsi[first])
    multi = np.unique(seg_mmsi[1:][seg_mmsi[1:] == seg_mmsi[:-1]])
    if not len(multi):
        return points
    cand = np.flatnonzero(np.isin(mmsi, multi))
    order = cand[np.lexsort((points.step[cand], mmsi[cand]))]
    ms, st = mmsi[order], points.step[order]
    same = (ms[1:] == ms[:-1]) & (st[1:] == st[:-1])
    clash = np.zeros(len(order), dtype=bool)
    clash[1:] |= same
    clash[:-1] |= same
    keep = np.ones(len(points.step), dtype=bool)
    keep[order[clash]] = False
    return Resampled(*(getattr(points, f)[keep] for f in ("step", "lat", "lon", "sog", "segment", "row")))


def detect_encounters(tracks: Tracks, config: DetectorConfig, ports: tuple[Port, ...]) -> list[Detection]:
    """Pairs of vessels within the distance for the duration, slow, and away from ports and anchorages."""
    points = resample(tracks, config)
    points = unambiguous(points, tracks.mmsi[points.row])
    a, b, metres = close_pairs(points, config.encounter_max_distance_m)
    # Orient each pair (lower segment first) and drop pairs of one MMSI's own segments.
    swap = points.segment[a] > points.segment[b]
    a, b = np.where(swap, b, a), np.where(swap, a, b)
    distinct = tracks.mmsi[points.row[a]] != tracks.mmsi[points.row[b]]
    a, b, metres = a[distinct], b[distinct], metres[distinct]
    if not len(a):
        return []
    seg_a, seg_b, step = points.segment[a], points.segment[b], points.step[a]
    order = np.lexsort((step, seg_b, seg_a))
    a, b, metres, seg_a, seg_b, step = (
        a[order],
        b[order],
        metres[order],
        seg_a[order],
        seg_b[order],
        step[order],
    )
    # A run: same pair, steps at most one missed step apart.
    new = np.ones(len(a), dtype=bool)
    new[1:] = (seg_a[1:] != seg_a[:-1]) | (seg_b[1:] != seg_b[:-1]) | (np.diff(step) > 2)
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], len(a)) - 1
    step_s = config.resample_minutes * 60
    long = (step[ends] - step[starts]) * step_s >= config.encounter_min_hours * 3600
    found = []
    for s, e in zip(starts[long].tolist(), ends[long].tolist(), strict=True):
        ia, ib = a[s : e + 1], b[s : e + 1]
        speed = float(np.nanmedian(np.concatenate((points.sog[ia], points.sog[ib]))))
        if not speed < config.encounter_max_median_speed_knots:
            continue
        lat = float(np.concatenate((points.lat[ia], points.lat[ib])).mean())
        lon = mean_lon(np.concatenate((points.lon[ia], points.lon[ib])))
        away = float(distance_to_port_km(np.array([lat]), np.array([lon]), ports)[0])
        if away < config.encounter_min_port_distance_km:
            continue
        rows_a, rows_b = points.row[ia], points.row[ib]
        found.append(
            Detection(
                kind="encounter",
                mmsis=(int(tracks.mmsi[rows_a[0]]), int(tracks.mmsi[rows_b[0]])),
                start=int(step[s] * step_s),
                end=int(step[e] * step_s),
                lat=lat,
                lon=lon,
                details={
                    "hours": round(float(step[e] - step[s]) * step_s / 3600, 2),
                    "median_distance_m": round(float(np.median(metres[s : e + 1])), 1),
                    "median_speed_knots": round(speed, 2),
                    "port_distance_km": round(away, 1) if np.isfinite(away) else None,  # no port known: none
                },
                rows=np.unique(np.concatenate((rows_a, rows_b)))[:: max(1, (e - s + 1) // 12)],
            )
        )
    return found


def _longest_uncovered(start: int, end: int, covers: list[tuple[int, int]]) -> int:
    """Seconds of the longest stretch of [start, end] outside every interval of ``covers``."""
    longest, at = 0, start
    for c0, c1 in sorted(covers):
        if c1 < at:
            continue
        if c0 > end:
            break
        longest = max(longest, c0 - at)
        at = max(at, c1)
    return max(longest, end - at)


def drop_explained_loitering(detections: list[Detection], config: DetectorConfig) -> list[Detection]:
    """Without loitering whose hours an encounter of the same vessel already explains.

    A loitering run is kept only if some stretch of it outside that vessel's encounters is itself long enough
    to be loitering (``loitering_min_hours``).
    """
    covers: dict[int, list[tuple[int, int]]] = {}
    for d in detections:
        if d.kind == "encounter":
            for mmsi in d.mmsis:
                covers.setdefault(mmsi, []).append((d.start, d.end))
    need = config.loitering_min_hours * 3600
    return [
        d
        for d in detections
        if d.kind != "loitering"
        or d.mmsis[0] not in covers
        or _longest_uncovered(d.start, d.end, covers[d.mmsis[0]]) >= need
    ]
