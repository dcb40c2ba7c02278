"""Reader of the UN Security Council Consolidated List XML (every regime; DPRK entries are list ``un-1718``).

The file is parsed with defusedxml: DTDs, entity declarations and external references are refused, so an
XML bomb or an external-entity attack fails as an UnsafeInputError before anything is expanded.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET

from watchkeeper.errors import InputFileError, UnsafeInputError
from watchkeeper.lists import reference_data
from watchkeeper.lists.identifiers import imo_numbers_in_text
from watchkeeper.lists.records import ListedEntry, ListedName, ParsedList, clean_text, file_hash, shown

SOURCE = "un-consolidated"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ADDRESS_FIELDS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE")
_BIRTH_DATE_FIELDS = ("TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE")
_BIRTH_PLACE_FIELDS = ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE")
_DOCUMENT_FIELDS = (
    "TYPE_OF_DOCUMENT",
    "TYPE_OF_DOCUMENT2",
    "NUMBER",
    "ISSUING_COUNTRY",
    "COUNTRY_OF_ISSUE",
    "CITY_OF_ISSUE",
    "DATE_OF_ISSUE",
    "NOTE",
)
_ALIAS_EXTRA_FIELDS = ("DATE_OF_BIRTH", "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH", "NOTE")


def read_root(path: Path) -> ET.Element:
    """The root element of an XML file, parsed safely; hostile or malformed input raises a user error."""
    try:
        tree = SafeET.parse(str(path), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden as exc:
        raise UnsafeInputError(
            path, "refused: the XML declares a DTD (possible entity expansion bomb)"
        ) from exc
    except defusedxml.EntitiesForbidden as exc:
        raise UnsafeInputError(path, f"refused: the XML declares the entity {exc.name!r}") from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise UnsafeInputError(path, "refused: the XML refers to an external resource") from exc
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeInputError(path, f"refused as unsafe XML: {exc}") from exc
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputFileError(path, f"malformed XML at column {column}: {exc.msg}", line=line) from exc
    except OSError as exc:
        raise InputFileError(path, f"cannot read: {exc.strerror}") from exc
    except LookupError as exc:  # an encoding the XML declaration names but Python does not know
        raise InputFileError(path, f"malformed XML: {exc}") from exc
    return tree.getroot()


def _text(element: ET.Element, tag: str) -> str:
    return clean_text(element.findtext(tag))


def _values(element: ET.Element, tag: str) -> list[str]:
    """The non-empty VALUE children of every ``tag`` child (TITLE, DESIGNATION, NATIONALITY, ...)."""
    return [v for child in element.findall(tag) for v in (clean_text(x.text) for x in child) if v]


def _records(element: ET.Element, tag: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """Repeated structured children (addresses, documents, ...) as dicts without their empty fields."""
    found = []
    for child in element.findall(tag):
        record = {f.lower(): _text(child, f) for f in fields if _text(child, f)}
        if record and record not in found:
            found.append(record)
    return found


def _parse_date(value: str, path: Path, reference: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as exc:
        raise InputFileError(path, f"{reference}: {shown(value)} is not a date", field=field) from exc


def _names(element: ET.Element, alias_tag: str, path: Path, reference: str) -> list[ListedName]:
    primary = clean_text(" ".join(_text(element, part) for part in _NAME_PARTS))
    if not primary:
        raise InputFileError(path, f"{reference}: the entry has no name", field="FIRST_NAME")
    names = [ListedName(primary)]
    for alias in element.findall(alias_tag):
        text = _text(alias, "ALIAS_NAME")
        if not text:
            continue  # the list's empty placeholder aliases
        quality = _text(alias, "QUALITY")
        mapped = reference_data.alias_kind(quality)
        if mapped is None:
            raise InputFileError(
                path, f"{reference}: unknown alias quality {shown(quality)}", field="QUALITY"
            )
        extras = [f"{f.lower()}: {_text(alias, f)}" for f in _ALIAS_EXTRA_FIELDS if _text(alias, f)]
        name = ListedName(text, mapped[0], mapped[1], "; ".join(extras) or None)
        if all((n.name, n.kind) != (name.name, name.kind) for n in names):
            names.append(name)
    original = _text(element, "NAME_ORIGINAL_SCRIPT")
    # One entry (QDe.164) repeats its Latin primary name as the "original script" name: nothing new.
    if original and all(n.name.casefold() != original.casefold() for n in names):
        names.append(ListedName(original, "original_script", "good"))
    return names


def _details(element: ET.Element, kind: str, un_list_type: str, path: Path, ref: str) -> dict[str, Any]:
    details: dict[str, Any] = {
        "un_list_type": un_list_type,
        "dataid": _text(element, "DATAID"),
        "committee": reference_data.committee_for(un_list_type),
        "comments": _text(element, "COMMENTS1"),
        "last_updated": [
            d.isoformat()
            for d in (
                _parse_date(v, path, ref, "LAST_DAY_UPDATED") for v in _values(element, "LAST_DAY_UPDATED")
            )
            if d
        ],
    }
    address_tag = "INDIVIDUAL_ADDRESS" if kind == "INDIVIDUAL" else "ENTITY_ADDRESS"
    details["addresses"] = _records(element, address_tag, _ADDRESS_FIELDS)
    if kind == "INDIVIDUAL":
        details["name_parts"] = [p for p in (_text(element, part) for part in _NAME_PARTS) if p]
        details["titles"] = _values(element, "TITLE")
        details["positions"] = _values(element, "DESIGNATION")
        details["nationalities"] = _values(element, "NATIONALITY")
        details["gender"] = _text(element, "GENDER") or None
        details["dates_of_birth"] = _records(element, "INDIVIDUAL_DATE_OF_BIRTH", _BIRTH_DATE_FIELDS)
        details["places_of_birth"] = _records(element, "INDIVIDUAL_PLACE_OF_BIRTH", _BIRTH_PLACE_FIELDS)
        details["documents"] = _records(element, "INDIVIDUAL_DOCUMENT", _DOCUMENT_FIELDS)
    else:
        # The IMO numbers in shipping companies' comments are the companies' own IMO company numbers.
        details["imo_company_numbers"] = imo_numbers_in_text(details["comments"])
    return {k: v for k, v in details.items() if v not in (None, "", [])}


def _entry(element: ET.Element, kind: str, path: Path) -> ListedEntry:
    reference = clean_text(element.findtext("REFERENCE_NUMBER")).replace(" ", "")
    if not reference:
        dataid = _text(element, "DATAID")
        raise InputFileError(path, f"entry DATAID {dataid} has no reference number", field="REFERENCE_NUMBER")
    un_list_type = _text(element, "UN_LIST_TYPE")
    list_id = reference_data.list_id_for(un_list_type)
    schema = "Person" if kind == "INDIVIDUAL" else "Organization"
    listed_on = _parse_date(_text(element, "LISTED_ON"), path, reference, "LISTED_ON")
    entry = ListedEntry(
        list_id=list_id,
        reference=reference,
        schema=schema,
        names=_names(element, f"{kind}_ALIAS", path, reference),
        listed_on=listed_on,
        details=_details(element, kind, un_list_type, path, reference),
    )
    if list_id == "un-1718":
        basis = reference_data.basis_1718(listed_on.isoformat() if listed_on else None, schema)
        if basis:
            entry.legal_basis, entry.basis_resolution, entry.basis_paragraph = basis
    return entry


def _generated_at(root: ET.Element, path: Path) -> datetime | None:
    value = root.get("dateGenerated")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise InputFileError(
            path, f"dateGenerated {shown(value)} is not a date-time", field="dateGenerated"
        ) from exc


def parse_un_xml(path: Path | str) -> ParsedList:
    """Every entry of a UN Consolidated List XML file."""
    path = Path(path)
    root = read_root(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise InputFileError(path, f"not a UN Consolidated List: the root element is <{root.tag}>")
    entries: dict[str, ListedEntry] = {}
    for group, kind in (("INDIVIDUALS", "INDIVIDUAL"), ("ENTITIES", "ENTITY")):
        for element in root.findall(f"{group}/{kind}"):
            entry = _entry(element, kind, path)
            if entry.id in entries:
                raise InputFileError(
                    path, f"reference {entry.reference} appears twice", field="REFERENCE_NUMBER"
                )
            entries[entry.id] = entry
    return ParsedList(SOURCE, path, file_hash(path), _generated_at(root, path), list(entries.values()))
