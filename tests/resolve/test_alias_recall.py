"""Aliases that list compilers write differently, and the look-alikes that stay apart: one rule per test, with
names of our own."""

from __future__ import annotations

from watchkeeper.resolve import MATCH_THRESHOLD, match_names
from watchkeeper.resolve.names import name_form


def _score(a: str, b: str, schema: str = "Organization") -> float:
    return match_names(a, b, schema).score


def test_korean_organisation_words_read_as_english() -> None:
    """Choson ... Unhaeng is the Korean way of writing Korea ... Bank, and Muyok is Trading."""
    assert _score("Korea Pyolmuri Bank", "Choson Pyolmuri Unhaeng") >= MATCH_THRESHOLD
    assert _score("Sinhung Trading Company", "Sinhung Muyok Company") >= MATCH_THRESHOLD


def test_joint_venture_abbreviated_with_a_slash() -> None:
    """J/V and Joint Venture are one legal form, weighing like one, not like two letters."""
    a, b = "Korea Taedonggang Machine Joint Venture Company", "Korea Taedonggang Machine J/V Company"
    assert _score(a, b) >= MATCH_THRESHOLD


def test_acronym_spelled_from_every_word() -> None:
    """An acronym keeping a legal form's initial (PHBC for ... Banking Corporation) is still the name."""
    assert _score("Pothong Haean Banking Corporation", "PHBC") >= MATCH_THRESHOLD


def test_acronym_in_brackets_is_not_a_word_of_the_name() -> None:
    """A bracketed acronym after a name is no word a shorter alias lacks, and names the body."""
    assert (
        _score("Northern Ridge Salvage Battalion (NRSB)", "Northern Ridge Salvage Battalion")
        >= MATCH_THRESHOLD
    )
    assert _score("Northern Ridge Salvage Battalion (NRSB)", "NRSB") >= MATCH_THRESHOLD


def test_different_bracketed_acronyms_keep_branches_apart() -> None:
    """Two branches named alike but given different acronyms in brackets are two bodies."""
    a, b = "Harbour Brigade in Wessex (HB-W)", "Harbour Brigade in Mercia (HB-M)"
    assert _score(a, b) < MATCH_THRESHOLD


def test_bracketed_place_stays_part_of_the_name() -> None:
    """A place in brackets is not an acronym, so it stays a word of the name."""
    form = name_form("Lantern Relief Foundation (Ruritania)", "Organization")
    assert "ruritania" in form.tokens and not form.bracketed


def test_a_bureau_is_not_a_ministry() -> None:
    """Two bodies that share a field of work but are a bureau and a ministry are different bodies."""
    assert _score("General Bureau of Tidal Power", "Ministry of Tidal Power Industry") < MATCH_THRESHOLD


def test_syllables_run_together_or_written_apart() -> None:
    """A place name written as one word in one alias and as syllables with a spelling slip in the other."""
    a, b = "Sohaegang Shipping Corporation", "So Hae Gan Shipping Corporation"
    assert _score(a, b) >= MATCH_THRESHOLD


def test_korean_r_after_a_nasal_written_n() -> None:
    """Korean r after m or ng is said n, so romanisations write Kumrung and Kumnung for one name."""
    assert _score("Kumrung Trading Company", "Kumnung Trading Company") >= MATCH_THRESHOLD


def test_name_without_the_body_it_belongs_to() -> None:
    """A unit named without the 'of ...' that names its parent body is the same unit."""
    a, b = "Coastal Signal Regiment of the Northern Army", "Coastal Signal Regiment"
    assert _score(a, b) >= MATCH_THRESHOLD


def test_another_consonant_across_scripts_is_another_name() -> None:
    """A Cyrillic surname one consonant away from the Latin one is a different surname, not a spelling."""
    assert _score("Oleg Sorokin", "Олег Соронин", "Person") < MATCH_THRESHOLD


def test_vowel_variants_across_scripts_still_match() -> None:
    """Cyrillic я written ia in the Latin name is a transliteration variant, not a different name."""
    assert _score("Daria Zotkia", "Дарья Зотькя", "Person") >= MATCH_THRESHOLD


def test_shorter_name_in_another_order_is_not_inside() -> None:
    """Two words of a longer name found in the other order are not a short form of it."""
    assert _score("Salem Idris", "Idris Salem Bakari Juma", "Person") < MATCH_THRESHOLD


def test_shorter_name_with_the_family_name_first_is_inside() -> None:
    """A longer name's last word put before its first word is its short form with the family name first."""
    assert _score("Juma Salem", "Salem Idris Bakari Juma", "Person") >= MATCH_THRESHOLD


def test_family_part_matching_a_plain_word_is_shared() -> None:
    """An al- family part that the other name carries as a plain word is a part both names share."""
    assert _score("Yasin Karim Al-Nuri", "Yasin Karim Nuri Al-Bakri", "Person") >= MATCH_THRESHOLD


def test_one_word_spelled_apart_inside_a_longer_name() -> None:
    """A short form inside a longer name matches though one of its words is spelled a little apart."""
    assert _score("Faris Yunus Haddour", "Faris Yunus Haddur Kamel Jibril", "Person") >= MATCH_THRESHOLD


def test_arabic_article_in_a_group_name() -> None:
    """In a group's name the article written into a word or apart (al-Nasr / Nasr, Al Nasr) names nothing."""
    assert _score("Northern Nasr Brigade", "Northern Al-Nasr Brigade") >= MATCH_THRESHOLD
    assert _score("Nasr Relief Society", "Al Nasr Relief Society") >= MATCH_THRESHOLD


def test_spellings_of_muhammad() -> None:
    """Mochamad (Indonesian ch for h) and Mohmed are spellings of Muhammad."""
    assert _score("Mochamad Tirta Wibowo", "Muhammad Tirta Wibowo", "Person") >= MATCH_THRESHOLD
    assert _score("Yasir Mohmed Idris", "Yasir Mohammed Idris", "Person") >= MATCH_THRESHOLD
