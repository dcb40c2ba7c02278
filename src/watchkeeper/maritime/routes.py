"""Routes for synthetic tracks: legs sailed at a given speed and stays in one place, as real ships move."""

from __future__ import annotations

import numpy as np


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
        cls, at: tuple[float, float], hour: float, start: tuple[float, float], knots: float
    ) -> Route:
        """A route starting at ``start`` that reaches ``at`` at ``hour``."""
        route = cls(hour - _km(start, at) / (knots * 1.852), start)
        route.waypoints.append((hour, *at))
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

    def stay(self, hours: float) -> Route:
        lat, lon = self.at
        self.waypoints.append((self.hour + hours, lat + 0.0005, lon + 0.0005))
        return self
