"""Routes for synthetic tracks: legs sailed at a given speed and stays in one place, as real ships move.

Where the legs go is data: ``data/maritime/routes.yaml`` declares port approaches, open-sea waypoints joined
by lanes, and named passages, so that no straight leg crosses land (Natural Earth 1:10m).
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

from watchkeeper.errors import WatchkeeperError

Point = tuple[float, float]  # lat, lon


def dest(lat: float, lon: float, km_north: float, km_east: float) -> tuple[float, float]:
    """The point ``km_north`` and ``km_east`` of (lat, lon), on a flat local approximation."""
    return lat + km_north / 111.2, lon + km_east / (111.2 * np.cos(np.radians(lat)))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (b[0] - a[0]) * 111.2
    dx = (b[1] - a[1]) * 111.2 * np.cos(np.radians((a[0] + b[0]) / 2))
    return float(np.hypot(dy, dx))


class Route:
    """Waypoints from legs sailed at a speed and stays in one place, so speeds are those of real ships."""

    def __init__(self, hour: float, at: tuple[float, float]) -> None:
        self.waypoints = [(hour, *at)]

    @classmethod
    def arriving(
        cls, at: Point, hour: float, start: Point, knots: float, via: list[Point] | tuple[Point, ...] = ()
    ) -> Route:
        """A route starting at ``start`` that passes ``via`` and reaches ``at`` at ``hour``."""
        legs = [start, *via, at]
        km = sum(_km(a, b) for a, b in itertools.pairwise(legs))
        route = cls(hour - km / (knots * 1.852), start)
        for point in legs[1:]:
            route.sail(point, knots)
        return route

    @property
    def hour(self) -> float:
        return self.waypoints[-1][0]

    @property
    def at(self) -> tuple[float, float]:
        return self.waypoints[-1][1], self.waypoints[-1][2]

    def sail(self, to: tuple[float, float], knots: float) -> Route:
        self.waypoints.append((self.hour + _km(self.at, to) / (knots * 1.852), *to))
        return self

    def sail_through(self, points: list[Point], knots: float) -> Route:
        """Sail each point in turn at one speed."""
        for point in points:
            self.sail(point, knots)
        return self

    def stay(self, hours: float) -> Route:
        lat, lon = self.at
        self.waypoints.append((self.hour + hours, lat + 0.0005, lon + 0.0005))
        return self


@dataclass(frozen=True)
class SeaLanes:
    """The lanes of ``routes.yaml``: open-sea waypoints and lanes, port berths and approaches, passages."""

    waypoints: dict[str, Point]
    lanes: dict[str, dict[str, float]]  # waypoint -> neighbour -> km
    ports: dict[str, tuple[Point, list[Point], str]]  # name -> (berth, approach, waypoint it joins)
    passages: dict[str, list[Point]]

    def between(self, frm: str, to: str) -> list[Point]:
        """Berth to berth: out along one approach, the shortest chain of lanes, in along the other."""
        berth_a, approach_a, sea_a = self.ports[frm]
        berth_b, approach_b, sea_b = self.ports[to]
        chain = [self.waypoints[name] for name in self.shortest(sea_a, sea_b)]
        return [berth_a, *approach_a, *chain, *approach_b[::-1], berth_b]

    def shortest(self, frm: str, to: str) -> list[str]:
        """Waypoint names from ``frm`` to ``to`` along lanes, shortest in km (Dijkstra)."""
        best, previous, queue = {frm: 0.0}, {}, [(0.0, frm)]
        while queue:
            km, name = heapq.heappop(queue)
            if name == to:
                break
            if km > best[name]:
                continue
            for neighbour, step in self.lanes[name].items():
                if km + step < best.get(neighbour, float("inf")):
                    best[neighbour], previous[neighbour] = km + step, name
                    heapq.heappush(queue, (km + step, neighbour))
        if to not in best:
            raise WatchkeeperError(f"data/maritime/routes.yaml: no lane joins {frm} to {to}")
        path = [to]
        while path[-1] != frm:
            path.append(previous[path[-1]])
        return path[::-1]


def _point(value: list[float]) -> Point:
    return float(value[0]), float(value[1])


@lru_cache(maxsize=1)
def load_sea_lanes() -> SeaLanes:
    """The bundled sea lanes (``data/maritime/routes.yaml``)."""
    path = resources.files("watchkeeper.data") / "maritime" / "routes.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    waypoints = {name: _point(p) for name, p in doc["waypoints"].items()}
    lanes: dict[str, dict[str, float]] = {name: {} for name in waypoints}
    for a, b in doc["lanes"]:
        lanes[a][b] = lanes[b][a] = _km(waypoints[a], waypoints[b])
    ports = {
        name: (_point(port["berth"]), [_point(q) for q in port["approach"]], port["sea"])
        for name, port in doc["ports"].items()
    }
    passages = {name: [_point(q) for q in points] for name, points in doc["passages"].items()}
    return SeaLanes(waypoints, lanes, ports, passages)
