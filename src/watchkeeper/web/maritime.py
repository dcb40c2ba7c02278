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
# A port's name sits up and right of its square, clear of a marker on the port (radius 7 plus its ring).
LABEL_DX, LABEL_DY = MARKER_R + 4, -(MARKER_R + 2)


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
    labels = []
    for port in load_ports():
        lat, lon = port.centre
        if port.kind == "port" and west <= lon <= east and south <= lat <= north:
            x, y = xy(lon, lat)
            parts.append(f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" {PORT_STYLE}/>')
            labels.append(
                f'<text x="{x + LABEL_DX:.1f}" y="{y + LABEL_DY:.1f}" font-size="11" fill="#222"{HALO}>'
                f"{escape(port.name)}</text>"
            )
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
        names = ", ".join(v.get("name") or v.get("mmsi", "") for v in record["vessels"])
        title = escape(f"{record['kind'].replace('_', ' ')} {record['start_at']:%Y-%m-%d %H:%M}: {names}")
        fill = MARKERS.get(record["kind"], "#444")
        ring = ' stroke="#000" stroke-width="2"' if record["designation_ids"] else ' stroke="#fff"'
        parts.append(
            f'<a href="#ev-{escape(record["id"])}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{MARKER_R}"'
            f' fill="{fill}"{ring}><title>{title}</title></circle></a>'
        )
    # Names last, so no track or marker hides them; they let clicks through to the markers beneath.
    parts += ['<g class="port-labels" pointer-events="none">', *labels, "</g>", "</svg>"]
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
