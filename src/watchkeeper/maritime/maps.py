"""A static map of tracks and events (matplotlib, PNG or SVG by the file's suffix)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from watchkeeper.errors import WatchkeeperError
from watchkeeper.maritime.geo import Port
from watchkeeper.maritime.land import Box, land_polygons
from watchkeeper.maritime.tracks import Tracks

EVENT_STYLE = {
    "encounter": ("*", "#d62728", 180),
    "loitering": ("o", "#ff7f0e", 60),
    "gap": ("x", "#9467bd", 70),
    "port_call": ("s", "#2ca02c", 60),
}
SEA, LAND, COAST = "#e3eef7", "#ece7d9", "#8c8672"
MIN_SPAN_DEGREES = 2.0  # a view narrower than this shows too little coast to say where it is


def map_view(tracks: Tracks, events: list[dict], ports: tuple[Port, ...]) -> Box:
    """West, south, east, north of the map: the tracks (or else events and ports) with a margin."""
    if len(tracks):
        lons, lats = tracks.lon, tracks.lat
    else:
        placed = [e for e in events if e.get("lat") is not None]
        lons = np.array([e["lon"] for e in placed] + [p.centre[1] for p in ports], dtype=np.float64)
        lats = np.array([e["lat"] for e in placed] + [p.centre[0] for p in ports], dtype=np.float64)
    if not len(lons):
        return 115.0, 27.0, 145.0, 48.0
    pad = 0.5
    west, east = float(np.min(lons)) - pad, float(np.max(lons)) + pad
    south, north = float(np.min(lats)) - pad, float(np.max(lats)) + pad
    grow_x, grow_y = (
        max(0.0, MIN_SPAN_DEGREES - (east - west)) / 2,
        max(0.0, MIN_SPAN_DEGREES - (north - south)) / 2,
    )
    return west - grow_x, south - grow_y, east + grow_x, north + grow_y


def draw_land(ax: plt.Axes, view: Box) -> int:
    """Fill the bundled Natural Earth land inside ``view`` under everything else; the number of polygons."""
    polygons = land_polygons(view)
    for polygon in polygons:
        vertices = np.concatenate(polygon)
        codes = np.concatenate(
            [[MplPath.MOVETO] + [MplPath.LINETO] * (len(r) - 2) + [MplPath.CLOSEPOLY] for r in polygon]
        )
        ax.add_patch(PathPatch(MplPath(vertices, codes), facecolor=LAND, edgecolor=COAST, lw=0.5, zorder=0))
    return len(polygons)


def draw_map(
    tracks: Tracks, events: list[dict], ports: tuple[Port, ...], out: Path, *, title: str | None = None
) -> Path:
    """Draw land, every segment as a thin line, ports and anchorages as outlines, events as markers."""
    if out.suffix.lower() not in (".png", ".svg"):
        raise WatchkeeperError(f"{out}: the map is written as .png or .svg")
    fig, ax = plt.subplots(figsize=(10, 9), dpi=110)
    view = map_view(tracks, events, ports)
    ax.set_facecolor(SEA)
    draw_land(ax, view)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    if len(tracks):
        starts, ends = tracks.segment_bounds()
        flagged = {m for e in events if e.get("designation_ids") for m in e.get("mmsis", [])}
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            designated = str(int(tracks.mmsi[s])) in flagged
            ax.plot(
                tracks.lon[s:e],
                tracks.lat[s:e],
                lw=1.4 if designated else 0.5,
                color="#d62728" if designated else "#7f9fbf",
                alpha=0.9 if designated else 0.6,
            )
    for port in ports:
        ax.fill(
            port.ring[:, 0],
            port.ring[:, 1],
            facecolor="none",
            edgecolor="#444444" if port.kind == "port" else "#999999",
            linestyle="-" if port.kind == "port" else "--",
            lw=0.8,
        )
        if port.kind != "port":
            continue  # an anchorage lies beside its port's label: a second name there only overlaps it
        lat, lon = port.centre
        ax.annotate(
            port.name,
            (lon, lat),
            fontsize=6.5,
            color="#222222",
            path_effects=[patheffects.withStroke(linewidth=2, foreground="white")],
            xytext=(3, 3),
            textcoords="offset points",
            annotation_clip=True,
            zorder=6,  # above the event markers, which would hide the name of a port with a port call
        )
    for kind, (marker, color, size) in EVENT_STYLE.items():
        chosen = [e for e in events if e["kind"] == kind and e.get("lat") is not None]
        if chosen:
            ax.scatter(
                [e["lon"] for e in chosen],
                [e["lat"] for e in chosen],
                marker=marker,
                c=color,
                s=size,
                label=f"{kind.replace('_', ' ')} ({len(chosen)})",
                zorder=5,
                edgecolors=None if marker == "x" else "black",
                linewidths=1.2 if marker == "x" else 0.4,
            )
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_aspect(1 / np.cos(np.radians(np.mean(ax.get_ylim()))))
    ax.set_title(title or "AIS tracks and maritime events (designated vessels in red)")
    ax.grid(True, lw=0.3, alpha=0.5)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="lower right", fontsize=8)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, bbox_inches="tight")
    plt.close(fig)
    return out


GAP_SECONDS = 3600  # fixes further apart than this bridge a dark period: dotted, not drawn as a course sailed
EXCERPT_MARKERS = {"encounter": "*", "loitering": "o", "gap": "X", "port_call": "s"}
MAP_ASPECT = (
    0.75,
    1.25,
)  # height over width (on the ground) a page map keeps: a sliver of sea shows no coast


def balanced_view(view: Box, aspect: tuple[float, float] = MAP_ASPECT) -> Box:
    """``view`` widened or heightened about its centre until its height over width on the ground lies in
    ``aspect``, so a map of a north-south track still shows the coasts either side."""
    west, south, east, north = view
    squeeze = np.cos(np.radians((south + north) / 2))
    width, height = (east - west) * squeeze, north - south
    lowest, highest = aspect
    if height > width * highest:
        grow = (height / highest - width) / squeeze / 2
        west, east = west - grow, east + grow
    elif height < width * lowest:
        grow = (width * lowest - height) / 2
        south, north = south - grow, north + grow
    return west, south, east, north


def draw_track_excerpts(
    ax: plt.Axes, tracks: list[dict], events: list[dict], colours: tuple[str, ...]
) -> Box:
    """Land, each vessel's track in its own colour (``tracks``: name, ts, lat, lon), dotted across AIS gaps,
    and each event (``events``: label, kind, lat, lon) as a marker with its label; the view drawn."""
    placed = [e for e in events if e.get("lat") is not None]
    # the view holds every track and every event (a port call sits at the port's centre, off its track)
    columns = [np.asarray(t[c], dtype=np.float64) for t in tracks for c in ("ts", "lat", "lon")]
    columns += [
        np.zeros(len(placed)),
        np.array([e["lat"] for e in placed]),
        np.array([e["lon"] for e in placed]),
    ]
    ts, lat, lon = (np.concatenate(columns[i::3]) for i in range(3))
    zeros = np.zeros(len(ts), dtype=np.int64)
    view = balanced_view(
        map_view(Tracks(zeros, ts.astype(np.int64), lat, lon, np.full(len(ts), np.nan), zeros), events, ())
    )
    ax.set_facecolor(SEA)
    draw_land(ax, view)
    ax.set_xlim(view[0], view[2])
    ax.set_ylim(view[1], view[3])
    for n, track in enumerate(tracks):
        colour = colours[n % len(colours)]
        t, y, x = (np.asarray(track[c], dtype=np.float64) for c in ("ts", "lat", "lon"))
        breaks = np.flatnonzero(np.diff(t) > GAP_SECONDS) + 1
        for part, (first, last) in enumerate(zip([0, *breaks], [*breaks, len(t)], strict=True)):
            ax.plot(
                x[first:last], y[first:last], color=colour, lw=1.3, label=track["name"] if part == 0 else None
            )
        for b in breaks.tolist():
            ax.plot(x[b - 1 : b + 1], y[b - 1 : b + 1], color=colour, lw=1.0, linestyle=(0, (1, 2)))
    for event in events:
        if event.get("lat") is None:
            continue
        ax.scatter(
            [event["lon"]],
            [event["lat"]],
            marker=EXCERPT_MARKERS.get(event["kind"], "D"),
            s=90,
            c="white",
            edgecolors="black",
            linewidths=1.1,
            zorder=5,
        )
        ax.annotate(
            event["label"],
            (event["lon"], event["lat"]),
            xytext=(6, 6),
            textcoords="offset points",
            fontsize=8,
            fontweight="bold",
            path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
            zorder=6,
        )
    ax.set_aspect(1 / np.cos(np.radians(np.mean(ax.get_ylim()))))
    return view
