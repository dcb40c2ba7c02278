"""Designated names parsed straight from a UN Consolidated List XML snapshot, for tests and benchmarks of the
screening index independent of the lists stage."""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree

from watchkeeper.resolve.screening import ListedName

NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _text(element: object, tag: str) -> str:
    value = element.findtext(tag)  # type: ignore[attr-defined]
    return " ".join((value or "").split())


def un_listed_names(path: Path, regime: str | None = None) -> list[ListedName]:
    """Every name of every listing (or of one UN_LIST_TYPE, e.g. "DPRK") as ListedName records."""
    root = ElementTree.parse(path).getroot()
    names: list[ListedName] = []
    kinds = (("INDIVIDUAL", "Person", "INDIVIDUAL_ALIAS"), ("ENTITY", "Organization", "ENTITY_ALIAS"))
    for tag, schema, alias_tag in kinds:
        for element in root.iter(tag):
            list_type = _text(element, "UN_LIST_TYPE")
            if regime is not None and list_type != regime:
                continue
            reference = _text(element, "REFERENCE_NUMBER")
            designation_id = f"un-1718:{reference}" if list_type == "DPRK" else f"un:{reference}"
            primary = " ".join(p for p in (_text(element, t) for t in NAME_PARTS) if p)
            names.append(ListedName(designation_id, reference, schema, primary, "primary"))
            original = _text(element, "NAME_ORIGINAL_SCRIPT")
            if original:
                names.append(ListedName(designation_id, reference, schema, original, "original_script"))
            for alias in element.iter(alias_tag):
                alias_name = _text(alias, "ALIAS_NAME")
                if alias_name:
                    quality = "low" if _text(alias, "QUALITY").lower() == "low" else "good"
                    names.append(ListedName(designation_id, reference, schema, alias_name, "alias", quality))
    return names
