"""The reviewed view of the assessment: what the report, the cap ledger, the exports and the CLI show.

Analysts' decisions (:mod:`watchkeeper.assess.review`) are applied to copies of the assessed incidents, in
this order: edits (kind, date, place, summary; the assessment's values kept in ``original``, measures relinked
when kind or date change), splits (each split-off group of evidence becomes an incident of its own), merges
(a merged incident's evidence, quantities, actors and measures fold into its target, which is regraded), and
rejections (out of the view unless asked for). Nothing is written: the stored rows stay as computed, so a
rerun of ``watchkeeper assess`` and the reviews never overwrite each other.

A review whose incident (or merge target) a reassessment no longer has is an *orphaned review*: listed by
:func:`orphaned_reviews`, warned about by ``watchkeeper assess`` and shown in the report, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from watchkeeper.assess.grading import grade_evidence
from watchkeeper.assess.queries import evidence_order, list_incidents
from watchkeeper.assess.review import EDITABLE, reviews
from watchkeeper.assess.rules import Actor, IncidentFacts, commodity_of, load_rules
from watchkeeper.assess.sightings import Evidence
from watchkeeper.audit import record_change
from watchkeeper.regime import Regime, load_regime
from watchkeeper.store.base import content_id
from watchkeeper.store.models.assess import (
    AssessedIncident,
    AssessedIncidentEvidence,
    IncidentReview,
    MeasureLink,
)
from watchkeeper.store.models.core import AuditEntry
from watchkeeper.vocabulary import ReviewState, Stance

ORPHAN_ACTION = "incident.review_orphaned"


@dataclass
class ReviewedIncident:
    """An assessed incident as analysts left it; ``incident`` is a copy never added to the session."""

    incident: AssessedIncident
    evidence: list[AssessedIncidentEvidence]
    links: list[MeasureLink]
    status: str = ReviewState.AWAITING
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    reason: str | None = None
    merged_into: str | None = None
    merged_from: list[str] = field(default_factory=list)
    split_from: str | None = None
    original: dict[str, Any] = field(default_factory=dict)
    out: bool = False  # rejected, or folded into another incident

    @property
    def id(self) -> str:
        return self.incident.id

    def review_record(self) -> dict[str, Any]:
        """The review columns of exports and ``incidents list --json``."""
        return {
            "review_status": self.status,
            "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at,
            "review_reason": self.reason,
            "merged_into": self.merged_into,
            "merged_from": self.merged_from,
            "split_from": self.split_from,
            "original": {k: v.isoformat() if isinstance(v, date) else v for k, v in self.original.items()},
        }


@dataclass
class OrphanedReview:
    """A review that no longer attaches as the analyst meant, and what a reassessment did instead."""

    incident_id: str
    status: str
    reviewed_by: str
    reviewed_at: datetime | None
    reason: str | None
    problem: str
    successors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"type": "orphaned_review", **self.__dict__}


def _copy(row: AssessedIncident) -> AssessedIncident:
    values = {attr.key: getattr(row, attr.key) for attr in inspect(AssessedIncident).column_attrs}
    values["actors"], values["quantities"] = list(row.actors or []), list(row.quantities or [])
    return AssessedIncident(**values)


def _as_evidence(row: AssessedIncidentEvidence) -> Evidence:
    return Evidence(**{f.name: getattr(row, f.name) for f in dataclass_fields(Evidence)})


def _regrade(item: ReviewedIncident) -> None:
    """Grade the incident on the evidence it now has (an analyst's grade override still wins)."""
    row = item.incident
    grade = grade_evidence([_as_evidence(e) for e in item.evidence])
    row.computed_grade, row.grade_score = grade.grade, grade.score
    row.grade_features = [f.as_dict() for f in grade.features]
    row.source_count = int(grade.features[0].value)
    row.grade = row.grade_override or grade.grade


def _relink(item: ReviewedIncident, regime: Regime) -> None:
    """Measures for an edited kind or date, by the same rules the assessment uses."""
    row = item.incident
    actors = tuple(
        Actor(a["role"], a["entity_id"], a["name"], a.get("designation_id"), a.get("flag"))
        for a in row.actors
    )
    if "kind" in item.original:
        row.commodity = commodity_of(row.kind, [row.summary])
    facts = IncidentFacts(row.kind, row.date or row.date_end, actors, row.commodity)
    item.links = [
        MeasureLink(
            id=content_id("mlink", row.id, link.measure_id),
            assessed_incident_id=row.id,
            measure_id=link.measure_id,
            rule_id=link.rule_id,
            explanation=link.explanation,
        )
        for link in load_rules(regime).links(facts)
    ]


def _edit(item: ReviewedIncident, edits: dict[str, str], regime: Regime | None) -> Regime | None:
    row = item.incident
    for name in EDITABLE:
        value = edits.get(name)
        if not value:
            continue
        if name == "date":
            item.original.update(date=row.date, date_end=row.date_end, precision=row.precision)
            row.date, row.date_end, row.precision = date.fromisoformat(value), None, "day"
        else:
            item.original[name] = getattr(row, name)
            setattr(row, name, value)
    if {"kind", "date"} & set(edits):
        regime = regime or load_regime()
        _relink(item, regime)
    return regime


def _split(item: ReviewedIncident, groups: list[list[str]]) -> list[ReviewedIncident]:
    """The incident without the split-off evidence, and one incident per group the analyst split off."""
    own = {e.id: e for e in item.evidence}
    parts: list[ReviewedIncident] = []
    for group in groups:
        chosen = [own.pop(i) for i in sorted(set(group)) if i in own]
        if not chosen or not own:  # evidence a rerun took away, or nothing left to keep: no split
            own.update({e.id: e for e in chosen})
            continue
        row = _copy(item.incident)
        row.id = content_id("asplit", item.id, *sorted(e.id for e in chosen))
        row.summary = next((e.quoted for e in chosen if e.stance == Stance.REPORTS), row.summary)
        parts.append(ReviewedIncident(row, chosen, list(item.links), split_from=item.id))
    item.evidence = [e for e in item.evidence if e.id in own]
    # a figure belongs with whoever still cites its document, the incident first
    kept_documents = {e.document_id for e in item.evidence}
    moved = [q for q in item.incident.quantities if q.get("document_id") not in kept_documents]
    item.incident.quantities = [q for q in item.incident.quantities if q not in moved]
    for part in parts:
        documents = {e.document_id for e in part.evidence}
        part.incident.quantities = [q for q in moved if q.get("document_id") in documents]
        moved = [q for q in moved if q not in part.incident.quantities]
        _regrade(part)
    _regrade(item)
    return parts


def _final_target(start: str, merged_into: dict[str, str], present: set[str]) -> str | None:
    """The incident a merge chain ends in, or None when it ends in a missing incident or a loop."""
    seen, current = {start}, merged_into[start]
    while current in merged_into:
        if current in seen:
            return None
        seen.add(current)
        current = merged_into[current]
    return current if current in present else None


def _fold(target: ReviewedIncident, merged: ReviewedIncident) -> None:
    target.merged_from.append(merged.id)
    target.evidence += merged.evidence
    target.incident.quantities = target.incident.quantities + merged.incident.quantities
    roles = {(a["role"], a["entity_id"]) for a in target.incident.actors}
    target.incident.actors = target.incident.actors + [
        a for a in merged.incident.actors if (a["role"], a["entity_id"]) not in roles
    ]
    measures = {link.measure_id for link in target.links}
    target.links = target.links + [link for link in merged.links if link.measure_id not in measures]
    merged.out = True


def _candidates(
    session: Session, kind: str | None, start: date | None, end: date | None, include_synthetic: bool
) -> list[AssessedIncident]:
    """Incidents the filter may keep: those the store's filter finds plus every reviewed one and merge target
    (an edit or a merge may move an incident into the filter)."""
    rows = {
        r.id: r
        for r in list_incidents(session, kind=kind, start=start, end=end, include_synthetic=include_synthetic)
    }
    if kind is None and start is None and end is None:
        return list(rows.values())
    wanted = set(session.scalars(select(IncidentReview.incident_id))) | {
        target
        for target in session.scalars(
            select(IncidentReview.merged_into).where(IncidentReview.merged_into.is_not(None))
        )
        if target is not None
    }
    missing = sorted(wanted - set(rows))
    for i in range(0, len(missing), 500):
        rows.update(
            (r.id, r)
            for r in session.scalars(
                select(AssessedIncident).where(AssessedIncident.id.in_(missing[i : i + 500]))
            )
            if include_synthetic or not r.synthetic
        )
    return sorted(rows.values(), key=lambda r: (r.date or date.max, r.id))


def _by_incident(
    session: Session, model: Any, column: Any, ids: list[str], everything: bool
) -> dict[str, list]:
    out: dict[str, list] = {}
    chunks = [None] if everything else [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        query = select(model).order_by(model.id)
        if chunk is not None:
            query = query.where(column.in_(chunk))
        for row in session.scalars(query):
            out.setdefault(getattr(row, column.key), []).append(row)
    for rows in out.values():
        rows.sort(key=evidence_order if model is AssessedIncidentEvidence else lambda r: r.measure_id)
    return out


def _take(item: ReviewedIncident, review: IncidentReview) -> None:
    item.status, item.reason = review.status, review.reason
    item.reviewed_by, item.reviewed_at = review.reviewed_by, review.reviewed_at


def _matches(
    item: ReviewedIncident, kind: str | None, start: date | None, end: date | None, measure_id: str | None
) -> bool:
    row = item.incident
    first, last = row.date or row.date_end, row.date_end or row.date
    return (
        (kind is None or row.kind == kind)
        and (end is None or (first is not None and first <= end))
        and (start is None or (last is not None and last >= start))
        and (measure_id is None or any(link.measure_id == measure_id for link in item.links))
    )


def reviewed_incidents(
    session: Session,
    *,
    kind: str | None = None,
    start: date | None = None,
    end: date | None = None,
    measure_id: str | None = None,
    include_rejected: bool = False,
    regime: Regime | None = None,
    with_evidence: bool = True,
    include_synthetic: bool = True,
) -> list[ReviewedIncident]:
    """The assessed incidents with analysts' decisions applied, in date order; filters apply after edits.

    Rejected incidents and those merged into another are left out unless ``include_rejected``. Without
    ``with_evidence`` only reviewed incidents and merge targets carry their evidence and measure links (what
    the cap ledger needs, at less cost). Incidents built from synthetic (demonstration) data carry
    ``synthetic``; the report and the cap ledger leave them out (``include_synthetic=False``).
    """
    rows = _candidates(session, kind, start, end, include_synthetic)
    ids = [r.id for r in rows]
    decisions = reviews(session, ids)
    everything = kind is None and start is None and end is None and with_evidence
    if not with_evidence:  # only what splits and merges move and regrade
        ids = sorted(set(decisions) | {r.merged_into for r in decisions.values() if r.merged_into})
    evidence = _by_incident(
        session, AssessedIncidentEvidence, AssessedIncidentEvidence.assessed_incident_id, ids, everything
    )
    links = _by_incident(session, MeasureLink, MeasureLink.assessed_incident_id, ids, everything)
    items: dict[str, ReviewedIncident] = {}
    for row in rows:
        item = ReviewedIncident(_copy(row), evidence.get(row.id, []), links.get(row.id, []))
        items[row.id] = item
        review = decisions.get(row.id)
        if review is None:
            continue
        _take(item, review)
        item.merged_into = review.merged_into if review.status == ReviewState.MERGED else None
        regime = _edit(item, review.edits or {}, regime)
        if review.split_groups:  # a split stands whatever the analyst decided about the incident later
            for part in _split(item, review.split_groups):
                _take(part, review)
                part.status = ReviewState.SPLIT
                items[part.id] = part
    merged_into = {i.id: i.merged_into for i in items.values() if i.merged_into}
    targets: set[str] = set()
    for item in list(items.values()):
        if item.merged_into:
            final = _final_target(item.id, merged_into, set(items))
            if final is not None:
                _fold(items[final], item)
                targets.add(final)
    for target in targets:
        items[target].evidence.sort(key=evidence_order)
        _regrade(items[target])
    for item in items.values():
        if item.status == ReviewState.REJECTED:
            item.out = True
    chosen = [
        i
        for i in items.values()
        if (include_rejected or not i.out) and _matches(i, kind, start, end, measure_id)
    ]
    return sorted(chosen, key=lambda i: (i.incident.date or date.max, i.id))


def orphaned_reviews(session: Session) -> list[OrphanedReview]:
    """Reviews whose incident, merge target or split-off evidence the current assessment no longer has."""
    decisions = reviews(session)
    referenced = set(decisions) | {r.merged_into for r in decisions.values() if r.merged_into}
    present = (
        set(session.scalars(select(AssessedIncident.id).where(AssessedIncident.id.in_(sorted(referenced)))))
        if referenced
        else set()
    )
    split_ids = [i for i, r in decisions.items() if r.split_groups and i in present]
    evidence = (
        {
            e
            for e in session.scalars(
                select(AssessedIncidentEvidence.id).where(
                    AssessedIncidentEvidence.assessed_incident_id.in_(split_ids)
                )
            )
        }
        if split_ids
        else set()
    )
    hints = _successor_hints(session, referenced - present)
    found = []
    for incident_id, review in sorted(decisions.items()):
        problem, about = None, incident_id
        if incident_id not in present:
            problem = "the assessment no longer has this incident"
        elif review.status == ReviewState.MERGED and review.merged_into and review.merged_into not in present:
            problem = (
                f"merged into {review.merged_into}, which the assessment no longer has; counted on its own"
            )
            about = review.merged_into
        elif review.status == ReviewState.SPLIT and any(
            not set(g) & evidence for g in review.split_groups or []
        ):
            problem = "evidence the analyst split off no longer belongs to the incident"
        if problem:
            found.append(
                OrphanedReview(
                    incident_id,
                    review.status,
                    review.reviewed_by,
                    review.reviewed_at,
                    review.reason,
                    problem,
                    hints.get(about, []),
                )
            )
    return found


def _successor_hints(session: Session, gone: set[str]) -> dict[str, list[str]]:
    if not gone:
        return {}
    query = (
        select(AuditEntry)
        .where(AuditEntry.action == ORPHAN_ACTION, AuditEntry.record_id.in_(sorted(gone)))
        .order_by(AuditEntry.id)
    )
    return {e.record_id: list((e.after or {}).get("successors", [])) for e in session.scalars(query)}


def _refs(rows: list[Any]) -> set[tuple[str | None, str | None, str | None]]:
    return {(e.incident_id, e.claim_id, e.maritime_event_id) for e in rows}


def record_orphaned_reviews(
    session: Session, stale: set[str], new_evidence: dict[str, list[Evidence]]
) -> list[str]:
    """Before a reassessment removes ``stale`` incidents, audit each one a review names, with the new
    incidents that now hold its evidence (the successors an analyst should review instead)."""
    decisions = reviews(session)
    named = stale & (set(decisions) | {r.merged_into for r in decisions.values() if r.merged_into})
    if not named:
        return []
    old = _by_incident(
        session, AssessedIncidentEvidence, AssessedIncidentEvidence.assessed_incident_id, sorted(named), False
    )
    new_refs = {incident_id: _refs(rows) for incident_id, rows in new_evidence.items()}
    for incident_id in sorted(named):
        refs = _refs(old.get(incident_id, []))
        shared = sorted(((len(refs & r), i) for i, r in new_refs.items() if refs & r), reverse=True)
        record_change(
            session,
            actor="watchkeeper assess",
            action=ORPHAN_ACTION,
            record_type="assessed_incident",
            record_id=incident_id,
            before={"review": decisions[incident_id].status if incident_id in decisions else "merge target"},
            after={"successors": [i for _, i in shared]},
            reason="a reassessment no longer finds this incident; the review is kept and reported",
        )
    return sorted(named)
