"""Port and anchorage areas lie over water at the bundled land's scale; the web map keeps names visible."""

from __future__ import annotations

import itertools
import json
import re
from datetime import UTC, datetime
from importlib import resources

import numpy as np
import pytest

from watchkeeper.maritime.geo import haversine_km, load_ports, port_at
from watchkeeper.maritime.land import on_land
from watchkeeper.web.maritime import CHAR_W, map_svg, port_labels

PORTS = {port.name: port for port in load_ports()}
PORTS_FILE = resources.files("watchkeeper.data") / "maritime" / "ports.geojson"
CENTRES = {
    f["properties"]["name"]: tuple(f["properties"]["centre"])
    for f in json.loads(PORTS_FILE.read_text("utf-8"))["features"]
}
# An area is the harbour basin or roadstead plus a landward margin of a few hundred metres so that the quays,
# which the 1:10m coast (simplified to ~500 m) may put ashore, are inside. Drawn that way every area is mostly
# water; the tightest are the areas around a straight 1:10m coast (Yantai, Haeju: 54-55 %).
LEAST_WATER = 0.5
# The quays next to a place's coordinates lie at most about 1 km inside the 1:10m coast (Nampo's north bank).
CENTRE_TO_WATER_KM = 1.5


def _grid(name: str) -> tuple[np.ndarray, np.ndarray]:
    """A 50 x 50 grid over the area's bounding box, the points inside the area kept."""
    ring = PORTS[name].ring
    west, south, east, north = ring[:, 0].min(), ring[:, 1].min(), ring[:, 0].max(), ring[:, 1].max()
    lat, lon = (a.ravel() for a in np.mgrid[south:north:50j, west:east:50j])
    inside = PORTS[name].contains(lat, lon)
    return lat[inside], lon[inside]


def water_share(name: str) -> float:
    """Share of a grid over the area that is not on Natural Earth 1:10m land."""
    lat, lon = _grid(name)
    return 1 - float(on_land(lat, lon).mean())


