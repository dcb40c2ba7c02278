"""Assessment records for ``watchkeeper export``: incidents, measure links, ledger entries, FtM events."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.assess.ledger import cap_ledger
from watchkeeper.assess.queries import incident_evidence, incident_links, list_incidents
from watchkeeper.lists.export import ftm_id
from watchkeeper.regime import load_regime
from watchkeeper.store.models.assess import MeasureLink

Record = dict[str, Any]
FTM_PREFIX = "wk-incident-"


def records(session: Session) -> Iterator[Record]:
    """Every assessed incident (measure ids, grade, evidence document ids), measure link and ledger entry."""
    incidents = list_incidents(session)
    ids = [i.id for i in incidents]
    links = incident_links(session, ids)
    evidence = incident_evidence(session, ids)
    for incident in incidents:
        rows = evidence.get(incident.id, [])
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
            "actors": incident.actors,
            "quantities": incident.quantities,
            "measure_ids": [link.measure_id for link in links.get(incident.id, [])],
            "evidence": sorted({e.document_id for e in rows if e.document_id and e.stance == "reports"}),
            "denial_documents": sorted(
                {e.document_id for e in rows if e.document_id and e.stance == "denies"}
            ),
            "maritime_event_ids": sorted({e.maritime_event_id for e in rows if e.maritime_event_id}),
            "summary": incident.summary,
        }
    for link in session.scalars(
        select(MeasureLink).order_by(MeasureLink.assessed_incident_id, MeasureLink.measure_id)
    ):
        yield {
            "type": "measure_link",
            "id": link.id,
            "incident_id": link.assessed_incident_id,
            "measure_id": link.measure_id,
            "rule_id": link.rule_id,
            "explanation": link.explanation,
        }
    for year in cap_ledger(session, load_regime()):
        for entry in year.entries:
            yield entry.as_dict()


def ftm_entities(session: Session) -> Iterator[Record]:
    """Assessed incidents as FollowTheMoney ``Event`` entities, with their actors as ``involved``."""
    incidents = list_incidents(session)
    links = incident_links(session, [i.id for i in incidents])
    evidence = incident_evidence(session, [i.id for i in incidents])
    for incident in incidents:
        measures = ", ".join(link.measure_id for link in links.get(incident.id, []))
        urls = sorted({e.document_id for e in evidence.get(incident.id, []) if e.document_id})
        properties: dict[str, list[str]] = {
            "name": [f"{incident.kind.replace('_', ' ')} {incident.date or ''}".strip()],
            "summary": [incident.summary[:2000]],
            "notes": [
                f"grade {incident.grade}; measures {measures or 'none'}; "
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
