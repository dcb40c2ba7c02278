"""A name prepared once for comparison: Latin letters, folded tokens and their weights, Korean readings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rigour.names.org_types import extract_org_types
from rigour.text.phonetics import metaphone

from watchkeeper.resolve.korean import KoreanName, korean_readings
from watchkeeper.resolve.reference import NameTerms, name_terms
from watchkeeper.resolve.romanise import to_latin

SCHEMAS = ("Person", "Organization", "Vessel")
NO_WORDS: frozenset[str] = frozenset()  # shared: a million listed names need not each own an empty set
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
# other articles (ad-, ash-) only count when hyphenated: "An" is a Korean surname
SPACED_ARTICLES = ("al", "el")
_ROMAN_LETTERS = re.compile(r"\b[mdclxvi]+\b")  # a word that may be a roman numeral
_BRACKETED = re.compile(r"\(([^()]*)\)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # JohannSebastian: two words typed as one
_ROMAN = re.compile(r"^(?=[mdclxvi]{2,})m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}


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
    family: frozenset[str] = frozenset()
    patronyms: tuple[tuple[str, str], ...] = ()
    bracketed: frozenset[str] = frozenset()  # words of an organisation name's bracketed part (its acronym)

    @property
    def compact(self) -> str:
        """All tokens joined: the name with spacing and hyphenation ignored."""
        return "".join(self.tokens)


def fold_tokens(text: str) -> tuple[str, ...]:
    """Latin text as lower-case word tokens, apostrophes dropped and hyphenated words joined."""
    lower = _APOSTROPHES.sub("", text.lower())
    lower = _HYPHENS.sub("", lower)
    return tuple(t for t in _NOT_WORD.split(lower) if t)


def roman_value(token: str, single: bool = False) -> int | None:
    """The value of a roman numeral of two or more letters (iii → 3, xiv → 14; with ``single`` also i, v, x),
    else None."""
    if not (_ROMAN.match(token) or (single and token in ("i", "v", "x"))):
        return None
    values = [_ROMAN_VALUES[c] for c in token]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _letters_for_digits(text: str, terms: NameTerms) -> str:
    """Words mixing letters and look-alike digits read as letters (V1ktor 0rban = Viktor Orban)."""
    if text.isalpha() or not any(c in terms.digit_letters for c in text):
        return text
    words = []
    for word in text.split():
        letters = sum(c.isalpha() for c in word)
        digits = sum(c in terms.digit_letters for c in word)
        if digits and letters >= 2 and letters >= digits:
            word = "".join(terms.digit_letters.get(c, c) for c in word)
        words.append(word)
    return " ".join(words)


def _family_parts(lower: str, terms: NameTerms) -> tuple[str, frozenset[str]]:
    """Arabic articles dropped (al-Shammari = Shammari) and the words they introduced, the family parts."""
    kept: list[str] = []
    family: set[str] = set()
    for word in lower.split():
        parts = word.split("-")
        led = len(parts) > 1 and parts[0] in terms.family_articles
        if led:
            parts = parts[1:]
        # an article inside a hyphenated run goes too (Harith-al-Dari = Harith al-Dari = Harith Dari)
        parts = [p for i, p in enumerate(parts) if not (0 < i < len(parts) - 1 and p in SPACED_ARTICLES)]
        word = "-".join(parts)
        if not led and len(kept) > 1 and kept[-1] in SPACED_ARTICLES:
            kept[-1] = word
            led = True
        else:
            kept.append(word)
        if led and len(parts) == 1:
            family.add(word)
    return " ".join(kept), frozenset(_NOT_WORD.sub("", f) for f in family) if family else NO_WORDS


def _patronyms(tokens: tuple[str, ...], terms: NameTerms) -> tuple[tuple[str, str], ...]:
    """(child, father) pairs around a nasab particle: Ali bin Omar gives (ali, omar)."""
    return tuple(
        (tokens[i - 1], tokens[i + 1])
        for i in range(1, len(tokens) - 1)
        if tokens[i] in terms.patronymic_particles
    )


def legal_forms_folded(text: str) -> str:
    """An organisation name with a legal form at its start or end written in rigour's generic form
    (Aktiengesellschaft → jsc, OOO → llc); words inside the name are left alone ("in" is a legal form too)."""
    lower = text.lower()
    for found, generic in extract_org_types(lower, generic=True):
        if found == lower.strip():
            break
        if lower.endswith(found) and not lower[-len(found) - 1].isalnum():
            lower = lower[: -len(found)] + generic
        elif lower.startswith(found) and not lower[len(found)].isalnum():
            lower = generic + lower[len(found) :]
    return lower


def _numerals(tokens: tuple[str, ...], terms: NameTerms) -> tuple[str, ...]:
    """Roman numerals as numbers (Partners III = Partners 3)."""
    last = [  # a lone I, V or X counts only at the end of a name and not after an initial (J/V)
        i > 0 and len(tokens[i - 1]) > 1 and all(u in terms.generic for u in tokens[i + 1 :])
        for i in range(len(tokens))
    ]
    return tuple(str(v) if (v := roman_value(t, last[i])) else t for i, t in enumerate(tokens))


def _phrases_folded(tokens: tuple[str, ...], terms: NameTerms) -> tuple[str, ...]:
    """Runs of words written as one (joint venture, J/V → jointventure), on word boundaries."""
    padded = f" {' '.join(tokens)} "
    for phrase, canonical in terms.phrases:
        padded = padded.replace(phrase, canonical)
    return tuple(padded.split())


def _strip_vessel_prefix(tokens: tuple[str, ...]) -> tuple[str, ...]:
    for prefix in name_terms().vessel_prefixes:
        if len(tokens) > len(prefix) and tokens[: len(prefix)] == prefix:
            return tokens[len(prefix) :]
    return tokens


def _acronyms_of(inside: list[str], name: str) -> bool:
    """Whether every bracketed piece is one word spelled from the name's initials in order, beginning with its
    first (Tariq Gidar Group (TGG), Jamaat-ul-Ahrar (JuA)); a place or branch in brackets is not (Kenya)."""
    initials = "".join(w[0] for w in re.split(r"[^a-z0-9]+", to_latin(name).lower()) if w)
    for piece in (p.strip() for part in inside for p in part.split(",")):
        letters = _NOT_WORD.sub("", to_latin(piece).lower())
        if not letters or " " in piece or letters[0] != initials[:1]:
            return False
        rest = iter(initials)
        if not all(c in rest for c in letters):
            return False
    return True


@lru_cache(maxsize=200_000)
def name_form(text: str, schema: str = "Person") -> NameForm:
    """Prepare a name of the given schema for comparison (cached: screening reuses listed names)."""
    terms = name_terms()
    # before transliteration: the legal-form table knows "beschränkter"
    text_for_tokens, bracketed = text, NO_WORDS
    if schema == "Organization":
        # a bracketed acronym or note (X Group (XG)) is not part of the name: kept aside for the acronym test
        unbracketed = _BRACKETED.sub(" ", text).strip()
        inside = _BRACKETED.findall(text)
        if unbracketed and inside and _acronyms_of(inside, unbracketed):
            bracketed = frozenset(fold_tokens(to_latin(" ".join(inside))))
            text_for_tokens = unbracketed
        text_for_tokens = legal_forms_folded(text_for_tokens)
    latin = to_latin(text)
    # two Latin words typed as one are split as written: a transliteration's capitals (mHmd) are letters
    camel = _CAMEL.sub(" ", text_for_tokens)
    spaced = latin if camel == text else to_latin(camel)
    family = NO_WORDS
    if schema == "Person":
        spaced, family = _family_parts(
            _letters_for_digits(_APOSTROPHES.sub("", spaced.lower()), terms), terms
        )
    tokens = fold_tokens(spaced)
    if schema == "Vessel":
        tokens = _strip_vessel_prefix(tokens)
    weights: tuple[float, ...]
    if schema == "Person":
        light = terms.person_particles if len(tokens) > 2 else frozenset()
        titles = terms.person_titles if len(tokens) > 1 else frozenset()
        weights = tuple(terms.particle_weight if t in light or t in titles else 1.0 for t in tokens)
    else:
        if terms.phrases and len(tokens) > 1:
            tokens = _phrases_folded(tokens, terms)
        tokens = tuple(terms.fold.get(t, t) for t in tokens)
        if _ROMAN_LETTERS.search(" ".join(tokens)):
            tokens = _numerals(tokens, terms)
        weights = tuple(terms.generic_weight if t in terms.generic else 1.0 for t in tokens)
    tokens_alpha = all(t.isalpha() for t in tokens)
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
        numbers=frozenset(t for t in tokens if not t.isalpha()) if not tokens_alpha else NO_WORDS,
        phonetic=phonetic,
        korean=korean_readings(korean_tokens) if schema == "Person" else (),
        joins=joins,
        weight_of=dict(zip(tokens, weights, strict=True)),
        phonetic_of=dict(zip(tokens, phonetic, strict=True)),
        family=family,
        patronyms=_patronyms(tokens, terms) if schema == "Person" else (),
        bracketed=bracketed,
    )
