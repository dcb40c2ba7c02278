"""Speed of the maritime stage: AIS decoding against pyais, and the gap and encounter detectors as they grow.

Run: .venv/bin/python bench/maritime.py [--quick]
- decode: NMEA lines with tag blocks built from the real sample's position reports (../shared/data/ais, or
  synthetic reports when it is absent); ours (framing + decoding, vectorised) against pyais on a subset;
- gaps and encounters: synthetic tracks of 1 M and 10 M positions (--quick: 100 k and 1 M), a fix every 10
  minutes, so resampled positions ≈ positions; baselines are plain per-position Python loops run on a slice in
  the same run; "growth" is the per-position cost at the large size over that at the small one (1.0 = linear).
Times are this process's CPU time (time.process_time), so "per core" figures hold on a busy shared machine;
NumPy runs single-threaded here.
"""

from __future__ import annotations

import argparse
import time
from functools import reduce
from operator import xor
from pathlib import Path

import numpy as np
from pyais import decode as pyais_decode

from watchkeeper.maritime.config import DetectorConfig
from watchkeeper.maritime.decode import decode
from watchkeeper.maritime.detectors import detect_gaps
from watchkeeper.maritime.encode import position_report, sentences
from watchkeeper.maritime.encounters import detect_encounters, resample
from watchkeeper.maritime.geo import haversine_km, load_ports
from watchkeeper.maritime.nmea import frame
from watchkeeper.maritime.tracks import Tracks

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ais" / "nmea_sample.txt"
CFG = DetectorConfig()


def _payload_lines() -> list[str]:
    if SAMPLE.exists():
        lines = [
            line
            for line in SAMPLE.read_text(encoding="ascii").splitlines()
            if line.startswith("!AIVDM,1,1") and line.split(",")[5][:1] in ("1", "2", "3", "B")
        ]
        if lines:
            return lines
    rng = np.random.default_rng(1)
    return [
        sentences(
            position_report(412000000 + i, 36 + rng.random(), 123 + rng.random(), 10.0, 90.0, 90, 5), 0, None
        )[0]
        for i in range(500)
    ]


def _nmea(n: int) -> bytes:
    base = _payload_lines()
    out = []
    for i in range(n):
        tag = f"s:rx1,c:{1_700_000_000 + i}"
        out.append(f"\\{tag}*{reduce(xor, tag.encode(), 0):02X}\\{base[i % len(base)]}")
    return ("\n".join(out) + "\n").encode("ascii")


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return min(times)


def bench_decode(n: int, n_pyais: int) -> None:
    data = _nmea(n)
    seconds = _best(lambda: decode(frame(data)))
    ours = n / seconds
    lines = data.decode("ascii").splitlines()[:n_pyais]
    started = time.process_time()
    for line in lines:
        pyais_decode(line)
    theirs = n_pyais / (time.process_time() - started)
    print(
        f"decode   {n:>11,} messages   ours {ours:>13,.0f} msg/s   pyais {theirs:>10,.0f} msg/s "
        f"(on {n_pyais:,})   ratio {ours / theirs:6.1f}x"
    )


def synthetic_tracks(n: int, rng: np.random.Generator, vessels: int | None = None) -> Tracks:
    """``n`` fixes, every 10 minutes, vessels of 1,000 fixes at 0-12 knots in the Yellow Sea; some go dark."""
    per = 1000
    vessels = vessels or max(n // per, 1)
    seg = np.repeat(np.arange(vessels), per)[:n]
    step = np.tile(np.arange(per), vessels)[:n]
    ts = 1_709_251_200 + step * 600
    dark = rng.random(vessels) < 0.2  # a fifth of the vessels skip 15 h in the middle of their track
    ts = ts + np.where(dark[seg] & (step >= per // 2), 15 * 3600, 0)
    lat0, lon0 = rng.uniform(31, 39, vessels), rng.uniform(120, 126, vessels)
    knots = rng.uniform(0, 12, vessels)
    heading = rng.uniform(0, 2 * np.pi, vessels)
    km = knots[seg] * 1.852 * step / 6
    lat = lat0[seg] + km * np.cos(heading[seg]) / 111.2
    lon = lon0[seg] + km * np.sin(heading[seg]) / (111.2 * np.cos(np.radians(lat0[seg])))
    return Tracks(seg + 412_000_000, ts.astype(np.int64), lat, lon, knots[seg].astype(np.float64), seg)


def _gaps_python(t: Tracks) -> int:
    found = 0
    for i in range(1, len(t)):
        if t.segment[i] == t.segment[i - 1] and t.ts[i] - t.ts[i - 1] >= CFG.gap_min_hours * 3600:
            haversine_km(t.lat[i - 1], t.lon[i - 1], t.lat[i], t.lon[i])
            found += 1
    return found


def _pairs_python(t: Tracks) -> int:
    """All pairs at each time step (the baseline blocking replaces), on a slice."""
    points = resample(t, CFG)
    found = 0
    by_step: dict[int, list[int]] = {}
    for i, s in enumerate(points.step.tolist()):
        by_step.setdefault(s, []).append(i)
    for members in by_step.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if haversine_km(points.lat[a], points.lon[a], points.lat[b], points.lon[b]) <= 0.5:
                    found += 1
    return found


def bench_detectors(sizes: tuple[int, int]) -> None:
    rng = np.random.default_rng(7)
    ports = load_ports()
    per_position: dict[str, list[float]] = {"gaps": [], "encounters": []}
    small = synthetic_tracks(20_000, rng)
    started = time.process_time()
    _gaps_python(small)
    gap_base = len(small) / (time.process_time() - started)
    pair_slice = synthetic_tracks(200_000, rng, vessels=200).take(np.arange(0, 200_000))
    pair_slice = pair_slice.take(np.flatnonzero(pair_slice.ts < pair_slice.ts.min() + 6 * 3600))
    started = time.process_time()
    _pairs_python(pair_slice)
    pair_base = len(resample(pair_slice, CFG).step) / (time.process_time() - started)
    for n in sizes:
        tracks = synthetic_tracks(n, rng)
        seconds = _best(lambda t=tracks: detect_gaps(t, CFG, ports), repeat=2)
        rate = n / seconds
        per_position["gaps"].append(seconds / n)
        print(
            f"gaps     {n:>11,} positions  {rate:>13,.0f} pos/s   python loop {gap_base:>10,.0f} pos/s"
            f"   ratio {rate / gap_base:6.1f}x"
        )
        resampled = len(resample(tracks, CFG).step)
        seconds = _best(lambda t=tracks: detect_encounters(t, CFG, ports), repeat=1)
        rate = resampled / seconds
        per_position["encounters"].append(seconds / resampled)
        print(
            f"encount. {resampled:>11,} resampled  {rate:>13,.0f} pos/s   all pairs   "
            f"{pair_base:>10,.0f} pos/s"
            f"   ratio {rate / pair_base:6.1f}x"
        )
        del tracks
    for name, costs in per_position.items():
        print(
            f"growth   {name:10} per-position cost at {sizes[1]:,} / at {sizes[0]:,}: "
            f"{costs[1] / costs[0]:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (seconds, not minutes)")
    args = parser.parse_args()
    if args.quick:
        bench_decode(200_000, 5_000)
        bench_detectors((100_000, 1_000_000))
    else:
        bench_decode(2_000_000, 20_000)
        bench_detectors((1_000_000, 10_000_000))


if __name__ == "__main__":
    main()
