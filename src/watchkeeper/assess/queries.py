"""Reading assessed incidents back: lists, one incident with its evidence, measures and denials, and the
analyst's grade override (audited)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from watchkeeper.assess.grading import grade_meanings
from watchkeeper.assess.rules import measure_status
from watchkeeper.audit import record_change
from watchkeeper.errors import NotFoundError, WatchkeeperError
from watchkeeper.reading.kinds import incident_kind
from watchkeeper.store.models.assess import AssessedIncident, AssessedIncidentEvidence, MeasureLink
from watchkeeper.store.models.evidence import Document
from watchkeeper.vocabulary import Stance


def list_incidents(
    session: Session,
    *,
    kind: str | None = None,
    start: date | None = None,
    end: date | None = None,
    measure_id: str | None = None,
    include_synthetic: bool = False,
) -> list[AssessedIncident]:
    """Assessed incidents in date order; optionally of one kind, overlapping [start, end], or of a measure.

    Incidents built from synthetic (demonstration) data are left out unless ``include_synthetic``.
    """
    query = select(AssessedIncident).order_by(AssessedIncident.date, AssessedIncident.id)
    if not include_synthetic:
        query = query.where(AssessedIncident.synthetic.is_(False))
    if kind:
        incident_kind(kind)  # a kind the registry does not define is an error, not an empty list
        query = query.where(AssessedIncident.kind == kind)
    if end is not None:
        query = query.where(
            or_(
                AssessedIncident.date <= end,
                AssessedIncident.date.is_(None) & (AssessedIncident.date_end <= end),
            )
        )
    if start is not None:
        query = query.where(
            or_(
                AssessedIncident.date_end >= start,
                AssessedIncident.date_end.is_(None) & (AssessedIncident.date >= start),
            )
        )
    if measure_id:
        linked = select(MeasureLink.assessed_incident_id).where(MeasureLink.measure_id == measure_id)
        query = query.where(AssessedIncident.id.in_(linked))
    return list(session.scalars(query))


def incident_links(session: Session, ids: list[str]) -> dict[str, list[MeasureLink]]:
    """Measure links per incident id."""
    out: dict[str, list[MeasureLink]] = {}
    if ids:
        query = (
            select(MeasureLink)
            .where(MeasureLink.assessed_incident_id.in_(ids))
            .order_by(MeasureLink.measure_id)
        )
        for link in session.scalars(query):
            out.setdefault(link.assessed_incident_id, []).append(link)
    return out


def _naive(moment: datetime | None) -> datetime:
    """For sorting: SQLite returns naive datetimes, PostgreSQL aware ones; missing ones last."""
    return moment.replace(tzinfo=None) if moment else datetime.max


def evidence_order(e: AssessedIncidentEvidence) -> tuple[bool, datetime, str]:
    """Sort key of an incident's evidence: reports before denials, oldest first."""
    return (e.stance != Stance.REPORTS, _naive(e.published_at), e.id)


def incident_evidence(session: Session, ids: list[str]) -> dict[str, list[AssessedIncidentEvidence]]:
    """Evidence per incident id, reports before denials, oldest first."""
    out: dict[str, list[AssessedIncidentEvidence]] = {}
    if ids:
        query = select(AssessedIncidentEvidence).where(AssessedIncidentEvidence.assessed_incident_id.in_(ids))
        rows = sorted(session.scalars(query), key=evidence_order)
        for row in rows:
            out.setdefault(row.assessed_incident_id, []).append(row)
    return out


def summary_record(incident: AssessedIncident, links: list[MeasureLink]) -> dict[str, Any]:
    """One line of ``incidents list --json``; ``measure_status`` says whether it may be a breach ("linked"),
    is an event such as a Council vote ("event": list it apart from breaches), or has "no measure"."""
    status, note = measure_status(incident.kind, bool(links))
    return {
        "type": "incident",
        "id": incident.id,
        "kind": incident.kind,
        "date": incident.date,
        "date_end": incident.date_end,
        "precision": incident.precision,
        "status": incident.status,
        "grade": incident.grade,
        "computed_grade": incident.computed_grade,
        "grade_override": incident.grade_override,
        "source_count": incident.source_count,
        "measure_ids": [link.measure_id for link in links],
        "actors": [f"{a['role']}: {a['name']}" for a in incident.actors],
        "summary": incident.summary,
        "measure_status": status,
        "measure_note": note,
        "synthetic": bool(incident.synthetic),
    }


