"""The regime as a whole: every resolution and measure, and which measures were in force on a given day.

Nothing here stores whether a measure is in force; it is computed from ``effective_from``, ``effective_to``
and the ``supersedes`` links, so a new resolution only has to say what it replaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from watchkeeper.errors import NotFoundError
from watchkeeper.regime.models import Kind, Measure, Resolution


@dataclass(frozen=True)
class ChainLink:
    """One step of an amendment chain: ``via`` <relation> ``measure_id`` (2397-op5 supersedes 2375-op14)."""

    via: str
    relation: str  # amends, supersedes, amended_by, superseded_by
    measure_id: str
    effective_from: date


@dataclass(frozen=True)
class Regime:
    """The validated regime data: resolutions, their measures and the commodity vocabulary."""

    resolutions: tuple[Resolution, ...]
    commodities: dict[str, str]
    version: str
    source: str
    _by_id: dict[str, Measure] = field(init=False, repr=False, compare=False)
    _superseded_on: dict[str, date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {m.id: m for r in self.resolutions for m in r.measures}
        superseded_on: dict[str, date] = {}
        for measure in by_id.values():
            for old in measure.supersedes:
                when = superseded_on.get(old)
                if when is None or measure.effective_from < when:
                    superseded_on[old] = measure.effective_from
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_superseded_on", superseded_on)

    @property
    def measures(self) -> tuple[Measure, ...]:
        """Every measure, in resolution order then paragraph order as written in the files."""
        return tuple(m for r in self.resolutions for m in r.measures)

    def measure(self, measure_id: str) -> Measure:
        """The measure with this id (e.g. ``"2397-op5"``)."""
        try:
            return self._by_id[measure_id.strip().lower()]
        except KeyError:
            raise NotFoundError(f"no measure {measure_id!r} in the regime data") from None

    def resolution(self, number: int | str) -> Resolution:
        """The resolution with this number (e.g. ``2397``)."""
        for resolution in self.resolutions:
            if str(resolution.number) == str(number).strip():
                return resolution
        raise NotFoundError(f"no resolution {number!r} in the regime data")

    def superseded_on(self, measure_id: str) -> date | None:
        """The day a later measure replaced this one, or None while nothing has."""
        return self._superseded_on.get(measure_id)

    def is_in_force(self, measure: Measure, on: date) -> bool:
        """In force: started, not ended, and not yet replaced by a measure that supersedes it."""
        if on < measure.effective_from:
            return False
        if measure.effective_to is not None and on > measure.effective_to:
            return False
        replaced = self._superseded_on.get(measure.id)
        return replaced is None or on < replaced

    def in_force(
        self, on: date, kind: str | Kind | None = None, commodity: str | None = None
    ) -> list[Measure]:
        """Measures in force on ``on``, optionally only of one kind and/or touching one commodity."""
        return [m for m in self.select(kind=kind, commodity=commodity) if self.is_in_force(m, on)]

    def select(
        self,
        *,
        kind: str | Kind | None = None,
        commodity: str | None = None,
        resolution: int | None = None,
    ) -> list[Measure]:
        """Measures filtered by kind, commodity tag and resolution number (each optional)."""
        kind_value = Kind(kind) if kind is not None else None
        return [
            m
            for m in self.measures
            if (kind_value is None or m.kind is kind_value)
            and (commodity is None or commodity in m.commodities)
            and (resolution is None or m.resolution == resolution)
        ]

    def cap_in_force(self, commodity: str, on: date) -> Measure | None:
        """The cap on ``commodity`` that governed ``on`` (the newest, if several), or None."""
        caps = [m for m in self.in_force(on, kind=Kind.CAP, commodity=commodity) if m.limit_on(on)]
        return max(caps, key=lambda m: (m.effective_from, m.id), default=None)

    def chain(self, measure_id: str) -> list[ChainLink]:
        """Every measure linked to this one by amends/supersedes, both ways, transitively, oldest first."""
        start = self.measure(measure_id)
        links: list[ChainLink] = []
        seen = {start.id}
        frontier = [start]
        while frontier:
            current = frontier.pop()
            for relation, other in self._neighbours(current):
                if other.id in seen:
                    continue
                seen.add(other.id)
                links.append(ChainLink(current.id, relation, other.id, other.effective_from))
                frontier.append(other)
        return sorted(links, key=lambda link: (link.effective_from, link.measure_id))

    def _neighbours(self, measure: Measure) -> Iterable[tuple[str, Measure]]:
        for target in measure.amends:
            yield "amends", self._by_id[target]
        for target in measure.supersedes:
            yield "supersedes", self._by_id[target]
        for other in self._by_id.values():
            if measure.id in other.amends:
                yield "amended_by", other
            if measure.id in other.supersedes:
                yield "superseded_by", other

    def measure_status(self, measure: Measure, on: date | None = None) -> dict[str, object]:
        """Computed facts about a measure: who amends or replaces it, and whether it is in force on ``on``."""
        record: dict[str, object] = {
            "amended_by": sorted(o.id for o in self._by_id.values() if measure.id in o.amends),
            "superseded_by": sorted(o.id for o in self._by_id.values() if measure.id in o.supersedes),
            "superseded_on": self.superseded_on(measure.id),
        }
        if on is not None:
            record["in_force"] = self.is_in_force(measure, on)
            limit = measure.limit_on(on)
            record["limit_on_date"] = limit.model_dump(mode="json") if limit else None
            window = limit.window_on(on) if limit else None
            record["period_on_date"] = list(window) if window else None
        return record
