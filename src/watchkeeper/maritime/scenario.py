"""A synthetic AIS scenario in the Yellow Sea, Korea Bay and East China Sea, with its planted truth.

Background traffic between ports, a crowded anchorage off Qingdao (slow vessels close together near port: no
encounter), two planted ship-to-ship transfers, dark periods, a tanker renamed and then reflagged under a new
MMSI, a lone vessel loitering, an MMSI shared by two transmitters, and port calls at Nampo, one by a vessel of
the bundled 1718 designated-vessel sample. Written as NMEA with tag-block times (plus duplicates, lines out of
order and corrupt lines) and as a MarineCadastre-style CSV; ``gold.json`` holds what was planted.
``provenance.json`` names each written file by its SHA-256 as synthetic, so ``maritime import`` flags it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

import numpy as np

from watchkeeper.maritime.encode import checksum, position_report, sentences, static_report, tag_block
from watchkeeper.maritime.provenance import write_provenance
from watchkeeper.maritime.routes import Route, dest, load_sea_lanes

START = int(datetime(2024, 3, 1, tzinfo=UTC).timestamp())
HOURS = 96


# From the lists stage's bundled sample (data/lists/un_1718_vessels.csv): a designated DPRK tanker calls at
# Nampo, and NEW REGENT / KUM UN SAN 3 (designated for a 2018 transfer) meet at sea. MMSIs are invented.
class Ship(TypedDict):
    """A vessel's identity in the scenario (and in its gold)."""

    name: str
    imo: int
    mmsi: int


DESIGNATED_AT_NAMPO: Ship = {"name": "RYE SONG GANG 1", "imo": 7389704, "mmsi": 445112000}
STS_PAIR: tuple[Ship, Ship] = (
    {"name": "NEW REGENT", "imo": 8312497, "mmsi": 352001234},
    {"name": "KUM UN SAN 3", "imo": 8705539, "mmsi": 445201000},
)


def imo_with_check_digit(six: int) -> int:
    """A seven-digit IMO number built from six digits and their check digit."""
    digits = f"{six:06d}"
    check = sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return int(digits + str(check))


@dataclass
class Plan:
    """One transmitter: waypoints (hour, lat, lon), identities over time, silent hours, report interval."""

    mmsi: int
    waypoints: list[tuple[float, float, float]]
    identities: list[tuple[float, str, int, str]]  # (from hour, name, imo, call sign)
    ship_type: int = 80
    dark: list[tuple[float, float]] = field(default_factory=list)
    interval_s: int = 180


