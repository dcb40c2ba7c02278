"""The matcher's features: small pure functions of a name pair returning (value in [0, 1], explanation)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rigour.text.distance import jaro_winkler, levenshtein

from watchkeeper.resolve.korean import KoreanName, given_name_keys, looks_korean
from watchkeeper.resolve.names import MERGE_WIDTHS, NameForm
from watchkeeper.resolve.reference import name_terms, nickname_groups
from watchkeeper.resolve.vessels import valid_imo

# Token similarities (documented in docs/resolve.md)
TOKEN_MIN_JARO_WINKLER = 0.9  # below this two spellings are different words
KOREAN_SYLLABLES_STRICT = 0.97  # same Korean syllables in two spelling systems (Pyong / Byeong)
KOREAN_SYLLABLES_LOOSE = 0.92  # same syllables in common spellings (Jong / Jung)
FOLDED_SPELLING = 0.95  # same word once transliteration variants are folded (Aleksandr / Alexander)
SOUNDS_ALIKE = 0.9  # same metaphone key, spelling within the edit budget
INITIAL = 0.7  # "J." against "Jong" (persons only)
SHORT_FORM = 0.9  # the same given name in a short form (Bill / William; nicknames.yaml)
WITHOUT_ARTICLE = 0.95  # Alghamdi / Ghamdi: the Arabic article written into the word
ARTICLES = ("al", "el")
ARTICLE_WORDS = frozenset({"of", "for", "and", "the"})  # never an initial of an acronym
JOINED_MIN = 6  # a word this long may be written as a run of shorter ones in another spelling
KOREAN_NAME_STRICT = 1.0
KOREAN_NAME_LOOSE = 0.93

Result = tuple[float, str]
Aligned = tuple[str, str, float, str, int, int]  # word of a, word of b, similarity, why, their positions
Alignment = tuple[float, list[Aligned]]


@dataclass(slots=True)
class NamePair:
    """What a feature sees: the two prepared names and what else is known about the two bearers."""

    a: NameForm
    b: NameForm
    schema: str
    imo_a: str | None = None
    imo_b: str | None = None
    years_a: frozenset[int] = frozenset()
    years_b: frozenset[int] = frozenset()
    low_quality_b: bool = False
    aligned: Alignment | None = None


def alignment(pair: NamePair) -> Alignment:
    """The pair's token alignment, computed once and shared by every feature that reads it."""
    if pair.aligned is None:
        pair.aligned = align_tokens(pair.a, pair.b)
    return pair.aligned


def _swapped(x: str, y: str) -> bool:
    """Two words that differ by one swap of neighbouring letters, a single slip (Merkel / Merkle)."""
    if len(x) != len(y):
        return False
    diffs = [i for i in range(len(x)) if x[i] != y[i]]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and x[diffs[0]] == y[diffs[1]]
        and x[diffs[1]] == y[diffs[0]]
    )


