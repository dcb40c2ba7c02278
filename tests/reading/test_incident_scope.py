"""Which reports are incidents the regime concerns: the DPRK a party, acts that happened, votes as reported.

One sentence per rule, written for these tests, through the full pipeline loaded once.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from watchkeeper.reading.pipeline import read_text
from watchkeeper.reading.records import IncidentRecord

PUBLISHED = date(2024, 5, 2)


def _incidents(nlp: Language, text: str, kind: str) -> list[IncidentRecord]:
    return [i for i in read_text(text, PUBLISHED, nlp=nlp).incidents if i["kind"] == kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # another named state launches: not a DPRK launch
        ("Japan launched its new H3 rocket from Tanegashima on Monday.", "missile_launch"),
        (
            "India has test-fired a new ballistic missile, its defence ministry said on Tuesday.",
            "missile_launch",
        ),
        # nobody named and the DPRK nowhere near: a launch in a text about something else
        (
            "A test launch of an unarmed missile took place on Wednesday from a base in California.",
            "missile_launch",
        ),
        # an arms deal between two other states
        ("India bought artillery shells from France last year.", "arms_transfer"),
    ],
)
def test_another_states_act_is_not_an_incident(nlp: Language, text: str, kind: str) -> None:
    assert not _incidents(nlp, text, kind)


def test_the_dprks_own_act_stays(nlp: Language) -> None:
    (launch,) = _incidents(
        nlp, "North Korea fired two ballistic missiles into the sea on Tuesday.", "missile_launch"
    )
    assert launch["date"] == "2024-04-30"


def test_another_state_firing_dprk_missiles_involves_the_dprk(nlp: Language) -> None:
    # filed as the transfer the strike proves (DPRK to Russia, dated by the strike), never as a DPRK launch
    text = "Russia fired North Korean missiles at Ukraine on 2 January."
    (transfer,) = _incidents(nlp, text, "arms_transfer")
    assert transfer["date"] == "2024-01-02"
    assert not _incidents(nlp, text, "missile_launch")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # what the law forbids
        ("The resolutions ban North Korea from exporting coal and iron ore.", "banned_export"),
        ("The resolution set a cap on the North's coal exports.", "banned_export"),
        # a condition
        ("If North Korea launches another missile, the allies will respond.", "missile_launch"),
        # a possibility
        ("North Korea could transfer more artillery shells to Russia.", "arms_transfer"),
        # a plan
        ("North Korea plans to launch a reconnaissance satellite in the coming days.", "missile_launch"),
        # a resolution's year is part of its name
        ("Resolutions 1718 (2006) and 2270 (2016) prohibit North Korea from selling arms.", "arms_transfer"),
        # a nuclear test is not a missile launch
        ("The sanctions followed North Korea's fifth nuclear test in September.", "missile_launch"),
    ],
)
def test_what_did_not_happen_is_not_an_incident(nlp: Language, text: str, kind: str) -> None:
    assert not _incidents(nlp, text, kind)


def test_a_past_date_under_a_modal_is_still_an_incident(nlp: Language) -> None:
    text = "If confirmed, it would be North Korea's third launch after the first launch on April 15."
    assert [i["date"] for i in _incidents(nlp, text, "missile_launch")] == ["2024-04-15"]


def test_a_month_beside_a_nuclear_test_does_not_date_a_launch(nlp: Language) -> None:
    text = "The move follows North Korea's nuclear test in January and rocket launch in February."
    assert [i["date"][:7] for i in _incidents(nlp, text, "missile_launch")] == ["2024-02"]


@pytest.mark.parametrize(
    "text",
    [
        "The Security Council on Friday unanimously adopted a resolution tightening sanctions on Pyongyang.",
        "The UN Security Council voted 15-0 on Wednesday to expand sanctions against Pyongyang.",
        "The Security Council extended the mandate of the panel of experts until April next year.",
    ],
)
def test_a_council_vote_as_reported(nlp: Language, text: str) -> None:
    assert _incidents(nlp, text, "council_vote")


def test_a_veto_names_who_voted_against(nlp: Language) -> None:
    (vote,) = _incidents(nlp, "Russia vetoed the draft resolution on Thursday.", "council_vote")
    assert ("voters_against", "country:russia") in {(a["role"], a["entity_id"]) for a in vote["actors"]}


@pytest.mark.parametrize(
    "text",
    [
        # a state's own sanctions
        "The United States imposed new sanctions on three North Korean shipping firms on Monday.",
        # a resolution cited as law
        "Under resolution 2397, adopted in December 2017, states may supply at most 500,000 barrels a year.",
        # the measure, not its vote
        "The transfer would breach the arms embargo the Security Council imposed on North Korea in 2006.",
        # how a veto works
        "A veto by any permanent member blocks a resolution.",
        # a vote that is only expected
        "The Security Council is expected to vote on the draft on Wednesday.",
    ],
)
def test_no_council_vote(nlp: Language, text: str) -> None:
    assert not _incidents(nlp, text, "council_vote")


def test_two_votes_in_different_months_stay_two(nlp: Language) -> None:
    text = (
        "The Security Council on Wednesday adopted a new resolution against North Korea. "
        "It closes loopholes in the resolution adopted by the Council in March."
    )
    assert len(_incidents(nlp, text, "council_vote")) == 2


def test_a_recalled_launch_is_background(nlp: Language) -> None:
    text = (
        "North Korea fired a short-range ballistic missile into the sea on Tuesday. "
        "It last launched an intercontinental missile in December."
    )
    launches = _incidents(nlp, text, "missile_launch")
    assert [(i["date"][:7], i["is_main"]) for i in launches] == [("2024-04", True), ("2023-12", False)]


def _roles(incident: IncidentRecord) -> set[tuple[str, str | None]]:
    return {(a["role"], a["entity_id"]) for a in incident["actors"]}


def test_the_firm_that_reports_a_theft_is_not_the_thief(nlp: Language) -> None:
    text = "Blockchain analysts at Elliptic blamed the Lazarus Group for the theft of $60 million last week."
    (theft,) = _incidents(nlp, text, "cyber_theft")
    perpetrators = {e for r, e in _roles(theft) if r == "perpetrator"}
    assert perpetrators == {"org:lazarus-group", "country:north-korea"}


@pytest.mark.parametrize(
    "text",
    [
        "Bybit lost $1.5 billion in ether to North Korean hackers on 21 February.",  # the subject who lost
        "The Bybit hack on 21 February cost the exchange $1.5 billion.",  # the name on the theft
    ],
)
def test_the_robbed_exchange_is_the_victim(nlp: Language, text: str) -> None:
    (theft,) = _incidents(nlp, text, "cyber_theft")
    assert ("victim", "org:bybit") in _roles(theft)
    assert ("perpetrator", "country:north-korea") in _roles(theft)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # where arms are made is no transfer
        ("Kim Jong Un visited munitions enterprises in the north of the country on Monday.", "arms_transfer"),
        # a word inside another is no trigger
        ("Iran says the new missile carries a submunitions warhead.", "arms_transfer"),
        # a launch window is a plan
        ("North Korea told Japan that its launch window runs from 31 May to 11 June.", "missile_launch"),
    ],
)
def test_words_that_name_no_act(nlp: Language, text: str, kind: str) -> None:
    assert not _incidents(nlp, text, kind)


def test_a_time_in_another_zone_is_the_same_launch(nlp: Language) -> None:
    text = "North Korea fired the missiles at 8:10 am Wednesday (2310 GMT Tuesday), the military said."
    assert [i["date"] for i in _incidents(nlp, text, "missile_launch")] == ["2024-05-01"]


def test_each_listed_day_is_a_launch(nlp: Language) -> None:
    text = "North Korea had fired cruise missiles last Wednesday, Sunday and Tuesday this week."
    assert len(_incidents(nlp, text, "missile_launch")) == 3


def test_a_plan_is_read_from_the_verb_that_governs_the_act(nlp: Language) -> None:
    text = "The resolution is intended to close loopholes in the resolution adopted by the Council in March."
    assert [i["date"][:7] for i in _incidents(nlp, text, "council_vote")] == ["2024-03"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # shells fired are used, not handed over
        ("North Korea fired about 80 artillery shells into the buffer zone on Monday.", "arms_transfer"),
        # an ability is no act
        ("The missile is capable of hitting Guam, officials in Seoul said on Tuesday.", "missile_launch"),
        # a party named after its members
        ("Kim Jong Un spoke to the Workers' Party of Korea on Sunday.", "overseas_workers"),
        # the voyage that delivers is the delivery, not also a port call
        (
            "Russia shipped refined petroleum to North Korea through the port of Vostochny in March.",
            "port_call",
        ),
    ],
)
def test_more_words_that_name_no_act(nlp: Language, text: str, kind: str) -> None:
    assert not _incidents(nlp, text, kind)


def test_a_day_on_a_detection_dates_the_launch(nlp: Language) -> None:
    text = (
        "A failed attempt by North Korea to launch a missile was detected on Wednesday, the US military said."
    )
    assert [i["date"] for i in _incidents(nlp, text, "missile_launch")] == ["2024-05-01"]


def test_a_year_in_a_relative_clause_dates_that_clause_not_the_transfer(nlp: Language) -> None:
    text = (
        "Pyongyang has delivered large amounts of ammunition to Moscow since last autumn, a deal that would "
        "violate a UN arms ban that Russia supported in 2009."
    )
    dates = [i["date"] for i in _incidents(nlp, text, "arms_transfer")]
    assert dates and "2009-01-01" not in dates


def test_a_day_on_a_report_does_not_date_the_launch(nlp: Language) -> None:
    text = "North Korea said on Wednesday that it had test-fired a new cruise missile."
    assert [i["precision"] for i in _incidents(nlp, text, "missile_launch")] == ["publication"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a possible act
        ("The military is tracking signs of a possible missile launch by North Korea.", "missile_launch"),
        # repeated acts named as a habit
        ("The sanctions came after the North launched repeated missile tests.", "missile_launch"),
    ],
)
def test_possible_and_repeated_acts_are_not_incidents(nlp: Language, text: str, kind: str) -> None:
    assert not _incidents(nlp, text, kind)
