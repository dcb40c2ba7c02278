"""Small reads of the designated lists for other stages and the workbench: one designation, a fingerprint."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchkeeper.store.models.lists import Designation, DesignationName


def designation_brief(session: Session, designation_id: str) -> dict[str, Any] | None:
    """A designation's id, reference and name, or None when there is no designation with this exact id."""
    row = session.get(Designation, designation_id)
    if row is None:
        return None
    return {"id": row.id, "reference": row.reference, "name": row.name}


def lists_fingerprint(session: Session) -> tuple[int, datetime | None]:
    """How many designated names there are and when a designation last changed: equal while the lists are."""
    names = session.scalar(select(func.count()).select_from(DesignationName)) or 0
    return names, session.scalar(select(func.max(Designation.updated_at)))
