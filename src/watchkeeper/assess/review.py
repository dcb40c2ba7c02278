"""Analysts' review decisions on assessed incidents: confirm, reject, merge, split, edit, note — each audited.

The decisions live in ``incident_review`` and ``incident_note`` (this stage's tables, keyed by incident id
without a foreign key so a reassessment cannot delete them). :mod:`watchkeeper.assess.reviewed` applies them
to the assessment for the report, the cap ledger, the exports and the CLI; the workbench calls these
functions to record them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from watchkeeper.assess.queries import find_incident, override_grade
from watchkeeper.audit import record_change
from watchkeeper.errors import WatchkeeperError
from watchkeeper.store.models.assess import (
    AssessedIncident,
    AssessedIncidentEvidence,
    IncidentNote,
    IncidentReview,
)
from watchkeeper.vocabulary import ReviewState

REVIEW_STATES = tuple(ReviewState)
EDITABLE = ("kind", "date", "place_text", "summary")


class ReviewError(WatchkeeperError):
    """A review action cannot be applied as asked."""


def review_state(review: IncidentReview | None) -> dict[str, Any]:
    """A review row as a plain record (``{"status": "awaiting"}`` when no analyst has reviewed it)."""
    if review is None:
        return {"status": ReviewState.AWAITING}
    return {
        "status": review.status,
        "merged_into": review.merged_into,
        "split_groups": review.split_groups,
        "edits": review.edits,
        "reason": review.reason,
        "reviewed_by": review.reviewed_by,
        "reviewed_at": review.reviewed_at,
    }


def reviews(session: Session, ids: list[str] | None = None) -> dict[str, IncidentReview]:
    """Review rows by incident id (every review when ``ids`` is None)."""
    query = select(IncidentReview)
    if ids is not None:
        if not ids:
            return {}
        query = query.where(IncidentReview.incident_id.in_(ids))
    return {r.incident_id: r for r in session.scalars(query)}


def review_of(session: Session, incident_id: str) -> dict[str, Any]:
    """One incident's review state as :func:`review_state` gives it."""
    return review_state(session.get(IncidentReview, incident_id))


def incident_notes(session: Session, incident_id: str) -> list[dict[str, Any]]:
    """An incident's notes, oldest first."""
    query = select(IncidentNote).where(IncidentNote.incident_id == incident_id).order_by(IncidentNote.id)
    return [{"id": n.id, "author": n.author, "text": n.text, "at": n.at} for n in session.scalars(query)]


def _jsonable(state: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in state.items()}


def _set(
    session: Session, incident_id: str, actor: str, action: str, reason: str | None, **changes: Any
) -> IncidentReview:
    review = session.get(IncidentReview, incident_id)
    before = review_state(review)
    if review is None:
        review = IncidentReview(
            incident_id=incident_id, status=ReviewState.AWAITING, split_groups=[], edits={}
        )
        session.add(review)
    for name, value in changes.items():
        setattr(review, name, value)
    review.reason = reason or None
    review.reviewed_by = actor
    review.reviewed_at = datetime.now(UTC)
    session.flush()
    record_change(
        session,
        actor=actor,
        action=f"incident.{action}",
        record_type="assessed_incident",
        record_id=incident_id,
        before=_jsonable(before),
        after=_jsonable(review_state(review)),
        reason=reason or None,
    )
    return review


def confirm(session: Session, ref: str, actor: str, reason: str | None = None) -> IncidentReview:
    """Mark an incident confirmed by an analyst."""
    return _set(
        session, find_incident(session, ref).id, actor, "confirm", reason, status=ReviewState.CONFIRMED
    )


def reject(session: Session, ref: str, actor: str, reason: str) -> IncidentReview:
    """Mark an incident rejected (a misreading, not an event); a reason is required."""
    if not reason.strip():
        raise ReviewError("rejecting an incident needs a reason")
    return _set(session, find_incident(session, ref).id, actor, "reject", reason, status=ReviewState.REJECTED)


def merge(session: Session, ref: str, into: str, actor: str, reason: str | None = None) -> IncidentReview:
    """Record that an incident is the same event as another (which stays the one to report)."""
    incident, target = find_incident(session, ref), find_incident(session, into)
    if incident.id == target.id:
        raise ReviewError("an incident cannot be merged into itself")
    return _set(
        session, incident.id, actor, "merge", reason, status=ReviewState.MERGED, merged_into=target.id
    )


