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