def _edges_cross(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether any edge of closed ring ``a`` properly crosses any edge of closed ring ``b``."""

    def side(p: np.ndarray, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        (px, py), (qx, qy), (rx, ry) = np.moveaxis(p, -1, 0), np.moveaxis(q, -1, 0), np.moveaxis(r, -1, 0)
        return np.sign((qx - px) * (ry - py) - (qy - py) * (rx - px))

    p, q = a[:-1, None, :], a[1:, None, :]
    r, s = b[None, :-1, :], b[None, 1:, :]
    return bool(((side(p, q, r) != side(p, q, s)) & (side(r, s, p) != side(r, s, q))).any())


@pytest.mark.parametrize(("name", "least"), [("Songnim", 0.7), ("Taean", 0.8), ("Nampo anchorage", 0.95)])
def test_taedong_areas_cover_the_drawn_water(name: str, least: float) -> None:
    assert water_share(name) >= least


@pytest.mark.parametrize("name", sorted(PORTS))
def test_every_area_is_mostly_water(name: str) -> None:
    assert water_share(name) >= LEAST_WATER


@pytest.mark.parametrize(("name", "least"), [("Rajin", 0.7), ("Vostochny", 0.7), ("Vladivostok", 0.7)])
def test_the_arms_route_ports_cover_their_harbours(name: str, least: float) -> None:
    # Where the DPRK-Russia shipments were tracked: Rajin Bay, Wrangel Bay, the Golden Horn.
    assert water_share(name) >= least


@pytest.mark.parametrize("name", sorted(PORTS))
def test_every_centre_is_in_its_area_next_to_its_water(name: str) -> None:
    lat, lon = CENTRES[name]
    assert PORTS[name].contains(np.array([lat]), np.array([lon]))[0]
    grid_lat, grid_lon = _grid(name)
    water = ~on_land(grid_lat, grid_lon)
    assert haversine_km(grid_lat[water], grid_lon[water], lat, lon).min() <= CENTRE_TO_WATER_KM


def test_an_area_drawn_on_land_fails_the_water_floor() -> None:
    # The check itself can fail: Slavyanka's old decagon round the town's coordinates was 4 % water.
    west, south, east, north = 131.37, 42.84, 131.41, 42.88
    lat, lon = (a.ravel() for a in np.mgrid[south:north:20j, west:east:20j])
    assert 1 - on_land(lat, lon).mean() < LEAST_WATER


def test_no_two_port_areas_overlap() -> None:
    for a, b in itertools.combinations(PORTS.values(), 2):
        assert not a.contains(b.ring[:, 1], b.ring[:, 0]).any(), (a.name, b.name)
        assert not b.contains(a.ring[:, 1], a.ring[:, 0]).any(), (a.name, b.name)
        assert not _edges_cross(a.ring, b.ring), (a.name, b.name)


def test_edges_cross_sees_an_overlap() -> None:
    square = np.array([(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)], dtype=float)
    assert _edges_cross(square, square + 1)
    assert not _edges_cross(square, square + 3)


def test_taedong_port_areas_do_not_overlap_nampo() -> None:
    nampo = PORTS["Nampo"].ring
    for name in ("Songnim", "Taean", "Nampo anchorage"):
        ring = PORTS[name].ring
        assert not PORTS["Nampo"].contains(ring[:, 1], ring[:, 0]).any()
        assert not PORTS[name].contains(nampo[:, 1], nampo[:, 0]).any()
    # A ship at Nampo's quay is at Nampo, not at a neighbour.
    ports = load_ports()
    assert ports[int(port_at(np.array([38.727]), np.array([125.385]), ports)[0])].name == "Nampo"


def test_a_marker_on_a_port_does_not_hide_its_name() -> None:
    call = {
        "id": "mev-nampo",
        "kind": "port_call",
        "start_at": datetime(2024, 3, 3, tzinfo=UTC),
        "lat": 38.727,
        "lon": 125.384,
        "vessels": [{"mmsi": "445112000", "name": "RYE SONG GANG 1"}],
        "designation_ids": ["un-1718:IMO7389704"],
        "track": [
            {"mmsi": 445112000, "lat": 38.70, "lon": 125.30},
            {"mmsi": 445112000, "lat": 38.727, "lon": 125.384},
        ],
    }
    svg = str(map_svg([call]))
    circle = re.search(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"', svg)
    label = re.search(r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(start|end)"[^>]*>Nampo</text>', svg)
    assert circle and label
    cx, cy, r = (float(v) for v in circle.groups())
    x, y = float(label[1]), float(label[2])
    assert svg.index(">Nampo</text>") > svg.index("<circle")  # drawn on top
    # The text runs away from the marker on the side of its anchor, its baseline above the marker's top.
    assert (x > cx + r + 2) if label[3] == "start" else (x < cx - r - 2)
    assert y < cy - r


def test_port_names_overlap_no_marker_and_no_other_name() -> None:
    ports = [(100.0, 100.0, "Nampo"), (112.0, 96.0, "Taean"), (130.0, 110.0, "Songnim"), (400, 300, "Haeju")]
    labels = port_labels(ports, [(100.0, 100.0)])
    boxes = []
    for label in labels:
        x, y, anchor = re.search(r'x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)"', label).groups()
        width = CHAR_W * len(re.search(r">(\w+)</text>", label)[1])
        left = float(x) if anchor == "start" else float(x) - width
        boxes.append((left, float(y) - 9, left + width, float(y) + 3))
    assert len(boxes) >= 3
    for i, (left, top, right, bottom) in enumerate(boxes):
        assert right < 91 or left > 109 or bottom < 91 or top > 109  # clear of the marker (radius 7, ring 2)
        for other in boxes[i + 1 :]:
            assert right <= other[0] or other[2] <= left or bottom <= other[1] or other[3] <= top
