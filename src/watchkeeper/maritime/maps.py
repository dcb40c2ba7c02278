"""A static map of tracks and events (matplotlib, PNG or SVG by the file's suffix)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from watchkeeper.errors import WatchkeeperError
from watchkeeper.maritime.geo import Port
from watchkeeper.maritime.tracks import Tracks

EVENT_STYLE = {
    "encounter": ("*", "#d62728", 180),
    "loitering": ("o", "#ff7f0e", 60),
    "gap": ("x", "#9467bd", 70),
    "port_call": ("s", "#2ca02c", 60),
}


def draw_map(
    tracks: Tracks, events: list[dict], ports: tuple[Port, ...], out: Path, *, title: str | None = None
) -> Path:
    """Draw every segment as a thin line, ports and anchorages as outlines, events as markers."""
    if out.suffix.lower() not in (".png", ".svg"):
        raise WatchkeeperError(f"{out}: the map is written as .png or .svg")
    fig, ax = plt.subplots(figsize=(10, 9), dpi=110)
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
        pad = 0.5
        ax.set_xlim(float(np.min(tracks.lon)) - pad, float(np.max(tracks.lon)) + pad)
        ax.set_ylim(float(np.min(tracks.lat)) - pad, float(np.max(tracks.lat)) + pad)
    for port in ports:
        ax.fill(
            port.ring[:, 0],
            port.ring[:, 1],
            facecolor="none",
            edgecolor="#444444" if port.kind == "port" else "#999999",
            linestyle="-" if port.kind == "port" else "--",
            lw=0.8,
        )
        lat, lon = port.centre
        ax.annotate(
            port.name,
            (lon, lat),
            fontsize=6,
            color="#333333",
            xytext=(3, 3),
            textcoords="offset points",
            annotation_clip=True,
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
