"""The scenario's ships stay at sea: no generated position, and no declared sea lane, lies on land."""

from __future__ import annotations

import csv
import itertools

import numpy as np
import pytest

from watchkeeper.maritime.geo import load_ports
from watchkeeper.maritime.land import on_land
from watchkeeper.maritime.routes import load_sea_lanes
from watchkeeper.maritime.scenario import write_scenario

SAMPLE_EVERY = 10
STEP_KM = 0.5  # how finely a declared lane is walked: finer than the coastline's 500 m simplification


def at_sea_or_port(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Per point: False on land outside every port area (a berth touches the coast), True otherwise."""
    ashore = on_land(lat, lon)
    for port in load_ports():
        ashore &= ~port.contains(lat, lon)
    return ~ashore


@pytest.fixture(scope="module")
def positions(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, float, float]]:
    out = tmp_path_factory.mktemp("sea-scenario")
    write_scenario(out, seed=7)
    with (out / "scenario.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [(r["MMSI"], float(r["LAT"]), float(r["LON"])) for r in rows[::SAMPLE_EVERY]]


def test_no_scenario_position_is_on_land(positions: list[tuple[str, float, float]]) -> None:
    lat = np.array([p[1] for p in positions])
    lon = np.array([p[2] for p in positions])
    ashore = np.flatnonzero(~at_sea_or_port(lat, lon))
    seen = sorted({(positions[i][0], round(lat[i], 2), round(lon[i], 2)) for i in ashore})
    assert len(positions) > 1000
    assert not seen, f"{len(ashore)} sampled positions on land, e.g. (mmsi, lat, lon) {seen[:8]}"


def _walk(points: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
    lats, lons = [], []
    for (lat1, lon1), (lat2, lon2) in itertools.pairwise(points):
        km = np.hypot(lat2 - lat1, (lon2 - lon1) * np.cos(np.radians(lat1))) * 111.2
        t = np.linspace(0, 1, max(2, int(km / STEP_KM) + 1))
        lats.append(lat1 + t * (lat2 - lat1))
        lons.append(lon1 + t * (lon2 - lon1))
    return np.concatenate(lats), np.concatenate(lons)


def test_every_declared_lane_and_passage_is_at_sea() -> None:
    lanes = load_sea_lanes()
    assert lanes.ports and lanes.passages
    legs: dict[str, list[tuple[float, float]]] = {}
    for a in lanes.ports:
        for b in lanes.ports:
            if a < b:
                legs[f"{a}-{b}"] = lanes.between(a, b)
    legs.update({f"passage {name}": points for name, points in lanes.passages.items()})
    for name, points in legs.items():
        lat, lon = _walk(points)
        ashore = np.flatnonzero(~at_sea_or_port(lat, lon))
        assert not len(ashore), f"{name} crosses land near {lat[ashore[0]]:.3f}, {lon[ashore[0]]:.3f}"


def test_a_lane_goes_round_the_shandong_peninsula() -> None:
    lane = load_sea_lanes().between("Yantai", "Lianyungang")
    # The straight line cuts across the peninsula; the lane passes east of its tip (Chengshan, 122.7 E).
    assert max(lon for _, lon in lane) > 122.7
    assert lane[0] != lane[-1] and len(lane) >= 4
