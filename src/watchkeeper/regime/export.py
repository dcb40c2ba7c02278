"""Export records of the regime stage: one ``resolution`` record per resolution, one ``measure`` per measure.

Read from the store (what ``regime load`` wrote), with stable keys; removed rows are exported with
``removed: true`` so an export is a faithful copy of the tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.store.models.regime import MeasureRow, ResolutionRow

RESOLUTION_KEYS = ("number", "adopted", "title", "summary", "vote", "sources", "removed")
MEASURE_KEYS = (
    "id",
    "resolution",
    "paragraph",
    "kind",
    "direction",
    "subject",
    "description",
    "commodities",
    "limits",
    "reporting",
    "alerts",
    "effective_from",
    "effective_to",
    "amends",
    "supersedes",
    "confidence",
    "verified",
    "removed",
)


def records(session: Session) -> Iterator[dict[str, Any]]:
    """Every stored resolution, then every stored measure, as export records."""
    for resolution in session.scalars(select(ResolutionRow).order_by(ResolutionRow.number)):
        yield {"type": "resolution", **{key: getattr(resolution, key) for key in RESOLUTION_KEYS}}
    for measure in session.scalars(select(MeasureRow).order_by(MeasureRow.resolution, MeasureRow.id)):
        yield {"type": "measure", **{key: getattr(measure, key) for key in MEASURE_KEYS}}
