"""Reading designations back: names for screening, vessels for ship tracking, lists, records, search."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.errors import NotFoundError
from watchkeeper.lists.records import name_tokens, normalise_reference
from watchkeeper.store.models.lists import Designation, DesignationChange, DesignationName, ListSnapshot


@dataclass(frozen=True)
class DesignatedName:
    """One name of a designation in force, as screening needs it."""

    designation_id: str
    reference: str
    list_id: str
    schema: str
    name: str
    kind: str
    quality: str


@dataclass(frozen=True)
class DesignatedVessel:
    """A designated vessel in force, with the identifiers ship tracking matches on."""

    designation_id: str
    reference: str
    name: str
    imo: str | None
    mmsi: str | None
    flag: str | None
    call_sign: str | None
    vessel_type: str | None
    owner: str | None
    listed_on: date | None
    aliases: tuple[str, ...]


def iter_designated_names(session: Session, list_id: str | None = None) -> Iterator[DesignatedName]:
    """Every name of every designation in force (not removed), optionally of one list only."""
    query = (
        select(DesignationName, Designation)
        .join(Designation, DesignationName.designation_id == Designation.id)
        .where(Designation.removed_at.is_(None))
        .order_by(Designation.id, DesignationName.position)
    )
    if list_id is not None:
        query = query.where(Designation.list_id == list_id)
    for name, designation in session.execute(query):
        yield DesignatedName(
            designation_id=designation.id,
            reference=designation.reference,
            list_id=designation.list_id,
            schema=designation.schema,
            name=name.name,
            kind=name.kind,
            quality=name.quality,
        )


def designation_names(session: Session, ids: list[str]) -> dict[str, list[DesignationName]]:
    """The names of each designation, in list order."""
    names: dict[str, list[DesignationName]] = {i: [] for i in ids}
    if not ids:
        return names
    for row in session.scalars(
        select(DesignationName)
        .where(DesignationName.designation_id.in_(ids))
        .order_by(DesignationName.designation_id, DesignationName.position)
    ):
        names[row.designation_id].append(row)
    return names


def designated_vessels(session: Session) -> list[DesignatedVessel]:
    """Every designated vessel in force, with IMO, MMSI, flag, call sign, type, owner and aliases."""
    rows = list(
        session.scalars(
            select(Designation)
            .where(Designation.schema == "Vessel", Designation.removed_at.is_(None))
            .order_by(Designation.id)
        )
    )
    names = designation_names(session, [row.id for row in rows])
    return [
        DesignatedVessel(
            designation_id=row.id,
            reference=row.reference,
            name=row.name,
            imo=row.imo,
            mmsi=row.mmsi,
            flag=row.details.get("flag"),
            call_sign=row.details.get("call_sign"),
            vessel_type=row.details.get("vessel_type"),
            owner=row.details.get("owner"),
            listed_on=row.listed_on,
            aliases=tuple(n.name for n in names[row.id] if n.kind != "primary"),
        )
        for row in rows
    ]


def summary_record(row: Designation) -> dict[str, Any]:
    """The short form of a designation, as ``lists list`` and ``lists search`` print it."""
    return {
        "id": row.id,
        "list_id": row.list_id,
        "reference": row.reference,
        "schema": row.schema,
        "name": row.name,
        "listed_on": row.listed_on,
        "legal_basis": row.legal_basis,
        "imo": row.imo,
        "removed_at": row.removed_at,
    }


def list_designations(
    session: Session,
    *,
    schema: str | None = None,
    list_id: str | None = None,
    include_removed: bool = False,
) -> list[dict[str, Any]]:
    """Designations as summary records, filtered by FtM schema and list id."""
    query = select(Designation).order_by(Designation.list_id, Designation.reference)
    if schema is not None:
        query = query.where(Designation.schema == schema)
    if list_id is not None:
        query = query.where(Designation.list_id == list_id)
    if not include_removed:
        query = query.where(Designation.removed_at.is_(None))
    return [summary_record(row) for row in session.scalars(query)]


def find_designation(session: Session, key: str) -> Designation:
    """A designation by id (``un-1718:KPe.001``) or by reference alone (``KPe.001``) when that is unique."""
    row = session.get(Designation, key.strip())
    if row is not None:
        return row
    reference = normalise_reference(key)
    matches = list(session.scalars(select(Designation).where(Designation.reference == reference)))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no designation {key!r}; try `watchkeeper lists search`")
    ids = ", ".join(m.id for m in matches)
    raise NotFoundError(f"reference {key!r} is on several lists ({ids}); give the full id")


def _token_key(name: str) -> frozenset[str]:
    return frozenset(name_tokens(name))


def linked_designations(session: Session, row: Designation) -> list[dict[str, Any]]:
    """A vessel's owner among the designations, or the designated vessels an owner holds (by name)."""
    if row.schema == "Vessel":
        owner = row.details.get("owner")
        if not owner:
            return []
        key = _token_key(owner)
        ids = {
            n.designation_id
            for n in session.scalars(
                select(DesignationName)
                .join(Designation, DesignationName.designation_id == Designation.id)
                .where(Designation.schema != "Vessel", Designation.removed_at.is_(None))
            )
            if _token_key(n.name) == key
        }
        relation = "owner"
    else:
        keys = {_token_key(n.name) for n in designation_names(session, [row.id])[row.id]}
        vessels = session.scalars(
            select(Designation).where(Designation.schema == "Vessel", Designation.removed_at.is_(None))
        )
        ids = {v.id for v in vessels if v.details.get("owner") and _token_key(v.details["owner"]) in keys}
        relation = "vessel"
    rows = session.scalars(select(Designation).where(Designation.id.in_(ids)).order_by(Designation.id))
    return [{"relation": relation, **summary_record(linked)} for linked in rows]


