"""Port and anchorage areas lie over water at the bundled land's scale; the web map keeps names visible."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import numpy as np
import pytest
from matplotlib.path import Path as MplPath

from watchkeeper.maritime.geo import load_ports, port_at
from watchkeeper.maritime.land import land_polygons
from watchkeeper.web.maritime import map_svg

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
    label = re.search(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>Nampo</text>', svg)
    assert circle and label
    cx, cy, r = (float(v) for v in circle.groups())
    x, y = (float(v) for v in label.groups())
    assert svg.index(">Nampo</text>") > svg.index("<circle")  # drawn on top
    # The text starts right of the marker and its baseline is above it, so no glyph falls inside the circle.
    assert x > cx + r + 2 and y < cy - r
