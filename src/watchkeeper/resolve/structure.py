"""Features that read a name's structure, not only its words: a name inside a longer one, Arabic family and
nasab parts, the first (given) name, and the quality the list gives an alias."""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.text.distance import jaro_winkler, levenshtein

from watchkeeper.resolve.features import NamePair, Result, alignment, latin_fold

FAMILY_SPELLING = 0.8  # name parts this alike may be one name spelled two ways (al-Anabi / al-Inabi)
LATIN_END = 0x24F  # the last code point of Latin Extended-B: beyond it, another script
SUBSET = 0.8
_VOWELS = re.compile(
    "[aeiouy]+"
)  # every word of a two-word-or-longer name found in a longer name of the same person


def _aligned_map(pair: NamePair) -> dict[str, str]:
    return {p[0]: p[1] for p in alignment(pair)[1]}


def name_inside(pair: NamePair) -> Result:
    """Every word of the shorter name (two words or more) matches a word of the longer one (Abdul Baqi /
    Abdul Baqi Basir Awal Shah): a short form of the same name."""
    if pair.aligned is not None and pair.aligned[0] >= SUBSET:
        return 0.0, "the names already align as wholes"
    short, long = (pair.a, pair.b) if len(pair.a.tokens) <= len(pair.b.tokens) else (pair.b, pair.a)
    distinct = [t for t, w in zip(short.tokens, short.weights, strict=True) if w == 1.0]
    if len(distinct) < 2 or len(short.tokens) == len(long.tokens):
        return 0.0, "not a shorter name of two or more words"
    pairs = alignment(pair)[1]
    side = 0 if short is pair.a else 1
    found = [str(p[side]) for p in pairs]
    for token in distinct:  # each word as often as it occurs (Mohamed Omar Mohamed needs two Mohameds)
        if token not in found:
            return 0.0, "a word of the shorter name is not in the longer one"
        found.remove(token)
    if "," not in pair.a.text + pair.b.text:  # written in order, a name keeps its order (no "Surname, Given")
        in_long = [p[5 - side] for p in sorted(pairs, key=lambda p: p[4 + side])]
        family_first = in_long[0] == len(long.tokens) - 1 and in_long[1:] == sorted(in_long[1:])
        if in_long != sorted(in_long) and not family_first:  # Bahaziq Mahmoud: the family name put first
            return 0.0, "the shorter name's words come in another order in the longer one"
    sims = [p[2] for p in pairs if p[side] in distinct]
    least = sum(sims) / len(sims)  # one word spelled a little apart (Mansour / Mansoor) costs its share
    return SUBSET * least, f"all of {short.text!r} is inside {long.text!r}"


def organisation_head(pair: NamePair) -> Result:
    """The shorter organisation name (two distinctive words or more) is the longer one up to an "of" that
    names the body it belongs to (Coastal Signal Regiment / Coastal Signal Regiment of the Northern Army)."""
    short, long = (pair.a, pair.b) if len(pair.a.tokens) < len(pair.b.tokens) else (pair.b, pair.a)
    if "of" not in long.tokens[2:] or sum(w == 1.0 for w in short.weights) < 2:
        return 0.0, "not a name followed by the body it belongs to"
    head = long.tokens[: long.tokens.index("of", 2)]
    if head != short.tokens:
        return 0.0, "the shorter name is not the longer one's head"
    return SUBSET, f"{short.text!r} is {long.text!r} without the body it belongs to"


@lru_cache(maxsize=200_000)
def _other_script(text: str) -> bool:
    return not text.isascii() and any(ord(c) > LATIN_END for c in text)


def _consonants(word: str) -> str:
    """A word's consonants: transliterations of one name differ in vowels (я: ya / ia), not in these."""
    return _VOWELS.sub("", word)


def transliteration_differs(pair: NamePair) -> Result:
    """One name is in another script and a word of it transliterates only close to the Latin word, with
    other consonants (Ушанов / Ushakov): transliteration is regular, so another consonant is another name."""
    if _other_script(pair.a.text) == _other_script(pair.b.text):
        return 0.0, "both names in the same script"
    close = [
        f"{p[0]}/{p[1]}"
        for p in alignment(pair)[1]
        if p[3] == "spelling close" and _consonants(p[0]) != _consonants(p[1])
    ]
    if not close:
        return 0.0, "every word transliterates to its counterpart"
    return 1.0, f"{', '.join(close)} only close across scripts"


def family_name_differs(pair: NamePair) -> Result:
    """Both names carry an Arabic family, tribal or nisba part (al-X) and no such part matches: usually two
    relatives or namesakes (al-Shammari / al-Otaibi)."""
    if not pair.a.family or not pair.b.family:
        return 0.0, "not both with a family part"
    aligned = _aligned_map(pair)
    if any(x in aligned for x in pair.a.family) or any(y in aligned.values() for y in pair.b.family):
        return 0.0, "a family part matches a word of the other name"  # al-Hishan / Turki Hishan al-Mazidih
    for x in pair.a.family:
        for y in pair.b.family:
            if levenshtein(x, y) <= 1 or jaro_winkler(latin_fold(x), latin_fold(y)) >= FAMILY_SPELLING:
                return 0.0, f"family parts {x} and {y} are spellings of one name"
    return 1.0, f"family parts {sorted(pair.a.family)} and {sorted(pair.b.family)} differ"


def patronymic_reversed(pair: NamePair) -> Result:
    """Nasab parts in the opposite order (Ali bin Omar / Omar bin Ali): the other's son, not the same man."""
    if not pair.a.patronyms or not pair.b.patronyms:
        return 0.0, "not both with nasab parts"
    aligned = _aligned_map(pair)
    for child, father in pair.a.patronyms:
        if child == father:  # Mohamed ben Mohamed reads the same both ways
            continue
        for child_b, father_b in pair.b.patronyms:
            if aligned.get(child) == father_b and aligned.get(father) == child_b:
                return 1.0, f"{child} bin {father} against {child_b} bin {father_b}"
    return 0.0, "no nasab in the opposite order"


def given_name_differs(pair: NamePair) -> Result:
    """Two names of three words or more whose first (given) names both stay unmatched: brothers or cousins
    who share the father's and family names (Sa'd / Yasir Sabawi Ibrahim Hasan al-Tikriti)."""
    a, b = pair.a, pair.b
    if len(a.tokens) < 3 or len(b.tokens) < 3 or (a.korean and b.korean):
        return 0.0, "not two long names"
    pairs = alignment(pair)[1]
    if any(p[4] == 0 or p[5] == 0 for p in pairs):
        return 0.0, "a first name matched"
    if jaro_winkler(latin_fold(a.tokens[0]), latin_fold(b.tokens[0])) >= FAMILY_SPELLING:
        return 0.0, "first names may be one name spelled two ways"
    return 1.0, f"first names {a.tokens[0]!r} and {b.tokens[0]!r} differ"


def low_quality_alias(pair: NamePair) -> Result:
    """A one-word alias the list marks low quality cannot make a longer name a possible match."""
    if pair.low_quality_b and len(pair.b.tokens) == 1 and len(pair.a.tokens) >= 2:
        return 1.0, f"{pair.b.text!r} is a one-word low-quality alias"
    return 0.0, "not a one-word low-quality alias"
