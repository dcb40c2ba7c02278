"""Maritime events in the workbench: a list, an SVG map of their track excerpts and markers, and the API."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from markupsafe import Markup, escape

from watchkeeper.maritime.events import event_record, list_events
from watchkeeper.maritime.geo import load_ports
from watchkeeper.maritime.land import land_polygons
from watchkeeper.store import Store
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import templates

api_router = APIRouter(prefix="/api/v1/maritime", tags=["maritime"])
page_router = APIRouter(include_in_schema=False)
KINDS = ("encounter", "loitering", "gap", "port_call", "identity_change")
MARKERS = {"encounter": "#d62728", "loitering": "#ff7f0e", "gap": "#9467bd", "port_call": "#2ca02c"}
TRACK_COLOURS = ("#3c78c8", "#6a8f2f", "#8c5aa8", "#c06020", "#2f8f8f", "#a03c6e")
MAP_W, MAP_H, PAD = 900, 620, 40
GRID_STEPS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 45)
MIN_SPAN_DEGREES = 3.0  # the smallest view that still shows enough coast to tell where an event is
SEA, LAND, COAST = "#e3eef7", "#ece7d9", "#8c8672"
GRID = ' stroke="#b9c8d8" stroke-width="0.6"'
HALO = ' stroke="#fff" stroke-width="3" paint-order="stroke"'  # keeps a name legible over land and tracks
MARKER_R = 7
PORT_STYLE = 'fill="#fff" stroke="#444"'
# Where a port's name may sit, in order of preference: (dx, dy of the baseline, anchor). Each spot is clear of
# a marker on the port (radius 7 plus its ring); the first that overlaps no marker, no other port's square and
# no other name is used. A name with no clear spot is left out (its square keeps it as a tooltip): squeezed
# beside another port it would read as that port's name.
LABEL_SPOTS = (
    (MARKER_R + 4, -(MARKER_R + 2), "start"),
    (MARKER_R + 4, MARKER_R + 11, "start"),
    (-(MARKER_R + 4), -(MARKER_R + 2), "end"),
    (-(MARKER_R + 4), MARKER_R + 11, "end"),
)
LABEL_SIZE, CHAR_W = 11, 6.4  # font size and a generous mean glyph width, in pixels
SQUARE_REACH = 9  # how near, in pixels, another port's square may come to a name


def events(store: Store, kind: str | None = None, designated: bool = False) -> list[dict[str, Any]]:
    """Stored maritime events as records, optionally of one kind or only those with a designated vessel."""
    with store.session() as session:
        rows = [event_record(e) for e in list_events(session, kind)]
    return [r for r in rows if r["designation_ids"]] if designated else rows


def _points(record: dict[str, Any]) -> list[tuple[float, float]]:
    points = [(p["lon"], p["lat"]) for p in record["track"] if p.get("lat") is not None]
    if record.get("lat") is not None and record.get("lon") is not None:
        points.append((record["lon"], record["lat"]))
    return points


def _ticks(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step)
    return [round(n * step, 4) for n in range(first, math.floor(high / step) + 1)]


@dataclass(frozen=True)
class Frame:
    """The page's equirectangular projection: the south-west corner, x shrink and pixels per degree."""

    west: float
    south: float
    stretch: float
    scale: float

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel position of a point."""
        x = PAD + (lon - self.west) * self.stretch * self.scale
        return x, MAP_H - PAD - (lat - self.south) * self.scale


@lru_cache(maxsize=32)
def land_paths(view: tuple[float, float, float, float], frame: Frame) -> tuple[str, ...]:
    """One SVG path per land polygon in ``view``, in pixels to 0.1, vertices under a pixel apart merged."""
    xy = frame.xy
    paths = []
    for polygon in land_polygons(view):
        rings = []
        for ring in polygon:
            kept: list[tuple[float, float]] = []
            for lon, lat in ring[:-1].tolist():
                x, y = xy(lon, lat)
                if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= 0.8:
                    kept.append((round(x, 1), round(y, 1)))
            xs, ys = [p[0] for p in kept], [p[1] for p in kept]
            if len(kept) >= 3 and max(xs) - min(xs) + max(ys) - min(ys) >= 2:
                rings.append("M" + " ".join(f"{x:g},{y:g}" for x, y in kept) + "Z")
        if rings:
            paths.append(f'<path d="{"".join(rings)}"/>')
    return tuple(paths)


Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def port_labels(ports: list[tuple[float, float, str]], markers: list[tuple[float, float]]) -> list[str]:
    """SVG text for port names, each at the first of ``LABEL_SPOTS`` clear of markers, squares and names."""
    reach = MARKER_R + 2
    taken: list[Box] = [(x - reach, y - reach, x + reach, y + reach) for x, y in markers]
    squares = [(x - SQUARE_REACH, y - SQUARE_REACH, x + SQUARE_REACH, y + SQUARE_REACH) for x, y, _ in ports]
    labels = []
    for i, (x, y, name) in enumerate(ports):
        width = CHAR_W * len(name)
        blocked = taken + squares[:i] + squares[i + 1 :]
        spots = []
        for dx, dy, anchor in LABEL_SPOTS:
            left = x + dx if anchor == "start" else x + dx - width
            spots.append((x + dx, y + dy, anchor, (left, y + dy - LABEL_SIZE + 2, left + width, y + dy + 3)))
        clear = [spot for spot in spots if not any(_overlaps(spot[3], box) for box in blocked)]
        if not clear:
            continue
        tx, ty, anchor, box = clear[0]
        taken.append(box)
        labels.append(
            f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" font-size="{LABEL_SIZE}" fill="#222"'
            f"{HALO}>{escape(name)}</text>"
        )
    return labels


def map_svg(records: list[dict[str, Any]]) -> Markup:
    """Land, ports, track excerpts (a colour per vessel) and event markers, in an equirectangular SVG."""
    everything = [p for r in records for p in _points(r)]
    if not everything:
        return Markup("")
    lons, lats = [p[0] for p in everything], [p[1] for p in everything]
    west, east = min(lons) - 0.2, max(lons) + 0.2
    south, north = min(lats) - 0.2, max(lats) + 0.2
    grow = max(0.0, MIN_SPAN_DEGREES - (north - south)) / 2
    south, north = south - grow, north + grow
    stretch = math.cos(math.radians((north + south) / 2))
    grow = max(0.0, MIN_SPAN_DEGREES - (east - west) * stretch) / stretch / 2
    west, east = west - grow, east + grow
    scale = min((MAP_W - 2 * PAD) / ((east - west) * stretch), (MAP_H - 2 * PAD) / (north - south))
    # Widen the shorter side so the view fills the frame, the events centred in it.
    grow = ((MAP_W - 2 * PAD) / (stretch * scale) - (east - west)) / 2
    west, east = west - grow, east + grow
    grow = ((MAP_H - 2 * PAD) / scale - (north - south)) / 2
    south, north = south - grow, north + grow

    frame = Frame(west, south, stretch, scale)
    xy = frame.xy

    parts = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_W} {MAP_H}" role="img" '
        'aria-label="Maritime events and track excerpts over land">',
        f'<rect x="{PAD}" y="{PAD}" width="{MAP_W - 2 * PAD}" height="{MAP_H - 2 * PAD}" fill="{SEA}"/>',
        f'<g class="land" fill="{LAND}" stroke="{COAST}" stroke-width="0.7" stroke-linejoin="round">',
        *land_paths((west, south, east, north), frame),
        "</g>",
        # Land cut at the frame is stroked along it; one frame round the whole view makes that edge even.
        f'<rect x="{PAD}" y="{PAD}" width="{MAP_W - 2 * PAD}" height="{MAP_H - 2 * PAD}" fill="none" '
        f'stroke="{COAST}" stroke-width="0.7"/>',
    ]
    step = next(s for s in GRID_STEPS if max(north - south, east - west) / s <= 8)
    for lat in _ticks(south, north, step):
        _, y = xy(west, lat)
        parts.append(
            f'<line x1="{PAD}" y1="{y:.1f}" x2="{MAP_W - PAD}" y2="{y:.1f}" {GRID}/>'
            f'<text x="4" y="{y + 4:.1f}" font-size="11" fill="#5c6675">{lat:g}°</text>'
        )
    for lon in _ticks(west, east, step):
        x, _ = xy(lon, south)
        parts.append(
            f'<line x1="{x:.1f}" y1="{PAD}" x2="{x:.1f}" y2="{MAP_H - PAD}" {GRID}/>'
            f'<text x="{x - 12:.1f}" y="{MAP_H - 8}" font-size="11" fill="#5c6675">{lon:g}°</text>'
        )
    named: list[tuple[float, float, str]] = []
    for port in load_ports():
        lat, lon = port.centre
        if port.kind == "port" and west <= lon <= east and south <= lat <= north:
            x, y = xy(lon, lat)
            parts.append(
                f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" {PORT_STYLE}>'
                f"<title>{escape(port.name)}</title></rect>"
            )
            named.append((x, y, port.name))
    markers: list[tuple[float, float]] = []
    colours: dict[int, str] = {}
    for record in records:
        by_vessel: dict[int, list[str]] = {}
        for p in record["track"]:
            x, y = xy(p["lon"], p["lat"])
            by_vessel.setdefault(p["mmsi"], []).append(f"{x:.1f},{y:.1f}")
        for mmsi, line in by_vessel.items():
            colour = colours.setdefault(mmsi, TRACK_COLOURS[len(colours) % len(TRACK_COLOURS)])
            width = 2.2 if record["designation_ids"] else 1.2
            parts.append(
                f'<polyline points="{" ".join(line)}" fill="none" stroke="{colour}" stroke-width="{width}"/>'
            )
    for record in records:
        if record.get("lat") is None:
            continue
        x, y = xy(record["lon"], record["lat"])
        markers.append((x, y))
        names = ", ".join(v.get("name") or v.get("mmsi", "") for v in record["vessels"])
        title = escape(f"{record['kind'].replace('_', ' ')} {record['start_at']:%Y-%m-%d %H:%M}: {names}")
        fill = MARKERS.get(record["kind"], "#444")
        ring = ' stroke="#000" stroke-width="2"' if record["designation_ids"] else ' stroke="#fff"'
        parts.append(
            f'<a href="#ev-{escape(record["id"])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{MARKER_R}"'
            f' fill="{fill}"{ring}><title>{title}</title></circle></a>'
        )
    # Names last, so no track or marker hides them; they let clicks through to the markers beneath.
    parts += ['<g class="port-labels" pointer-events="none">', *port_labels(named, markers), "</g>", "</svg>"]
    return Markup("".join(parts))


@api_router.get("/events")
def events_api(
    kind: str | None = Query(None, description="gap, encounter, loitering, port_call or identity_change."),
    designated: bool = Query(False, description="Only events involving a designated vessel."),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    """Detected maritime events in time order with vessels, matched designations and a track excerpt."""
    return events(store, kind, designated)


@page_router.get("/maritime")
def maritime_page(
    request: Request,
    kind: str | None = None,
    designated: bool = False,
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    rows = events(store, kind if kind in KINDS else None, designated)
    return templates.TemplateResponse(
        request,
        "maritime.html",
        {
            "caller": caller,
            "rows": rows,
            "svg": map_svg(rows),
            "kinds": KINDS,
            "kind": kind or "",
            "designated": designated,
            "markers": MARKERS,
            "now": datetime.now(),
        },
    )
