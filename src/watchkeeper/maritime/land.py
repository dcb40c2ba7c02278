"""Land polygons for maps: Natural Earth coastlines of the sanctions theatre (``data/maritime/land.geojson``).

The bundled file covers roughly lon 115-145 E, lat 27-48 N (Yellow Sea, East China Sea, Sea of Japan and the
Russian Far East ports); ``scripts/build_land.py`` regenerates it. Outside that box no land is drawn.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np
from matplotlib.path import Path as MplPath

Ring = np.ndarray  # (n, 2) lon, lat; closed (first vertex repeated last)
Polygon = tuple[Ring, ...]  # exterior ring first, then holes
Box = tuple[float, float, float, float]  # west, south, east, north


@lru_cache(maxsize=1)
def land_source() -> dict[str, str]:
    """The bundled file's properties: source, licence, resolution, region and tolerance."""
    return dict(_land_document()["properties"])


@lru_cache(maxsize=1)
def _land_document() -> dict:
    path = resources.files("watchkeeper.data") / "maritime" / "land.geojson"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _all_land() -> tuple[tuple[Polygon, ...], np.ndarray]:
    polygons: list[Polygon] = []
    for feature in _land_document()["features"]:
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for part in parts:
            polygons.append(tuple(np.asarray(ring, dtype=np.float64) for ring in part))
    boxes = np.array(
        [(p[0][:, 0].min(), p[0][:, 1].min(), p[0][:, 0].max(), p[0][:, 1].max()) for p in polygons]
    ).reshape(-1, 4)
    return tuple(polygons), boxes


def land_polygons(box: Box) -> tuple[Polygon, ...]:
    """Land polygons intersecting ``box`` (west, south, east, north), clipped to it; cached per box."""
    west, south, east, north = (round(float(v), 4) for v in box)
    return _clipped((west, south, east, north))


def on_land(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Per point: inside a bundled land polygon's exterior ring and none of its holes."""
    lat = np.atleast_1d(np.asarray(lat, dtype=np.float64))
    lon = np.atleast_1d(np.asarray(lon, dtype=np.float64))
    land = np.zeros(len(lat), dtype=bool)
    if not len(lat):
        return land
    points = np.column_stack([lon, lat])
    box = (float(lon.min()) - 0.1, float(lat.min()) - 0.1, float(lon.max()) + 0.1, float(lat.max()) + 0.1)
    for polygon in land_polygons(box):
        exterior, *holes = (MplPath(ring) for ring in polygon)
        inside = exterior.contains_points(points)
        for hole in holes:
            inside &= ~hole.contains_points(points)
        land |= inside
    return land


@lru_cache(maxsize=64)
def _clipped(box: Box) -> tuple[Polygon, ...]:
    polygons, boxes = _all_land()
    west, south, east, north = box
    near = (boxes[:, 0] <= east) & (boxes[:, 2] >= west) & (boxes[:, 1] <= north) & (boxes[:, 3] >= south)
    out = []
    for i in np.flatnonzero(near):
        polygon = polygons[i]
        b = boxes[i]
        if b[0] >= west and b[2] <= east and b[1] >= south and b[3] <= north:
            out.append(polygon)
            continue
        clipped = clip_polygon(polygon, box)
        if clipped:
            out.append(clipped)
    return tuple(out)


def clip_polygon(polygon: Polygon, box: Box) -> Polygon | None:
    """The polygon cut to the rectangle (Sutherland-Hodgman per ring), or None when nothing is left.

    A concave ring cut this way may keep zero-width slivers along the rectangle's edge; they fill nothing.
    """
    rings = [clip_ring(ring, box) for ring in polygon]
    if rings[0] is None:
        return None
    return tuple(r for r in rings if r is not None)


def clip_ring(ring: Ring, box: Box) -> Ring | None:
    """One closed ring cut to the rectangle, closed again; None when fewer than three vertices remain."""
    west, south, east, north = box
    points = ring[:-1] if len(ring) > 1 and np.array_equal(ring[0], ring[-1]) else ring
    for axis, limit, keep_above in ((0, west, True), (0, east, False), (1, south, True), (1, north, False)):
        if len(points) < 3:
            return None
        points = _clip_half_plane(points, axis, limit, keep_above)
    if len(points) < 3:
        return None
    return np.vstack([points, points[:1]])


def _clip_half_plane(points: np.ndarray, axis: int, limit: float, keep_above: bool) -> np.ndarray:
    """The part of an open ring on one side of ``coordinate[axis] == limit``, vectorised over its edges."""
    value = points[:, axis]
    inside = value >= limit if keep_above else value <= limit
    if inside.all():
        return points
    if not inside.any():
        return points[:0]
    previous = np.roll(points, 1, axis=0)
    previous_inside = np.roll(inside, 1)
    crossing = inside != previous_inside
    # Each edge (previous -> current) emits its crossing point, if any, then the current vertex, if inside.
    delta = points[:, axis] - previous[:, axis]
    t = np.divide(limit - previous[:, axis], delta, out=np.zeros_like(delta), where=delta != 0)
    cut = previous + t[:, None] * (points - previous)
    cut[:, axis] = limit
    emitted = np.stack([cut, points], axis=1).reshape(-1, 2)
    keep = np.stack([crossing, inside], axis=1).reshape(-1)
    return emitted[keep]