def split(
    session: Session, ref: str, evidence_ids: list[str], actor: str, reason: str | None = None
) -> IncidentReview:
    """Record that some of an incident's evidence reports a separate event (kept as one group per split)."""
    incident = find_incident(session, ref)
    own = set(
        session.scalars(
            select(AssessedIncidentEvidence.id).where(
                AssessedIncidentEvidence.assessed_incident_id == incident.id
            )
        )
    )
    chosen = sorted(set(evidence_ids))
    if not chosen or not set(chosen) <= own:
        raise ReviewError("choose evidence of this incident to split off")
    if set(chosen) == own:
        raise ReviewError("leave at least one piece of evidence with the incident")
    review = session.get(IncidentReview, incident.id)
    groups = [*(review.split_groups if review else []), chosen]
    return _set(session, incident.id, actor, "split", reason, status=ReviewState.SPLIT, split_groups=groups)


def edit(
    session: Session, ref: str, actor: str, reason: str, fields: dict[str, str], grade: str | None = None
) -> IncidentReview:
    """Correct what the incident says (kind, date, place, summary) and optionally override its grade."""
    incident = find_incident(session, ref)
    if not reason.strip():
        raise ReviewError("an edit needs a reason")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ReviewError(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE)}")
    if fields.get("date"):
        try:
            date.fromisoformat(fields["date"])
        except ValueError:
            raise ReviewError(f"date {fields['date']!r} is not YYYY-MM-DD") from None
    if grade and grade != incident.grade:
        override_grade(session, incident.id, grade, reason, actor)
    review = session.get(IncidentReview, incident.id)
    edits = {**(review.edits if review else {}), **{k: v for k, v in fields.items() if v}}
    status = review.status if review else ReviewState.AWAITING
    return _set(session, incident.id, actor, "edit", reason, edits=edits, status=status)


def add_note(session: Session, ref: str, actor: str, text: str) -> IncidentNote:
    """Append an analyst's note to an incident."""
    incident = find_incident(session, ref)
    if not text.strip():
        raise ReviewError("a note cannot be empty")
    note = IncidentNote(incident_id=incident.id, author=actor, text=text.strip())
    session.add(note)
    session.flush()
    record_change(
        session,
        actor=actor,
        action="incident.note",
        record_type="assessed_incident",
        record_id=incident.id,
        after={"note_id": note.id, "text": note.text},
    )
    return note


def _orphan_review(session: Session, incident_id: str) -> IncidentReview | None:
    if session.get(AssessedIncident, incident_id) is not None:
        raise ReviewError(f"incident {incident_id} is still assessed; review it directly")
    return session.get(IncidentReview, incident_id)


def reattach(session: Session, old_id: str, new_ref: str, actor: str, reason: str | None = None) -> str:
    """Move the review and notes of an incident a reassessment no longer has onto the incident that now holds
    its evidence (``watchkeeper assess`` names it); merges into the old incident follow. Returns its id."""
    old = _orphan_review(session, old_id)
    target = find_incident(session, new_ref)
    pointing = list(session.scalars(select(IncidentReview).where(IncidentReview.merged_into == old_id)))
    if old is None and not pointing:
        raise ReviewError(f"no review names incident {old_id}")
    if any(r.incident_id == target.id for r in pointing):
        raise ReviewError(f"{target.id} was merged into {old_id}; it cannot take that incident's place")
    before = review_state(old)
    if old is not None:
        if session.get(IncidentReview, target.id) is not None:
            raise ReviewError(f"{target.id} has a review of its own; dismiss one of the two first")
        if old.split_groups:
            raise ReviewError(
                f"the review of {old_id} splits off evidence {target.id} does not hold; "
                "dismiss it and split the new incident again"
            )
        fields = ("status", "merged_into", "edits", "reason", "reviewed_by", "reviewed_at")
        session.add(
            IncidentReview(incident_id=target.id, split_groups=[], **{f: getattr(old, f) for f in fields})
        )
        session.delete(old)
    for review in pointing:
        review.merged_into = target.id
    session.execute(
        update(IncidentNote).where(IncidentNote.incident_id == old_id).values(incident_id=target.id)
    )
    session.flush()
    record_change(
        session,
        actor=actor,
        action="incident.reattach",
        record_type="assessed_incident",
        record_id=old_id,
        before=_jsonable(before),
        after={"incident_id": target.id, "merges_retargeted": sorted(r.incident_id for r in pointing)},
        reason=reason or None,
    )
    return target.id


def dismiss(session: Session, incident_id: str, actor: str, reason: str) -> None:
    """Drop the review of an incident a reassessment no longer has (the audit log keeps what it said)."""
    if not reason.strip():
        raise ReviewError("dismissing a review needs a reason")
    review = _orphan_review(session, incident_id)
    if review is None:
        raise ReviewError(f"no review of incident {incident_id}")
    before = review_state(review)
    session.delete(review)
    session.flush()
    record_change(
        session,
        actor=actor,
        action="incident.dismiss_review",
        record_type="assessed_incident",
        record_id=incident_id,
        before=_jsonable(before),
        reason=reason,
    )
