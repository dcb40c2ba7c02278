"""The corroboration grade: a declared list of small named features, each explaining itself.

Weights, caps and grade bands are in ``data/assess/grading.yaml``. Denials are a feature with weight 0: they
are shown beside the grade, never silently subtracted from it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from watchkeeper.assess.config import GradingConfig, grading_config
from watchkeeper.assess.sightings import Evidence
from watchkeeper.datafiles import cached, data_file
from watchkeeper.errors import InputFileError
from watchkeeper.vocabulary import SourceClass, Stance


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
    return [e for e in evidence if e.stance == Stance.REPORTS]


def _names(evidence: Sequence[Evidence]) -> dict[str, str]:
    """Source key -> the name a reader knows it by, one per key, in key order."""
    names: dict[str, str] = {}
    for e in sorted(evidence, key=lambda e: e.source_key):
        names.setdefault(e.source_key, e.source_name or e.source_key)
    return names


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _listed(names: dict[str, str]) -> str:
    """Names as words: "A", "A and B", "A, B and C"."""
    values = list(names.values())
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]


def independent_sources(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Distinct original reporters: a wire and its copies count once; an outlet quoting a government counts
    as that government."""
    names = _names(_reports(evidence))
    if not names:
        return 0, "no source reports it"
    enough = (
        "" if len(names) >= 2 else ", fewer than the two the standard asks for a finding (graded C at best)"
    )
    counted = _count(len(names), "independent source reports", "independent sources report")
    return len(names), f"{counted} it ({_listed(names)}){enough}"


def credible_report(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether at least one report stands on the record: a named speaker or the outlet's own reporting, not
    only unnamed or former officials."""
    on_record = _names([e for e in _reports(evidence) if e.source_class != SourceClass.ANONYMOUS])
    if on_record:
        return 1.0, f"reported on the record ({_listed(on_record)})"
    return 0.0, "no report on the record"


def _strong(e: Evidence) -> bool:
    """A strong source: a body on the record (official, or the party admitting), or a report citing direct
    evidence (imagery, debris, ship tracking)."""
    return e.source_class in (SourceClass.OFFICIAL, SourceClass.PARTY) or bool(e.direct_cues)


def strong_sources_agree(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether two or more independent sources are strong ones: the panel's two sources for a finding, each
    an official body, the party's admission or direct evidence."""
    names = _names([e for e in _reports(evidence) if _strong(e)])
    if len(names) >= 2:
        return 1.0, f"{len(names)} independent strong sources agree ({_listed(names)})"
    if names:
        return 0.0, f"one strong source ({_listed(names)}): the standard asks for two for a finding"
    return 0.0, "no official body, admission or direct evidence backs it"


def official_source(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether a government or a UN body in office asserts it."""
    names = _names([e for e in _reports(evidence) if e.source_class == SourceClass.OFFICIAL])
    if names:
        return 1.0, f"an official source asserts it on the record ({_listed(names)})"
    return 0.0, "no government or UN body in office asserts it"


def several_official_states(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether two or more governments assert it."""
    states = sorted(
        {
            e.source_key
            for e in _reports(evidence)
            if e.source_class == SourceClass.OFFICIAL and e.source_key.startswith("country:")
        }
    )
    if not states:
        return 0.0, "no government asserts it"
    return float(len(states) >= 2), f"{len(states)} governments assert it" if len(
        states
    ) >= 2 else "only one government asserts it"


def direct_evidence(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether imagery, debris or ship tracking backs it."""
    cues = sorted({c for e in _reports(evidence) for c in e.direct_cues})
    if cues:
        return 1.0, f"direct evidence backs it ({', '.join(cues)})"
    return 0.0, "assertions only: no imagery, debris or ship tracking is cited"


def party_confirms(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether a party to the act admitted it itself (e.g. KCNA announcing a DPRK launch)."""
    names = _names([e for e in _reports(evidence) if e.source_class == SourceClass.PARTY])
    if names:
        return 1.0, f"a party to the act admits it ({_listed(names)})"
    return 0.0, "no party to the act admits it"


def anonymous_only(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Whether every report rests on unnamed sources."""
    reports = _reports(evidence)
    only = bool(reports) and all(e.source_class == SourceClass.ANONYMOUS for e in reports)
    if only:
        return 1.0, "every report rests on unnamed or former officials"
    return 0.0, "at least one report names its source"


def denials(evidence: Sequence[Evidence]) -> tuple[float, str]:
    """Denials by parties, counted and shown (weight 0). The outlet whose sentence reports a denial is not
    the one denying: only a named party or government counts."""
    names = _names(
        [
            e
            for e in evidence
            if e.stance == Stance.DENIES and e.source_class not in (SourceClass.MEDIA, SourceClass.ANONYMOUS)
        ]
    )
    if names:
        return len(names), f"denied by {_listed(names)} (shown for the right of reply, not subtracted)"
    return 0, "no party's denial is recorded"


FEATURES: tuple[Callable[[Sequence[Evidence]], tuple[float, str]], ...] = (
    independent_sources,
    official_source,
    several_official_states,
    direct_evidence,
    party_confirms,
    credible_report,
    strong_sources_agree,
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


@cached
def _config() -> GradingConfig:
    """``grading.yaml``, its features checked against the declared feature functions, both ways."""
    config = grading_config()
    declared = [feature.__name__ for feature in FEATURES]
    path = data_file("assess", "grading.yaml")
    for name in config.features:
        if name not in declared:
            raise InputFileError(
                path,
                f"no grading feature {name!r} (features: {', '.join(declared)})",
                field=f"features.{name}",
            )
    for name in declared:
        if name not in config.features:
            raise InputFileError(path, f"feature {name!r} has no weight", field="features")
    return config


def grade_evidence(evidence: Sequence[Evidence]) -> Grade:
    """Run every feature over the evidence and map the score onto the grade bands."""
    config = _config()
    results = []
    for feature in FEATURES:
        spec = config.features[feature.__name__]
        value, why = feature(evidence)
        counted = min(value, spec.cap) if spec.cap is not None else value
        points = round(spec.weight * counted, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
        results.append(FeatureResult(feature.__name__, value, spec.weight, points, why))
    score = round(sum(r.points for r in results), 2)
    sources = next(int(r.value) for r in results if r.name == independent_sources.__name__)
    band = config.band(score, sources)
    return Grade(band.grade, score, band.meaning, tuple(results))


def grade_meanings() -> dict[str, str]:
    """Each grade letter and what it means."""
    return {grade.value: meaning for grade, meaning in _config().meanings().items()}


def well_corroborated() -> frozenset[str]:
    """The grades the report calls well corroborated (``well_corroborated`` in ``grading.yaml``)."""
    return frozenset(_config().well_corroborated)
