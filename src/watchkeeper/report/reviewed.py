"""What the report says about analysts' review: the line under a reviewed incident, and the annex of
incidents analysts took out (rejected, or merged into another) with the reviews that no longer attach."""

from __future__ import annotations

from typing import Any

from watchkeeper.assess import OrphanedReview, ReviewedIncident
from watchkeeper.reading.kinds import kind_label
from watchkeeper.vocabulary import ReviewState

FIELD_WORDS = {"kind": "kind", "date": "date", "place_text": "place", "summary": "summary"}


def _on(item: ReviewedIncident) -> str:
    return f" on {item.reviewed_at:%Y-%m-%d}" if item.reviewed_at else ""


def review_line(item: ReviewedIncident) -> str | None:
    """One sentence under an incident in the body: who confirmed, corrected, merged or split it."""
    parts = []
    if item.status == ReviewState.CONFIRMED:
        parts.append(f"Confirmed by analyst {item.reviewed_by}{_on(item)}.")
    if item.split_from:
        parts.append(f"Split off incident {item.split_from} by analyst {item.reviewed_by}{_on(item)}.")
    elif item.status == ReviewState.SPLIT:
        parts.append(f"Evidence of a separate event split off by analyst {item.reviewed_by}{_on(item)}.")
    if item.merged_from:
        parts.append(f"Includes the evidence of {', '.join(item.merged_from)}, merged into it by an analyst.")
    if item.merged_into and not item.out:
        parts.append(
            f"Merged by an analyst into {item.merged_into}, which the assessment no longer has; "
            "shown on its own."
        )
    edited = [FIELD_WORDS[k] for k in ("kind", "date", "place_text", "summary") if k in item.original]
    if edited:
        parts.append(f"{', '.join(edited).capitalize()} corrected by analyst {item.reviewed_by}.")
    return " ".join(parts) or None


def reviewed_out_rows(items: list[ReviewedIncident]) -> list[dict[str, Any]]:
    """The annex rows: incidents analysts rejected or merged into another, with their reason."""
    rows = []
    for item in items:
        if not item.out:
            continue
        decision = "Rejected" if item.status == ReviewState.REJECTED else f"Merged into {item.merged_into}"
        rows.append(
            {
                "id": item.id,
                "kind": kind_label(item.incident.kind),
                "date": (item.incident.date or item.incident.date_end or "undated"),
                "decision": decision,
                "status": item.status,
                "by": item.reviewed_by or "",
                "on": f"{item.reviewed_at:%Y-%m-%d}" if item.reviewed_at else "",
                "reason": item.reason or "",
            }
        )
    return rows


def orphan_rows(orphans: list[OrphanedReview]) -> list[dict[str, Any]]:
    """The annex rows of reviews a reassessment left unattached (kept, never silently dropped)."""
    return [
        {
            "id": o.incident_id,
            "decision": o.status,
            "by": o.reviewed_by,
            "on": f"{o.reviewed_at:%Y-%m-%d}" if o.reviewed_at else "",
            "problem": o.problem,
            "successors": ", ".join(o.successors),
            "successors_text": ", ".join(o.successors) or "no incident",
        }
        for o in orphans
    ]
