"""The append-only audit log: every change a person or a command makes, with before and after.

The log is a hash chain: each entry stores the previous entry's hash and the SHA-256 of its own content with
that hash, so ``verify_chain`` finds any entry edited, inserted or deleted since (except the newest ones cut
off the end: keep the last hash ``audit verify`` prints somewhere else to catch that too).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from watchkeeper.store.models.core import AuditEntry

HASHED_FIELDS = ("at", "actor", "action", "record_type", "record_id", "before", "after", "reason")
# Any fixed number: the PostgreSQL advisory lock that makes audit writes take their turn in the chain.
CHAIN_LOCK = 7_015_150


def _canonical_time(value: datetime) -> str:
    # SQLite gives back naive datetimes for timezone-aware columns; they were stored as UTC.
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def entry_digest(prev_hash: str | None, entry: Mapping[str, Any]) -> str:
    """The SHA-256 of an entry's content (``HASHED_FIELDS``) and the previous entry's hash."""
    content = {name: entry[name] for name in HASHED_FIELDS}
    content["at"] = _canonical_time(content["at"])
    content["prev_hash"] = prev_hash
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in HASHED_FIELDS}


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
    """Append one entry in the caller's transaction, so the change and its audit commit together.

    The entry is inserted first, then linked to the entry before it: on SQLite the insert holds the write lock
    until commit, on PostgreSQL an advisory lock does, so two transactions never link to the same entry.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    entry = AuditEntry(
        at=datetime.now(UTC),
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        # As the JSON column gives them back, so the hash computed now is the one verify recomputes.
        before=_as_stored(before),
        after=_as_stored(after),
        reason=reason,
    )
    session.add(entry)
    session.flush()
    entry.prev_hash = session.scalar(
        select(AuditEntry.entry_hash).where(AuditEntry.id < entry.id).order_by(AuditEntry.id.desc()).limit(1)
    )
    entry.entry_hash = entry_digest(entry.prev_hash, _fields(entry))
    session.flush()
    return entry


def _as_stored(value: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if value is None else json.loads(json.dumps(value))


@dataclass
class ChainCheck:
    """The result of walking the audit chain: entries checked, the newest hash, and every break found."""

    entries: int = 0
    last_hash: str | None = None
    breaks: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.breaks


def verify_chain(session: Session) -> ChainCheck:
    """Recompute every entry's hash in id order and check each links to the one before it."""
    check = ChainCheck()
    previous: str | None = None
    for entry in session.scalars(
        select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=1000)
    ):
        check.entries += 1
        if entry.prev_hash != previous:
            check.breaks.append(
                f"entry {entry.id}: does not follow the entry before it (an entry was removed or inserted)"
            )
        if entry.entry_hash != entry_digest(entry.prev_hash, _fields(entry)):
            check.breaks.append(f"entry {entry.id}: its content does not match its hash (edited since)")
        previous = entry.entry_hash
    check.last_hash = previous
    return check


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
