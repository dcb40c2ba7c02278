"""Which date mention dates an incident: counts framed by a period, anchored intervals, counted launches.

One sentence per rule, written for these tests, through the full pipeline loaded once.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from watchkeeper.reading.pipeline import read_text
from watchkeeper.reading.records import IncidentRecord

PUBLISHED = date(2024, 5, 2)


def _incidents(nlp: Language, text: str, kind: str = "missile_launch") -> list[IncidentRecord]:
    return [i for i in read_text(text, PUBLISHED, nlp=nlp).incidents if i["kind"] == kind]


def test_the_year_of_an_ordinal_count_does_not_date_the_launch(nlp: Language) -> None:
    (launch,) = _incidents(nlp, "Pyongyang fired a ballistic missile on Sunday, its fifth launch this year.")
    assert launch["date"] == "2024-04-28"


def test_a_count_framed_by_a_year_leaves_the_act_undated(nlp: Language) -> None:
    (launch,) = _incidents(nlp, "The flight on Monday was the first ballistic test of 2024 by North Korea.")
    assert launch["date"] == "2024-04-29"


def test_a_period_without_an_ordinal_still_dates_the_act(nlp: Language) -> None:
    (launch,) = _incidents(nlp, "North Korea conducted a long-range rocket launch in February.")
    assert launch["date"].startswith("2024-02")


def test_an_act_placed_days_before_the_launch_is_dated_from_it(nlp: Language) -> None:
    text = (
        "North Korea fired a ballistic missile on Tuesday. "
        "The launch came ten days after it fired a cruise missile."
    )
    assert sorted(i["date"] for i in _incidents(nlp, text)) == ["2024-04-20", "2024-04-30"]


def test_months_before_a_launch_give_a_month(nlp: Language) -> None:
    text = (
        "North Korea fired a ballistic missile on Tuesday. "
        "The launch came three months after Pyongyang said it had tested engines for a new missile."
    )
    (engines,) = _incidents(nlp, text, "engine_test")
    assert (engines["date"][:7], engines["precision"]) == ("2024-01", "month")


def test_a_report_placed_after_the_launch_anchors_on_the_publication_date(nlp: Language) -> None:
    text = "The state media report came a day after the military detected the launch of a new missile."
    (launch,) = _incidents(nlp, text)
    assert launch["date"] == "2024-05-01"


def test_a_number_standing_for_launches_counts_incidents_on_one_date(nlp: Language) -> None:
    launches = _incidents(nlp, "North Korea carried out two missile launches last month.")
    assert [i["date"][:7] for i in launches] == ["2024-04", "2024-04"]


def test_a_number_of_missiles_is_one_launch(nlp: Language) -> None:
    assert len(_incidents(nlp, "North Korea fired four ballistic missiles last month.")) == 1


def test_rounds_of_firings_on_named_days_are_one_launch_a_day(nlp: Language) -> None:
    text = "Pyongyang held three rounds of cruise missile firings on Sunday, Monday and Tuesday of last week."
    assert len(_incidents(nlp, text)) == 3


def test_a_rocket_lost_soon_after_liftoff_is_a_launch(nlp: Language) -> None:
    text = "In March, a North Korean rocket carrying a satellite fell into the sea soon after liftoff."
    (launch,) = _incidents(nlp, text)
    assert launch["date"][:7] == "2024-03"


def test_yearly_totals_in_a_recap_date_no_theft(nlp: Language) -> None:
    text = (
        "Pyongyang's hackers took record sums: 2017's $0.4 billion, 2019's $0.7 billion, "
        "and 2020's $0.3 billion in stolen crypto."
    )
    assert all(i["precision"] == "publication" for i in _incidents(nlp, text, "cyber_theft"))


def test_a_failure_on_a_day_dates_the_launch_a_report_on_a_day_does_not(nlp: Language) -> None:
    (failed,) = _incidents(nlp, "North Korea's attempt to launch a satellite failed on Monday.")
    assert failed["date"] == "2024-04-29"
    (told,) = _incidents(nlp, "North Korea said on Monday that it launched a satellite.")
    assert told["precision"] == "publication"


def test_a_copula_counting_the_times_frames_the_year(nlp: Language) -> None:
    text = "It was the ninth time North Korea test-fired missiles this year, officials said."
    assert all(i["precision"] != "year" for i in _incidents(nlp, text))
