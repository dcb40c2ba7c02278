"""What the matcher knows of the field, from data/resolve/: romanisations, Korean surnames, name terms."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from watchkeeper.errors import InputFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "resolve"


def _load_yaml(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputFileError(path, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise InputFileError(path, "expected a mapping at the top level")
    return data


Rules = tuple[tuple[re.Pattern[str], str], ...]


@dataclass(frozen=True)
class HangulTable:
    """Jamo romanisations per system (``rr``, ``mr``, ``dprk``) and the RR liaison rules."""

    initials: dict[str, tuple[str, ...]]
    medials: dict[str, tuple[str, ...]]
    finals: dict[str, tuple[str, ...]]
    liaison: dict[str, str]
    lateral_after: tuple[str, ...]
    systems: tuple[str, ...] = ("rr", "mr", "dprk")


def _jamo_rows(data: dict[str, Any], key: str, path: Path) -> dict[str, tuple[str, ...]]:
    rows = data.get(key)
    if not isinstance(rows, list):
        raise InputFileError(path, "missing list", field=key)
    table: dict[str, tuple[str, ...]] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != 4:
            raise InputFileError(path, "each row is [jamo, rr, mr, dprk]", field=f"{key}[{index}]")
        table[str(index)] = tuple(str(cell) for cell in row)
    return table


@cache
def hangul_table() -> HangulTable:
    """The Hangul table, indexed by the jamo's position in the Unicode syllable formula."""
    path = DATA_DIR / "hangul.yaml"
    data = _load_yaml("hangul.yaml")
    initials = _jamo_rows(data, "initials", path)
    medials = _jamo_rows(data, "medials", path)
    finals = _jamo_rows(data, "finals", path)
    if (len(initials), len(medials), len(finals)) != (19, 21, 28):
        raise InputFileError(path, "expected 19 initials, 21 medials and 28 finals")
    return HangulTable(
        initials=initials,
        medials=medials,
        finals=finals,
        liaison={str(k): str(v) for k, v in (data.get("liaison") or {}).items()},
        lateral_after=tuple(data.get("lateral_after") or ()),
    )


@dataclass(frozen=True)
class CyrillicTable:
    """Letters and letter groups of Cyrillic with their Latin spelling."""

    letters: dict[str, str]
    groups: dict[str, str]
    iotated_e_after: str


@cache
def cyrillic_table() -> CyrillicTable:
    """The Cyrillic → Latin table."""
    data = _load_yaml("cyrillic.yaml")
    return CyrillicTable(
        letters={str(k): str(v) for k, v in data["letters"].items()},
        groups={str(k): str(v) for k, v in data.get("groups", {}).items()},
        iotated_e_after=str(data.get("iotated_e_after", "")),
    )


@dataclass(frozen=True)
class KoreanSurnames:
    """Korean surnames: Latin spelling → the Hangul surnames it may stand for."""

    by_spelling: dict[str, frozenset[str]]
    by_hangul: dict[str, tuple[str, ...]]


