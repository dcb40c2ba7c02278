"""Reports that are no incident: trade before the regime banned it, plural acts with no amount of their own.

One sentence per rule, written for these tests, through the full pipeline loaded once.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from watchkeeper.reading.pipeline import read_text
from watchkeeper.reading.records import IncidentRecord


def _incidents(nlp: Language, text: str, kind: str, published: date) -> list[IncidentRecord]:
    return [i for i in read_text(text, published, nlp=nlp).incidents if i["kind"] == kind]


def test_coal_exports_before_the_ban_are_lawful_trade(nlp: Language) -> None:
    text = "North Korea's coal exports to China rose sharply in August, customs data showed."
    assert not _incidents(nlp, text, "banned_export", date(2016, 9, 20))
    assert _incidents(nlp, text, "banned_export", date(2018, 9, 20))


def test_the_number_of_a_compound_modifier_is_no_amount_of_the_act(nlp: Language) -> None:
    text = "The statement is a reply from the 15-member Council to North Korea and its missile tests."
    assert not _incidents(nlp, text, "missile_launch", date(2023, 3, 1))


def test_a_negated_act_is_no_incident(nlp: Language) -> None:
    text = "Russian freighters have not docked at Rajin since early March, the think tank said."
    assert not _incidents(nlp, text, "port_call", date(2024, 5, 2))


def test_ships_transporting_munitions_are_an_arms_transfer(nlp: Language) -> None:
    text = "A Russian freighter transported containers of North Korean munitions to Russia in April."
    (transfer,) = _incidents(nlp, text, "arms_transfer", date(2024, 5, 2))
    assert transfer["date"][:7] == "2024-04"


def test_an_order_to_send_workers_home_is_no_workers_abroad(nlp: Language) -> None:
    text = "The Council told every state to repatriate North Korean workers by the end of 2019."
    assert not _incidents(nlp, text, "overseas_workers", date(2021, 1, 5))


def test_a_rocket_launch_system_is_a_weapon_not_a_launch(nlp: Language) -> None:
    text = "North Korea exported multiple rocket launch systems to Russia, lawmakers were told."
    assert not _incidents(nlp, text, "missile_launch", date(2024, 11, 20))


def test_a_voyage_carrying_coal_is_no_port_call(nlp: Language) -> None:
    text = "North Korean coal shipped to the Russian port of Kholmsk was later reloaded onto two vessels."
    assert not _incidents(nlp, text, "port_call", date(2018, 7, 18))


def test_evasion_methods_named_as_examples_are_no_incident(nlp: Language) -> None:
    text = "Pyongyang relies on evasion techniques such as ship-to-ship transfers and forged papers."
    assert not _incidents(nlp, text, "ship_to_ship_transfer", date(2021, 1, 5))


def test_hackers_who_write_malware_steal_nothing(nlp: Language) -> None:
    text = "The North Korean hackers also wrote new ransomware in March 2019, prosecutors said."
    assert not _incidents(nlp, text, "cyber_theft", date(2021, 2, 17))


def test_hackers_who_take_money_are_a_theft(nlp: Language) -> None:
    text = "The North Korean hackers took $40 million from an exchange in March 2019, prosecutors said."
    assert _incidents(nlp, text, "cyber_theft", date(2021, 2, 17))
