"""Korean personal names in Latin letters: family name by surname table, given name as a spelling-free key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from watchkeeper.resolve.reference import korean_key_rules, korean_surnames

# A romanised Korean syllable: optional onset, vowel cluster, optional coda (loose on purpose: it must accept
# RR, MR without diacritics and DPRK spellings, and reject words such as "Vasily" or "Corporation").
_ONSET = r"(?:kk|tt|pp|ss|jj|tch|ch|kh|th|ph|sh|ts|[gkndtrlmbpsjhyw])?"
_VOWEL = r"(?:yae|yeo|weo|wae|ae|eo|eu|oe|oi|ui|wa|wo|we|wi|ya|ye|yo|yu|oo|ee|ou|ai|a|e|i|o|u)"
_CODA = r"(?:ng|n|l|k|m|p|t|g|r|b)?"
_SYLLABLES = re.compile(rf"^(?:{_ONSET}{_VOWEL}{_CODA})+$")
MAX_GIVEN_SYLLABLE_LETTERS = 5


@dataclass(frozen=True)
class KoreanName:
    """One reading of a name as Korean: the Hangul surnames its family name may be, its given-name keys."""

    family: str
    surnames: frozenset[str]
    given: str
    strict_key: str
    loose_key: str


@lru_cache(maxsize=200_000)
def looks_korean(token: str) -> bool:
    """True when a lower-case token can be read as romanised Korean syllables."""
    return bool(_SYLLABLES.match(token))


@lru_cache(maxsize=65536)
def given_name_keys(given: str) -> tuple[str, str]:
    """The strict and loose keys of a romanised given name (hyphens, spaces and apostrophes ignored)."""
    strict_rules, loose_rules = korean_key_rules()
    key = re.sub(r"[^a-z]", "", given.lower())
    for pattern, replacement in strict_rules:
        key = pattern.sub(replacement, key)
    loose = key
    for pattern, replacement in loose_rules:
        loose = pattern.sub(replacement, loose)
    return key, loose


def _surnames(token: str) -> frozenset[str]:
    return korean_surnames().by_spelling.get(token.replace("'", ""), frozenset())


@lru_cache(maxsize=65536)
def korean_readings(tokens: tuple[str, ...]) -> tuple[KoreanName, ...]:
    """Every reading of lower-case name tokens as a Korean name (family name first or last)."""
    if not 2 <= len(tokens) <= 4:
        return ()
    readings = []
    for family, given_tokens in ((tokens[0], tokens[1:]), (tokens[-1], tokens[:-1])):
        surnames = _surnames(family)
        if not surnames:
            continue
        parts = [p for t in given_tokens for p in re.split(r"[-\s]+", t) if p]
        if not parts or not all(looks_korean(p.replace("'", "")) for p in parts):
            continue
        given = "".join(parts).replace("'", "")
        strict, loose = given_name_keys(given)
        readings.append(KoreanName(family, surnames, given, strict, loose))
    return tuple(readings)


def surname_key(token: str) -> str | None:
    """A blocking key for a Korean family name: its Hangul surnames, sorted and joined."""
    surnames = _surnames(token)
    return "|".join(sorted(surnames)) if surnames else None
