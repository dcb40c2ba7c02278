"""The name matcher: a declared list of weighted features, a score in [0, 1], a decision that explains itself.

As in nomenklatura's logic-v2, the score is the best weighted main feature plus the weighted qualifiers
(negative weights are penalties), clipped to [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from watchkeeper.resolve import features as f
from watchkeeper.resolve import structure as st
from watchkeeper.resolve.limits import check_name
from watchkeeper.resolve.names import NameForm, name_form
from watchkeeper.resolve.vessels import normalize_imo

MATCH_THRESHOLD = 0.75  # at or above: the same name (docs/resolve.md; measured on name_pairs.csv)
POSSIBLE_THRESHOLD = 0.55  # at or above: worth a human look
FeatureFunction = Callable[[f.NamePair], f.Result]


@dataclass(frozen=True)
class Feature:
    """One named, weighted comparison; qualifiers add to (or subtract from) the best main feature."""

    func: FeatureFunction
    weight: float
    qualifier: bool = False
    schemas: tuple[str, ...] = ("Person", "Organization", "Vessel")

    @property
    def name(self) -> str:
        return self.func.__name__

    @property
    def description(self) -> str:
        return (self.func.__doc__ or "").strip()


FEATURES: tuple[Feature, ...] = (
    Feature(f.korean_name, 1.0, schemas=("Person",)),
    Feature(f.token_alignment, 1.0),
    Feature(f.acronym, 0.8, schemas=("Organization",)),
    Feature(st.name_inside, 1.0, schemas=("Person",)),
    Feature(st.organisation_head, 1.0, schemas=("Organization",)),
    Feature(f.imo_identical, 0.98, schemas=("Vessel",)),
    Feature(f.korean_given_name_differs, -0.5, qualifier=True, schemas=("Person",)),
    Feature(f.korean_surname_differs, -0.3, qualifier=True, schemas=("Person",)),
    Feature(f.birth_year_mismatch, -0.3, qualifier=True, schemas=("Person",)),
    Feature(f.number_mismatch, -0.4, qualifier=True, schemas=("Organization", "Vessel")),
    Feature(f.imo_conflict, -1.0, qualifier=True, schemas=("Vessel",)),
    Feature(f.organisation_kind_differs, -0.3, qualifier=True, schemas=("Organization",)),
    Feature(f.acronym_differs, -0.3, qualifier=True, schemas=("Organization",)),
    Feature(st.family_name_differs, -0.35, qualifier=True, schemas=("Person",)),
    Feature(st.patronymic_reversed, -0.6, qualifier=True, schemas=("Person",)),
    Feature(st.given_name_differs, -0.3, qualifier=True, schemas=("Person",)),
    Feature(st.transliteration_differs, -0.3, qualifier=True, schemas=("Person",)),
    Feature(st.low_quality_alias, -0.5, qualifier=True, schemas=("Person", "Organization")),
)


@dataclass(slots=True)
class FeatureResult:
    """What one feature found: its weight, its value in [0, 1] and why."""

    name: str
    weight: float
    value: float
    explanation: str
    qualifier: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "weight": self.weight,
            "value": round(self.value, 4),
            "explanation": self.explanation,
            "qualifier": self.qualifier,
        }


@dataclass(slots=True)
class MatchResult:
    """The comparison of two names: score, decision at the default thresholds, and every feature."""

    a: str
    b: str
    schema: str
    score: float
    decision: str
    features: list[FeatureResult] = field(default_factory=list)

    @property
    def is_match(self) -> bool:
        return self.decision == "match"

    def explain(self) -> str:
        """The features that moved the score, in one line."""
        moving = [r for r in self.features if r.value > 0]
        return "; ".join(f"{r.name} {r.value:.2f}×{r.weight:+g}: {r.explanation}" for r in moving)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "schema": self.schema,
            "score": round(self.score, 4),
            "decision": self.decision,
            "threshold": MATCH_THRESHOLD,
            "features": [r.to_dict() for r in self.features],
        }


def decide(score: float) -> str:
    """``match``, ``possible`` or ``no_match`` at the default thresholds."""
    if score >= MATCH_THRESHOLD:
        return "match"
    if score >= POSSIBLE_THRESHOLD:
        return "possible"
    return "no_match"


MAIN_FEATURES = tuple(feature for feature in FEATURES if not feature.qualifier)
QUALIFIERS = tuple(feature for feature in FEATURES if feature.qualifier)
# (name, weight, function) per schema, worked out once: the screening index calls compare_forms in its loop
_Declared = tuple[tuple[str, float, FeatureFunction], ...]
_MAIN: dict[str, _Declared] = {
    s: tuple((x.name, x.weight, x.func) for x in MAIN_FEATURES if s in x.schemas) for s in Feature.schemas
}
_QUALIFYING: dict[str, _Declared] = {
    s: tuple((x.name, x.weight, x.func) for x in QUALIFIERS if s in x.schemas) for s in Feature.schemas
}


def compare_forms(pair: f.NamePair, floor: float = 0.0) -> MatchResult:
    """Run the declared features over a prepared pair and combine them.

    Qualifiers only lower a score, so when the best main feature stays below ``floor`` they are not run (the
    screening index uses this to drop hopeless candidates early).
    """
    found = []
    best = 0.0
    penalty = 0.0
    for name, weight, func in _MAIN.get(pair.schema, ()):
        value, why = func(pair)
        found.append((name, weight, value, why))
        if value * weight > best:
            best = value * weight
    if floor > 0 and best < floor:  # a hopeless screening candidate: its explanation is never read
        return MatchResult(pair.a.text, pair.b.text, pair.schema, 0.0, "no_match", [])
    results = [FeatureResult(name, weight, value, why, False) for name, weight, value, why in found]
    if best <= 0:
        return MatchResult(pair.a.text, pair.b.text, pair.schema, 0.0, "no_match", results)
    for name, weight, func in _QUALIFYING.get(pair.schema, ()):
        value, why = func(pair)
        results.append(FeatureResult(name, weight, value, why, True))
        penalty += value * weight
    score = min(1.0, max(0.0, best + penalty))
    return MatchResult(pair.a.text, pair.b.text, pair.schema, score, decide(score), results)


def _years(value: int | Iterable[int] | None) -> frozenset[int]:
    if value is None:
        return frozenset()
    if isinstance(value, int):
        return frozenset({value})
    return frozenset(value)


def match_names(
    a: str,
    b: str,
    schema: str = "Person",
    imo_a: str | int | None = None,
    imo_b: str | int | None = None,
    *,
    birth_years_a: int | Iterable[int] | None = None,
    birth_years_b: int | Iterable[int] | None = None,
    quality_b: str = "good",
) -> MatchResult:
    """Compare two names of a Person, Organization or Vessel; IMOs, birth years and the quality of ``b`` (a
    listed alias marked ``low`` by the list) qualify the score."""
    pair = f.NamePair(
        name_form(check_name(a), schema),
        name_form(check_name(b), schema),
        schema,
        normalize_imo(imo_a),
        normalize_imo(imo_b),
        _years(birth_years_a),
        _years(birth_years_b),
        low_quality_b=quality_b == "low",
    )
    return compare_forms(pair)


def match_forms(
    a: NameForm,
    b: NameForm,
    imo_a: str | None = None,
    imo_b: str | None = None,
    floor: float = 0.0,
    *,
    low_quality_b: bool = False,
) -> MatchResult:
    """Compare two prepared names (the screening index's inner loop); see ``compare_forms`` for ``floor``."""
    return compare_forms(f.NamePair(a, b, a.schema, imo_a, imo_b, low_quality_b=low_quality_b), floor)
