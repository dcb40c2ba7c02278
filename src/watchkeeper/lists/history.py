"""Bringing a parsed list into the store: one snapshot, its additions, amendments and removals as history.

One import is one transaction: an import that fails or is killed half-way leaves the store as it was, and
rerunning it finishes the work. The same file imported twice (same source and hash) changes nothing.
A file with no entries, or one that would remove more than a set share of the list, is refused before
anything is written (lists.guard).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from watchkeeper.errors import InputFileError
from watchkeeper.lists.diff import field_changes
from watchkeeper.lists.guard import check_shrink
from watchkeeper.lists.queries import designation_names
from watchkeeper.lists.records import ListedEntry, ParsedList, comparable_fields, content_hash
from watchkeeper.store.base import content_id, utcnow
from watchkeeper.store.models.lists import Designation, DesignationChange, DesignationName, ListSnapshot

EntryCallback = Callable[[ListedEntry], None]


@dataclass
class ImportResult:
    """What one import did."""

    snapshot_id: str
    source: str
    file_name: str
    generated_at: datetime | None
    entries: int
    added: int = 0
    amended: int = 0
    removed: int = 0
    unchanged: int = 0
    held_elsewhere: list[str] = field(default_factory=list)
    already_imported: bool = False

    def record(self) -> dict[str, Any]:
        return asdict(self)


def as_utc(value: datetime | None) -> datetime | None:
    """A datetime in UTC; naive values (as SQLite returns them) are taken to be UTC already."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def stored_comparable(row: Designation, names: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The comparable fields of a stored designation, built the same way as from a file."""
    return comparable_fields(
        schema=row.schema,
        name=row.name,
        listed_on=row.listed_on,
        legal_basis=row.legal_basis,
        imo=row.imo,
        mmsi=row.mmsi,
        names=names,
        details=row.details,
    )


def _write_entry(session: Session, row: Designation, entry: ListedEntry, digest: str) -> None:
    row.schema = entry.schema
    row.name = entry.name
    row.listed_on = entry.listed_on
    row.legal_basis = entry.legal_basis
    row.basis_resolution = entry.basis_resolution
    row.basis_paragraph = entry.basis_paragraph
    row.imo = entry.imo
    row.mmsi = entry.mmsi
    row.details = entry.details
    row.content_hash = digest
    session.add_all(
        DesignationName(
            id=content_id("dn", entry.id, position, name.kind, name.name),
            designation_id=entry.id,
            position=position,
            name=name.name,
            kind=name.kind,
            quality=name.quality,
            script=name.script,
            note=name.note,
        )
        for position, name in enumerate(entry.names)
    )


def _check_order(session: Session, parsed: ParsedList) -> None:
    """Refuse a file older than the newest snapshot of its source: history goes forward only."""
    newest = as_utc(
        session.scalars(
            select(ListSnapshot.generated_at)
            .where(ListSnapshot.source == parsed.source, ListSnapshot.generated_at.is_not(None))
            .order_by(ListSnapshot.generated_at.desc())
            .limit(1)
        ).first()
    )
    generated = as_utc(parsed.generated_at)
    if newest is not None and generated is not None and generated < newest:
        raise InputFileError(
            parsed.path,
            f"generated {generated.isoformat()}, older than the {parsed.source} snapshot already imported "
            f"({newest.isoformat()}); import versions of a list oldest first",
        )


def _check_shrink(session: Session, parsed: ParsedList, max_share: float | None) -> None:
    """Refuse an empty file, or one removing more than the allowed share of its source's designations."""
    active = set(
        session.scalars(
            select(Designation.id).where(
                Designation.source == parsed.source, Designation.removed_at.is_(None)
            )
        )
    )
    removed = len(active - {entry.id for entry in parsed.entries})
    check_shrink(parsed, len(active), removed, max_share=max_share)


