"""Different days the reports of one incident give are kept with the documents that give them."""

from __future__ import annotations

from sqlalchemy import select

from tests.assess.gold import load_gold
from watchkeeper.assess import assess
from watchkeeper.assess.dates import conflicting_dates
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident


def test_a_launch_dated_a_day_apart_by_its_reports_lists_both_days_with_their_documents(
    sqlite_store: Store,
) -> None:
    with sqlite_store.session() as session:
        load_gold(session, ["missile-01-global-press-agency", "missile-04-meridian-courier"])
    assess(sqlite_store)
    with sqlite_store.session() as session:
        ids = list(session.scalars(select(AssessedIncident.id)))
        shown = conflicting_dates(session, ids)
    days = {d["date"]: d["documents"] for dates in shown.values() for d in dates}
    assert {"2023-12-17", "2023-12-18"} <= set(days)
    assert all(documents for documents in days.values())


def test_the_explanation_prints_each_day_with_its_documents() -> None:
    from watchkeeper.report.explain import explanation_text

    record = {
        "paragraph": 1,
        "of": 1,
        "section": "I",
        "period": {"from": "2024-01-01", "to": "2024-12-31"},
        "regime_version": "v",
        "text": "One launch.",
        "figures": [],
        "sources": [],
        "conflicting_dates": {
            "aincident-x": [
                {"date": "2023-12-17", "precision": "day", "documents": ["doc-a"]},
                {"date": "2023-12-18", "precision": "day", "documents": ["doc-b", "doc-c"]},
            ]
        },
    }
    text = " ".join(explanation_text(record, width=200).split())
    assert "2023-12-17 (day) in doc-a" in text and "2023-12-18 (day) in doc-b, doc-c" in text
