"""The reviewed view on both backends: analysts' decisions reach the incidents, the ledger, exports and CLI;
reviews survive reruns, and a review a rerun leaves unattached is reported, never dropped."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.assess.gold import load_gold
from tests.conftest import Cli
from watchkeeper.assess import assess, cap_ledger, orphaned_reviews, reviewed_incidents
from watchkeeper.assess import review as decisions
from watchkeeper.assess.export import records
from watchkeeper.regime import load_regime
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident, AssessedIncidentEvidence

ARTICLES = ["oil-01-global-press-agency", "oil-02-harbour-ledger", "missile-01-global-press-agency"]
LATER_OIL = ["oil-03-baltic-standard", "oil-04-meridian-courier"]


def _ids(store: Store) -> dict[str, str]:
    """Incident ids by a readable name: launch-04, launch-07, launch-12 (2023) and oil (2024)."""
    with store.session() as session:
        rows = session.scalars(select(AssessedIncident)).all()
    names = {}
    for row in rows:
        if row.kind == "missile_launch":
            names[f"launch-{row.date.month:02d}"] = row.id
        elif row.kind == "petroleum_delivery":
            names["oil"] = row.id
    return names


@pytest.fixture
def assessed(store: Store) -> dict[str, str]:
    with store.session() as session:
        load_gold(session, ARTICLES)
    assess(store)
    return _ids(store)


def test_the_reviewed_view_applies_every_decision(store: Store, assessed: dict[str, str]) -> None:
    with store.session() as session:
        oil_reports = [
            e.id
            for e in session.scalars(
                select(AssessedIncidentEvidence).where(
                    AssessedIncidentEvidence.assessed_incident_id == assessed["oil"],
                    AssessedIncidentEvidence.document_id == "oil-02-harbour-ledger",
                )
            )
        ]
        stored_evidence = session.scalar(select(func.count()).select_from(AssessedIncidentEvidence))
        place = session.get(AssessedIncident, assessed["launch-12"]).place_text
        decisions.reject(session, assessed["launch-04"], "ana", "the April date is a misreading")
        decisions.merge(session, assessed["launch-07"], assessed["launch-12"], "ana", "same launch")
        decisions.confirm(session, assessed["launch-12"], "ana", "imagery")
        decisions.edit(session, assessed["launch-12"], "ana", "imagery", {"place_text": "Sea of Japan"})
        decisions.split(session, assessed["oil"], oil_reports, "bo", "a second cargo")
        decisions.confirm(session, assessed["oil"], "bo")  # what is left is confirmed; the split stands
    with store.session() as session:
        view = {i.id: i for i in reviewed_incidents(session)}
        everything = {i.id: i for i in reviewed_incidents(session, include_rejected=True)}
        stored = session.get(AssessedIncident, assessed["launch-12"])
        assert stored.place_text == place != "Sea of Japan"  # the assessment's row is untouched
        assert session.scalar(select(func.count()).select_from(AssessedIncidentEvidence)) == stored_evidence
    assert assessed["launch-04"] not in view and assessed["launch-07"] not in view
    rejected, merged = everything[assessed["launch-04"]], everything[assessed["launch-07"]]
    assert (rejected.status, rejected.out) == ("rejected", True) and "misreading" in rejected.reason
    assert (merged.status, merged.out, merged.merged_into) == ("merged", True, assessed["launch-12"])
    target = view[assessed["launch-12"]]
    assert target.status == "confirmed" and target.reviewed_by == "ana" and target.reviewed_at is not None
    assert target.merged_from == [assessed["launch-07"]]
    assert {e.id for e in merged.evidence} <= {e.id for e in target.evidence}
    assert target.incident.place_text == "Sea of Japan" and target.original == {"place_text": place}
    record = target.review_record()
    assert record["review_status"] == "confirmed" and record["original"] == {"place_text": place}
    oil = view[assessed["oil"]]
    part = next(i for i in view.values() if i.split_from == assessed["oil"])
    assert (part.status, oil.status, part.reviewed_by) == ("split", "confirmed", "bo")
    assert [e.id for e in part.evidence] == oil_reports
    assert not {e.id for e in oil.evidence} & set(oil_reports)
    assert {q["document_id"] for q in part.incident.quantities} == {"oil-02-harbour-ledger"}
    assert {q["document_id"] for q in oil.incident.quantities} == {"oil-01-global-press-agency"}
    # exports carry the review status of every incident, rejected ones included
    with store.session() as session:
        exported = {r["id"]: r for r in records(session) if r["type"] == "incident"}
    assert exported[assessed["launch-04"]]["review_status"] == "rejected"
    assert exported[part.id]["split_from"] == assessed["oil"]


def test_an_edited_date_relinks_measures(store: Store, assessed: dict[str, str]) -> None:
    with store.session() as session:
        decisions.edit(session, assessed["launch-04"], "ana", "older launch", {"date": "2005-06-01"})
    with store.session() as session:
        item = next(i for i in reviewed_incidents(session, start=date(2005, 1, 1), end=date(2005, 12, 31)))
        in_2023 = {i.id for i in reviewed_incidents(session, start=date(2023, 1, 1), end=date(2023, 12, 31))}
    assert item.id == assessed["launch-04"] and item.incident.date == date(2005, 6, 1)
    assert item.original["date"] == date(2023, 4, 1)
    assert item.links == []  # no resolution banned launches before 1695 (July 2006)
    assert assessed["launch-04"] not in in_2023
    with store.session() as session:
        exported = [r for r in records(session) if r["type"] == "measure_link"]
    assert exported and assessed["launch-04"] not in {r["incident_id"] for r in exported}  # as reviewed


def test_a_rejected_oil_delivery_leaves_the_cap_ledger(store: Store, assessed: dict[str, str]) -> None:
    with store.session() as session:
        before = cap_ledger(session, load_regime(), years=[2024])[0]
        decisions.reject(session, assessed["oil"], "ana", "the study counted port calls, not deliveries")
    with store.session() as session:
        after = cap_ledger(session, load_regime(), years=[2024])[0]
    assert before.alleged > 500_000 and after.alleged == 0
    entries = [e for e in after.entries if e.incident_id == assessed["oil"]]
    assert entries and not any(e.counted for e in entries)
    assert "rejected by analyst ana" in entries[0].note and "not counted" in entries[0].note
    assert after.as_dict()["reviewed_out_incidents"] == [assessed["oil"]]


def test_a_merged_delivery_counts_once_in_its_target(store: Store) -> None:
    from tests.assess.test_ledger import _delivery

    with store.session() as session:
        session.add(_delivery("spring", date(2024, 3, 1), None, [(200_000, "doc-x")]))
        session.add(_delivery("autumn", date(2024, 10, 1), None, [(150_000, "doc-y")]))
    with store.session() as session:
        assert cap_ledger(session, load_regime(), years=[2024])[0].alleged == pytest.approx(350_000)
        decisions.merge(session, "autumn", "spring", "ana", "one cargo told twice")
    with store.session() as session:
        year = cap_ledger(session, load_regime(), years=[2024])[0]
    # one delivery: the smallest volume any of its reports gives, as for any incident
    assert year.alleged == pytest.approx(150_000)
    autumn = next(e for e in year.entries if e.incident_id == "autumn")
    assert not autumn.counted and "merged by analyst ana into spring" in autumn.note


def test_reviews_survive_reruns_and_orphans_are_reported(cli: Cli, store: Store) -> None:
    with store.session() as session:
        load_gold(session, ARTICLES)
    cli.ok("assess")
    ids = _ids(store)
    with store.session() as session:
        decisions.reject(session, ids["oil"], "ana", "port calls, not deliveries")
        decisions.confirm(session, ids["launch-12"], "ana")
    rerun = cli.ok("assess")
    assert "Warning" not in rerun.stderr and _ids(store) == ids  # same evidence, same ids: reviews attached
    listed = [json.loads(line) for line in cli.ok("incidents", "list", "--json").stdout.splitlines()]
    assert ids["oil"] not in {r["id"] for r in listed}
    assert next(r for r in listed if r["id"] == ids["launch-12"])["review_status"] == "confirmed"
    everything = cli.ok("incidents", "list", "--include-rejected", "--json").stdout.splitlines()
    oil = next(json.loads(line) for line in everything if ids["oil"] in line)
    assert (oil["review_status"], oil["reviewed_by"]) == ("rejected", "ana")
    shown = json.loads(cli.ok("incidents", "show", ids["oil"], "--json").stdout)
    assert shown["review_status"] == "rejected" and shown["review_reason"] == "port calls, not deliveries"
    assert "rejected by ana" in cli.ok("incidents", "show", ids["oil"]).stdout
    # two more reports of the delivery: its earliest sighting changes, and with it the incident's id
    with store.session() as session:
        load_gold(session, LATER_OIL)
    grown = cli.ok("assess", "--json")
    successor = _ids(store)["oil"]
    assert successor != ids["oil"]
    assert "1 analyst review(s) no longer attach" in grown.stderr and ids["oil"] in grown.stderr
    assert successor in grown.stderr
    orphans = json.loads(grown.stdout)["orphaned_reviews"]
    assert [(o["incident_id"], o["status"], o["successors"]) for o in orphans] == [
        (ids["oil"], "rejected", [successor])
    ]
    with store.session() as session:
        (orphan,) = orphaned_reviews(session)
        assert orphan.reason == "port calls, not deliveries"
        listed_now = {i.id: i.status for i in reviewed_incidents(session)}
    assert listed_now[successor] == "awaiting"  # not silently rejected on the analyst's behalf
    assert "no longer attach" in cli.ok("assess").stderr  # said again on every run until re-reviewed