def evidence_record(row: AssessedIncidentEvidence, document: Document | None) -> dict[str, Any]:
    """One piece of evidence with the document it cites."""
    return {
        "id": row.id,
        "stance": row.stance,
        "source_key": row.source_key,
        "source_name": row.source_name,
        "source_class": row.source_class,
        "evidence_type": row.evidence_type,
        "direct_cues": row.direct_cues,
        "quoted": row.quoted,
        "document_id": row.document_id,
        "start": row.start,
        "end": row.end,
        "outlet": document.outlet_name if document else None,
        "title": document.title if document else None,
        "url": document.url if document else None,
        "published_at": row.published_at,
        "copy_group_id": row.copy_group_id,
        "incident_id": row.incident_id,
        "claim_id": row.claim_id,
        "maritime_event_id": row.maritime_event_id,
    }


def incident_record(
    session: Session,
    incident: AssessedIncident,
    links: list[MeasureLink] | None = None,
    evidence: list[AssessedIncidentEvidence] | None = None,
) -> dict[str, Any]:
    """Everything about one incident: evidence, grade and why, measures and why, denials.

    ``links`` and ``evidence`` default to the stored ones (the reviewed view passes its own).
    """
    if links is None:
        links = incident_links(session, [incident.id]).get(incident.id, [])
    if evidence is None:
        evidence = incident_evidence(session, [incident.id]).get(incident.id, [])
    documents = {
        d.id: d
        for d in session.scalars(
            select(Document).where(Document.id.in_({e.document_id for e in evidence if e.document_id}))
        )
    }
    records = [evidence_record(e, documents.get(e.document_id or "")) for e in evidence]
    return {
        **summary_record(incident, links),
        "place": incident.place_text,
        "place_id": incident.place_id,
        "commodity": incident.commodity,
        "actors": incident.actors,
        "quantities": incident.quantities,
        "grade_meaning": grade_meanings().get(incident.grade),
        "grade_score": incident.grade_score,
        "grade_features": incident.grade_features,
        "override": {
            "grade": incident.grade_override,
            "reason": incident.override_reason,
            "by": incident.override_by,
            "at": incident.override_at,
        }
        if incident.grade_override
        else None,
        "measures": [
            {"measure_id": link.measure_id, "rule_id": link.rule_id, **link.explanation} for link in links
        ],
        "evidence": [r for r in records if r["stance"] == Stance.REPORTS],
        "denials": [r for r in records if r["stance"] == Stance.DENIES],
        "evidence_document_ids": sorted({e.document_id for e in evidence if e.document_id}),
        "assessed_at": incident.assessed_at,
    }


def find_incident(session: Session, ref: str) -> AssessedIncident:
    """An incident by id or unique id prefix."""
    row = session.get(AssessedIncident, ref)
    if row is not None:
        return row
    matches = list(
        session.scalars(select(AssessedIncident).where(AssessedIncident.id.startswith(ref)).limit(2))
    )
    if len(matches) == 1:
        return matches[0]
    raise NotFoundError(f"no single incident with id {ref!r} (see `watchkeeper incidents list`)")


def override_grade(
    session: Session, ref: str, grade: str | None, reason: str, actor: str
) -> AssessedIncident:
    """Set (or with ``grade=None`` clear) an analyst's grade, recording before and after in the audit log."""
    grades = grade_meanings()
    if grade is not None and grade not in grades:
        raise WatchkeeperError(f"unknown grade {grade!r}; use one of {', '.join(grades)}")
    if not reason.strip():
        raise WatchkeeperError("an override needs a reason (--reason)")
    incident = find_incident(session, ref)
    before = {
        "grade": incident.grade,
        "computed_grade": incident.computed_grade,
        "grade_override": incident.grade_override,
        "override_reason": incident.override_reason,
    }
    incident.grade_override = grade
    incident.override_reason = reason if grade else None
    incident.override_by = actor if grade else None
    incident.override_at = datetime.now(UTC) if grade else None
    incident.grade = grade or incident.computed_grade
    after = {
        "grade": incident.grade,
        "computed_grade": incident.computed_grade,
        "grade_override": incident.grade_override,
        "override_reason": incident.override_reason,
    }
    record_change(
        session,
        actor=actor,
        action="incident.grade_override" if grade else "incident.grade_override_cleared",
        record_type="assessed_incident",
        record_id=incident.id,
        before=before,
        after=after,
        reason=reason,
    )
    return incident
