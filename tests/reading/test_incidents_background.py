"""Background is not an event: resolutions cited, a weapon's history, what weapons did after a transfer.

One sentence per rule, written for these tests, through the full pipeline loaded once.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from watchkeeper.reading.pipeline import read_text
from watchkeeper.reading.records import IncidentRecord

PUBLISHED = date(2024, 6, 14)


def _incidents(nlp: Language, text: str, published: date = PUBLISHED) -> list[IncidentRecord]:
    return list(read_text(text, published, nlp=nlp).incidents)


def _kinds(nlp: Language, text: str) -> list[str]:
    return [i["kind"] for i in _incidents(nlp, text)]


def test_a_parenthesis_after_a_resolution_number_cites_the_resolution(nlp: Language) -> None:
    text = "Resolution 2094, passed with China's support, bans the export of luxury goods to Pyongyang."
    assert "council_vote" not in _kinds(nlp, text)


def test_two_numbered_resolutions_adopted_together_are_cited(nlp: Language) -> None:
    text = "Resolutions 2270 (2016) and 2321 (2016), both adopted unanimously, limit its coal trade."
    assert "council_vote" not in _kinds(nlp, text)


def test_a_clause_on_the_embargo_a_state_voted_for_is_no_vote(nlp: Language) -> None:
    text = "Critics said China was ignoring an arms embargo it had voted for at the Security Council."
    assert "council_vote" not in _kinds(nlp, text)


def test_a_resolution_adopted_years_before_in_some_month_is_history(nlp: Language) -> None:
    text = "Resolution 2371 was adopted unanimously by the Security Council in August 2017."
    assert "council_vote" not in _kinds(nlp, text)


def test_a_vote_dated_to_its_day_is_reported_wherever_it_sits(nlp: Language) -> None:
    text = (
        "Resolution 2371, adopted unanimously on 5 August 2017, cut the North's export earnings by a third."
    )
    (vote,) = [i for i in _incidents(nlp, text) if i["kind"] == "council_vote"]
    assert vote["date"] == "2017-08-05"


def test_counting_votes_in_a_rule_is_no_vote(nlp: Language) -> None:
    text = "A draft passes with nine votes in favour if none of the five permanent members objects."
    assert "council_vote" not in _kinds(nlp, text)


def test_a_weekday_before_the_day_and_month_names_that_day(nlp: Language) -> None:
    (vote,) = _incidents(nlp, "The Security Council voted on Monday 18 March 2024.", date(2024, 4, 2))
    assert vote["date"] == "2024-03-18"


def test_the_end_of_a_mandate_does_not_date_the_veto_that_ended_it(nlp: Language) -> None:
    text = "The monitoring body's mandate expired in May after China's veto in the Security Council."
    votes = [i for i in _incidents(nlp, text) if i["kind"] == "council_vote"]
    assert all(v["date"] != "2024-05-01" for v in votes)


def test_a_vote_dated_before_an_act_set_after_it_does_not_date_that_act(nlp: Language) -> None:
    text = "The Council adopted the resolution in November 2016, after North Korea's test of a new missile."
    launches = [i for i in _incidents(nlp, text) if i["kind"] == "missile_launch"]
    assert all(i["date"] != "2016-11-01" for i in launches)


def test_a_system_first_tested_in_some_year_is_its_history(nlp: Language) -> None:
    text = "North Korea first tested the Pukguksong family of missiles in 2016."
    assert "missile_launch" not in _kinds(nlp, text)


def test_a_system_first_tested_on_a_day_is_a_launch(nlp: Language) -> None:
    text = "North Korea first tested the new missile on 9 May."
    assert _kinds(nlp, text) == ["missile_launch"]


def test_strikes_by_weapons_a_transfer_sent_are_no_dprk_launch(nlp: Language) -> None:
    text = "Pyongyang is thought to have sold ballistic missiles, several of which struck Odesa."
    assert "missile_launch" not in _kinds(nlp, text)


def test_the_missiles_fired_after_a_told_transfer_by_use_are_those_weapons(nlp: Language) -> None:
    text = (
        "Moscow has fired ballistic missiles provided by North Korea at Ukraine, officials said. "
        "A spokesman said Russian units fired two of the missiles on 3 June and another on Saturday."
    )
    assert "missile_launch" not in _kinds(nlp, text)


def test_a_modal_over_conjoined_verbs_makes_no_launch(nlp: Language) -> None:
    text = "A solid-fuel engine would let the missile be stored and fired at short notice."
    assert "missile_launch" not in _kinds(nlp, text)


def test_any_launch_is_no_launch(nlp: Language) -> None:
    text = "Tokyo has said that any launch with ballistic technology would breach UN resolutions."
    assert "missile_launch" not in _kinds(nlp, text)


def test_stolen_identities_are_no_theft(nlp: Language) -> None:
    text = "The North Korean programmers used stolen or borrowed identities to win contracts abroad."
    assert "cyber_theft" not in _kinds(nlp, text)


def test_acts_told_as_doing_something_else_are_a_class_of_acts(nlp: Language) -> None:
    text = "Analysts said North Korea's cyberattacks on exchanges were funding its missile programme."
    assert "cyber_theft" not in _kinds(nlp, text)


def test_a_comparison_with_the_year_before_does_not_date_the_theft(nlp: Language) -> None:
    text = "North Korean hackers stole $900 million in 2023, triple the amount taken the year before."
    (theft,) = [i for i in _incidents(nlp, text) if i["kind"] == "cyber_theft"]
    assert theft["date"] == "2023-01-01"


def test_a_month_in_a_paragraph_opened_by_a_past_year_is_in_that_year(nlp: Language) -> None:
    text = "In 2022 the tests grew longer. A new missile was launched in late March."
    (launch,) = _incidents(nlp, text, date(2023, 5, 2))
    assert launch["date"].startswith("2022-03")


def test_a_tanker_seen_with_hoses_to_another_ship_is_a_transfer_at_sea(nlp: Language) -> None:
    text = "Tokyo said in May 2019 that a plane saw a North Korean tanker with hoses connected to a barge."
    (transfer,) = _incidents(nlp, text)
    assert (transfer["kind"], transfer["date"]) == ("ship_to_ship_transfer", "2019-05-01")
