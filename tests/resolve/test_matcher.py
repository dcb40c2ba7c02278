"""The matcher on the cases the field cares about, both ways: same people kept together, different apart."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watchkeeper.resolve import FEATURES, MATCH_THRESHOLD, match_names

SAME_PERSON = [
    ("Hwang Joon-kook", "Joonkook Hwang"),
    ("Hwang Joon-kook", "Hwang Joon Kook"),
    ("Ri Pyong Chol", "Ri Pyong-chol"),
    ("Ri Pyong Chol", "리병철"),
    ("Ri Pyong Chol", "Lee Byung-chul"),
    ("Ri Pyong Chol", "Ri Pyŏng-ch'ŏl"),
    ("Kim Jong Un", "김정은"),
    ("Kim Jong Un", "Gim Jeong-eun"),
    ("Choe Son Hui", "Choi Son-hui"),
    ("Pak Pong Ju", "Park Bong-ju"),
    ("Vassily Nebenzia", "Vasily Nebenzya"),
    ("Vassily Nebenzia", "Василий Небензя"),
    ("Alexander Matsegora", "Александр Мацегора"),
]
DIFFERENT_PEOPLE = [
    ("Kim Jong Un", "Kim Jong Il"),
    ("Kim Jong Un", "김정일"),
    ("Kim Kyong Il", "Kim Kyong Ok"),
    ("Ri Pyong Chol", "Ri Pyong Chun"),
    ("Ri Pyong Chol", "리병춘"),
    ("Choe Chun Sik", "Choe Chun Yong"),
    ("Kim Il Sung", "Kim Song Il"),
    ("Kim Jong Un", "Kim"),
    ("Sergey Lavrov", "Сергей Лавренов"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_same_person_matches(a: str, b: str) -> None:
    result = match_names(a, b)
    assert result.decision == "match", result.explain()
    assert match_names(b, a).decision == "match"  # symmetric in its decision


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_people_do_not_match(a: str, b: str) -> None:
    result = match_names(a, b)
    assert result.score < MATCH_THRESHOLD, result.explain()
    assert result.decision != "match"


def test_korean_given_name_penalty_explains_itself() -> None:
    result = match_names("Kim Jong Un", "Kim Jong Il")
    fired = {r.name: r for r in result.features if r.value > 0}
    assert "korean_given_name_differs" in fired
    assert fired["korean_given_name_differs"].weight < 0
    assert "jongun" in fired["korean_given_name_differs"].explanation


def test_every_result_carries_its_features() -> None:
    result = match_names("Ri Pyong Chol", "리병철")
    assert 0.0 <= result.score <= 1.0
    names = [r.name for r in result.features]
    assert names == [f.name for f in FEATURES if "Person" in f.schemas]
    for feature in result.features:
        assert feature.explanation
        assert 0.0 <= feature.value <= 1.0
    assert set(result.to_dict()) == {"a", "b", "schema", "score", "decision", "threshold", "features"}


def test_same_name_different_valid_imo_is_not_a_match() -> None:
    result = match_names("Chon Ma San", "Chon Ma San", "Vessel", imo_a="8660313", imo_b="9562233")
    assert result.score == 0.0
    assert any(r.name == "imo_conflict" and r.value == 1.0 for r in result.features)


def test_identical_valid_imo_is_near_certain_whatever_the_name() -> None:
    result = match_names("Xin Yuan 18", "Chon Ma San", "Vessel", imo_a="IMO 8660313", imo_b="8660313")
    assert result.score >= 0.95
    assert result.decision == "match"


def test_an_imo_failing_its_check_digit_is_ignored() -> None:
    result = match_names("Chon Ma San", "Chon Ma San", "Vessel", imo_a="8660313", imo_b="8660314")
    assert result.decision == "match"
    conflict = next(r for r in result.features if r.name == "imo_conflict")
    assert conflict.value == 0.0 and "check digit" in conflict.explanation


def test_vessel_numbers_and_prefixes() -> None:
    assert match_names("Yu Jong 2", "Yu Jong 8", "Vessel").decision == "no_match"
    assert match_names("M/V Chon Ma San", "CHONMASAN", "Vessel").decision == "match"


def test_birth_years_qualify_a_person_match() -> None:
    same = match_names("Kim Yong Chol", "Kim Young-chul", birth_years_a=1962, birth_years_b=[1962, 1963])
    other = match_names("Kim Yong Chol", "Kim Young-chul", birth_years_a=1962, birth_years_b=1975)
    assert same.decision == "match"
    assert other.score < same.score and other.decision != "match"


def test_organisations_fold_company_words_and_acronyms() -> None:
    full = "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert match_names("Korea Mining Development Trading Corp", full, "Organization").score == 1.0
    assert match_names("RGB", "Reconnaissance General Bureau", "Organization").decision == "match"
    other = match_names("Tanchon Commercial Bank", "Daedong Credit Bank", "Organization")
    assert other.decision == "no_match"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.sampled_from(["Person", "Organization", "Vessel"]))
def test_any_text_gives_a_score_in_range(a: str, b: str, schema: str) -> None:
    result = match_names(a, b, schema)
    assert 0.0 <= result.score <= 1.0
    assert result.decision in {"match", "possible", "no_match"}
    assert abs(result.score - match_names(b, a, schema).score) < 1e-9


def test_a_short_token_scores_the_same_in_either_order() -> None:
    # "sounds alike" needs both tokens longer than two letters, whichever side is which
    for schema in ("Person", "Organization", "Vessel"):
        assert match_names("AA", "AAU", schema).score == match_names("AAU", "AA", schema).score
