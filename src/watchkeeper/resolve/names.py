"""A name prepared once for comparison: Latin letters, folded tokens and their weights, Korean readings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rigour.text.phonetics import metaphone

from watchkeeper.resolve.korean import KoreanName, korean_readings
from watchkeeper.resolve.reference import name_terms
from watchkeeper.resolve.romanise import to_latin

SCHEMAS = ("Person", "Organization", "Vessel")
SCHEMA_ALIASES = {
    "person": "Person",
    "per": "Person",
    "org": "Organization",
    "organization": "Organization",
    "organisation": "Organization",
    "entity": "Organization",
    "company": "Organization",
    "legalentity": "Organization",
    "vessel": "Vessel",
    "ship": "Vessel",
}
MERGE_WIDTHS = range(2, 9)  # runs of words another spelling may write as one (Ben-Khalifa-Ben-Ahmed)
_APOSTROPHES = re.compile(r"[’'`ʼ‘´]")
_HYPHENS = re.compile(r"(?<=\w)[-‐‑–](?=\w)")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def schema_of(value: str | None, default: str = "Person") -> str:
    """An FtM schema name from a user's word (person, organisation, vessel, ...)."""
    if value is None:
        return default
    key = value.strip().lower().replace(" ", "")
    if key in SCHEMA_ALIASES:
        return SCHEMA_ALIASES[key]
    raise ValueError(f"unknown name type {value!r}: use person, organization or vessel")


@dataclass(frozen=True)
class NameForm:
    """One name, ready to compare: its tokens (ASCII, lower case, hyphenated parts joined) and keys."""

    text: str
    schema: str
    latin: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    numbers: frozenset[str]
    phonetic: tuple[str, ...]
    korean: tuple[KoreanName, ...]
    joins: frozenset[str]
    weight_of: dict[str, float]
    phonetic_of: dict[str, str]

    @property
    def compact(self) -> str:
        """All tokens joined: the name with spacing and hyphenation ignored."""
        return "".join(self.tokens)


def fold_tokens(text: str) -> tuple[str, ...]:
    """Latin text as lower-case word tokens, apostrophes dropped and hyphenated words joined."""
    lower = _APOSTROPHES.sub("", text.lower())
    lower = _HYPHENS.sub("", lower)
    return tuple(t for t in _NOT_WORD.split(lower) if t)


def _strip_vessel_prefix(tokens: tuple[str, ...]) -> tuple[str, ...]:
    for prefix in name_terms().vessel_prefixes:
        if len(tokens) > len(prefix) and tokens[: len(prefix)] == prefix:
            return tokens[len(prefix) :]
    return tokens


@lru_cache(maxsize=200_000)
def name_form(text: str, schema: str = "Person") -> NameForm:
    """Prepare a name of the given schema for comparison (cached: screening reuses listed names)."""
    terms = name_terms()
    latin = to_latin(text)
    tokens = fold_tokens(latin)
    if schema == "Vessel":
        tokens = _strip_vessel_prefix(tokens)
    weights: tuple[float, ...]
    if schema == "Person":
        weights = tuple(1.0 for _ in tokens)
    else:
        tokens = tuple(terms.fold.get(t, t) for t in tokens)
        weights = tuple(terms.generic_weight if t in terms.generic else 1.0 for t in tokens)
    phonetic = tuple(metaphone(t) if t.isalpha() else t for t in tokens)
    joins = frozenset(
        "".join(tokens[i : i + width]) for width in MERGE_WIDTHS for i in range(len(tokens) - width + 1)
    )
    korean_tokens = tuple(fold_tokens(_HYPHENS.sub(" ", _APOSTROPHES.sub("", latin.lower()))))
    return NameForm(
        text=text,
        schema=schema,
        latin=latin,
        tokens=tokens,
        weights=weights,
        numbers=frozenset(t for t in tokens if t.isdigit()),
        phonetic=phonetic,
        korean=korean_readings(korean_tokens) if schema == "Person" else (),
        joins=joins,
        weight_of=dict(zip(tokens, weights, strict=True)),
        phonetic_of=dict(zip(tokens, phonetic, strict=True)),
    )
