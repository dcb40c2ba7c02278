"""Names beyond Korean ones: each rule of the matcher for names of every origin, with names of our own."""

from __future__ import annotations

import time

import pytest

from watchkeeper.resolve import MATCH_THRESHOLD, POSSIBLE_THRESHOLD, match_names
from watchkeeper.resolve.limits import BatchTooLargeError, NameTooLongError, check_batch
from watchkeeper.resolve.names import legal_forms_folded, name_form, roman_value
from watchkeeper.resolve.screening import ListedName, ScreeningIndex


def _score(a: str, b: str, schema: str = "Person", **kwargs: object) -> float:
    return match_names(a, b, schema, **kwargs).score  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "schema"),
    [
        ("Greta Lindqvist", "Greta Lindqivst", "Person"),  # two neighbouring letters swapped is one slip
        ("Viktor Halvorsen", "V1ktor Halv0rsen", "Person"),  # digits typed for look-alike letters
        ("William Prescott", "Bill Prescott", "Person"),  # a short form from nicknames.yaml
        ("Johann Sebastian Kessler", "JohannSebastian Kessler", "Person"),  # two words typed as one
        ("Nikolai Sokolov", "Николай Соколов", "Person"),  # Cyrillic script
        ("Zhang Wei", "张伟", "Person"),  # Han characters
        ("Tariq Salim al-Harbi", "Tariq Salim Alharbi", "Person"),  # the article written into the word
        ("Sheikh Tariq Salim", "Tariq Salim", "Person"),  # a title is not part of the name
        ("Karim Nasser", "Karim Nasser Yusuf Haddad", "Person"),  # a shorter form of the same full name
        ("Nordlicht Maschinen AG", "Nordlicht Maschinen Aktiengesellschaft", "Organization"),
        ("JSC Severny Port", "Severny Port Joint Stock Company", "Organization"),
        ("OOO Taiga Les", "Taiga Les LLC", "Organization"),
        ("Bluefin Trading Co. Ltd", "Bluefin Trading Company Limited", "Organization"),
        ("Kestrel Partners III LP", "Kestrel Partners 3 LP", "Organization"),  # a roman numeral is a number
    ],
)
def test_same_name_written_differently_matches(a: str, b: str, schema: str) -> None:
    assert _score(a, b, schema) >= MATCH_THRESHOLD, match_names(a, b, schema).explain()


@pytest.mark.parametrize(
    ("a", "b", "schema"),
    [
        ("William Prescott", "Robert Prescott", "Person"),  # another given name's short form stays different
        ("Tariq Salim Hamad al-Harbi", "Tariq Salim Hamad al-Zahrani", "Person"),  # other family or tribe
        ("ALI BIN OMAR", "Omar bin Ali", "Person"),  # father and son swapped
        (
            "Tariq Salim Hamad al-Harbi",
            "Walid Salim Hamad al-Harbi",
            "Person",
        ),  # brothers: first names differ
        ("Kestrel Capital Fund 2019-A", "Kestrel Capital Fund 2020-A", "Organization"),  # fund vintages
        ("Kestrel Partners III LP", "Kestrel Partners IV LP", "Organization"),  # roman numerals differ
        ("Kestrel Partners I LP", "Kestrel Partners II LP", "Organization"),  # a lone I at the end too
        ("Sea Kestrel 1", "Sea Kestrel 2", "Vessel"),  # sister ships
    ],
)
def test_different_bearers_do_not_match(a: str, b: str, schema: str) -> None:
    assert _score(a, b, schema) < MATCH_THRESHOLD, match_names(a, b, schema).explain()


def test_different_imo_numbers_never_match() -> None:
    """Two valid, different IMO numbers keep identical vessel names apart."""
    assert _score("Sea Kestrel", "SEA KESTREL", "Vessel", imo_a="9074729", imo_b="9166778") == 0.0


def test_low_quality_one_word_alias_is_not_even_possible() -> None:
    """A one-word alias the list marks low quality cannot make a full name a possible match."""
    assert _score("John Smith", "John", quality_b="good") >= POSSIBLE_THRESHOLD
    assert _score("John Smith", "John", quality_b="low") < POSSIBLE_THRESHOLD


def test_screening_reads_alias_quality() -> None:
    """Screening passes the listed alias's quality to the matcher: no hit through a low one-word alias."""
    names = [
        ListedName("un:QDi.900", "QDi.900", "Person", "Harun Bakari Oduya", "primary"),
        ListedName("un:QDi.900", "QDi.900", "Person", "Harun", "alias", "low"),
    ]
    index = ScreeningIndex(names)
    assert index.screen("Harun Whitfield") == []
    assert index.screen("Harun Bakari Oduya")[0].reference == "QDi.900"


def test_legal_forms_only_at_the_ends() -> None:
    """Legal forms are folded at a name's start or end; a word inside ("in") stays a word."""
    assert legal_forms_folded("Nordlicht Gesellschaft mit beschränkter Haftung") == "nordlicht llc"
    assert legal_forms_folded("Islamic Front in Northern Provinces") == "islamic front in northern provinces"


def test_roman_numerals() -> None:
    """Roman numerals of two letters or more read as numbers; a lone letter only where allowed."""
    assert roman_value("xiv") == 14
    assert roman_value("iv") == 4
    assert roman_value("v") is None
    assert roman_value("v", single=True) == 5
    assert name_form("Korea Ryenha Machinery J/V Corporation", "Organization").numbers == frozenset()


def test_arabic_family_part_is_marked() -> None:
    """The word after an Arabic article is the family part; "An" before a word stays a Korean surname."""
    assert name_form("Tariq al-Harbi").family == frozenset({"harbi"})
    assert name_form("Tariq Al Harbi").tokens == ("tariq", "harbi")
    assert name_form("An Jong Hyok").tokens == ("an", "jong", "hyok")


@pytest.mark.parametrize("name", ["x" * 1_000_000, "abu " * 10_000, "word " * 60])
def test_oversized_names_are_refused_quickly(name: str) -> None:
    """A name over the documented size is refused with a clear error before any work is done."""
    started = time.process_time()
    with pytest.raises(NameTooLongError, match="at most"):
        match_names(name, "Karim Nasser")
    with pytest.raises(NameTooLongError):
        ScreeningIndex([]).screen(name)
    assert time.process_time() - started < 0.05


def test_batches_over_the_limit_are_refused() -> None:
    """A batch over MAX_BATCH_NAMES names is refused with a message saying to split it."""
    assert check_batch(10) == 10
    with pytest.raises(BatchTooLargeError, match="split the file"):
        check_batch(10_000_000)
