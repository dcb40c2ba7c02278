"""Reader of FollowTheMoney entities as JSON lines (OpenSanctions, Aleph), through the followthemoney model.

Person, Organization (and its kinds: Company, PublicBody, LegalEntity) and Vessel entities become
designations; a Sanction entity linked to one says on which list (``programId``), under which reference
(``unscId`` / ``authorityId``), since when (``listingDate``) and on what basis (``provisions``).
An entity with no Sanction is listed under its own id on the list ``ftm``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from watchkeeper.errors import InputFileError
from watchkeeper.lists import reference_data
from watchkeeper.lists.identifiers import clean_imo
from watchkeeper.lists.records import (
    ListedEntry,
    ListedName,
    ParsedList,
    clean_text,
    file_hash,
    not_utf8_error,
)

SCHEMAS = ("Person", "Vessel", "Organization", "LegalEntity")
_NAME_KINDS = (("alias", "alias", "good"), ("weakAlias", "alias", "low"), ("previousName", "former", "good"))


def _read_entities(path: Path) -> list[EntityProxy]:
    entities = []
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputFileError(path, f"cannot read: {exc.strerror}") from exc
    with handle:
        try:
            for line_number, line in enumerate(handle, start=1):
                if line.strip():
                    entities.append(_read_entity(path, line, line_number))
        except UnicodeDecodeError as exc:
            raise not_utf8_error(path, exc) from exc
    return entities


def _read_entity(path: Path, line: str, line_number: int) -> EntityProxy:
    """One JSON line as an entity; anything that is not one is a user error naming the line."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputFileError(path, f"not JSON: {exc.msg}", line=line_number) from exc
    except RecursionError as exc:
        raise InputFileError(path, "not an entity: JSON nested too deeply", line=line_number) from exc
    except ValueError as exc:  # a number past Python's integer digit limit
        raise InputFileError(path, f"not JSON: {' '.join(str(exc).split())[:120]}", line=line_number) from exc
    if not isinstance(data, dict) or not isinstance(data.get("schema"), str):
        message = "not a FollowTheMoney entity: expected a JSON object with a schema name"
        raise InputFileError(path, message, line=line_number, field="schema")
    try:
        # cleaned=True: keep names as the producer wrote them (FtM cleaning strips quotes).
        return model.get_proxy(data, cleaned=True)
    except (InvalidData, KeyError, TypeError, AttributeError, ValueError, RecursionError) as exc:
        message = f"not a FollowTheMoney entity: {exc}"
        raise InputFileError(path, message, line=line_number, field="schema") from exc


def _schema(entity: EntityProxy) -> str | None:
    if entity.schema.is_a("Person"):
        return "Person"
    if entity.schema.is_a("Vessel"):
        return "Vessel"
    if entity.schema.is_a("LegalEntity"):
        return "Organization"
    return None


def _names(entity: EntityProxy) -> list[ListedName]:
    given = [clean_text(n) for n in entity.get("name") if clean_text(n)]
    if not given:
        return []
    # Further values of ``name`` are the forms in other scripts (as our export writes them).
    names = [ListedName(given[0])] + [ListedName(n, "original_script", "good") for n in given[1:]]
    for prop, kind, quality in _NAME_KINDS:
        for value in entity.get(prop, quiet=True):
            text = clean_text(value)
            if text and all((n.name, n.kind) != (text, kind) for n in names):
                names.append(ListedName(text, kind, quality))
    return names


def _first(entity: EntityProxy, prop: str) -> str | None:
    values = entity.get(prop, quiet=True)
    return values[0] if values else None


def _details(entity: EntityProxy, schema: str) -> dict[str, Any]:
    details: dict[str, Any] = {"ftm_id": entity.id, "ftm_schema": entity.schema.name}
    notes = " ".join(entity.get("notes", quiet=True))
    if notes:
        details["comments"] = clean_text(notes)
    addresses = entity.get("address", quiet=True)
    if addresses:
        details["addresses"] = [{"street": a} for a in addresses]
    if schema == "Person":
        for prop, key in (("nationality", "nationalities"), ("position", "positions"), ("title", "titles")):
            if entity.get(prop, quiet=True):
                details[key] = entity.get(prop, quiet=True)
        if entity.get("birthDate", quiet=True):
            details["dates_of_birth"] = [{"date": d} for d in entity.get("birthDate", quiet=True)]
    elif schema == "Organization" and entity.get("imoNumber", quiet=True):
        details["imo_company_numbers"] = [clean_imo(i) for i in entity.get("imoNumber", quiet=True)]
    elif schema == "Vessel":
        for prop, key in (("flag", "flag"), ("callSign", "call_sign"), ("type", "vessel_type")):
            if _first(entity, prop):
                details[key] = _first(entity, prop)
    return details


def _listing(sanction: EntityProxy | None, entity: EntityProxy) -> tuple[str, str, date | None, str | None]:
    """(list id, reference, listed on, legal basis) of an entity, from its Sanction where there is one."""
    if sanction is None:
        return "ftm", entity.id or "", None, None
    list_id = _first(sanction, "programId") or "ftm"
    reference = _first(sanction, "unscId") or _first(sanction, "authorityId") or entity.id or ""
    listed = _first(sanction, "listingDate") or _first(sanction, "startDate")
    try:
        listed_on = date.fromisoformat(listed[:10]) if listed and len(listed) >= 10 else None
    except ValueError:
        listed_on = None  # a malformed date is left out, as FtM's own cleaning would drop it
    return list_id, reference, listed_on, _first(sanction, "provisions")


def _basis(list_id: str, schema: str, listed_on: date | None, text: str | None) -> tuple[str | None, ...]:
    known = reference_data.basis_1718(listed_on.isoformat() if listed_on else None, schema)
    if list_id == "un-1718" and known and known[0] == text:
        return known[1], known[2]
    return reference_data.basis_from_text(text)


def parse_ftm_file(path: Path | str, *, source: str | None = None) -> ParsedList:
    """Designations from a FollowTheMoney JSON lines file (entities and the Sanctions that list them)."""
    path = Path(path)
    entities = _read_entities(path)
    sanctions: dict[str, list[EntityProxy]] = {}
    for entity in entities:
        if entity.schema.is_a("Sanction"):
            if _first(entity, "endDate"):
                continue  # a sanction that has ended lists nobody
            for target in entity.get("entity"):
                sanctions.setdefault(target, []).append(entity)
    entries: dict[str, ListedEntry] = {}
    for entity in entities:
        schema = _schema(entity)
        names = _names(entity) if schema is not None else []
        if schema is None or not names:
            continue
        listings: list[EntityProxy | None] = [*sanctions.get(entity.id or "", [])] or [None]
        for sanction in listings:
            list_id, reference, listed_on, legal_basis = _listing(sanction, entity)
            resolution, paragraph = _basis(list_id, schema, listed_on, legal_basis)
            imo = _first(entity, "imoNumber") if schema == "Vessel" else None
            entry = ListedEntry(
                list_id=list_id,
                reference=reference,
                schema=schema,
                names=names,
                listed_on=listed_on,
                legal_basis=legal_basis,
                basis_resolution=resolution,
                basis_paragraph=paragraph,
                imo=clean_imo(imo) if imo else None,
                mmsi=_first(entity, "mmsi") if schema == "Vessel" else None,
                details=_details(entity, schema),
            )
            entries.setdefault(entry.id, entry)
    return ParsedList(source or f"ftm:{path.stem}", path, file_hash(path), None, list(entries.values()))
