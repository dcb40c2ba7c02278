"""Floors on the labelled name pairs (data/resolve/name_pairs.csv and general_pairs.csv), a little below
what bench/name_matching.py measures, so a change that loses accuracy fails here."""

from __future__ import annotations

import pytest

from watchkeeper.resolve import MATCH_THRESHOLD, match_names
from watchkeeper.resolve.evaluation import (
    GENERAL_PAIRS,
    LabelledPair,
    Scores,
    evaluate,
    load_name_pairs,
    score_predictions,
)


def _ours(pair: LabelledPair) -> bool:
    result = match_names(
        pair.name_a, pair.name_b, pair.schema, pair.imo_a, pair.imo_b, quality_b=pair.quality_b
    )
    return result.score >= MATCH_THRESHOLD


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
    assert overall.precision >= 0.99
    assert overall.recall >= 0.95
    assert overall.f1 >= 0.97


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
        ("cyrillic", 0.96),
        ("un_alias", 0.91),
        ("org_hard_negative", 0.95),
    ],
)
def test_category_accuracy_floors(
    measured: tuple[Scores, dict[str, Scores]], category: str, floor: float
) -> None:
    _, by_category = measured
    assert by_category[category].accuracy >= floor, by_category[category]


@pytest.fixture(scope="module")
def general() -> tuple[list[LabelledPair], list[bool]]:
    pairs = load_name_pairs(GENERAL_PAIRS)
    _, _, predictions = evaluate(pairs, _ours)
    return pairs, predictions


def _split_scores(general: tuple[list[LabelledPair], list[bool]], keep: str) -> Scores:
    pairs, predictions = general
    chosen = [(p, g) for p, g in zip(pairs, predictions, strict=True) if keep in (p.split, p.category)]
    return score_predictions([p for p, _ in chosen], [g for _, g in chosen])


def test_the_general_set_is_big_enough_and_halved() -> None:
    """The general set has at least 1,000 pairs of many kinds, about half of them held out."""
    pairs = load_name_pairs(GENERAL_PAIRS)
    assert len(pairs) >= 1000
    held = sum(p.split == "heldout" for p in pairs)
    assert 0.4 * len(pairs) <= held <= 0.6 * len(pairs)
    assert len({p.category for p in pairs}) >= 12


@pytest.mark.parametrize(("split", "precision", "f1"), [("heldout", 0.98, 0.92), ("tune", 0.99, 0.93)])
def test_general_floors(
    general: tuple[list[LabelledPair], list[bool]], split: str, precision: float, f1: float
) -> None:
    """On general names (held-out half unseen while tuning) precision and F1 stay above their floors."""
    scores = _split_scores(general, split)
    assert scores.precision >= precision and scores.f1 >= f1, scores


@pytest.mark.parametrize(
    ("category", "floor"),
    [
        ("arabic_family", 0.98),
        ("patronymic_order", 0.98),
        ("numbered", 0.98),
        ("legal_form", 0.98),
        ("short_form", 0.95),
        ("typo", 0.95),
        ("digits_for_letters", 0.93),
        ("cyrillic_script", 0.98),
        ("chinese_script", 0.98),
        ("person_different", 0.98),
        ("low_alias_one_word", 1.0),
        ("un_different_listing", 0.97),
        ("un_alias_per", 0.75),
        ("un_alias_org", 0.47),
    ],
)
def test_general_group_accuracy_floors(
    general: tuple[list[LabelledPair], list[bool]], category: str, floor: float
) -> None:
    """Each group of the general set keeps its accuracy."""
    assert _split_scores(general, category).accuracy >= floor