def designation_record(session: Session, row: Designation) -> dict[str, Any]:
    """Everything about one designation: names with quality and script, details, basis and history."""
    names = designation_names(session, [row.id])[row.id]
    changes = session.execute(
        select(DesignationChange, ListSnapshot)
        .join(ListSnapshot, DesignationChange.snapshot_id == ListSnapshot.id)
        .where(DesignationChange.designation_id == row.id)
        .order_by(DesignationChange.id)
    ).all()
    return {
        **summary_record(row),
        "mmsi": row.mmsi,
        "source": row.source,
        "basis_resolution": row.basis_resolution,
        "basis_paragraph": row.basis_paragraph,
        "names": [
            {"name": n.name, "kind": n.kind, "quality": n.quality, "script": n.script, "note": n.note}
            for n in names
        ],
        "details": row.details,
        "linked": linked_designations(session, row),
        "first_seen_snapshot_id": row.first_seen_snapshot_id,
        "last_seen_snapshot_id": row.last_seen_snapshot_id,
        "history": [
            {
                "snapshot_id": snapshot.id,
                "generated_at": snapshot.generated_at,
                "file_name": snapshot.file_name,
                "kind": change.kind,
                "changes": change.changes,
            }
            for change, snapshot in changes
        ],
    }


def search_designations(
    session: Session, text: str, *, schema: str | None = None, include_removed: bool = False
) -> list[dict[str, Any]]:
    """Designations with a name holding every word of ``text`` (any case, accents or order)."""
    wanted = set(name_tokens(text))
    if not wanted:
        return []
    query = select(DesignationName.designation_id, DesignationName.name, DesignationName.kind).join(
        Designation, DesignationName.designation_id == Designation.id
    )
    if schema is not None:
        query = query.where(Designation.schema == schema)
    if not include_removed:
        query = query.where(Designation.removed_at.is_(None))
    hits: dict[str, tuple[str, str]] = {}
    for designation_id, name, kind in session.execute(query):
        if designation_id not in hits and wanted <= set(name_tokens(name)):
            hits[designation_id] = (name, kind)
    rows = session.scalars(select(Designation).where(Designation.id.in_(hits)).order_by(Designation.id))
    return [
        {**summary_record(row), "matched_name": hits[row.id][0], "matched_kind": hits[row.id][1]}
        for row in rows
    ]


def list_snapshots(session: Session) -> list[dict[str, Any]]:
    """Every imported file, oldest list first, with what its import changed."""
    rows = session.scalars(select(ListSnapshot).order_by(ListSnapshot.source, ListSnapshot.imported_at))
    return [
        {
            "id": row.id,
            "source": row.source,
            "file_name": row.file_name,
            "file_hash": row.file_hash,
            "generated_at": row.generated_at,
            "imported_at": row.imported_at,
            "entry_count": row.entry_count,
            **{kind: row.counts.get(kind, 0) for kind in ("added", "amended", "removed", "unchanged")},
        }
        for row in rows
    ]


def as_dict(value: DesignatedName | DesignatedVessel) -> dict[str, Any]:
    """A query result as a plain dict (for JSON output)."""
    return asdict(value)
