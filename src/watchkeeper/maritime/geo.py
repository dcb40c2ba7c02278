"""Geometry on the sphere and the bundled port and anchorage areas (``data/maritime/ports.geojson``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

EARTH_RADIUS_KM = 6371.0088
KM_PER_NM = 1.852


def haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray | float, lon2: np.ndarray | float
) -> np.ndarray:
    """Great-circle distance in kilometres, element-wise (the second point may be one fixed point)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def wrap_lon(lon: np.ndarray | float) -> np.ndarray:
    """Longitudes brought into [-180, 180)."""
    return (np.asarray(lon, dtype=np.float64) + 180.0) % 360.0 - 180.0


def lon_step(lon1: np.ndarray | float, lon2: np.ndarray | float) -> np.ndarray:
    """Signed shortest longitude change from ``lon1`` to ``lon2`` (crossing the antimeridian if shorter)."""
    return wrap_lon(np.asarray(lon2) - np.asarray(lon1))


def mean_lon(lon: np.ndarray) -> float:
    """Mean of longitudes on the circle: 179.9 and -179.9 average to 180, not 0."""
    rad = np.radians(np.asarray(lon, dtype=np.float64))
    return float(wrap_lon(np.degrees(np.arctan2(np.sin(rad).mean(), np.cos(rad).mean()))))


@dataclass(frozen=True)
class Port:
    """A port or anchorage area: an approximate polygon drawn around public coordinates."""

    name: str
    country: str
    kind: str  # "port" or "anchorage"
    ring: np.ndarray  # (n, 2) lon, lat; closed

    @property
    def centre(self) -> tuple[float, float]:
        """(lat, lon) of the mean of the ring's vertices."""
        return float(self.ring[:-1, 1].mean()), float(self.ring[:-1, 0].mean())

    def contains(self, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Even-odd ray casting over the polygon's edges, vectorised over the points."""
        inside = np.zeros(len(lat), dtype=bool)
        box = (
            (lon >= self.ring[:, 0].min())
            & (lon <= self.ring[:, 0].max())
            & (lat >= self.ring[:, 1].min())
            & (lat <= self.ring[:, 1].max())
        )
        idx = np.flatnonzero(box)
        if not len(idx):
            return inside
        x, y = lon[idx], lat[idx]
        hit = np.zeros(len(idx), dtype=bool)
        for (x1, y1), (x2, y2) in zip(self.ring[:-1], self.ring[1:], strict=True):
            crosses = (y1 > y) != (y2 > y)
            x_at = x1 + (y - y1) * (x2 - x1) / ((y2 - y1) or 1e-12)
            hit ^= crosses & (x < x_at)
        inside[idx] = hit
        return inside


@lru_cache(maxsize=1)
def load_ports() -> tuple[Port, ...]:
    """The bundled ports and anchorages."""
    path = resources.files("watchkeeper.data") / "maritime" / "ports.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Port(
            name=f["properties"]["name"],
            country=f["properties"]["country"],
            kind=f["properties"]["kind"],
            ring=np.asarray(f["geometry"]["coordinates"][0], dtype=np.float64),
        )
        for f in doc["features"]
    )


def port_at(lat: np.ndarray, lon: np.ndarray, ports: tuple[Port, ...]) -> np.ndarray:
    """Index into ``ports`` of the port area containing each point (anchorages excluded), or -1."""
    result = np.full(len(lat), -1, dtype=np.int64)
    for i, port in enumerate(ports):
        if port.kind != "port":
            continue
        inside = port.contains(lat, lon) & (result < 0)
        result[inside] = i
    return result


def distance_to_port_km(lat: np.ndarray, lon: np.ndarray, ports: tuple[Port, ...]) -> np.ndarray:
    """Distance from each point to the nearest port or anchorage area (0 inside one), in km.

    Approximated as the distance to the nearest vertex or centre of each polygon, within a few hundred
    metres of the true boundary distance for the small areas we ship.
    """
    best = np.full(len(lat), np.inf)
    for port in ports:
        clat, clon = port.centre
        if len(lat) == 0:
            break
        # Cheap prefilter: only points within ~1.5 degrees can be nearer than what we already know.
        near = (np.abs(lat - clat) < 1.5) & (np.abs(lon_step(lon, clon)) < 2.0)
        if not near.any():
            continue
        idx = np.flatnonzero(near)
        la, lo = lat[idx], lon[idx]
        d = haversine_km(la, lo, clat, clon)
        for vlon, vlat in port.ring[:-1]:
            d = np.minimum(d, haversine_km(la, lo, vlat, vlon))
        d = np.where(port.contains(la, lo), 0.0, d)
        best[idx] = np.minimum(best[idx], d)
    return best
