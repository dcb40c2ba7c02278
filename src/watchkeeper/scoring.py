"""Precision, recall and F1: the one scorer every stage's accuracy measure and bench uses.

A ``PRF`` holds the counts (true positives, false positives, false negatives) and derives the ratios from
them. A ratio with nothing to divide by (no prediction, no gold) reads as ``undefined``: 0.0 by default, as
spaCy's scorer does; the name matcher's table reads 1.0 there ("no prediction, so none wrong").
"""

from __future__ import annotations

from dataclasses import dataclass


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0.0 when both are 0)."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


@dataclass
class PRF:
    """Counts of one measure and the precision, recall and F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    undefined: float = 0.0  # what a ratio with a zero denominator reads as

    @property
    def predicted(self) -> int:
        """How many records were predicted (true and false positives)."""
        return self.tp + self.fp

    @property
    def gold(self) -> int:
        """How many gold records there are (true positives and false negatives)."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        """The share of predictions that are right."""
        return self.tp / self.predicted if self.predicted else self.undefined

    @property
    def recall(self) -> float:
        """The share of gold records found."""
        return self.tp / self.gold if self.gold else self.undefined

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        return f1_score(self.precision, self.recall)

    def add(self, matched: int, predicted: int, gold: int) -> None:
        """Count a matching: ``matched`` of ``predicted`` records agree with ``matched`` of ``gold``."""
        self.tp += matched
        self.fp += predicted - matched
        self.fn += gold - matched

    def merge(self, other: PRF) -> PRF:
        """The counts of both measures together (this one's ``undefined``)."""
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.undefined)

    def as_row(self) -> dict[str, float | int]:
        """The figures a bench table prints: P, R, F1 and the counts they come from."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }
