"""The labelled name pairs (data/resolve/name_pairs.csv, the DPRK-heavy set; general_pairs.csv, names of every
origin built by scripts/build_general_pairs.py) and a matcher's precision / recall / F1 on them."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchkeeper.errors import InputFileError
from watchkeeper.resolve.reference import DATA_DIR
from watchkeeper.scoring import PRF

NAME_PAIRS = DATA_DIR / "name_pairs.csv"
GENERAL_PAIRS = DATA_DIR / "general_pairs.csv"
COLUMNS = ("name_a", "name_b", "schema", "imo_a", "imo_b", "label", "category", "note")


@dataclass(frozen=True)
class LabelledPair:
    """Two names, whether they are the same person / organisation / vessel (label), and the kind of case."""

    name_a: str
    name_b: str
    schema: str
    imo_a: str | None
    imo_b: str | None
    label: bool
    category: str
    note: str
    quality_b: str = "good"
    split: str = ""


@dataclass
class Scores(PRF):
    """Confusion counts and the usual ratios (1.0 where undefined, e.g. precision with no prediction)."""

    undefined: float = 1.0
    tn: int = 0

    @property
    def n(self) -> int:
        """How many pairs were judged."""
        return self.tp + self.fp + self.tn + self.fn

    @property
    def accuracy(self) -> float:
        """The share of pairs judged right, same or different."""
        return (self.tp + self.tn) / self.n if self.n else 1.0


def load_name_pairs(path: Path = NAME_PAIRS) -> list[LabelledPair]:
    """Read a labelled pairs CSV; a bad row is an InputFileError naming its line."""
    pairs = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise InputFileError(path, f"missing columns {sorted(missing)}")
        for line, row in enumerate(reader, start=2):
            if row["label"] not in ("0", "1"):
                raise InputFileError(path, "label must be 0 or 1", line=line, field="label")
            if not row["name_a"] or not row["name_b"]:
                raise InputFileError(path, "both names are required", line=line)
            pairs.append(
                LabelledPair(
                    row["name_a"],
                    row["name_b"],
                    row["schema"] or "Person",
                    row["imo_a"] or None,
                    row["imo_b"] or None,
                    row["label"] == "1",
                    row["category"],
                    row["note"],
                    row.get("quality_b") or "good",
                    row.get("split") or "",
                )
            )
    return pairs


def score_predictions(pairs: Iterable[LabelledPair], predicted: Iterable[bool]) -> Scores:
    """Confusion counts of predictions against the labels."""
    tp = fp = tn = fn = 0
    for pair, guess in zip(pairs, predicted, strict=True):
        if guess and pair.label:
            tp += 1
        elif guess:
            fp += 1
        elif pair.label:
            fn += 1
        else:
            tn += 1
    return Scores(tp=tp, fp=fp, fn=fn, tn=tn)


def evaluate(
    pairs: list[LabelledPair], predict: Callable[[LabelledPair], bool]
) -> tuple[Scores, dict[str, Scores], list[bool]]:
    """Overall and per-category scores of a predictor, and its predictions (in the order of ``pairs``)."""
    predictions = [predict(p) for p in pairs]
    by_category: dict[str, Scores] = {}
    for category in sorted({p.category for p in pairs}):
        chosen = [(p, g) for p, g in zip(pairs, predictions, strict=True) if p.category == category]
        by_category[category] = score_predictions([p for p, _ in chosen], [g for _, g in chosen])
    return score_predictions(pairs, predictions), by_category, predictions
