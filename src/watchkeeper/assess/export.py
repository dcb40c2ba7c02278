"""Assessment records for ``watchkeeper export``: incidents, measure links, ledger entries, FtM events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from watchkeeper.assess.ledger import cap_ledger
from watchkeeper.assess.reviewed import reviewed_incidents
from watchkeeper.assess.rules import measure_status
from watchkeeper.lists.export import ftm_id
from watchkeeper.regime import load_regime
from watchkeeper.vocabulary import Stance

Record = dict[str, Any]
FTM_PREFIX = "wk-incident-"


def records(session: Session) -> Iterator[Record]:
    """Every incident as analysts reviewed it (rejected and merged ones too, with their ``review_status``),
    the measure links of each as reviewed (re-derived after an edit), and every ledger entry."""
    items = reviewed_incidents(session, include_rejected=True)
    for item in items:
        incident, rows = item.incident, item.evidence
        yield {
            "type": "incident",
            "id": incident.id,
            "kind": incident.kind,
            "date": incident.date,
            "date_end": incident.date_end,
            "precision": incident.precision,
            "status": incident.status,
            "grade": incident.grade,
            "computed_grade": incident.computed_grade,
            "grade_score": incident.grade_score,
            "grade_override": incident.grade_override,
            "override_reason": incident.override_reason,
            "source_count": incident.source_count,
            "commodity": incident.commodity,
            "place_id": incident.place_id,
            "place_text": incident.place_text,
            "actors": incident.actors,
            "quantities": incident.quantities,
            "measure_ids": [link.measure_id for link in item.links],
            "evidence": sorted({e.document_id for e in rows if e.document_id and e.stance == Stance.REPORTS}),
            "denial_documents": sorted(
                {e.document_id for e in rows if e.document_id and e.stance == Stance.DENIES}
            ),
            "maritime_event_ids": sorted({e.maritime_event_id for e in rows if e.maritime_event_id}),
            "summary": incident.summary,
            "measure_status": measure_status(incident.kind, bool(item.links))[0],
            "synthetic": bool(incident.synthetic),
            **item.review_record(),
        }
    for item in items:
        for link in sorted(item.links, key=lambda link: link.measure_id):
            yield {
                "type": "measure_link",
                "id": link.id,
                "incident_id": item.id,
                "measure_id": link.measure_id,
                "rule_id": link.rule_id,
                "explanation": link.explanation,
            }
    for year in cap_ledger(session, load_regime()):
        for entry in year.entries:
            yield entry.as_dict()


def ftm_entities(session: Session) -> Iterator[Record]:
    """Incidents as analysts reviewed them (rejected and merged ones left out) as FollowTheMoney ``Event``
    entities, with their actors as ``involved``."""
    for item in reviewed_incidents(session):
        incident = item.incident
        measures = ", ".join(link.measure_id for link in item.links)
        urls = sorted({e.document_id for e in item.evidence if e.document_id})
        properties: dict[str, list[str]] = {
            "name": [f"{incident.kind.replace('_', ' ')} {incident.date or ''}".strip()],
            "summary": [incident.summary[:2000]],
            "notes": [
                f"grade {incident.grade}; review {item.status}; measures {measures or 'none'}; "
                f"evidence documents {', '.join(urls) or 'none'}"
            ],
            "namesMentioned": sorted({a["name"] for a in incident.actors if not a.get("designation_id")}),
        }
        involved = sorted({ftm_id(a["designation_id"]) for a in incident.actors if a.get("designation_id")})
        if involved:
            properties["involved"] = involved
        if incident.date:
            properties["date"] = [incident.date.isoformat()]
        if incident.date_end:
            properties["endDate"] = [incident.date_end.isoformat()]
        if incident.place_text:
            properties["location"] = [incident.place_text]
        yield {"id": f"{FTM_PREFIX}{incident.id}", "schema": "Event", "properties": properties}
