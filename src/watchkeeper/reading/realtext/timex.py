"""Scoring date mentions against TimeML TIMEX3 annotations, TempEval-3 style (eval-dev ``dates/``).

Extents match one-to-one, *strict* (same start and end) or *overlapping* (any shared character). Values are
compared as TimeML strings (``same_value``) on overlapping matches: value P/R/F1 counts a match only when the
values are equal, overall and by TIMEX3 type (a record's ``type`` when the reader gives one, else DATE). A
record's own ``value`` is its TimeML value; a record without one gets it from (date, date_end, precision).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from watchkeeper.reading.pipeline import Reading
from watchkeeper.reading.realtext.sets import GoldArticle, Row
from watchkeeper.reading.scoring import Score, matching
from watchkeeper.reading.timex import ResolvedDate, date_value
from watchkeeper.vocabulary import DatePrecision

TYPES = ("DATE", "DURATION", "TIME", "SET")


def timeml_value(record: Mapping[str, Any]) -> str | None:
    """A date record's TimeML value: its own ``value``, else one made from its date and precision."""
    if record.get("value"):
        return str(record["value"])
    if not record.get("date"):
        return None
    start = date.fromisoformat(str(record["date"]))
    end = date.fromisoformat(str(record.get("date_end") or record["date"]))
    precision = DatePrecision(record.get("precision") or DatePrecision.RANGE)  # none given: name the span
    return date_value(ResolvedDate(start, end, precision))  # the reader's own formatting, for older records


def _plain(value: str) -> str:
    """A TimeML value without an unspecified tail and with an unpadded week number (``2000-W7``)."""
    value = re.sub(r"(?<=^\d\d)X+$|(?<=^\d\d\d)X$", "", value)  # a decade or century: "199X" is "199"
    return re.sub(r"-W0(\d)", r"-W\1", re.sub(r"(-XX)+$", "", value))


def same_value(gold: str, ours: str | None) -> bool:
    """TimeML values agree as strings, an unspecified tail aside (the gold writes years as ``1955-XX``) and
    a week's zero padding (the gold writes ``2000-W7`` and ``2000-W07``)."""
    return ours is not None and _plain(gold) == _plain(ours)


def record_type(record: Mapping[str, Any]) -> str:
    """The TIMEX3 type of a predicted record (DATE unless the reader says otherwise)."""
    return str(record.get("type") or "DATE")


def _overlap(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    return int(g["start"]) < int(p["end"]) and int(p["start"]) < int(g["end"])


@dataclass
class TimexErrors:
    """One article's mistakes: gold expressions missed, predictions matching none, values that differ."""

    missed: list[Mapping[str, Any]] = field(default_factory=list)
    spurious: list[Mapping[str, Any]] = field(default_factory=list)
    wrong_value: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = field(default_factory=list)


@dataclass
class TimexScores:
    """The dates table's counts, summed over articles."""

    strict: Score = field(default_factory=lambda: Score(name="extent strict"))
    overlap: Score = field(default_factory=lambda: Score(name="extent overlapping"))
    value: Score = field(default_factory=lambda: Score(name="value (all types)"))
    by_type: dict[str, Score] = field(default_factory=lambda: {t: Score(name=f"value {t}") for t in TYPES})
    matched: int = 0

    @property
    def value_accuracy(self) -> float:
        """The share of overlapping matches whose value is right (TempEval-3's attribute accuracy)."""
        return self.value.tp / self.matched if self.matched else 0.0

    def rows(self) -> list[Row]:
        """The table, in print order."""
        return [Row(self.strict), Row(self.overlap), Row(self.value), *(Row(self.by_type[t]) for t in TYPES)]


def score_article(article: GoldArticle, reading: Reading, scores: TimexScores) -> TimexErrors:
    """Add one article's counts to ``scores``; returns its errors."""
    gold = article.gold
    predicted: list[Mapping[str, Any]] = list(reading.dates)
    strict = {(int(g["start"]), int(g["end"])) for g in gold} & {
        (int(p["start"]), int(p["end"])) for p in predicted
    }
    pairs = matching(gold, predicted, _overlap)
    for score, tp in ((scores.strict, len(strict)), (scores.overlap, len(pairs)), (scores.value, 0)):
        score.add(tp, len(predicted), len(gold))
    for t in TYPES:
        scores.by_type[t].add(0, 0, sum(1 for g in gold if g["type"] == t))
        scores.by_type[t].add(0, sum(1 for p in predicted if record_type(p) == t), 0)
    scores.matched += len(pairs)
    used = set(pairs.values())
    errors = TimexErrors(
        missed=[g for i, g in enumerate(gold) if i not in pairs],
        spurious=[p for i, p in enumerate(predicted) if i not in used],
    )
    for gi, pi in pairs.items():
        g, p = gold[gi], predicted[pi]
        if same_value(str(g["value"]), timeml_value(p)):
            scores.value.add(1, 0, 0)
            if record_type(p) == g["type"]:
                scores.by_type[g["type"]].add(1, 0, 0)
        else:
            errors.wrong_value.append((g, p))
    return errors


def score_dates(pairs: Iterable[tuple[GoldArticle, Reading]]) -> tuple[TimexScores, dict[str, TimexErrors]]:
    """The dates table over (article, reading) pairs, and each article's errors."""
    scores = TimexScores()
    errors = {article.id: score_article(article, reading, scores) for article, reading in pairs}
    return scores, errors