@lru_cache(maxsize=500_000)
def token_similarity(x: str, y: str, px: str, py: str, schema: str) -> tuple[float, str]:
    """How alike two tokens are, and why (same, Korean syllables, sound, spelling, initial)."""
    if x == y:
        return 1.0, "same"
    if not (x.isalpha() and y.isalpha()):  # tokens are [a-z0-9]+: a digit makes it a number or identifier
        return 0.0, "different numbers"
    if schema == "Person" and (len(x) == 1 or len(y) == 1):
        return (INITIAL, "initial") if x[0] == y[0] else (0.0, "different initial")
    if schema == "Person":
        nicknames = nickname_groups()
        if x in nicknames and y in nicknames and nicknames[x] & nicknames[y]:
            return SHORT_FORM, "same given name, short form"
    if schema != "Vessel" and (
        (len(x) == len(y) + 2 and x[:2] in ARTICLES and x.endswith(y))
        or (len(y) == len(x) + 2 and y[:2] in ARTICLES and y.endswith(x))
    ):  # Ghamdi / Alghamdi; Jihad / al-Jihad in a group's name
        return WITHOUT_ARTICLE, "same word, article written in"
    if looks_korean(x) and looks_korean(y):
        kx, ky = given_name_keys(x), given_name_keys(y)
        if kx[0] == ky[0]:
            return KOREAN_SYLLABLES_STRICT, "same Korean syllables"
        if kx[1] == ky[1]:
            return KOREAN_SYLLABLES_LOOSE, "same Korean syllables, common spelling"
    fx, fy = latin_fold(x), latin_fold(y)
    if fx == fy:
        return FOLDED_SPELLING, "same transliteration"
    budget = max(1, min(len(fx), len(fy)) // 4)
    if abs(len(fx) - len(fy)) > budget:  # the length gap alone is over the edit budget
        return 0.0, "different"
    distance = levenshtein(fx, fy)
    if distance > budget and not (distance == 2 and budget == 1 and _swapped(fx, fy)):
        return 0.0, "different"
    if px and px == py and min(len(x), len(y)) > 2:  # symmetric: the score must not depend on the order
        return SOUNDS_ALIKE, "sounds alike"
    score = jaro_winkler(fx, fy)
    if score >= TOKEN_MIN_JARO_WINKLER:
        return score, "spelling close"
    return 0.0, "different"


@lru_cache(maxsize=200_000)
def latin_fold(token: str) -> str:
    """A word with transliteration variants folded (x/ks, ph/f, w/v, final iy/y) by name_terms.yaml."""
    for pattern, replacement in name_terms().latin_folds:
        token = pattern.sub(replacement, token)
    return token


def _merge_adjacent(tokens: list[str], others: set[str]) -> list[str]:
    """Join runs of adjacent tokens that the other name writes as one word (Joon Kook = Joonkook)."""
    merged: list[str] = []
    i = 0
    while i < len(tokens):
        for width in reversed(MERGE_WIDTHS):
            if i + width <= len(tokens) and "".join(tokens[i : i + width]) in others:
                merged.append("".join(tokens[i : i + width]))
                i += width
                break
        else:
            merged.append(tokens[i])
            i += 1
    return merged


def _spelled_joined(
    runs: tuple[str, ...], used: set[int], words: tuple[str, ...], free: set[int], schema: str
) -> tuple[str, ...] | None:
    """``runs`` with a run of unmatched neighbouring words joined when together they spell an unmatched long
    word of the other name closely (Nam Chong Gan / Namchongang), else None."""
    long_words = [words[j] for j in free if len(words[j]) >= JOINED_MIN and words[j].isalpha()]
    if not long_words:
        return None
    longest = max(len(w) + len(w) // 4 for w in long_words)
    for i in range(len(runs) - 1):
        if i in used or i + 1 in used or not runs[i].isalpha():
            continue
        starting = [w for w in long_words if w[0] == runs[i][0]]  # a joined run starts where the word does
        if not starting:
            continue
        joined = runs[i]
        for k in range(i + 1, min(len(runs), i + MERGE_WIDTHS.stop - 1)):
            if k in used or not runs[k].isalpha():
                break
            joined += runs[k]
            if len(joined) > longest:  # only grows from here
                break
            for word in starting:
                close = abs(len(joined) - len(word)) <= len(word) // 4
                if close and token_similarity(joined, word, "", "", schema)[0] > 0:
                    return (*runs[:i], joined, *runs[k + 1 :])
    return None


def align_tokens(a: NameForm, b: NameForm) -> Alignment:
    """Greedy one-to-one alignment of the two names' tokens; the Dice score over token weights."""
    ta, tb = a.tokens, b.tokens
    if a.joins & b.weight_of.keys():
        ta = tuple(_merge_adjacent(list(ta), set(tb)))
    if b.joins & a.weight_of.keys():
        tb = tuple(_merge_adjacent(list(tb), set(a.tokens)))
    score, pairs = _aligned(a, b, ta, tb)
    if len(pairs) < min(len(ta), len(tb)) and max(len(ta), len(tb)) > 1:  # words left over: joined elsewhere?
        used_a, used_b = {p[4] for p in pairs}, {p[5] for p in pairs}
        free_a, free_b = set(range(len(ta))) - used_a, set(range(len(tb))) - used_b
        joined_a = _spelled_joined(ta, used_a, tb, free_b, a.schema) if len(free_a) > 1 else None
        if not joined_a and len(free_b) > 1:
            joined_b = _spelled_joined(tb, used_b, ta, free_a, a.schema)
            if joined_b:
                return _aligned(a, b, ta, joined_b)
        if joined_a:
            return _aligned(a, b, joined_a, tb)
    return score, pairs


def _aligned(a: NameForm, b: NameForm, ta: tuple[str, ...], tb: tuple[str, ...]) -> Alignment:
    weight_a, weight_b = a.weight_of, b.weight_of
    phon_a, phon_b, schema = a.phonetic_of, b.phonetic_of, a.schema
    ranked = []
    for i, x in enumerate(ta):
        px = phon_a.get(x, "")
        for j, y in enumerate(tb):
            sim, how = token_similarity(x, y, px, phon_b.get(y, ""), schema)
            if sim > 0:
                ranked.append((-sim, abs(i - j), i, j, how))
    ranked.sort()  # ties go to words in the same place (the first Ibrahim to the first Ibrahim)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    matched = 0.0
    for negative, _, i, j, how in ranked:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = ta[i], tb[j]
        matched -= negative * (weight_a.get(x, 1.0) + weight_b.get(y, 1.0))
        pairs.append((x, y, -negative, how, i, j))
    total = sum(weight_a.get(x, 1.0) for x in ta) + sum(weight_b.get(y, 1.0) for y in tb)
    return (matched / total if total else 0.0), pairs


def token_alignment(pair: NamePair) -> Result:
    """Share of both names' tokens matched one-to-one (exact, Korean syllables, sound, spelling, initials)."""
    score, pairs = alignment(pair)
    if not pairs:
        return 0.0, "no word of one name matches a word of the other"
    shown = "; ".join(f"{x}={y} ({how})" for x, y, _, how, _, _ in pairs)
    return score, f"{len(pairs)} word(s) aligned: {shown}"


def _korean_pairs(pair: NamePair) -> Iterator[tuple[KoreanName, KoreanName]]:
    for ra in pair.a.korean:
        for rb in pair.b.korean:
            yield ra, rb


def korean_name(pair: NamePair) -> Result:
    """Both names read as Korean: same surname (by Hangul) and the same given-name syllables."""
    if not pair.a.korean or not pair.b.korean:
        return 0.0, "not both readable as Korean names"
    best: Result = (0.0, "no reading with the same surname and given name")
    for ra, rb in _korean_pairs(pair):
        if not ra.surnames & rb.surnames:
            continue
        surname = "/".join(sorted(ra.surnames & rb.surnames))
        if ra.strict_key == rb.strict_key:
            why = f"surname {ra.family}={rb.family} ({surname}); given name key {ra.strict_key}"
            return KOREAN_NAME_STRICT, why
        if ra.loose_key == rb.loose_key and best[0] < KOREAN_NAME_LOOSE:
            why = f"surname {ra.family}={rb.family} ({surname}); given name {ra.given}~{rb.given}"
            best = (KOREAN_NAME_LOOSE, why)
    return best


def _agreeing(pair: NamePair) -> list[tuple[KoreanName, KoreanName]]:
    return [(ra, rb) for ra, rb in _korean_pairs(pair) if ra.loose_key == rb.loose_key]


def korean_given_name_differs(pair: NamePair) -> Result:
    """Both names read as Korean but no reading gives the same given name (Kim Jong Un / Kim Jong Il)."""
    if not pair.a.korean or not pair.b.korean:
        return 0.0, "not both readable as Korean names"
    if _agreeing(pair):
        return 0.0, "given names agree"
    ra, rb = next(
        ((ra, rb) for ra, rb in _korean_pairs(pair) if ra.surnames & rb.surnames),
        (pair.a.korean[0], pair.b.korean[0]),
    )
    return 1.0, f"given names {ra.given!r} and {rb.given!r} are different syllables"


def korean_surname_differs(pair: NamePair) -> Result:
    """Korean given names agree but the surnames are different Hangul surnames (Pak 박 / Paek 백)."""
    if not pair.a.korean or not pair.b.korean:
        return 0.0, "not both readable as Korean names"
    agreeing = _agreeing(pair)
    if not agreeing:
        return 0.0, "given names differ"
    if any(ra.surnames & rb.surnames for ra, rb in agreeing):
        return 0.0, "a surname in common"
    ra, rb = agreeing[0]
    hangul_a, hangul_b = "/".join(sorted(ra.surnames)), "/".join(sorted(rb.surnames))
    return 1.0, f"surname {ra.family} ({hangul_a}) is not {rb.family} ({hangul_b})"


def acronym(pair: NamePair) -> Result:
    """One organisation name is the initials of the other (KOMID-style short names)."""
    if pair.schema != "Organization":
        return 0.0, "organisations only"
    for short, long in ((pair.a, pair.b), (pair.b, pair.a)):
        if len(short.tokens) == 1 and short.tokens[0] in long.bracketed:
            return 1.0, f"{short.tokens[0].upper()} is the acronym {long.text!r} gives in brackets"
        if len(short.tokens) == 1 and len(short.tokens[0]) >= 3 and len(long.tokens) >= 3:
            skips = name_terms().acronym_skips
            initials = "".join(t[0] for t in long.tokens if t not in skips)
            distinctive = "".join(t[0] for t, w in zip(long.tokens, long.weights, strict=True) if w == 1.0)
            every = "".join(t[0] for t in long.tokens if t not in ARTICLE_WORDS)  # KKBC: Corporation counted
            if short.tokens[0] in (initials, distinctive, every):
                return 1.0, f"{short.tokens[0].upper()} is the initials of {long.text!r}"
    return 0.0, "no name is the other's initials"


def organisation_kind_differs(pair: NamePair) -> Result:
    """Both names say what kind of body they are and no kind is shared (a Bureau of X / a Ministry of X)."""
    kinds = name_terms().kinds
    ka, kb = kinds.intersection(pair.a.tokens), kinds.intersection(pair.b.tokens)
    if ka and kb and not ka & kb:
        return 1.0, f"a {'/'.join(sorted(ka))} is not a {'/'.join(sorted(kb))}"
    return 0.0, "kinds of body agree or are not both named"


def acronym_differs(pair: NamePair) -> Result:
    """Both names give an acronym in brackets and they differ (X in A (XA) / X in B (XB)): like a number, an
    acronym names one body."""
    if pair.a.bracketed and pair.b.bracketed and not pair.a.bracketed & pair.b.bracketed:
        return 1.0, f"acronyms {sorted(pair.a.bracketed)} and {sorted(pair.b.bracketed)} differ"
    return 0.0, "acronyms agree or are not both given"


def imo_identical(pair: NamePair) -> Result:
    """Both vessels carry the same valid IMO number: the same hull, whatever its name."""
    if pair.imo_a and pair.imo_b and pair.imo_a == pair.imo_b and valid_imo(pair.imo_a):
        return 1.0, f"same valid IMO {pair.imo_a}"
    return 0.0, _imo_note(pair)


def imo_conflict(pair: NamePair) -> Result:
    """Two different valid IMO numbers: two different hulls, however alike the names."""
    a, b = pair.imo_a, pair.imo_b
    if a and b and a != b and valid_imo(a) and valid_imo(b):
        return 1.0, f"different valid IMO numbers {pair.imo_a} and {pair.imo_b}"
    return 0.0, _imo_note(pair)


def _imo_note(pair: NamePair) -> str:
    bad = [i for i in (pair.imo_a, pair.imo_b) if i and not valid_imo(i)]
    if bad:
        return f"IMO {', '.join(bad)} fails the check digit and is ignored"
    if not (pair.imo_a and pair.imo_b):
        return "IMO not known for both"
    return "IMO numbers agree" if pair.imo_a == pair.imo_b else "IMO numbers differ"


def number_mismatch(pair: NamePair) -> Result:
    """Numbers in the names differ (Yu Jong 2 / Yu Jong 8): usually different vessels or companies."""
    na, nb = pair.a.numbers, pair.b.numbers
    if imo_identical(pair)[0]:
        return 0.0, "same valid IMO: the hull, not the name, decides"
    if na and nb and na != nb:
        return 1.0, f"numbers {sorted(na)} and {sorted(nb)} differ"
    if bool(na) != bool(nb):
        return 0.4, f"only one name carries a number ({sorted(na | nb)})"
    return 0.0, "numbers agree" if na else "no numbers"


def birth_year_mismatch(pair: NamePair) -> Result:
    """Both birth years known and none in common: a different person of the same name."""
    if pair.years_a and pair.years_b and not pair.years_a & pair.years_b:
        return 1.0, f"born {sorted(pair.years_a)} and {sorted(pair.years_b)}"
    return 0.0, "birth years agree or are not known for both"