@cache
def korean_surnames() -> KoreanSurnames:
    """Read korean_surnames.csv (columns hangul, spellings, note)."""
    path = DATA_DIR / "korean_surnames.csv"
    by_spelling: dict[str, set[str]] = {}
    by_hangul: dict[str, tuple[str, ...]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            hangul = (row.get("hangul") or "").strip()
            spellings = tuple(s.replace("'", "") for s in (row.get("spellings") or "").split())
            if not hangul or not spellings:
                raise InputFileError(path, "hangul and spellings are required", line=line)
            by_hangul[hangul] = spellings
            for spelling in spellings:
                by_spelling.setdefault(spelling, set()).add(hangul)
    return KoreanSurnames({k: frozenset(v) for k, v in by_spelling.items()}, by_hangul)


@cache
def korean_key_rules() -> tuple[Rules, Rules]:
    """The strict and loose rewrite rules of korean_keys.yaml, compiled."""
    path = DATA_DIR / "korean_keys.yaml"
    data = _load_yaml("korean_keys.yaml")
    levels = []
    for level in ("strict", "loose"):
        rules = []
        for index, rule in enumerate(data.get(level) or []):
            if not isinstance(rule, list) or len(rule) != 2:
                raise InputFileError(path, "each rule is [pattern, replacement]", field=f"{level}[{index}]")
            rules.append((re.compile(str(rule[0])), str(rule[1])))
        levels.append(tuple(rules))
    return levels[0], levels[1]


@dataclass(frozen=True)
class NameTerms:
    """Folded spellings of organisation words, their weights, and vessel-name prefixes."""

    fold: dict[str, str]
    generic: frozenset[str]
    generic_weight: float
    vessel_prefixes: tuple[tuple[str, ...], ...]
    acronym_skips: frozenset[str]
    latin_folds: tuple[tuple[re.Pattern[str], str], ...]
    person_particles: frozenset[str] = frozenset()
    particle_weight: float = 0.3
    patronymic_particles: frozenset[str] = frozenset()
    family_articles: frozenset[str] = frozenset()
    digit_letters: dict[str, str] = field(default_factory=dict)
    person_titles: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, str], ...] = ()  # (" joint venture ", " jointventure "): padded, longest first
    kinds: frozenset[str] = frozenset()


@cache
def name_terms() -> NameTerms:
    """Read name_terms.yaml."""
    data = _load_yaml("name_terms.yaml")
    fold: dict[str, str] = {}
    for canonical, spellings in (data.get("organization_terms") or {}).items():
        for spelling in spellings:
            fold[str(spelling)] = str(canonical)
    phrases = sorted(
        (
            (f" {phrase} ", f" {canonical} ")
            for canonical, ps in (data.get("organization_phrases") or {}).items()
            for phrase in ps
        ),
        key=lambda p: len(p[0]),
        reverse=True,
    )
    ordered = sorted((str(p) for p in data.get("vessel_prefixes") or []), key=len, reverse=True)
    prefixes = tuple(tuple(re.split(r"[\s/.]+", p)) for p in ordered)
    return NameTerms(
        fold=fold,
        generic=frozenset(str(w) for w in data.get("generic_words") or []),
        generic_weight=float(data.get("generic_weight", 0.25)),
        vessel_prefixes=prefixes,
        acronym_skips=frozenset(str(w) for w in data.get("acronym_skips") or []),
        latin_folds=tuple((re.compile(str(p)), str(r)) for p, r in data.get("latin_folds") or []),
        person_particles=frozenset(str(w) for w in data.get("person_particles") or []),
        particle_weight=float(data.get("particle_weight", 0.3)),
        patronymic_particles=frozenset(str(w) for w in data.get("patronymic_particles") or []),
        family_articles=frozenset(str(w) for w in data.get("family_articles") or []),
        digit_letters={str(k): str(v) for k, v in (data.get("digit_letters") or {}).items()},
        person_titles=frozenset(str(w) for w in data.get("person_titles") or []),
        phrases=tuple(phrases),
        kinds=frozenset(fold.get(str(w), str(w)) for w in data.get("organization_kinds") or []),
    )


@cache
def nickname_groups() -> dict[str, frozenset[int]]:
    """Given names and short forms (nicknames.yaml): each word → the groups (one given name each) it is in."""
    path = DATA_DIR / "nicknames.yaml"
    data = _load_yaml("nicknames.yaml")
    groups: dict[str, set[int]] = {}
    for index, group in enumerate(data.get("groups") or []):
        if not isinstance(group, list) or len(group) < 2:
            raise InputFileError(
                path, "each group lists a given name and its short forms", field=f"groups[{index}]"
            )
        for word in group:
            groups.setdefault(str(word).lower(), set()).add(index)
    return {word: frozenset(ids) for word, ids in groups.items()}
