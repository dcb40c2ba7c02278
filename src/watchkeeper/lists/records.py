"""What every list reader produces: entries with their names, ready to be compared and stored."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from watchkeeper.errors import InputFileError

NAME_KINDS = ("primary", "alias", "former", "original_script")
QUALITIES = ("good", "low")
SCHEMAS = ("Person", "Organization", "Vessel")

_SPACE = re.compile(r"\s+")
# Unicode character-name prefixes -> ISO 15924 script codes, for the scripts the lists use.
_SCRIPTS = (
    ("LATIN", "Latn"),
    ("HANGUL", "Hang"),
    ("CJK", "Hani"),
    ("ARABIC", "Arab"),
    ("CYRILLIC", "Cyrl"),
    ("HIRAGANA", "Jpan"),
    ("KATAKANA", "Jpan"),
    ("GREEK", "Grek"),
    ("HEBREW", "Hebr"),
    ("THAI", "Thai"),
    ("ETHIOPIC", "Ethi"),
    ("DEVANAGARI", "Deva"),
)


def clean_text(value: str | None) -> str:
    """Text with runs of whitespace (line breaks, tabs, doubled spaces) made one space, and stripped."""
    if value is None:
        return ""
    return _SPACE.sub(" ", value).strip()


def normalise_reference(value: str) -> str:
    """A list reference without stray whitespace: ``"KPe.033 "`` -> ``"KPe.033"``."""
    return _SPACE.sub("", value)


def designation_id(list_id: str, reference: str) -> str:
    """The store id of a designation: list id and normalised reference, ``"un-1718:KPe.001"``."""
    return f"{list_id}:{normalise_reference(reference)}"


def script_of(name: str) -> str | None:
    """The dominant writing system of a name as an ISO 15924 code (``Latn``, ``Hang``, ``Hani``, ...)."""
    counts: dict[str, int] = {}
    for char in name:
        if not char.isalpha():
            continue
        char_name = unicodedata.name(char, "")
        for prefix, code in _SCRIPTS:
            if char_name.startswith(prefix):
                counts[code] = counts.get(code, 0) + 1
                break
    if not counts:
        return None
    return max(counts.items(), key=lambda item: item[1])[0]


def name_tokens(text: str) -> list[str]:
    """Case- and accent-free word tokens of a name, for plain text search."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [t for t in re.split(r"[^\w]+", stripped) if t]


@dataclass(frozen=True)
class ListedName:
    """One name of an entry as the list gives it."""

    name: str
    kind: str = "primary"
    quality: str = "good"
    note: str | None = None

    @property
    def script(self) -> str | None:
        return script_of(self.name)


@dataclass
class ListedEntry:
    """One designation as read from a file, before it meets the store."""

    list_id: str
    reference: str
    schema: str
    names: list[ListedName]
    listed_on: date | None = None
    legal_basis: str | None = None
    basis_resolution: str | None = None
    basis_paragraph: str | None = None
    imo: str | None = None
    mmsi: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return designation_id(self.list_id, self.reference)

    @property
    def name(self) -> str:
        return next((n.name for n in self.names if n.kind == "primary"), self.names[0].name)

    def comparable(self) -> dict[str, Any]:
        """The fields whose change is an amendment, as JSON-ready values (names in list order)."""
        return comparable_fields(
            schema=self.schema,
            name=self.name,
            listed_on=self.listed_on,
            legal_basis=self.legal_basis,
            imo=self.imo,
            mmsi=self.mmsi,
            names=[(n.kind, n.quality, n.name) for n in self.names],
            details=self.details,
        )


def comparable_fields(
    *,
    schema: str,
    name: str,
    listed_on: date | None,
    legal_basis: str | None,
    imo: str | None,
    mmsi: str | None,
    names: list[tuple[str, str, str]],
    details: dict[str, Any],
) -> dict[str, Any]:
    """One flat dict per designation, the same whether built from a file or from stored rows."""
    fields: dict[str, Any] = {
        "schema": schema,
        "name": name,
        "listed_on": listed_on.isoformat() if listed_on else None,
        "legal_basis": legal_basis,
        "imo": imo,
        "mmsi": mmsi,
        "names": sorted(f"{kind}/{quality}: {text}" for kind, quality, text in names),
    }
    for key, value in details.items():
        fields[f"details.{key}"] = value
    return fields


def content_hash(fields: dict[str, Any]) -> str:
    """A stable hash of an entry's comparable fields: equal hashes mean nothing changed."""
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes: the identity of a snapshot."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class ParsedList:
    """Every entry of one file and what we know of the file."""

    source: str
    path: Path
    file_hash: str
    generated_at: datetime | None
    entries: list[ListedEntry]

    def by_id(self) -> dict[str, ListedEntry]:
        return {entry.id: entry for entry in self.entries}


def shown(value: str, limit: int = 60) -> str:
    """A value quoted for an error message, cut short so a hostile 100 kB cell stays one readable line."""
    return repr(value) if len(value) <= limit else repr(value[:limit]) + f"... ({len(value)} characters)"


def not_utf8_error(path: Path, exc: UnicodeDecodeError) -> InputFileError:
    """A user error for a file that is not UTF-8, naming the line of the first bad byte.

    Text files are decoded in blocks, so the reader's own line count can be behind; the file is scanned
    again here, a block at a time, to find the line.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as bad:
                line += block[: max(bad.start, 0)].count(b"\n")
                return InputFileError(path, f"not UTF-8 text: {exc.reason}", line=line)
            line += block.count(b"\n")
    return InputFileError(path, f"not UTF-8 text: {exc.reason}")
