"""The workbench's review queue: assessed incidents with their review state, and one incident with its notes.

The decisions themselves (confirm, reject, merge, split, edit, note; each audited) are
:mod:`watchkeeper.assess.review`, so the report, the cap ledger, the exports and the CLI apply the same ones.
The queue lists every assessed incident, rejected and merged ones included, so an analyst can revisit them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from watchkeeper.assess import find_incident, incident_links, incident_record, list_incidents, summary_record
from watchkeeper.assess.review import (
    EDITABLE,
    REVIEW_STATES,
    ReviewError,
    add_note,
    confirm,
    edit,
    incident_notes,
    merge,
    reject,
    review_of,
    review_state,
    reviews,
    split,
)

__all__ = [
    "EDITABLE",
    "REVIEW_STATES",
    "ReviewError",
    "add_note",
    "confirm",
    "edit",
    "incident_detail",
    "incident_rows",
    "merge",
    "reject",
    "reviews",
    "split",
]


def incident_rows(
    session: Session,
    *,
    kind: str | None = None,
    grade: str | None = None,
    review: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[dict[str, Any]]:
    """Assessed incidents (the assessment's own list) with their review status, optionally filtered."""
    rows = list_incidents(session, kind=kind, start=start, end=end)
    if grade:
        rows = [r for r in rows if r.grade == grade]
    ids = [r.id for r in rows]
    links, states = incident_links(session, ids), reviews(session, ids)
    out = []
    for row in rows:
        state = review_state(states.get(row.id))
        if review and state["status"] != review:
            continue
        out.append({**summary_record(row, links.get(row.id, [])), "review": state})
    return out


def incident_detail(session: Session, ref: str) -> dict[str, Any]:
    """The assessment's record of one incident plus its review state and notes."""
    incident = find_incident(session, ref)
    record = incident_record(session, incident)
    record["review"] = review_of(session, incident.id)
    record["notes"] = incident_notes(session, incident.id)
    return record
