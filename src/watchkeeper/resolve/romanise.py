"""Other scripts to Latin: Hangul by the Revised Romanization rules over jamo (with McCune-Reischauer and DPRK
spellings), Cyrillic by letter table, anything else by Unidecode."""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

from watchkeeper.resolve.reference import cyrillic_table, hangul_table, korean_surnames

HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
SILENT_INITIAL = 11  # ㅇ
RIEUL_INITIAL = 5  # ㄹ
NIEUN_INITIAL, MIEUM_INITIAL = 2, 6  # ㄴ, ㅁ
NASAL_OF = {"k": "ng", "t": "n", "p": "m"}  # RR 3.1: obstruent finals before ㄴ/ㅁ become nasal
SYSTEM_COLUMN = {"rr": 1, "mr": 2, "dprk": 3}
_WORD = re.compile(r"\S+")


def is_hangul(char: str) -> bool:
    """True for a precomposed Hangul syllable."""
    return HANGUL_FIRST <= ord(char) <= HANGUL_LAST


def has_hangul(text: str) -> bool:
    """True when the text holds at least one Hangul syllable."""
    return any(is_hangul(c) for c in text)


def has_cyrillic(text: str) -> bool:
    """True when the text holds at least one Cyrillic letter."""
    return any("\u0400" <= c <= "\u04ff" for c in text)


def jamo(syllable: str) -> tuple[int, int, int]:
    """A Hangul syllable as (initial, medial, final) indices of the Unicode composition formula."""
    code = ord(syllable) - HANGUL_FIRST
    return code // (21 * 28), (code % (21 * 28)) // 28, code % 28


def romanize_syllables(word: str, system: str = "rr", *, sound_changes: bool = True) -> list[str]:
    """Each syllable of a Hangul word in Latin; ``sound_changes`` applies the RR rules between syllables."""
    table = hangul_table()
    column = SYSTEM_COLUMN[system]
    parts = [jamo(c) for c in word if is_hangul(c)]
    out: list[list[str]] = []
    for initial, medial, final in parts:
        out.append(
            [
                table.initials[str(initial)][column],
                table.medials[str(medial)][column],
                table.finals[str(final)][column],
            ]
        )
    if sound_changes and system == "rr":
        for i in range(1, len(parts)):
            prev_final = out[i - 1][2]
            initial = parts[i][0]
            if not prev_final:
                continue
            if initial == SILENT_INITIAL and prev_final in table.liaison:
                out[i][0] = table.liaison[prev_final]  # liaison: the final opens the next syllable
                out[i - 1][2] = ""
            elif initial == RIEUL_INITIAL:
                if prev_final in table.lateral_after:
                    out[i - 1][2], out[i][0] = "l", "l"
                else:
                    out[i][0] = "n"
                    out[i - 1][2] = NASAL_OF.get(prev_final, prev_final)
            elif initial in (NIEUN_INITIAL, MIEUM_INITIAL):
                out[i - 1][2] = NASAL_OF.get(prev_final, prev_final)
    return ["".join(s) for s in out]


def romanize_hangul(text: str, system: str = "rr") -> str:
    """Hangul words in Latin (other words kept), with the RR sound changes between syllables."""
    return _WORD.sub(lambda m: _word_latin(m.group(0), system, names=False), text)


def split_korean_name(word: str) -> tuple[str, str] | None:
    """A Hangul full name written as one word, split into (family, given) by the surname table."""
    syllables = "".join(c for c in word if is_hangul(c))
    if len(syllables) < 2 or len(syllables) > 5:
        return None
    surnames = korean_surnames().by_hangul
    if len(syllables) >= 4 and syllables[:2] in surnames:
        return syllables[:2], syllables[2:]
    if syllables[:1] in surnames:
        return syllables[:1], syllables[1:]
    return None


def surname_latin(hangul: str, system: str) -> str:
    """A Hangul surname's conventional spelling (DPRK usage for ``dprk``, the table's first otherwise)."""
    spellings = korean_surnames().by_hangul.get(hangul)
    if spellings and system != "rr":
        return spellings[0]
    return "".join(romanize_syllables(hangul, system, sound_changes=False)) or (spellings or ("",))[0]


def romanize_korean_name(text: str, system: str = "rr") -> str:
    """A Korean name in Hangul as a Latin name: family name, then the given syllables joined by a hyphen."""
    words = text.split()
    if len(words) == 1 and (split := split_korean_name(words[0])):
        family, given = split
        words = [family, given]
    latin = []
    for index, word in enumerate(words):
        if not has_hangul(word):
            latin.append(word)
            continue
        if index == 0 and len(words) > 1:
            latin.append(surname_latin(word, system).capitalize())
        else:
            syllables = romanize_syllables(word, system, sound_changes=False)
            latin.append("-".join(syllables).capitalize())
    return " ".join(latin)


def _word_latin(word: str, system: str, *, names: bool) -> str:
    if not has_hangul(word):
        return word
    return "".join(romanize_syllables(word, system, sound_changes=not names))


@lru_cache(maxsize=65536)
def transliterate_cyrillic(text: str) -> str:
    """Cyrillic letters to Latin by the table in cyrillic.yaml; other characters are kept."""
    table = cyrillic_table()
    lower = text.lower()
    out: list[str] = []
    i = 0
    while i < len(lower):
        pair = lower[i : i + 2]
        if pair in table.groups:
            latin = table.groups[pair]
            i += 2
        else:
            char = lower[i]
            after = lower[i - 1] if i else " "
            if char == "е" and (not after.isalpha() or after in table.iotated_e_after):
                latin = "ye"
            else:
                latin = table.letters.get(char, text[i])
            i += 1
        out.append(latin)
    return "".join(out)


@lru_cache(maxsize=65536)
def to_latin(text: str) -> str:
    """A name in Latin letters: Hangul as a Korean name (DPRK spelling), Cyrillic by table, else Unidecode."""
    if has_hangul(text):
        text = romanize_korean_name(text, "dprk")
    if has_cyrillic(text):
        text = transliterate_cyrillic(text)
    return unidecode(text)
