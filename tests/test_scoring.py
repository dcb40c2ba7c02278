"""The shared precision/recall/F1 scorer every bench uses."""

from __future__ import annotations

import pytest

from watchkeeper.reading.scoring import Score
from watchkeeper.resolve.evaluation import Scores
from watchkeeper.scoring import PRF, f1_score


def test_counts_give_the_ratios() -> None:
    score = PRF(tp=6, fp=2, fn=4)
    assert (score.predicted, score.gold) == (8, 10)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.6)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert score.as_row() == {
        "precision": score.precision,
        "recall": score.recall,
        "f1": score.f1,
        "tp": 6,
        "predicted": 8,
        "gold": 10,
    }


def test_add_counts_a_matching_and_merge_sums() -> None:
    score = PRF()
    score.add(3, 5, 4)  # 3 of 5 predictions match 3 of 4 gold records
    assert (score.tp, score.fp, score.fn) == (3, 2, 1)
    total = score.merge(PRF(tp=1, fp=0, fn=2))
    assert (total.tp, total.fp, total.fn) == (4, 2, 3)


def test_undefined_ratios_follow_the_measure() -> None:
    assert (PRF().precision, PRF().recall, PRF().f1) == (0.0, 0.0, 0.0)
    assert Score(name="quotes").precision == 0.0  # the reading table: nothing predicted scores 0
    nothing_claimed = Scores(tp=0, fp=0, fn=0, tn=5)  # the name matcher: no prediction, none wrong
    assert (nothing_claimed.precision, nothing_claimed.recall, nothing_claimed.accuracy) == (1.0, 1.0, 1.0)
    assert f1_score(0.0, 0.0) == 0.0
