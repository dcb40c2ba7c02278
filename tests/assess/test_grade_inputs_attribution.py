"""Who news says a reported act comes from (assess/attribution.py): each rule on a sentence of its own."""

from __future__ import annotations

import pytest

from watchkeeper.assess.attribution import Mention, is_speech, name_heads, speakers

NAMES = {
    "South Korea's": "country:south-korea",
    "Seoul": "place:seoul",
    "Japan's Coast Guard": "org:japan-coast-guard",
    "the Treasury": "org:us-treasury",
    "Kazakh": "country:kazakhstan",
    "Tokyo": "country:japan",
    "Canberra": "country:australia",
    "the Monitoring Group of Experts": "org:monitoring-group",
    "UK": "country:united-kingdom",
    "United Nations": "org:united-nations",
    "the United States": "country:united-states",
    "Ukraine's": "country:ukraine",
    "Ivan Petrenko": "person:ivan-petrenko",
    "American": "country:united-states",
    "Jane Roe": "person:jane-roe",
}


def _mentions(text: str) -> list[Mention]:
    found = []
    for name, entity_id in NAMES.items():
        at = text.find(name)
        while at >= 0:
            found.append(Mention(at, at + len(name), entity_id))
            at = text.find(name, at + 1)
    return sorted(found, key=lambda m: m.start)


def _speakers(text: str, act: str, earlier: dict[str, str] | None = None) -> list[str]:
    """The speakers whose words cover the act named by the words ``act``."""
    at = text.index(act)
    return [s.entity_id for s in speakers(text, 0, len(text), _mentions(text), earlier) if s.covers(at)]


@pytest.mark.parametrize(
    ("text", "act", "expected"),
    [
        # a trailing "X said" makes X the speaker of what went before
        (
            "A rocket was fired into the sea near the islands on Friday, South Korea's navy said.",
            "fired",
            ["country:south-korea"],
        ),
        # every conjunct of the speaker's phrase speaks
        (
            "Tokyo and Canberra said on Sunday that the tanker had loaded fuel from another ship at night.",
            "loaded",
            ["country:japan", "country:australia"],
        ),
        # "according to X" opening a sentence covers all of it
        (
            "According to the Treasury, the company moved the funds through three shell firms.",
            "moved",
            ["org:us-treasury"],
        ),
        # a state's own figures showing something make it the source ("Kazakh customs data showed ...")
        (
            "Kazakh customs records showed a jump in shipments of trucks to the port last spring.",
            "shipments",
            ["country:kazakhstan"],
        ),
        # a relative clause attributes the act it qualifies
        (
            "On Monday it fired a new rocket, which South Korea's navy said flew 600 km.",
            "fired",
            ["country:south-korea"],
        ),
        # a place is never a speaker, whatever verb follows it
        ("Officials in Seoul said the shipment was seized at the border.", "seized", []),
        # an inverted trailing "..., said X" names the speaker after the verb
        (
            "The vessel switched off its transponder twice, said Japan's Coast Guard.",
            "switched",
            ["org:japan-coast-guard"],
        ),
        # a passive "is said to" makes its subject what is said, not who says it
        ("Kazakh trucks are said to have crossed the border in March.", "crossed", []),
        # a name that only qualifies a noun does not speak ("a UK-based group")
        ("A UK-based monitoring group said the tanker loaded fuel at sea.", "loaded", []),
        # a state's official named with the state is one speaker, the state
        (
            "Ukraine's prosecutor general Ivan Petrenko said the shell was made in 2021.",
            "made",
            ["country:ukraine"],
        ),
        # a nationality beside a private person is no state speaking
        ("American analyst Jane Roe said the rocket flew 900 km.", "flew", ["person:jane-roe"]),
        # the object of a preposition is not the subject of the verb after it
        ("The vote on Tokyo's motion showed that the fleet had unloaded coal.", "unloaded", []),
    ],
)
def test_news_names_its_speaker(text: str, act: str, expected: list[str]) -> None:
    assert _speakers(text, act) == expected


def test_a_passive_agent_speaks_for_the_act_before_it_not_the_next_one() -> None:
    text = (
        "The thefts were a raid on an exchange in March, later attributed by the Treasury to a state group, "
        "and a loss of $9 million at a game studio in June."
    )
    assert _speakers(text, "March") == ["org:us-treasury"]
    assert _speakers(text, "June") == []


def test_a_speaker_in_a_when_clause_speaks_only_for_that_clause() -> None:
    text = (
        "The first test came in 2019 and a third in May, when South Korea's navy reported a range of 800 km."
    )
    assert _speakers(text, "2019") == []


def test_the_body_a_definite_description_names_is_the_one_mentioned_before() -> None:
    earlier = name_heads({"org:monitoring-group": "Monitoring Group of Experts", "country:japan": "Japan"})
    text = "The group's latest report said the Group was investigating 12 suspected smuggling runs."
    assert _speakers(text, "smuggling", earlier) == ["org:monitoring-group"]


def test_a_word_shared_by_two_bodies_names_neither() -> None:
    heads = name_heads({"org:a-panel": "Panel on Trade", "org:b-panel": "Panel on Ships"})
    assert "panel" not in heads and heads["trade"] == "org:a-panel"


def test_naming_is_not_speech_but_saying_and_finding_are() -> None:
    assert is_speech("said") and is_speech("Found") and not is_speech("named")


def test_a_word_of_a_name_is_no_verb() -> None:
    earlier = name_heads({"org:united-nations": "United Nations"})
    text = "Last year the United States seized two ships carrying coal."
    assert _speakers(text, "seized", earlier) == []  # "States" does not "state", "the United" is no body
