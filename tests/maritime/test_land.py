"""Bundled Natural Earth land: loader, rectangle clip, TopoJSON decoder, land on the static map."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest
from matplotlib.path import Path as MplPath

from watchkeeper.maritime.geo import load_ports
from watchkeeper.maritime.land import clip_ring, land_polygons, land_source, on_land
from watchkeeper.maritime.maps import LAND, draw_map
from watchkeeper.maritime.tracks import Tracks

THEATRE = (115.0, 27.0, 145.0, 48.0)
ROOT = Path(__file__).resolve().parents[2]


def shoelace(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return abs(float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))) / 2


@pytest.mark.parametrize(
    ("place", "lat", "lon", "land"),
    [
        ("Pyongyang", 39.03, 125.75, True),
        ("Seoul", 37.57, 126.98, True),
        ("Nakhodka hinterland", 42.95, 132.95, True),
        ("Shanghai", 31.23, 121.47, True),
        ("Yellow Sea", 36.5, 123.5, False),
        ("Sea of Japan", 40.0, 133.0, False),
        ("East China Sea", 30.0, 125.0, False),
        ("Korea Bay off Nampo", 38.6, 124.9, False),
    ],
)
def test_known_places_are_on_land_or_at_sea(place: str, lat: float, lon: float, land: bool) -> None:
    assert bool(on_land(lat, lon)[0]) is land, place


def test_a_small_view_is_clipped_to_its_box_and_cached() -> None:
    box = (124.5, 38.0, 126.5, 39.5)  # the Taedong estuary and Nampo
    polygons = land_polygons(box)
    assert polygons and land_polygons(box) is polygons
    for polygon in polygons:
        for ring in polygon:
            assert np.array_equal(ring[0], ring[-1])
            assert ring[:, 0].min() >= 124.5 and ring[:, 0].max() <= 126.5
            assert ring[:, 1].min() >= 38.0 and ring[:, 1].max() <= 39.5
    assert any(MplPath(polygon[0]).contains_point((125.75, 39.03)) for polygon in polygons)  # Pyongyang
    assert not any(MplPath(polygon[0]).contains_point((124.9, 38.6)) for polygon in polygons)  # Korea Bay
    assert on_land(np.array([39.03, 38.6]), np.array([125.75, 124.9])).tolist() == [True, False]
    assert land_polygons((0.0, 40.0, 10.0, 50.0)) == ()  # Europe: outside the bundled region


def test_clip_ring_cuts_a_square_and_a_concave_ring() -> None:
    square = np.array([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], dtype=float)
    assert shoelace(clip_ring(square, (1, 1, 3, 5))) == pytest.approx(6.0)
    assert clip_ring(square, (5, 5, 6, 6)) is None
    assert shoelace(clip_ring(square, (-1, -1, 9, 9))) == pytest.approx(16.0)
    # A "U": two prongs joined at the bottom; cutting above the join keeps both prongs' area.
    u_shape = np.array([[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]], dtype=float)
    assert shoelace(clip_ring(u_shape, (0, 2, 3, 3))) == pytest.approx(2.0)


def test_bundled_file_is_small_and_names_its_source() -> None:
    path = resources.files("watchkeeper.data") / "maritime" / "land.geojson"
    assert len(path.read_bytes()) < 300_000
    source = land_source()
    assert "Natural Earth" in source["source"] and "public domain" in source["licence"]


def _build_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_land", ROOT / "scripts" / "build_land.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_topojson_arcs_are_delta_decoded_and_stitched(tmp_path: Path) -> None:
    build = _build_script()
    # Two arcs quantised on a 0.5-degree grid from (120, 30); the ring walks arc 0 then arc 1 reversed.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [120, 30]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[0, 0], [0, 4], [4, 0]]],
        "objects": {
            "land": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[0, -2]]}]}
        },
    }
    arcs = build.decode_arcs(topology)
    assert arcs[0].tolist() == [[120, 30], [122, 30], [122, 32]]
    ring = build.stitch_ring([0, -2], arcs)
    assert ring.tolist() == [[120, 30], [122, 30], [122, 32], [120, 32], [120, 30]]
    source = tmp_path / "land-10m.json"
    source.write_text(json.dumps(topology))
    document = build.build(source, tolerance=0.001, min_area=0.0, digits=3)
    coordinates = document["features"][0]["geometry"]["coordinates"]
    assert coordinates == [[[[120, 30], [122, 30], [122, 32], [120, 32], [120, 30]]]]
    assert "1:10m" in document["properties"]["source"]


def test_simplify_drops_vertices_within_the_tolerance() -> None:
    build = _build_script()
    wiggle = np.array([[0, 0], [1, 0.001], [2, 0], [2, 2], [1, 2.5], [0, 2], [0, 0]], dtype=float)
    simple = build.simplify_ring(wiggle, 0.01, 1.0)
    assert [1, 0.001] not in simple.tolist() and [1, 2.5] in simple.tolist()


def test_static_map_draws_land_under_the_tracks(tmp_path: Path) -> None:
    n = 20
    tracks = Tracks(
        mmsi=np.full(n, 477000001),
        ts=np.arange(n, dtype=np.int64) * 600,
        lat=np.linspace(37.0, 38.6, n),
        lon=np.linspace(123.5, 125.2, n),
        sog=np.full(n, 8.0),
        segment=np.zeros(n, dtype=np.int64),
    )
    events = [
        {"kind": "port_call", "lat": 38.73, "lon": 125.38, "mmsis": ["477000001"], "designation_ids": []}
    ]
    out = draw_map(tracks, events, load_ports(), tmp_path / "map.png")
    pixels = matplotlib.image.imread(out)[:, :, :3]
    land = np.array([int(LAND[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    share = np.mean(np.all(np.abs(pixels - land) < 0.01, axis=2))
    assert 0.05 < share < 0.8  # the view around Korea Bay is part land, part sea
