"""Matching what a vessel broadcast against the designated vessels: IMO first, MMSI, then name.

The matcher is a declared list of small features, each returning a weight and an explanation; a conflict (the
same name but a different valid IMO) vetoes the match, because ship names repeat across the world's fleets
while IMO numbers do not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from watchkeeper.lists import valid_imo
from watchkeeper.maritime.identity import normalise_name

MATCH_THRESHOLD = 0.5


class DesignatedVesselLike(Protocol):
    """What the matcher reads of a designated vessel (read-only: the lists stage's records are frozen)."""

    @property
    def designation_id(self) -> str: ...
    @property
    def reference(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def imo(self) -> str | None: ...
    @property
    def mmsi(self) -> str | None: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Broadcast:
    """One identity a vessel broadcast."""

    mmsi: str
    name: str | None = None
    imo: str | None = None


@dataclass(frozen=True)
class Feature:
    name: str
    weight: float
    explanation: str


@dataclass(frozen=True)
class VesselMatch:
    """A broadcast identity matched to a designation, with the features that decided it."""

    designation_id: str
    reference: str
    name: str
    score: float
    features: tuple[Feature, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "designation_id": self.designation_id,
            "reference": self.reference,
            "name": self.name,
            "score": round(self.score, 3),
            "explanation": "; ".join(f.explanation for f in self.features),
            "features": [
                {"name": f.name, "weight": f.weight, "explanation": f.explanation} for f in self.features
            ],
        }


def _imo(value: str | None) -> str | None:
    if not value:
        return None
    digits = str(value).upper().removeprefix("IMO").strip()
    return digits if valid_imo(digits) else None


def imo_equal(b: Broadcast, d: DesignatedVesselLike) -> Feature | None:
    ours, theirs = _imo(b.imo), _imo(d.imo)
    if ours and ours == theirs:
        return Feature("imo_equal", 1.0, f"broadcast IMO {ours} is the designated vessel's IMO")
    return None


def imo_conflict(b: Broadcast, d: DesignatedVesselLike) -> Feature | None:
    ours, theirs = _imo(b.imo), _imo(d.imo)
    if ours and theirs and ours != theirs:
        return Feature("imo_conflict", -1.0, f"broadcast IMO {ours} differs from designated IMO {theirs}")
    return None


def mmsi_equal(b: Broadcast, d: DesignatedVesselLike) -> Feature | None:
    if d.mmsi and b.mmsi == str(d.mmsi).strip():
        return Feature("mmsi_equal", 0.8, f"MMSI {b.mmsi} is the designated vessel's MMSI")
    return None


def name_equal(b: Broadcast, d: DesignatedVesselLike) -> Feature | None:
    ours = normalise_name(b.name)
    if not ours:
        return None
    for candidate in (d.name, *d.aliases):
        if ours == normalise_name(candidate):
            kind = "name" if candidate == d.name else "alias"
            return Feature(
                "name_equal", 0.6, f"broadcast name {b.name!r} equals the designated {kind} {candidate!r}"
            )
    return None


FEATURES: tuple[Callable[[Broadcast, DesignatedVesselLike], Feature | None], ...] = (
    imo_equal,
    mmsi_equal,
    name_equal,
    imo_conflict,
)


def match_broadcast(b: Broadcast, designated: Iterable[DesignatedVesselLike]) -> list[VesselMatch]:
    """Designations this broadcast identity matches: best feature plus penalties, over the threshold."""
    matches = []
    for d in designated:
        features = tuple(f for f in (feature(b, d) for feature in FEATURES) if f is not None)
        if not features:
            continue
        positive = max((f.weight for f in features if f.weight > 0), default=0.0)
        score = positive + sum(f.weight for f in features if f.weight < 0)
        if score >= MATCH_THRESHOLD:
            matches.append(VesselMatch(d.designation_id, d.reference, d.name, score, features))
    return sorted(matches, key=lambda m: (-m.score, m.designation_id))


def match_vessel(
    broadcasts: Iterable[Broadcast], designated: Sequence[DesignatedVesselLike]
) -> list[VesselMatch]:
    """Best match per designation over every identity one vessel broadcast (a former name matches too)."""
    best: dict[str, VesselMatch] = {}
    for b in broadcasts:
        for m in match_broadcast(b, designated):
            if m.designation_id not in best or m.score > best[m.designation_id].score:
                best[m.designation_id] = m
    return sorted(best.values(), key=lambda m: (-m.score, m.designation_id))
