"""Hangul and Cyrillic to Latin: the tables and the rules between syllables."""

from __future__ import annotations

import pytest

from watchkeeper.resolve.korean import given_name_keys, korean_readings
from watchkeeper.resolve.romanise import (
    jamo,
    romanize_hangul,
    romanize_korean_name,
    to_latin,
    transliterate_cyrillic,
)


@pytest.mark.parametrize(
    ("hangul", "rr", "mr", "dprk"),
    [
        ("평양", "pyeongyang", "p'yŏngyang", "phyongyang"),
        ("김정은", "gimjeongeun", "kimchŏngŭn", "kimjongun"),
        ("리병철", "ribyeongcheol", "ripyŏngch'ŏl", "ripyongchol"),
        ("최룡해", "choeryonghae", "ch'oeryonghae", "choeryonghae"),
    ],
)
def test_hangul_words_in_three_systems(hangul: str, rr: str, mr: str, dprk: str) -> None:
    assert romanize_hangul(hangul, "rr") == rr
    assert romanize_hangul(hangul, "mr") == mr
    assert romanize_hangul(hangul, "dprk") == dprk


@pytest.mark.parametrize(
    ("hangul", "rr"),
    [
        ("한국어", "hangugeo"),  # liaison: the final ㄱ opens the next syllable
        ("종로", "jongno"),  # ㄹ after a consonant other than ㄴ/ㄹ is read n
        ("신라", "silla"),  # ㄴㄹ -> ll
        ("울릉", "ulleung"),  # ㄹㄹ -> ll
        ("국민", "gungmin"),  # nasal assimilation before ㅁ
        ("서울", "seoul"),
    ],
)
def test_revised_romanization_rules_between_syllables(hangul: str, rr: str) -> None:
    assert romanize_hangul(hangul) == rr


def test_jamo_decomposition() -> None:
    assert jamo("한") == (18, 0, 4)  # ㅎ ㅏ ㄴ
    assert jamo("가") == (0, 0, 0)


def test_korean_names_split_family_and_given() -> None:
    assert romanize_korean_name("리병철", "dprk") == "Ri Pyong-chol"
    assert romanize_korean_name("김정은", "rr") == "Gim Jeong-eun"  # strict RR; Kim is the usual spelling
    assert romanize_korean_name("남궁민수", "rr") == "Namgung Min-su"  # a two-syllable surname
    assert to_latin("황준국") == "Hwang Jun-kuk"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Василий Небензя", "vasily nebenzya"),
        ("Сергей Лавров", "sergey lavrov"),
        ("Дмитрий Полянский", "dmitry polyansky"),
        ("Мария Захарова", "mariya zakharova"),
        ("Ельцин", "yeltsin"),
        ("Юрий Ушаков", "yury ushakov"),
        ("Щукин", "shchukin"),
    ],
)
def test_cyrillic_table(cyrillic: str, latin: str) -> None:
    assert transliterate_cyrillic(cyrillic) == latin


@pytest.mark.parametrize(
    "spellings",
    [
        ("Pyong Chol", "Pyo'ng-ch'o'l", "Byeong-cheol", "Pyŏng-ch'ŏl", "Pyongchol"),
        ("Joon-kook", "Joonkook", "Joon Kook", "Jun-guk", "Chun-kuk"),
        ("Jong Un", "Jeong-eun", "Chŏng-ŭn", "Jongun"),
        ("Yong Chol", "Young-Cheol", "Yeong-cheol"),
    ],
)
def test_given_name_keys_fold_spelling_systems(spellings: tuple[str, ...]) -> None:
    keys = {given_name_keys(to_latin(s))[0] for s in spellings}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"), [("Jong Un", "Jong Il"), ("Kyong Il", "Kyong Ok"), ("Pyong Chol", "Pyong Chun")]
)
def test_given_name_keys_keep_different_syllables_apart(a: str, b: str) -> None:
    assert given_name_keys(a)[1] != given_name_keys(b)[1]


def test_korean_readings_take_the_family_name_at_either_end() -> None:
    first = korean_readings(("hwang", "joon", "kook"))
    last = korean_readings(("joonkook", "hwang"))
    assert {r.strict_key for r in first} & {r.strict_key for r in last}
    assert all("황" in r.surnames for r in first + last if r.family == "hwang")
    assert korean_readings(("vasily", "nebenzya")) == ()
