"""Floors on the labelled name pairs (data/resolve/name_pairs.csv), a little below what bench/name_matching.py
measures, so a change that loses accuracy fails here."""

from __future__ import annotations

import pytest

from watchkeeper.resolve import MATCH_THRESHOLD, match_names
from watchkeeper.resolve.evaluation import LabelledPair, Scores, evaluate, load_name_pairs


def _ours(pair: LabelledPair) -> bool:
    return match_names(pair.name_a, pair.name_b, pair.schema, pair.imo_a, pair.imo_b).score >= MATCH_THRESHOLD


@pytest.fixture(scope="module")
def measured() -> tuple[Scores, dict[str, Scores]]:
    pairs = load_name_pairs()
    overall, by_category, _ = evaluate(pairs, _ours)
    return overall, by_category


def test_the_set_is_big_enough_and_balanced() -> None:
    pairs = load_name_pairs()
    assert len(pairs) >= 300
    assert sum(p.label for p in pairs) >= 150
    assert sum(not p.label for p in pairs) >= 100
    categories = {p.category for p in pairs}
    expected = {"romanisation", "order", "hangul", "cyrillic", "hard_negative", "vessel_imo_conflict"}
    assert expected <= categories


def test_overall_floors(measured: tuple[Scores, dict[str, Scores]]) -> None:
    overall, _ = measured
    assert overall.precision >= 0.97
    assert overall.recall >= 0.92
    assert overall.f1 >= 0.95


@pytest.mark.parametrize(
    ("category", "floor"),
    [
        ("hangul", 1.0),
        ("hard_negative", 1.0),
        ("un_different_person", 1.0),
        ("vessel_imo_conflict", 1.0),
        ("romanisation", 0.98),
        ("order", 1.0),
        ("hyphenation", 1.0),
        ("cyrillic", 0.92),
        ("un_alias", 0.85),
    ],
)
def test_category_accuracy_floors(
    measured: tuple[Scores, dict[str, Scores]], category: str, floor: float
) -> None:
    _, by_category = measured
    assert by_category[category].accuracy >= floor, by_category[category]
