"""Port and anchorage areas lie over water at the bundled land's scale; the web map keeps names visible."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import numpy as np
import pytest
from matplotlib.path import Path as MplPath

from watchkeeper.maritime.geo import load_ports, port_at
from watchkeeper.maritime.land import land_polygons
from watchkeeper.web.maritime import CHAR_W, map_svg, port_labels

PORTS = {port.name: port for port in load_ports()}


def water_share(name: str) -> float:
    """Share of a grid over the area that is not inside a Natural Earth 1:10m land polygon."""
    ring = PORTS[name].ring
    west, south, east, north = ring[:, 0].min(), ring[:, 1].min(), ring[:, 0].max(), ring[:, 1].max()
    lat, lon = (a.ravel() for a in np.mgrid[south:north:50j, west:east:50j])
    inside = PORTS[name].contains(lat, lon)
    points = np.column_stack([lon[inside], lat[inside]])
    land = np.zeros(len(points), dtype=bool)
    for polygon in land_polygons((west - 0.1, south - 0.1, east + 0.1, north + 0.1)):
        land |= MplPath(polygon[0]).contains_points(points)
    return 1 - float(land.mean())


@pytest.mark.parametrize(("name", "least"), [("Songnim", 0.7), ("Taean", 0.8), ("Nampo anchorage", 0.95)])
def test_taedong_areas_cover_the_drawn_water(name: str, least: float) -> None:
    assert water_share(name) >= least


def test_every_area_reaches_water() -> None:
    assert all(water_share(name) > 0 for name in PORTS)


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
