"""The PolNeAR scorer's stand-in antecedent for a pronoun source (made-up sentences, our own words)."""

from __future__ import annotations

from typing import Any

from watchkeeper.reading.realtext.quotes import antecedent, name_gender


def _source(text: str, words: str, kind: str, person: bool) -> dict[str, Any]:
    start = text.rindex(words)
    return {
        "source": {"start": start, "end": start + len(words), "text": words},
        "source_kind": kind,
        "source_person": person,
    }


def test_she_never_stands_for_a_man_named_nearer() -> None:
    """ "she" is scored against the nearest earlier named source of her gender, not the nearest of any."""
    text = 'Susan Hale spoke first. Later Paul Grant spoke. "We lost by two votes," she said.'
    hale, grant = _source(text, "Susan Hale", "named", True), _source(text, "Paul Grant", "named", True)
    she = _source(text, "she", "pronoun", False)
    assert antecedent(she, [hale, grant, she], text)["text"] == "Susan Hale"


def test_a_source_the_person_label_missed_counts_when_the_text_gives_its_gender() -> None:
    """A named source the automatic label calls no person is one when an honorific or first name says so."""
    text = 'Mr. Okafor spoke last week. Okafor repeated it. "No deal," he said.'
    okafor = _source(text, "Okafor", "named", False)
    he = _source(text, "he", "pronoun", False)
    assert antecedent(he, [okafor, he], text)["text"] == "Okafor"
    assert antecedent(he, [okafor, he]) is None  # without the text nothing tells


def test_two_different_genders_for_one_surname_leave_it_unknown() -> None:
    """ "Bill Clinton" and "Hillary Clinton" in one text: "Clinton" alone has no gender."""
    assert name_gender("Clinton", "Bill Clinton met Hillary Clinton.") is None
    assert name_gender("Clinton", "Hillary Clinton spoke.") == "female"


def test_a_one_word_name_may_itself_be_a_first_name() -> None:
    """A source written by first name alone ("Melanie") has that name's gender."""
    assert name_gender("Melanie") == "female"
    assert name_gender("Okafor") is None
