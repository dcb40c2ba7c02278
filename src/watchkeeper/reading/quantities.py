"""Quantities in words and figures with magnitudes, units, currencies ("$3bn", "more than a million barrels").

The lexicon (number words, magnitudes, units, currencies, bound words) is ``data/reading/quantities.yaml``.
A value after "more than" or a vague plural ("thousands of") is a lower bound, flagged as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from watchkeeper.reading.extensions import text_of
from watchkeeper.reading.knowledge import QuantityLexicon, load_knowledge
from watchkeeper.reading.records import QuantityRecord


@dataclass(frozen=True)
class Quantity:
    """An amount found in text: span, words, value, unit or currency, and how exact it is."""

    start_char: int
    end_char: int
    text: str
    value: float
    unit: str | None
    currency: str | None
    lower_bound: bool
    approximate: bool

    def as_record(self) -> QuantityRecord:
        """The quantity as the record the component sets (a whole value as an int)."""
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "start": self.start_char,
            "end": self.end_char,
            "text": self.text,
            "value": value,
            "unit": self.currency or self.unit,
            "currency": self.currency,
            "lower_bound": self.lower_bound,
            "approximate": self.approximate,
        }


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PATTERNS: dict[int, re.Pattern[str]] = {}


def _pattern(lex: QuantityLexicon) -> re.Pattern[str]:
    if id(lex) not in _PATTERNS:
        _PATTERNS[id(lex)] = _compile(lex)
    return _PATTERNS[id(lex)]


def _compile(lex: QuantityLexicon) -> re.Pattern[str]:
    symbols = [c for c in lex.currencies if not c.isalpha()]
    currency_words = [c for c in lex.currencies if c.isalpha()]
    qualifier = _alternation([*lex.lower_bound, *lex.upper_bound, *lex.approximate])
    magnitudes = _alternation(list(lex.magnitudes))
    units = _alternation([*lex.units, *currency_words])
    return re.compile(
        rf"(?:(?P<qual>{qualifier})\s+)?"
        rf"(?P<cur>{_alternation(symbols)})?\s?"
        rf"(?:(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)|(?P<word>\b(?:{_alternation(list(lex.number_words))})\b))"
        rf"(?:\s?(?P<mag>(?:{magnitudes}))\b)?"
        rf"(?:(?:\s+of)?(?P<gap>(?:\s+(?!(?:and|or|to|in|on|at|by|from|than)\b)[A-Za-z][\w-]*){{0,3}}?)\s*(?P<unit>(?<![A-Za-z])(?:{units}))\b)?",
        re.IGNORECASE,
    )


_NAMING: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _naming(lex: QuantityLexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words that make a bare figure a name: ending the text before it, or starting the text after it."""
    if id(lex) not in _NAMING:
        before = rf"(?:^|\W)(?:{_alternation(lex.names_before)})\s*(?:\d+\s*(?:,|and|or)\s*)*$"
        after = rf"^\s*(?:{_alternation(lex.names_after)})\b"
        _NAMING[id(lex)] = (re.compile(before, re.IGNORECASE), re.compile(after, re.IGNORECASE))
    return _NAMING[id(lex)]


def _names_something(text: str, start: int, end: int, lex: QuantityLexicon) -> bool:
    before, after = _naming(lex)
    return bool(before.search(text[max(0, start - 80) : start]) or after.match(text[end : end + 40]))


def find_quantities(text: str, lexicon: QuantityLexicon | None = None) -> list[Quantity]:
    """Every quantity in ``text`` with a unit, a currency, figures or a number word of ten or more."""
    lex = lexicon or load_knowledge().quantities
    words = {k.lower(): v for k, v in lex.number_words.items()}
    magnitudes = {k.lower(): v for k, v in lex.magnitudes.items()}
    currencies = {k.lower(): v for k, v in lex.currencies.items()}
    units = {k.lower(): v for k, v in lex.units.items()}
    lower = {w.lower() for w in lex.lower_bound}
    approximate = {w.lower() for w in lex.approximate}
    found: list[Quantity] = []
    for m in _pattern(lex).finditer(text):
        if m.group("num") is None and m.group("word") is None:
            continue
        if (
            m.group("num")
            and m.start("num") > 0
            and (text[m.start("num") - 1].isalnum() or text[m.start("num") - 1] == "-")
        ):
            continue
        word = (m.group("word") or "").lower()
        value = float(m.group("num").replace(",", "")) if m.group("num") else float(words[word])
        if m.group("mag"):
            value *= magnitudes[m.group("mag").lower()]
        unit_word = (m.group("unit") or "").lower()
        currency = currencies.get((m.group("cur") or "").lower()) or currencies.get(unit_word)
        unit = units.get(unit_word) if unit_word and unit_word not in currencies else None
        if unit is None and currency is None and not m.group("num") and words.get(word, 0) < 10:
            continue
        if (
            unit is None
            and currency is None
            and not m.group("mag")
            and re.fullmatch(r"(?:19|20)\d\d", m.group("num") or "")
        ):
            continue  # a year, which the dates component reads
        if (
            unit is None
            and currency is None
            and not m.group("mag")
            and m.group("num")
            and _names_something(text, m.start("num"), m.end("num"), lex)
        ):
            continue  # "resolution 1718", "the 1718 Committee": a name, not an amount
        qual = (m.group("qual") or "").lower()
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        end = m.end() if m.group("unit") else max(m.end("mag"), m.end("num"), m.end("word"))
        found.append(
            Quantity(
                start_char=start,
                end_char=end,
                text=text[start:end],
                value=value,
                unit=unit,
                currency=currency,
                lower_bound=qual in lower or (word.endswith("s") and word in words),
                approximate=qual in approximate,
            )
        )
    return found


class QuantitiesComponent:
    """Finds quantities outside date expressions; sets ``doc._.quantities``."""

    def __init__(self, name: str, lexicon: QuantityLexicon) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        dates = [(d["start"], d["end"]) for d in (doc._.dates or [])]
        doc._.quantities = [
            q.as_record()
            for q in find_quantities(text_of(doc), self.lexicon)
            if not any(q.start_char < e and s < q.end_char for s, e in dates)
        ]
        return doc


@Language.factory(
    "wk_quantities", default_config={"data_dir": None}, requires=["doc._.dates"], assigns=["doc._.quantities"]
)
def make_quantities(nlp: Language, name: str, data_dir: str | None) -> QuantitiesComponent:
    """The quantities component with the lexicon of ``data_dir`` (default: the packaged one)."""
    return QuantitiesComponent(name, load_knowledge(data_dir).quantities)
