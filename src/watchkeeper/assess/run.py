"""``assess``: sightings → merged incidents → grade and measure links, stored so that a rerun changes nothing.

The whole assessment is one transaction. Incident ids derive from their earliest sighting, so an incident
keeps its id (and an analyst's grade override) while its evidence grows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from watchkeeper.assess.continuing import activity_span
from watchkeeper.assess.grading import grade_evidence
from watchkeeper.assess.merge import finest, merge_sightings
from watchkeeper.assess.reviewed import orphaned_reviews, record_orphaned_reviews
from watchkeeper.assess.rules import (
    Actor,
    IncidentFacts,
    Link,
    MeasureRules,
    commodity_of,
    load_rules,
    measure_status,
)
from watchkeeper.assess.sightings import Evidence, Sighting, maritime_sightings, reading_sightings
from watchkeeper.regime import Regime, load_regime, sync_regime
from watchkeeper.store import Store
from watchkeeper.store.base import content_id, utcnow
from watchkeeper.store.models.assess import AssessedIncident, AssessedIncidentEvidence, MeasureLink
from watchkeeper.store.models.regime import MeasureRow
from watchkeeper.vocabulary import DatePrecision, IncidentStatus, Stance

_COMPARED = (
    "kind",
    "date",
    "date_end",
    "precision",
    "place_id",
    "place_text",
    "actors",
    "quantities",
    "commodity",
    "status",
    "summary",
    "computed_grade",
    "grade_score",
    "grade_features",
    "source_count",
    "synthetic",
)


@dataclass
class AssessSummary:
    """What one assessment run found and changed."""

    sightings: int = 0
    incidents: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_grade: Counter[str] = field(default_factory=Counter)
    synthetic: int = 0
    by_measure_status: Counter[str] = field(default_factory=Counter)
    links: Counter[str] = field(default_factory=Counter)
    orphaned_reviews: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sightings": self.sightings,
            "incidents": self.incidents,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "by_kind": dict(sorted(self.by_kind.items())),
            "by_grade": dict(sorted(self.by_grade.items())),
            "by_measure_status": dict(sorted(self.by_measure_status.items())),
            "synthetic": self.synthetic,
            "links_by_measure": dict(sorted(self.links.items())),
            "orphaned_reviews": self.orphaned_reviews,
        }


@dataclass
class Assessment:
    """One merged incident before storage: its row values, evidence and measure links."""

    values: dict[str, Any]
    evidence: list[Evidence]
    links: list[Link]


def _actors(group: list[Sighting]) -> list[Actor]:
    seen: dict[tuple[str, str], Actor] = {}
    for sighting in group:
        for actor in sighting.actors:
            current = seen.get((actor.role, actor.entity_id))
            if current is None or (actor.designation_id and not current.designation_id):
                seen[(actor.role, actor.entity_id)] = actor
    return sorted(seen.values(), key=lambda a: (a.role, a.entity_id))


def _status(group: list[Sighting], evidence: list[Evidence]) -> str:
    reports = any(e.stance == Stance.REPORTS for e in evidence)
    denied = any(e.stance == Stance.DENIES for e in evidence)
    if any(s.status == IncidentStatus.CONFIRMED for s in group):
        return IncidentStatus.CONFIRMED
    if denied:
        return IncidentStatus.CONTESTED if reports else IncidentStatus.DENIED
    if all(s.status == IncidentStatus.OBSERVED for s in group):
        return IncidentStatus.OBSERVED
    return IncidentStatus.ALLEGED


def _unique(evidence: list[Evidence], incident_id: str) -> dict[str, Evidence]:
    out: dict[str, Evidence] = {}
    for e in evidence:
        ref = (
            e.claim_id if e.stance == Stance.DENIES and e.claim_id else (e.incident_id or e.maritime_event_id)
        )
        out.setdefault(content_id("aevidence", incident_id, e.stance, ref, e.source_key), e)
    return out


def assess_group(group: list[Sighting], rules: MeasureRules) -> Assessment:
    """Merge one group of sightings into an incident: facts, grade, evidence and measure links."""
    best = finest(group)
    incident_id = content_id("aincident", best.kind, min(s.key for s in group))
    evidence = [e for s in group for e in s.evidence]
    grade = grade_evidence(evidence)
    actors = _actors(group)
    commodity = commodity_of(best.kind, [s.text for s in group])
    published = [s.published for s in group if s.published]
    facts = IncidentFacts(
        best.kind,
        best.start or best.end or (min(published) if published else None),
        tuple(actors),
        commodity,
        next((s.port_country for s in group if s.port_country), None),
        tuple(s.text for s in group),
    )
    summary = next(
        (
            s.text
            for s in sorted(group, key=lambda s: (s.published or date.max, s.key))
            if any(e.stance == Stance.REPORTS for e in s.evidence)
        ),
        best.text,
    )
    # a continuing activity spans its reports' periods; an event takes its finest date (the others kept)
    span = activity_span(group)
    values = {
        "id": incident_id,
        "kind": best.kind,
        "date": span[0] if span else best.start,
        "date_end": span[1] if span else (best.end if best.end != best.start else None),
        "precision": DatePrecision.RANGE if span else best.precision,
        "place_id": next((s.place_id for s in group if s.place_id), None),
        "place_text": next((s.place_text for s in group if s.place_text), None),
        "actors": [
            {
                "role": a.role,
                "entity_id": a.entity_id,
                "name": a.name,
                "designation_id": a.designation_id,
                "flag": a.flag,
            }
            for a in actors
        ],
        "quantities": [q for s in group for q in s.quantities],
        "commodity": commodity,
        "status": _status(group, evidence),
        "summary": summary,
        "computed_grade": grade.grade,
        "grade_score": grade.score,
        "grade_features": [f.as_dict() for f in grade.features],
        "source_count": int(grade.features[0].value),
        "synthetic": any(s.synthetic for s in group),
    }
    return Assessment(values, list(_unique(evidence, incident_id).values()), rules.links(facts))


def assessments(session: Session, rules: MeasureRules) -> tuple[list[Assessment], int]:
    """Every incident the stored evidence supports, assessed (nothing is written), and the sightings count."""
    sightings = reading_sightings(session) + maritime_sightings(session)
    # synthetic sightings never merge with real ones: a real report must not be hidden with demonstration data
    groups = merge_sightings([s for s in sightings if not s.synthetic]) + merge_sightings(
        [s for s in sightings if s.synthetic]
    )
    return [assess_group(group, rules) for group in groups], len(sightings)


def _ensure_measures(session: Session, regime: Regime, needed: set[str]) -> None:
    present = set(session.scalars(select(MeasureRow.id)))
    if needed - present:
        sync_regime(session, regime)


def _naive(moment: datetime | None) -> datetime:
    return moment.replace(tzinfo=None) if moment else datetime.max  # missing last, as assess.queries sorts


def _store(
    session: Session, assessment: Assessment, existing: AssessedIncident | None, summary: AssessSummary
) -> None:
    values = assessment.values
    if existing is None:
        session.add(AssessedIncident(**values, grade=values["computed_grade"], assessed_at=utcnow()))
        summary.inserted += 1
    elif any(getattr(existing, k) != values[k] for k in _COMPARED):
        for key in _COMPARED:
            setattr(existing, key, values[key])
        existing.grade = existing.grade_override or values["computed_grade"]
        existing.assessed_at = utcnow()
        summary.updated += 1
    else:
        summary.unchanged += 1
    incident_id = values["id"]
    session.flush()
    session.execute(
        delete(AssessedIncidentEvidence).where(AssessedIncidentEvidence.assessed_incident_id == incident_id)
    )
    session.execute(delete(MeasureLink).where(MeasureLink.assessed_incident_id == incident_id))
    # stored in the order readers see it (reports first, oldest first), so a plain query lists it that way too
    for evidence_id, e in sorted(
        _unique(assessment.evidence, incident_id).items(),
        key=lambda item: (item[1].stance != Stance.REPORTS, _naive(item[1].published_at), item[0]),
    ):
        session.add(AssessedIncidentEvidence(id=evidence_id, assessed_incident_id=incident_id, **vars(e)))
    for link in assessment.links:
        session.add(
            MeasureLink(
                id=content_id("mlink", incident_id, link.measure_id),
                assessed_incident_id=incident_id,
                measure_id=link.measure_id,
                rule_id=link.rule_id,
                explanation=link.explanation,
            )
        )


def assess(store: Store, regime: Regime | None = None) -> AssessSummary:
    """Assess every stored incident and maritime event; one transaction, a rerun changes nothing."""
    regime = regime or load_regime()
    rules = load_rules(regime)
    summary = AssessSummary()
    with store.session() as session:
        found, summary.sightings = assessments(session, rules)
        _ensure_measures(session, regime, {link.measure_id for a in found for link in a.links})
        existing = {row.id: row for row in session.scalars(select(AssessedIncident))}
        keep = {a.values["id"] for a in found}
        # a review of an incident this run removes stays, audited with the incidents now holding its evidence
        record_orphaned_reviews(session, set(existing) - keep, {a.values["id"]: a.evidence for a in found})
        for stale in set(existing) - keep:
            session.delete(existing[stale])
            summary.removed += 1
        session.flush()
        for assessment in found:
            _store(session, assessment, existing.get(assessment.values["id"]), summary)
            summary.by_kind[assessment.values["kind"]] += 1
            row = existing.get(assessment.values["id"])
            summary.by_grade[(row.grade if row is not None else assessment.values["computed_grade"])] += 1
            summary.links.update(link.measure_id for link in assessment.links)
            summary.synthetic += bool(assessment.values["synthetic"])
            summary.by_measure_status[
                measure_status(assessment.values["kind"], bool(assessment.links))[0]
            ] += 1
        summary.incidents = len(found)
        summary.orphaned_reviews = [o.as_dict() for o in orphaned_reviews(session)]
    return summary