def import_parsed(
    session: Session,
    parsed: ParsedList,
    *,
    on_entry: EntryCallback | None = None,
    allow_shrink: bool = False,
    max_removed_share: float | None = None,
) -> ImportResult:
    """Store a parsed list as a new snapshot and record what it added, amended and removed.

    Unless ``allow_shrink``, a file with no entries or removing more than ``max_removed_share`` (default
    from data/lists/import_guard.yaml) of the source's designations raises ShrinkRefusedError first.
    """
    snapshot_id = content_id("snap", parsed.source, parsed.file_hash)
    result = ImportResult(
        snapshot_id, parsed.source, parsed.path.name, parsed.generated_at, len(parsed.entries)
    )
    if session.get(ListSnapshot, snapshot_id) is not None:
        result.already_imported = True
        return result
    _check_order(session, parsed)
    if not allow_shrink:
        _check_shrink(session, parsed, max_removed_share)
    session.add(
        ListSnapshot(
            id=snapshot_id,
            source=parsed.source,
            file_name=parsed.path.name,
            file_hash=parsed.file_hash,
            generated_at=as_utc(parsed.generated_at),
            entry_count=len(parsed.entries),
            counts={},
        )
    )
    session.flush()
    existing = {
        row.id: row for row in session.scalars(select(Designation).where(Designation.source == parsed.source))
    }
    # A designation another source already holds (the UN XML's KPe.001 met again in an FtM file) stays
    # with that source; the import reports it instead of taking it over.
    ids = [entry.id for entry in parsed.entries if entry.id not in existing]
    for chunk in range(0, len(ids), 500):
        result.held_elsewhere += session.scalars(
            select(Designation.id).where(Designation.id.in_(ids[chunk : chunk + 500]))
        ).all()
    held = set(result.held_elsewhere)
    entries = [entry for entry in parsed.entries if entry.id not in held]
    digests = {entry.id: content_hash(entry.comparable()) for entry in entries}
    changed = [
        e.id
        for e in entries
        if e.id in existing and (existing[e.id].content_hash != digests[e.id] or existing[e.id].removed_at)
    ]
    old_names = {
        designation_id: [(n.kind, n.quality, n.name) for n in names]
        for designation_id, names in designation_names(session, changed).items()
    }
    for chunk in range(0, len(changed), 500):
        ids = changed[chunk : chunk + 500]
        session.execute(delete(DesignationName).where(DesignationName.designation_id.in_(ids)))
    for entry in entries:
        row = existing.get(entry.id)
        if row is None:
            row = Designation(
                id=entry.id,
                list_id=entry.list_id,
                reference=entry.reference,
                source=parsed.source,
                first_seen_snapshot_id=snapshot_id,
                last_seen_snapshot_id=snapshot_id,
            )
            session.add(row)
            _write_entry(session, row, entry, digests[entry.id])
            session.add(DesignationChange(snapshot_id=snapshot_id, designation_id=entry.id, kind="added"))
            result.added += 1
        elif entry.id in old_names:
            changes = field_changes(stored_comparable(row, old_names[entry.id]), entry.comparable())
            kind = "amended"
            if row.removed_at is not None:
                changes["removed_at"] = {"before": row.removed_at.isoformat(), "after": None}
                row.removed_at = None
                kind = "added"
            _write_entry(session, row, entry, digests[entry.id])
            row.last_seen_snapshot_id = snapshot_id
            session.add(
                DesignationChange(
                    snapshot_id=snapshot_id, designation_id=entry.id, kind=kind, changes=changes
                )
            )
            result.added += kind == "added"
            result.amended += kind == "amended"
        else:
            row.last_seen_snapshot_id = snapshot_id
            result.unchanged += 1
        if on_entry is not None:
            on_entry(entry)
    seen = set(digests)
    removed_at = as_utc(parsed.generated_at) or utcnow()
    for row in existing.values():
        if row.id in seen or row.removed_at is not None:
            continue
        row.removed_at = removed_at
        session.add(DesignationChange(snapshot_id=snapshot_id, designation_id=row.id, kind="removed"))
        result.removed += 1
    snapshot = session.get(ListSnapshot, snapshot_id)
    assert snapshot is not None
    snapshot.counts = {k: getattr(result, k) for k in ("added", "amended", "removed", "unchanged")}
    session.flush()
    return result
