"""The event gold of the sample corpus and the scorer of assessed incidents against it (bench/assess.py).

Floors sit a little under the figures measured when they were set (docs/assess.md, "Measuring findings"):
on the gold reading (the assess stage alone) and on the whole chain (slow: spaCy reads the corpus).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from watchkeeper.assess import assess, import_notifications, sample_notifications_path
from watchkeeper.assess.evaluation import (
    AssessedRecord,
    Event,
    assessed_records,
    corpus_article_ids,
    jaccard,
    load_events,
    score_events,
    window,
)
from watchkeeper.config import Settings, default_database_url
from watchkeeper.datafiles import data_file
from watchkeeper.errors import InputFileError
from watchkeeper.reading.kinds import kind_ids
from watchkeeper.store import Store, open_store

D = dt.date
LAUNCH = ["1718-op2", "1874-op2"]


def _event(id: str, **fields: object) -> Event:
    values: dict[str, object] = {
        "id": id,
        "kind": "missile_launch",
        "summary": "a launch",
        "date": D(2024, 1, 2),
        "precision": "day",
        "measures": LAUNCH,
        "grade": "B",
        "why": "two sources",
        "articles": ["a1", "a2"],
    }
    values.update(fields)
    return Event.model_validate(values)


def _record(
    id: str,
    *,
    kind: str = "missile_launch",
    date: dt.date | None = D(2024, 1, 2),
    precision: str = "day",
    articles: frozenset[str] = frozenset({"a1"}),
    measures: frozenset[str] = frozenset(LAUNCH),
    grade: str = "B",
) -> AssessedRecord:
    return AssessedRecord(id, kind, date, None, precision, articles, measures, grade)


def test_events_file_validates_and_names_known_things() -> None:
    events = load_events()
    assert len(events) >= 25
    assert {e.kind for e in events} <= set(kind_ids())
    assert len({e.id for e in events}) == len(events)


def test_events_file_rejects_an_unknown_measure_and_a_stray_field(tmp_path: Path) -> None:
    text = data_file("corpus", "events.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "events.yaml"
    bad.write_text(text.replace("[2397-op5]", "[2397-op99]", 1), encoding="utf-8")
    with pytest.raises(InputFileError, match="2397-op99"):
        load_events(bad)
    bad.write_text(text.replace("    precision: day\n", "    precision: day\n    colour: red\n", 1), "utf-8")
    with pytest.raises(InputFileError, match=r"colour|[Ee]xtra"):
        load_events(bad)


def test_events_file_rejects_an_article_not_in_the_corpus(tmp_path: Path) -> None:
    text = data_file("corpus", "events.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "events.yaml"
    bad.write_text(text.replace("[oil-06-harbour-ledger]", "[oil-99-nowhere]", 1), encoding="utf-8")
    with pytest.raises(InputFileError, match="oil-99-nowhere"):
        load_events(bad, articles=corpus_article_ids())


def test_an_end_date_needs_a_range() -> None:
    with pytest.raises(ValueError, match="date_end"):
        _event("e", date_end=D(2024, 1, 5))


def test_windows_follow_precision() -> None:
    assert window(D(2024, 2, 1), None, "month") == (D(2024, 2, 1), D(2024, 2, 29))
    assert window(D(2024, 10, 1), None, "quarter") == (D(2024, 10, 1), D(2024, 12, 31))
    # a date standing in for none (the publication date) allows anything before it
    assert window(D(2024, 11, 1), None, "publication") == (D.min, D(2024, 11, 1))
    assert window(None, D(2025, 5, 29), "range") == (D.min, D(2025, 5, 29))


def test_one_event_found_once_with_its_duplicate_and_the_other_errors() -> None:
    events = [_event("launch"), _event("vote", kind="council_vote", measures=[], articles=["a3"])]
    records = [
        _record("r1", articles=frozenset({"a1", "a2"})),
        # the same launch from a later report that gave no date: a duplicate
        _record("r2", date=D(2024, 1, 3), precision="publication", articles=frozenset({"a2"}), grade="D"),
        _record("r3", date=D(2023, 6, 1), precision="month"),  # wrong date
        _record("r4", kind="arms_transfer", articles=frozenset({"a3"})),  # wrong kind
        _record("r5", articles=frozenset({"a9"})),  # reported by no article of any event
    ]
    score = score_events(events, records)
    assert [(e.id, r.id) for e, r in score.matches] == [("launch", "r1")]
    assert [r.id for r in score.duplicates["launch"]] == ["r2"]
    assert {k: [r.id for r in v] for k, v in score.unmatched.items()} == {
        "wrong date": ["r3"],
        "wrong kind": ["r4"],
        "spurious": ["r5"],
    }
    assert [e.id for e in score.missed] == ["vote"]
    assert (score.prf.tp, score.prf.fp, score.prf.fn) == (1, 4, 1)
    assert score.duplicate_rate == 1.0


def test_a_launch_dated_in_another_time_zone_still_matches() -> None:
    event = _event("launch", other_dates=[D(2024, 1, 1)])
    score = score_events([event], [_record("r", date=D(2024, 1, 1))])
    assert len(score.matches) == 1


def test_a_theft_dated_to_its_month_is_that_theft_not_the_year_total() -> None:
    total = _event("year-total", kind="cyber_theft", date=D(2024, 1, 1), precision="year")
    theft = _event("may-theft", kind="cyber_theft", date=D(2024, 5, 31))
    records = [_record("r-may", kind="cyber_theft", date=D(2024, 5, 1), precision="month")]
    score = score_events([total, theft], records)
    assert [(e.id, r.id) for e, r in score.matches] == [("may-theft", "r-may")]
    records.append(_record("r-year", kind="cyber_theft", date=D(2024, 1, 1), precision="year"))
    score = score_events([total, theft], records)
    assert sorted((e.id, r.id) for e, r in score.matches) == [
        ("may-theft", "r-may"),
        ("year-total", "r-year"),
    ]


def test_measures_and_grades_are_compared_on_matched_events() -> None:
    events = [_event("e1"), _event("e2", date=D(2024, 3, 1), grade="A")]
    records = [
        _record("r1", grade="B"),
        _record("r2", date=D(2024, 3, 1), measures=frozenset({"1718-op2", "1718-op5"}), grade="C"),
    ]
    score = score_events(events, records)
    assert score.measures_exact == 0.5
    assert score.measures_jaccard == pytest.approx((1 + 1 / 3) / 2)
    assert score.grade_exact == 0.5
    assert score.grade_within_one == 0.5
    assert jaccard([], []) == 1.0  # "no measure" agreeing with "no measure"


# Floors: a little under the figures measured when they were set. The gold reading's are from before issue
# 13's fixes to assess; the whole chain's from 2026-12-06 (event F1 0.931, recall 0.900, no duplicate,
# measures exact 0.963 / Jaccard 0.975, grades exact 0.889 / within one 0.963).
GOLD_READING_FLOORS = {"recall": 0.90, "f1": 0.60, "measures_jaccard": 0.80, "grade_within_one": 0.85}
CHAIN_FLOORS = {
    "recall": 0.89,
    "f1": 0.92,
    "measures_jaccard": 0.95,
    "grade_within_one": 0.90,
    "measures_exact": 0.94,
    "grade_exact": 0.83,
    "no_duplicates": 1.0,
}


def _figures(records: list[AssessedRecord]) -> dict[str, float]:
    score = score_events(load_events(), records)
    return {
        "recall": score.prf.recall,
        "f1": score.prf.f1,
        "measures_jaccard": score.measures_jaccard,
        "grade_within_one": score.grade_within_one,
        "measures_exact": score.measures_exact,
        "grade_exact": score.grade_exact,
        "no_duplicates": 1.0 - score.duplicate_rate,
    }


def test_floor_on_the_gold_reading(gold_store: Store) -> None:
    with gold_store.session() as session:
        figures = _figures(assessed_records(session))
    for name, floor in GOLD_READING_FLOORS.items():
        assert figures[name] >= floor, f"{name} {figures[name]:.3f} < floor {floor}"


@pytest.mark.slow
def test_floor_on_the_whole_chain(tmp_path: Path, sqlite_template: Path) -> None:
    from watchkeeper.evidence.ingest import ingest
    from watchkeeper.reading.reader import read_documents

    workspace = tmp_path / "workspace"
    workspace.mkdir()
    shutil.copy(sqlite_template, workspace / "watchkeeper.sqlite")
    settings = Settings(workspace=workspace, database_url=default_database_url(workspace))
    store = open_store(settings)
    ingest(store, settings, [str(data_file("corpus", "articles"))])
    read_documents(store)
    with store.session() as session:
        import_notifications(session, sample_notifications_path())
    assess(store)
    with store.session() as session:
        figures = _figures(assessed_records(session))
    store.dispose()
    for name, floor in CHAIN_FLOORS.items():
        assert figures[name] >= floor, f"{name} {figures[name]:.3f} < floor {floor}"