def _plans(rng: np.random.Generator) -> tuple[list[Plan], dict]:
    gold: dict = {"encounters": [], "gaps": [], "port_calls": [], "identity_changes": [], "loitering": []}
    plans: list[Plan] = []
    lanes = load_sea_lanes()
    # Into the Taedong estuary round Changsan Cape (data/maritime/routes.yaml), and back out.
    to_nampo = lanes.passages["nampo"]
    from_nampo = to_nampo[::-1]
    a, b = STS_PAIR
    m1 = (36.20, 123.60)
    ra = Route.arriving(m1, 20, (33.5, 122.6), 10).stay(7).sail((32.5, 123.0), 10)
    plans.append(Plan(a["mmsi"], ra.waypoints, [(0, a["name"], a["imo"], "3EXR4")]))
    near = dest(*m1, 0.12, 0.08)
    nampo = (38.727, 125.385)
    rb = Route.arriving(near, 19.5, to_nampo[1], 9, via=to_nampo[:1]).stay(8)
    # 9.5 knots round Changsan Cape keeps the hour of the call (about 47 h) the direct line gave at 9.
    rb.sail_through(to_nampo, 9.5).sail(nampo, 4)
    call_b = rb.hour
    rb.stay(10).sail_through(from_nampo, 8).sail((37.9, 124.3), 10)
    plans.append(Plan(b["mmsi"], rb.waypoints, [(0, b["name"], b["imo"], "HMKU3")]))
    gold["encounters"].append(
        {
            "mmsis": [a["mmsi"], b["mmsi"]],
            "start_h": 20,
            "end_h": 27,
            "note": "designated pair (NEW REGENT, KUM UN SAN 3) side by side 7 h",
        }
    )
    # No loitering for these hours: the encounter already explains them (GFW reports the meeting only).
    gold["port_calls"].append({"mmsi": b["mmsi"], "port": "Nampo", "start_h": call_b, "end_h": call_b + 10})
    # Second transfer, then the receiving tanker goes dark for 14 h.
    m2 = (34.50, 124.30)
    c_imo, d_imo = imo_with_check_digit(923411), imo_with_check_digit(916502)
    rc = Route.arriving(m2, 50, (31.8, 122.6), 10).stay(4.5).sail((31.7, 122.6), 10)
    plans.append(Plan(511003456, rc.waypoints, [(0, "SEA HARMONY", c_imo, "T8SH2")]))
    d_near = dest(*m2, -0.1, 0.15)
    rd = Route.arriving(d_near, 50, (36.0, 123.2), 10).stay(4.5)
    leave = rd.hour
    rd.sail((37.2, 124.6), 9)
    plans.append(
        Plan(667004567, rd.waypoints, [(0, "BLUE DOLPHIN 2", d_imo, "9LBD2")], dark=[(leave + 1, leave + 15)])
    )
    gold["encounters"].append(
        {"mmsis": [511003456, 667004567], "start_h": 50, "end_h": 54.5, "note": "4.5 h at sea"}
    )
    gold["gaps"].append({"mmsi": 667004567, "start_h": leave + 1, "end_h": leave + 15})
    # A tanker out of Longkou going dark for 18 h on its way into Korea Bay.
    longkou = lanes.passages["longkou_out"]
    re_ = Route(0, longkou[0]).sail_through([*longkou[1:], (38.6, 123.0), (37.5, 124.6), (36.0, 124.8)], 8)
    plans.append(
        Plan(
            613005678,
            re_.waypoints,
            [(0, "RICH FORTUNE", imo_with_check_digit(881234), "TJRF7")],
            dark=[(10, 28)],
        )
    )
    gold["gaps"].append({"mmsi": 613005678, "start_h": 10, "end_h": 28})
    # Renamed mid-scenario, then the same IMO reappears under a new MMSI and flag.
    f_imo = imo_with_check_digit(905577)
    rf = Route(0, (33.5, 125.0)).sail((35.5, 123.5), 10).sail((33.6, 123.0), 10).sail((35.0, 124.0), 10)
    plans.append(
        Plan(
            577006789,
            rf.waypoints,
            [(0, "GOLDEN LIGHT", f_imo, "YJGL5"), (20, "SUN FLOWER 8", f_imo, "YJGL5")],
        )
    )
    rf2 = Route(rf.hour + 2, (35.05, 123.95)).sail((36.5, 123.3), 10).sail((37.5, 124.5), 10)
    plans.append(Plan(341007890, rf2.waypoints, [(0, "SUN FLOWER 8", f_imo, "V4SF8")]))
    gold["identity_changes"].append(
        {"mmsi": 577006789, "field": "name", "old": "GOLDEN LIGHT", "new": "SUN FLOWER 8"}
    )
    gold["identity_changes"].append(
        {"imo": f_imo, "field": "mmsi", "mmsis": [341007890, 577006789], "flags": ["VUT", "KNA"]}
    )
    # The designated tanker's call at Nampo.
    g = DESIGNATED_AT_NAMPO
    rg = Route.arriving(to_nampo[-1], 58, (37.3, 124.3), 9, via=to_nampo[:-1]).sail(nampo, 4)
    call_g = rg.hour
    rg.stay(12).sail_through(from_nampo, 8).sail((37.6, 124.3), 10)
    plans.append(Plan(g["mmsi"], rg.waypoints, [(0, g["name"], g["imo"], "HMRS1")]))
    gold["port_calls"].append(
        {"mmsi": g["mmsi"], "port": "Nampo", "start_h": call_g, "end_h": call_g + 12, "designated": g}
    )
    # A lone vessel loitering at sea for 6 h.
    rh = Route(0, (34.0, 123.0)).sail((35.5, 125.0), 11)
    loiter = rh.hour
    rh.stay(6).sail((37.0, 126.0), 11)
    plans.append(
        Plan(
            538008901,
            rh.waypoints,
            [(0, "PACIFIC DAWN", imo_with_check_digit(931010), "V7PD3")],
            ship_type=70,
        )
    )
    gold["loitering"].append({"mmsi": 538008901, "start_h": loiter, "end_h": loiter + 6})
    # One MMSI, two transmitters far apart: must become two segments, not a 1,000-knot vessel.
    for route in (
        Route(0, (38.6, 121.9)).sail((38.2, 123.5), 10).sail((37.55, 122.75), 10),
        Route(0, (31.2, 122.5)).sail((33.0, 124.6), 10).sail((31.5, 124.0), 10),
    ):
        plans.append(Plan(412009999, route.waypoints, [(0, "HAI XING 6", 0, "BQHX6")], 70))
    gold["shared_mmsi"] = {"mmsi": 412009999, "transmitters": 2}
    # A namesake of a designated vessel with another valid IMO: must not match.
    rp = Route(0, (32.5, 123.5)).sail((37.2, 125.6), 11)
    plans.append(Plan(477009001, rp.waypoints, [(0, "PETREL 8", imo_with_check_digit(944321), "VRPT8")], 70))
    gold["not_designated"] = {"mmsi": 477009001, "name": "PETREL 8", "reason": "different valid IMO"}
    # The crowded anchorage: 16 slow vessels 300 m apart in Qingdao's anchorage.
    anchorage = (35.99, 120.48)
    crowd = []
    for k in range(16):
        lat, lon = dest(*anchorage, 0.3 * (k // 4), 0.3 * (k % 4))
        mmsi = 413000100 + k
        crowd.append(mmsi)
        plans.append(
            Plan(
                mmsi,
                [(0, lat, lon), (HOURS, lat + 0.0008, lon + 0.0008)],
                [(0, f"QING YUAN {k + 1}", imo_with_check_digit(950000 + k), f"BQY{k:02d}")],
                70,
                interval_s=300,
            )
        )
    gold["crowded_anchorage"] = {"mmsis": crowd, "near": "Qingdao anchorage", "expected_encounters": 0}
    # Background traffic between ports at 10-14 knots, there and back.
    names = list(lanes.ports)
    for k in range(20):
        i, j = rng.choice(len(names), size=2, replace=False)
        lane = lanes.between(names[i], names[j])
        knots = float(rng.uniform(10, 14))
        route = Route(float(rng.uniform(0, 20)), lane[0]).sail_through([*lane[1:], *lane[-2::-1]], knots)
        mmsi = int(rng.choice([412, 413, 440, 441, 477, 352, 636, 538])) * 1_000_000 + 500 + k
        plans.append(
            Plan(
                mmsi,
                [w for w in route.waypoints if w[0] <= HOURS] or route.waypoints[:2],
                [(0, f"WK TRADER {k + 1}", imo_with_check_digit(960000 + k), f"WKT{k:02d}")],
                ship_type=70,
                interval_s=240,
            )
        )
    return plans, gold


def _track(plan: Plan, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Times, positions, speed and course of one transmitter's reports (silent while dark)."""
    hours = np.array([w[0] for w in plan.waypoints])
    t = np.arange(hours[0] * 3600, hours[-1] * 3600, plan.interval_s, dtype=np.float64)
    t = t + rng.integers(0, plan.interval_s // 3, len(t))
    for lo, hi in plan.dark:
        t = t[(t < lo * 3600) | (t > hi * 3600)]
    lat = np.interp(t, hours * 3600, [w[1] for w in plan.waypoints])
    lon = np.interp(t, hours * 3600, [w[2] for w in plan.waypoints])
    # Small GPS jitter (about 10 m), so a moored ship is not perfectly still.
    lat = lat + rng.normal(0, 0.0001, len(t))
    lon = lon + rng.normal(0, 0.0001, len(t))
    leg = np.clip(np.searchsorted(hours * 3600, t, side="right") - 1, 0, len(hours) - 2)
    la0, la1 = np.array([w[1] for w in plan.waypoints]), np.array([w[2] for w in plan.waypoints])
    dy = (la0[leg + 1] - la0[leg]) * 111.2
    dx = (la1[leg + 1] - la1[leg]) * 111.2 * np.cos(np.radians(lat))
    knots = np.hypot(dy, dx) / 1.852 / np.maximum(hours[leg + 1] - hours[leg], 1e-6)
    course = (np.degrees(np.arctan2(dx, dy)) + 360) % 360
    return (
        (START + t).astype(np.int64),
        lat,
        lon,
        np.round(knots + rng.uniform(0, 0.2, len(t)), 1),
        np.round(course, 1),
    )


def _quantise(value: np.ndarray) -> np.ndarray:
    # The position as AIS carries it (1/10000 minute), read back the way the decoder does.
    raw = np.round(value * 600000).astype(np.int64)
    return ((10 * raw + 3) // 6) / 1e6


def write_scenario(out_dir: Path, seed: int = 7) -> dict:
    """Write ``scenario.nmea``, ``scenario.csv``, ``gold.json`` and ``provenance.json`` into ``out_dir``;
    returns the gold."""
    rng = np.random.default_rng(seed)
    plans, gold = _plans(rng)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[int, int, float, float, float, float, str, int, str, int]] = []
    for plan in plans:
        times, lats, lons, speeds, courses = _track(plan, rng)
        lats, lons = _quantise(lats), _quantise(lons)
        for i in range(len(times)):
            hour = (times[i] - START) / 3600
            current = [ident for ident in plan.identities if ident[0] <= hour] or plan.identities[:1]
            _, name, imo, call_sign = current[-1]
            rows.append(
                (
                    int(times[i]),
                    plan.mmsi,
                    float(lats[i]),
                    float(lons[i]),
                    float(speeds[i]),
                    float(courses[i]),
                    name,
                    imo,
                    call_sign,
                    plan.ship_type,
                )
            )
    rows.sort()
    lines: list[str] = []
    last_static: dict[tuple[int, str], int] = {}
    seq = 0
    for ts, mmsi, lat, lon, sog, cog, name, imo, call_sign, ship_type in rows:
        payload = position_report(mmsi, lat, lon, sog, cog, int(cog) % 360, ts % 60, 1 if sog < 0.5 else 0)
        lines.append(tag_block(ts) + sentences(payload, 0, None)[0])
        if ts - last_static.get((mmsi, name), -(10**9)) >= 1800:
            last_static[(mmsi, name)] = ts
            static, fill = static_report(mmsi, imo, call_sign, name, ship_type, 6.5, "")
            seq = (seq + 1) % 10
            for part in sentences(static, fill, seq):
                lines.append(tag_block(ts) + part)
    gold["bad_lines"] = _spoil(lines, rng)
    (out_dir / "scenario.nmea").write_text("\n".join(lines) + "\n", encoding="ascii")
    with (out_dir / "scenario.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "MMSI",
                "BaseDateTime",
                "LAT",
                "LON",
                "SOG",
                "COG",
                "Heading",
                "VesselName",
                "IMO",
                "CallSign",
                "VesselType",
                "Status",
                "Length",
                "Width",
                "Draft",
                "Cargo",
                "TransceiverClass",
            ]
        )
        for ts, mmsi, lat, lon, sog, cog, name, imo, call_sign, ship_type in rows:
            when = datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S")
            writer.writerow(
                [
                    mmsi,
                    when,
                    f"{lat:.6f}",
                    f"{lon:.6f}",
                    sog,
                    cog,
                    int(cog) % 360,
                    name,
                    f"IMO{imo}" if imo else "",
                    call_sign,
                    ship_type,
                    0,
                    120,
                    20,
                    6.5,
                    ship_type,
                    "A",
                ]
            )
    gold.update(
        {"start": START, "hours": HOURS, "seed": seed, "positions": len(rows), "sentences": len(lines)}
    )
    (out_dir / "gold.json").write_text(json.dumps(gold, indent=1, default=int), encoding="utf-8")
    write_provenance(out_dir, ["scenario.nmea", "scenario.csv"], seed)
    return gold


def _spoil(lines: list[str], rng: np.random.Generator) -> dict[str, int]:
    """Duplicates (a second receiver), a few lines out of order, and corrupt lines, counted by reason."""
    n = len(lines)
    for i in sorted(rng.choice(n, size=200, replace=False).tolist(), reverse=True):
        if "AIVDM,1,1," in lines[i]:
            lines.insert(i + 1, lines[i])
    for i in rng.choice(n - 1, size=50, replace=False).tolist():
        if "AIVDM,1,1," in lines[i] and "AIVDM,1,1," in lines[i + 1]:
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
    bad = {"bad_checksum": 0, "wrong_field_count": 0, "not_a_sentence": 0, "truncated_multipart": 0}
    for i in rng.choice(n, size=40, replace=False).tolist():
        line = lines[i]
        if "AIVDM,1,1," not in line:
            continue
        kind = ("bad_checksum", "wrong_field_count", "not_a_sentence")[i % 3]
        if kind == "bad_checksum":
            lines[i] = line[:-1] + ("0" if line[-1] != "0" else "1")
        elif kind == "wrong_field_count":
            body = line[line.index("!") + 1 : line.rindex("*")].replace(",A,", ",A,,", 1)
            lines[i] = line[: line.index("!")] + "!" + body + "*" + checksum(body)
        else:
            lines[i] = "garbled receiver output " + str(i)
        bad[kind] += 1
    # A static report whose second sentence never arrived.
    for i in range(len(lines) - 1):
        if "AIVDM,2,1," in lines[i] and "AIVDM,2,2," in lines[i + 1]:
            del lines[i + 1]
            bad["truncated_multipart"] += 1
            break
    return bad
