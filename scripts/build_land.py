#!/usr/bin/env python3
"""Build ``src/watchkeeper/data/maritime/land.geojson`` from Natural Earth land polygons in TopoJSON.

Natural Earth (public domain) is shipped as TopoJSON by the npm package ``world-atlas`` (v2). To regenerate:

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    .venv/bin/python scripts/build_land.py /tmp/package/land-10m.json

The 1:10m file is used: at 1:50m the Taedong estuary below Nampo and the islands off the Korean west coast
are gone, and simplified 1:10m polygons for the region are still only ~120 KB.
The TopoJSON is decoded here (quantised, delta-encoded arcs stitched into rings), each polygon is cut to the
region, rings are simplified with Douglas-Peucker at ``--tolerance`` degrees (measured on a plane where a
degree of longitude is shortened by the cosine of the region's middle latitude), islands smaller than
``--min-area`` square degrees are dropped, and coordinates are written with ``--digits`` decimals.
The output is deterministic: rerunning on the same input writes the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from watchkeeper.maritime.land import clip_polygon  # noqa: E402

OUT = ROOT / "src" / "watchkeeper" / "data" / "maritime" / "land.geojson"
REGION = (115.0, 27.0, 145.0, 48.0)  # west, south, east, north


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """Every arc as absolute (lon, lat) vertices: undo the delta encoding, then the quantisation transform."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = np.asarray(arc, dtype=np.float64)[:, :2]
        if transform:
            # Quantised positions are integers, each one a step from the previous vertex of the arc.
            points = np.cumsum(points, axis=0) * transform["scale"] + transform["translate"]
        arcs.append(points)
    return arcs


def stitch_ring(indices: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """A ring from arc indices; a negative index ~i is arc i walked backwards; shared end vertices once."""
    pieces = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        pieces.append(arc if not pieces else arc[1:])
    return np.concatenate(pieces)


def geometry_polygons(geometry: dict, arcs: list[np.ndarray]) -> list[list[np.ndarray]]:
    """The polygons (lists of rings) of a TopoJSON geometry object, collections included."""
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in geometry_polygons(g, arcs)]
    if kind == "Polygon":
        return [[stitch_ring(ring, arcs) for ring in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[stitch_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def simplify_ring(ring: np.ndarray, tolerance: float, x_scale: float) -> np.ndarray:
    """Douglas-Peucker on a closed ring: keep the vertices farther than ``tolerance`` from the kept chord."""
    plane = ring * (x_scale, 1.0)
    keep = np.zeros(len(ring), dtype=bool)
    keep[0] = keep[-1] = True
    # A closed ring's chord from first to last vertex is a point: split it at the vertex farthest from it.
    far = int(np.argmax(np.hypot(*(plane - plane[0]).T)))
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        a, b = plane[first], plane[last]
        inner = plane[first + 1 : last]
        chord = b - a
        length = math.hypot(*chord)
        if length == 0:
            distance = np.hypot(*(inner - a).T)
        else:
            distance = np.abs(chord[0] * (inner[:, 1] - a[1]) - chord[1] * (inner[:, 0] - a[0])) / length
        worst = int(np.argmax(distance))
        if distance[worst] > tolerance:
            split = first + 1 + worst
            keep[split] = True
            stack += [(first, split), (split, last)]
    return ring[keep]


def ring_area(ring: np.ndarray) -> float:
    """Unsigned shoelace area in square degrees."""
    x, y = ring[:, 0], ring[:, 1]
    return abs(float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))) / 2


def build(source: Path, tolerance: float, min_area: float, digits: int) -> dict:
    """The land GeoJSON document for REGION from one world-atlas TopoJSON file."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    if topology.get("type") != "Topology" or "land" not in topology.get("objects", {}):
        raise SystemExit(f"{source}: not a world-atlas land TopoJSON (no 'land' object)")
    arcs = decode_arcs(topology)
    x_scale = math.cos(math.radians((REGION[1] + REGION[3]) / 2))
    multipolygon = []
    vertices = 0
    for polygon in geometry_polygons(topology["objects"]["land"], arcs):
        clipped = clip_polygon(tuple(polygon), REGION)
        if clipped is None:
            continue
        rings = []
        for ring in clipped:
            simple = simplify_ring(ring, tolerance, x_scale)
            simple = np.round(simple, digits)
            simple = simple[np.r_[True, np.any(np.diff(simple, axis=0) != 0, axis=1)]]
            if len(simple) >= 4 and ring_area(simple) >= min_area:
                rings.append(simple)
            elif not rings:
                break  # the exterior vanished: drop the polygon with its holes
        if rings:
            vertices += sum(len(r) for r in rings)
            multipolygon.append([[[float(x), float(y)] for x, y in r] for r in rings])
    name = source.name
    scale = "1:10m" if "10m" in name else "1:110m" if "110m" in name else "1:50m"
    properties = {
        "source": f"Natural Earth {scale} land polygons, via the world-atlas v2 TopoJSON ({name})",
        "licence": "public domain (Natural Earth, naturalearthdata.com/about/terms-of-use)",
        "region": "lon {0:g} to {2:g} E, lat {1:g} to {3:g} N".format(*REGION),
        "tolerance_degrees": tolerance,
        "min_area_square_degrees": min_area,
        "polygons": len(multipolygon),
        "vertices": vertices,
        "built_by": "scripts/build_land.py",
    }
    geometry = {"type": "MultiPolygon", "coordinates": multipolygon}
    return {
        "type": "FeatureCollection",
        "properties": properties,
        "features": [{"type": "Feature", "properties": {"kind": "land"}, "geometry": geometry}],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas land-10m.json (or land-50m.json)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--tolerance", type=float, default=0.005, help="Douglas-Peucker tolerance, degrees")
    parser.add_argument("--min-area", type=float, default=0.0005, help="smallest island kept, square degrees")
    parser.add_argument("--digits", type=int, default=3, help="decimals of each coordinate")
    args = parser.parse_args()
    document = build(args.source, args.tolerance, args.min_area, args.digits)
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    props = document["properties"]
    print(
        f"{args.out}: {len(text) / 1024:.0f} KB, {props['polygons']} polygons, {props['vertices']} vertices"
    )


if __name__ == "__main__":
    main()
