"""Designations out: records for ``watchkeeper export`` and FollowTheMoney entities for the field's tools."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from followthemoney import model
from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.lists.queries import designation_names
from watchkeeper.store.models.lists import Designation

AUTHORITY = "United Nations Security Council"
_NAME_PROPERTY = {
    ("primary", "good"): "name",
    ("original_script", "good"): "name",
    ("alias", "good"): "alias",
    ("alias", "low"): "weakAlias",
    ("former", "good"): "previousName",
}


def ftm_id(designation_id: str) -> str:
    """The FtM entity id of a designation: ``un-1718:KPe.001`` -> ``wk-un-1718-KPe.001``."""
    return "wk-" + designation_id.replace(":", "-")


def records(session: Session) -> Iterator[dict[str, Any]]:
    """Every designation (removed ones too) as a ``designation`` record with its names."""
    rows = list(session.scalars(select(Designation).order_by(Designation.id)))
    names = designation_names(session, [row.id for row in rows])
    for row in rows:
        yield {
            "type": "designation",
            "id": row.id,
            "list_id": row.list_id,
            "reference": row.reference,
            "schema": row.schema,
            "name": row.name,
            "names": [{"name": n.name, "kind": n.kind, "quality": n.quality} for n in names[row.id]],
            "listed_on": row.listed_on,
            "legal_basis": row.legal_basis,
            "basis_resolution": row.basis_resolution,
            "basis_paragraph": row.basis_paragraph,
            "imo": row.imo,
            "mmsi": row.mmsi,
            "details": row.details,
            "source": row.source,
            "first_seen_snapshot_id": row.first_seen_snapshot_id,
            "last_seen_snapshot_id": row.last_seen_snapshot_id,
            "removed_at": row.removed_at,
        }


def _address(record: dict[str, str]) -> str:
    return ", ".join(v for k, v in record.items() if k != "note")


def _person_properties(details: dict[str, Any]) -> dict[str, list[str]]:
    documents = details.get("documents", [])
    return {
        "birthDate": [d.get("date") or d.get("year") or "" for d in details.get("dates_of_birth", [])],
        "birthPlace": [_address(p) for p in details.get("places_of_birth", [])],
        "nationality": details.get("nationalities", []),
        "position": details.get("positions", []),
        "title": details.get("titles", []),
        "gender": [details["gender"].lower()] if details.get("gender") else [],
        "passportNumber": [
            d["number"]
            for d in documents
            if "number" in d and "passport" in d.get("type_of_document", "").lower()
        ],
        "idNumber": [
            d["number"]
            for d in documents
            if "number" in d and "passport" not in d.get("type_of_document", "").lower()
        ],
    }


def _entity(row: Designation, names: list[Any]) -> dict[str, Any]:
    entity = model.make_entity(row.schema)
    entity.id = ftm_id(row.id)
    for name in names:
        # cleaned=True keeps names exactly as listed (FtM would strip quotes and punctuation).
        entity.add(_NAME_PROPERTY[(name.kind, name.quality)], name.name, cleaned=True)
    details = row.details
    entity.add("topics", "sanction")
    entity.add("notes", details.get("comments") or details.get("notes"))
    entity.add("program", row.list_id)
    if row.schema != "Vessel":
        entity.add("address", [_address(a) for a in details.get("addresses", [])])
    if row.schema == "Person":
        for prop, values in _person_properties(details).items():
            entity.add(prop, [v for v in values if v])
    elif row.schema == "Organization":
        entity.add("imoNumber", details.get("imo_company_numbers", []))
    else:
        entity.add("imoNumber", row.imo)
        entity.add("mmsi", row.mmsi)
        entity.add("flag", details.get("flag"))
        entity.add("callSign", details.get("call_sign"))
        entity.add("type", details.get("vessel_type"))
    return entity.to_dict()


def _sanction(row: Designation) -> dict[str, Any]:
    sanction = model.make_entity("Sanction")
    sanction.id = ftm_id(row.id) + "-sanction"
    sanction.add("entity", ftm_id(row.id))
    sanction.add("authority", AUTHORITY if row.list_id.startswith("un-") else None)
    sanction.add("program", row.details.get("committee"))
    sanction.add("programId", row.list_id)
    sanction.add("authorityId", row.reference)
    if row.list_id.startswith("un-") and not row.reference.startswith("IMO"):
        sanction.add("unscId", row.reference)
    sanction.add("listingDate", row.listed_on.isoformat() if row.listed_on else None)
    sanction.add("provisions", row.legal_basis)
    if row.removed_at is not None:
        sanction.add("endDate", row.removed_at.date().isoformat())
    return sanction.to_dict()


def ftm_entities(session: Session) -> Iterator[dict[str, Any]]:
    """Designations in force as FtM Person/Organization/Vessel entities, each with its Sanction entity."""
    rows = list(
        session.scalars(select(Designation).where(Designation.removed_at.is_(None)).order_by(Designation.id))
    )
    names = designation_names(session, [row.id for row in rows])
    for row in rows:
        yield _entity(row, names[row.id])
        yield _sanction(row)
