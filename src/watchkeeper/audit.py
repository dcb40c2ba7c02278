"""The append-only audit log: every change a person or a command makes, with before and after."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.store.models.core import AuditEntry


def record_change(
    session: Session,
    *,
    actor: str,
    action: str,
    record_type: str,
    record_id: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction, so the change and its audit commit together."""
    entry = AuditEntry(
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        before=before,
        after=after,
        reason=reason,
    )
    session.add(entry)
    session.flush()
    return entry


def audit_entries(
    session: Session, *, record_id: str | None = None, actor: str | None = None, limit: int = 200
) -> Sequence[AuditEntry]:
    """Newest entries first, optionally for one record or one actor."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if record_id is not None:
        query = query.where(AuditEntry.record_id == record_id)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    return session.scalars(query).all()


def entry_record(entry: AuditEntry) -> dict[str, Any]:
    """An audit entry as a plain record for JSON and templates."""
    return {
        "type": "audit_entry",
        "id": entry.id,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "record_type": entry.record_type,
        "record_id": entry.record_id,
        "before": entry.before,
        "after": entry.after,
        "reason": entry.reason,
    }
