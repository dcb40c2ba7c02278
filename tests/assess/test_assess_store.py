"""The assessment in the store, on both backends: reruns change nothing, overrides are audited and kept."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.assess.gold import load_gold
from tests.conftest import Cli
from watchkeeper.assess import assess
from watchkeeper.audit import audit_entries
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident, AssessedIncidentEvidence, MeasureLink

ARTICLES = ["oil-01-global-press-agency", "oil-02-harbour-ledger", "missile-01-global-press-agency"]


def _snapshot(store: Store) -> dict[str, object]:
    with store.session() as session:
        return {
            "incidents": sorted(
                (i.id, i.grade, i.grade_score, i.status) for i in session.scalars(select(AssessedIncident))
            ),
            "evidence": sorted(e.id for e in session.scalars(select(AssessedIncidentEvidence))),
            "links": sorted(link.id for link in session.scalars(select(MeasureLink))),
        }


def test_assess_twice_changes_nothing(store: Store) -> None:
    with store.session() as session:
        load_gold(session, ARTICLES)
    first = assess(store)
    snapshot = _snapshot(store)
    second = assess(store)
    assert first.inserted == first.incidents > 0
    assert (second.inserted, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == first.incidents
    assert _snapshot(store) == snapshot


def test_grade_override_is_audited_and_survives_reassessment(cli: Cli, store: Store) -> None:
    with store.session() as session:
        load_gold(session, ARTICLES)
    cli.ok("assess")
    listed = [
        json.loads(line)
        for line in cli.ok("incidents", "list", "--kind", "petroleum_delivery", "--json").stdout.splitlines()
    ]
    target = listed[0]
    new_grade = "A" if target["grade"] != "A" else "D"
    cli.ok(
        "incidents",
        "grade",
        target["id"],
        "--grade",
        new_grade,
        "--reason",
        "Satellite imagery seen by the analyst",
    )
    cli.ok("assess")
    shown = json.loads(cli.ok("incidents", "show", target["id"], "--json").stdout)
    assert shown["grade"] == new_grade and shown["computed_grade"] == target["computed_grade"]
    assert shown["override"]["reason"] == "Satellite imagery seen by the analyst"
    with store.session() as session:
        entries = audit_entries(session, record_id=target["id"])
        assert len(entries) == 1
        entry = entries[0]
        assert entry.action == "incident.grade_override" and entry.record_type == "assessed_incident"
        assert entry.before["grade"] == target["grade"] and entry.after["grade"] == new_grade
    cli.ok("incidents", "grade", target["id"], "--clear", "--reason", "Imagery withdrawn")
    shown = json.loads(cli.ok("incidents", "show", target["id"], "--json").stdout)
    assert shown["grade"] == target["computed_grade"] and shown["override"] is None


def test_bad_grade_is_a_user_error(sqlite_cli: Cli) -> None:
    with Store(sqlite_cli.settings.database_url).session() as session:
        load_gold(session, ARTICLES[:1])
    sqlite_cli.ok("assess")
    incident = json.loads(sqlite_cli.ok("incidents", "list", "--json").stdout.splitlines()[0])
    result = sqlite_cli("incidents", "grade", incident["id"], "--grade", "Z", "--reason", "no such grade")
    assert result.exit_code == 1 and "unknown grade 'Z'" in result.stderr
    missing = sqlite_cli("incidents", "show", "aincident-nope")
    assert missing.exit_code == 1 and "no single incident" in missing.stderr


def test_list_filters_and_show_keys(gold_cli: Cli) -> None:
    lines = gold_cli.ok(
        "incidents", "list", "--from", "2024-01-01", "--to", "2024-12-31", "--json"
    ).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all(r["type"] == "incident" for r in records)
    for r in records:
        start, end = r["date"] or r["date_end"], r["date_end"] or r["date"]
        assert start is None or start <= "2024-12-31"
        assert end is None or end >= "2024-01-01"
    launches = [
        json.loads(line)
        for line in gold_cli.ok("incidents", "list", "--kind", "missile_launch", "--json").stdout.splitlines()
    ]
    assert launches and {r["kind"] for r in launches} == {"missile_launch"}
    shown = json.loads(gold_cli.ok("incidents", "show", launches[0]["id"], "--json").stdout)
    for key in (
        "evidence",
        "denials",
        "measures",
        "grade_features",
        "grade_meaning",
        "measure_ids",
        "actors",
    ):
        assert key in shown
    assert all(m["rule_id"] and m["in_force_on"] for m in shown["measures"])
