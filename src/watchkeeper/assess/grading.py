"""The corroboration grade: a declared list of small named features, each explaining itself.

Weights, caps and grade bands are in ``data/assess/grading.yaml``. Denials are a feature with weight 0: they
are shown beside the grade, never silently subtracted from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from watchkeeper.assess.sightings import Evidence, assess_data


@dataclass(frozen=True)
class FeatureResult:
    """One feature's value, its weighted points and the words that explain it."""

    name: str
    value: float
    weight: float
    points: float
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "weight": self.weight,
            "points": self.points,
            "explanation": self.explanation,
        }


def _reports(evidence: Sequence[Evidence]) -> list[Evidence]:
    return [e for e in evidence if e.stance == "reports"]


def _names(evidence: Sequence[Evidence]) -> dict[str, str]:
    """Source key -> the name a reader knows it by, one per key, in key order."""
    names: dict[str, str] = {}
    for e in sorted(evidence, key=lambda e: e.source_key):
        names.setdefault(e.source_key, e.source_name or e.source_key)
    return names


def independent_sources(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Distinct sources: a copy group counts once; an outlet quoting a government counts as it."""
    names = _names(_reports(evidence))
    return len(names), f"{len(names)} independent source(s): {'; '.join(names.values()) or 'none'}"


def official_source(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether a government or UN body asserts it."""
    names = _names([e for e in _reports(evidence) if e.source_class == "official"])
    return float(bool(names)), f"official: {'; '.join(names.values())}" if names else "no official source"


def several_official_states(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether two or more governments assert it."""
    states = sorted(
        {
            e.source_key
            for e in _reports(evidence)
            if e.source_class == "official" and e.source_key.startswith("country:")
        }
    )
    return float(len(states) >= 2), f"{len(states)} government(s) assert it"


def direct_evidence(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether imagery, debris or ship tracking backs it."""
    cues = sorted({c for e in _reports(evidence) for c in e.direct_cues})
    return float(bool(cues)), f"direct evidence: {', '.join(cues)}" if cues else "assertion only"


def party_confirms(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether a party to the incident announced it itself (e.g. KCNA reporting a launch)."""
    names = _names([e for e in _reports(evidence) if e.source_class == "party"])
    why = f"announced by a party: {'; '.join(names.values())}" if names else "no party confirms it"
    return float(bool(names)), why


def anonymous_only(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether every report rests on unnamed sources."""
    reports = _reports(evidence)
    only = bool(reports) and all(e.source_class == "anonymous" for e in reports)
    return float(only), "only unnamed sources" if only else "named sources"


def denials(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Denials by parties, counted and shown (weight 0)."""
    names = _names([e for e in evidence if e.stance == "denies"])
    return len(names), f"denied by {'; '.join(names.values())}" if names else "no denial recorded"


FEATURES: tuple[Callable[[Sequence[Evidence]], tuple[float, str]], ...] = (
    independent_sources,
    official_source,
    several_official_states,
    direct_evidence,
    party_confirms,
    anonymous_only,
    denials,
)


@dataclass(frozen=True)
class Grade:
    """A computed grade with its score and every feature's contribution."""

    grade: str
    score: float
    meaning: str
    features: tuple[FeatureResult, ...]


def grade_evidence(evidence: Sequence[Evidence]) -> Grade:
    """Run every feature over the evidence and map the score onto the grade bands."""
    config = assess_data("grading")
    results = []
    for feature in FEATURES:
        spec = config["features"][feature.__name__]
        value, why = feature(evidence)
        counted = min(value, spec["cap"]) if "cap" in spec else value
        points = round(spec["weight"] * counted, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
        results.append(FeatureResult(feature.__name__, value, spec["weight"], points, why))
    score = round(sum(r.points for r in results), 2)
    band = next(b for b in config["grades"] if score >= b["min_score"])
    return Grade(band["grade"], score, band["meaning"], tuple(results))


def grade_meanings() -> dict[str, str]:
    """Each grade letter and what it means."""
    return {b["grade"]: b["meaning"] for b in assess_data("grading")["grades"]}


def well_corroborated() -> frozenset[str]:
    """The grades the report calls well corroborated (``well_corroborated`` in ``grading.yaml``)."""
    return frozenset(assess_data("grading")["well_corroborated"])
