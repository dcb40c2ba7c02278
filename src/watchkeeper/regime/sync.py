"""Copying the regime data into the store's ``resolution`` and ``measure`` tables, idempotently.

Rows are compared field by field and written only when they differ, so a rerun changes nothing. Measures and
resolutions no longer in the data files are marked ``removed`` (not deleted: other stages may link to them).
The data version (a hash of the files) is kept in ``workspace_meta`` under ``regime_data_version``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.regime.catalogue import Regime
from watchkeeper.regime.models import Measure, Resolution
from watchkeeper.store.models.core import WorkspaceMeta
from watchkeeper.store.models.regime import MeasureRow, ResolutionRow

VERSION_KEY = "regime_data_version"


@dataclass(frozen=True)
class SyncResult:
    """What one sync did: counts of rows inserted, updated, unchanged and marked removed."""

    inserted: int
    updated: int
    unchanged: int
    removed: int
    version: str
    previous_version: str | None

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.removed) or self.version != self.previous_version


def resolution_values(resolution: Resolution) -> dict[str, Any]:
    """Column values of a resolution row."""
    return {
        "adopted": resolution.adopted,
        "title": resolution.title,
        "summary": resolution.summary,
        "vote": resolution.vote.model_dump(mode="json") if resolution.vote else None,
        "sources": list(resolution.sources),
        "removed": False,
    }


def measure_values(measure: Measure) -> dict[str, Any]:
    """Column values of a measure row."""
    record = measure.model_dump(mode="json", exclude={"id", "effective_from", "effective_to"})
    record["effective_from"] = measure.effective_from
    record["effective_to"] = measure.effective_to
    record["removed"] = False
    return record


def _upsert(
    session: Session, model: type, key: object, values: dict[str, Any], counts: dict[str, int]
) -> None:
    row = session.get(model, key)
    if row is None:
        pk = "number" if model is ResolutionRow else "id"
        session.add(model(**{pk: key}, **values))
        counts["inserted"] += 1
        return
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    for name, value in changed.items():
        setattr(row, name, value)
    counts["updated" if changed else "unchanged"] += 1


def sync_regime(session: Session, regime: Regime) -> SyncResult:
    """Bring the regime tables in line with ``regime``; a second run with the same data changes nothing."""
    counts = {"inserted": 0, "updated": 0, "unchanged": 0, "removed": 0}
    for resolution in regime.resolutions:
        _upsert(session, ResolutionRow, resolution.number, resolution_values(resolution), counts)
    session.flush()
    for measure in regime.measures:
        _upsert(session, MeasureRow, measure.id, measure_values(measure), counts)
    session.flush()

    measure_ids = {m.id for m in regime.measures}
    for stored_measure in session.scalars(select(MeasureRow).where(MeasureRow.removed.is_(False))):
        if stored_measure.id not in measure_ids:
            stored_measure.removed = True
            counts["removed"] += 1
    numbers = {r.number for r in regime.resolutions}
    for stored in session.scalars(select(ResolutionRow).where(ResolutionRow.removed.is_(False))):
        if stored.number not in numbers:
            stored.removed = True
            counts["removed"] += 1

    meta = session.get(WorkspaceMeta, VERSION_KEY)
    previous = meta.value if meta is not None else None
    if meta is None:
        session.add(WorkspaceMeta(key=VERSION_KEY, value=regime.version))
    elif meta.value != regime.version:
        meta.value = regime.version
    session.flush()
    return SyncResult(version=regime.version, previous_version=previous, **counts)


def stored_version(session: Session) -> str | None:
    """The regime data version last loaded into this workspace, or None."""
    meta = session.get(WorkspaceMeta, VERSION_KEY)
    return meta.value if meta is not None else None
