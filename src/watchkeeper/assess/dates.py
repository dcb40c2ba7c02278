"""The days an assessed incident's reports give, when they differ: kept with their sources and shown where
the incident is explained (``report --explain``), never averaged or silently picked."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.store.models.assess import AssessedIncidentEvidence
from watchkeeper.store.models.reading import Incident
from watchkeeper.vocabulary import DatePrecision


def conflicting_dates(session: Session, assessed_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Per assessed incident whose reports give more than one day (another time zone, a misread date): every
    day its reports give, with the documents giving it (kept and shown, never averaged or silently picked)."""
    if not assessed_ids:
        return {}
    rows = session.execute(
        select(AssessedIncidentEvidence.assessed_incident_id, Incident)
        .join(Incident, Incident.id == AssessedIncidentEvidence.incident_id)
        .where(AssessedIncidentEvidence.assessed_incident_id.in_(assessed_ids))
    ).all()
    given: dict[str, dict[tuple[date, str], set[str]]] = {}
    for assessed_id, incident in rows:
        if incident.date is not None and incident.precision == DatePrecision.DAY:
            given.setdefault(assessed_id, {}).setdefault((incident.date, incident.precision), set()).add(
                incident.document_id
            )
    out: dict[str, list[dict[str, Any]]] = {}
    for assessed_id, dates in given.items():
        if len(dates) > 1:
            out[assessed_id] = [
                {"date": day.isoformat(), "precision": precision, "documents": sorted(documents)}
                for (day, precision), documents in sorted(dates.items())
            ]
    return out
