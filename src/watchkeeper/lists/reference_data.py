"""The lists' domain knowledge, read from data/lists/: UN list types, alias qualities, 1718 legal bases."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from watchkeeper.errors import InputFileError

# "res. 2371 (2017) para. 6", "resolution 2321 (2016), paragraph 12", "2270 op 12"
_BASIS_TEXT = re.compile(
    r"(?:res(?:olution)?\.?\s*)?(?P<res>\d{3,4})(?:\s*\(\d{4}\))?,?\s*(?:para(?:graph)?\.?|op\.?)\s*"
    r"(?P<para>\d+(?:\s*\([a-z]\))?)",
    re.IGNORECASE,
)


def _load(name: str) -> dict[str, Any]:
    resource = resources.files("watchkeeper") / "data" / "lists" / name
    try:
        data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputFileError(str(resource), f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise InputFileError(str(resource), "expected a mapping at the top level")
    return data


@lru_cache(maxsize=1)
def un_consolidated() -> dict[str, Any]:
    """UN_LIST_TYPE -> list id and committee; alias QUALITY -> name kind and quality."""
    return _load("un_consolidated.yaml")


@lru_cache(maxsize=1)
def un_1718_basis() -> dict[str, Any]:
    """Legal basis of the 1718 listings by listing date, and the measures each schema is subject to."""
    return _load("un_1718_basis.yaml")


def list_id_for(un_list_type: str) -> str:
    """Our list id for a UN_LIST_TYPE (``DPRK`` -> ``un-1718``); unknown types keep a readable id."""
    known = un_consolidated()["list_types"].get(un_list_type)
    if known:
        return str(known["list_id"])
    return "un-" + "".join(c for c in un_list_type.lower() if c.isalnum())


def resolve_list_id(name: str) -> str:
    """A list named by the user as a UN_LIST_TYPE (``DPRK``) or as our list id (``un-1718``)."""
    for un_type, info in un_consolidated()["list_types"].items():
        if name.casefold() in (un_type.casefold(), str(info["list_id"]).casefold()):
            return str(info["list_id"])
    return name


def committee_for(un_list_type: str) -> str | None:
    """The sanctions committee that keeps a UN list."""
    known = un_consolidated()["list_types"].get(un_list_type)
    return str(known["committee"]) if known else None


def alias_kind(quality: str) -> tuple[str, str] | None:
    """(kind, quality) of an alias from its QUALITY value, or None when the value is unknown."""
    mapped = un_consolidated()["alias_quality"].get(quality)
    return (str(mapped["kind"]), str(mapped["quality"])) if mapped else None


def basis_1718(listed_on: str | None, schema: str) -> tuple[str, str, str] | None:
    """(text, resolution, paragraph) of a 1718 listing made on ``listed_on``, when the date is known."""
    data = un_1718_basis()
    listing = data["listings"].get(listed_on) if listed_on else None
    if listing is None:
        return None
    text = f"{listing['text']}; {data['measures'][schema]}"
    return text, str(listing["resolution"]), str(listing["paragraph"])


def basis_from_text(text: str | None) -> tuple[str | None, str | None]:
    """(resolution, paragraph) of the first "res. NNNN (YYYY) para. N" in a legal-basis text."""
    match = _BASIS_TEXT.search(text or "")
    if match is None:
        return None, None
    return match.group("res"), match.group("para").replace(" ", "")
