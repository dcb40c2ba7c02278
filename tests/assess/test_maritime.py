"""Maritime events as evidence: a tracked transfer with a DPRK-flagged, designated tanker is an incident."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from watchkeeper.assess import assess, incident_record
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident
from watchkeeper.store.models.maritime import MaritimeEvent


def _encounter(event_id: str, start: datetime) -> MaritimeEvent:
    return MaritimeEvent(
        id=event_id,
        kind="encounter",
        incident_kind="ship_to_ship_transfer",
        mmsis=["445123000", "352001000"],
        vessels=[
            {"mmsi": "445123000", "name": "CHON MA SAN", "flag": "PRK"},
            {"mmsi": "352001000", "name": "NEW REGENT", "flag": "PAN"},
        ],
        start_at=start,
        end_at=start.replace(hour=start.hour + 5),
        lat=30.5,
        lon=123.9,
        designation_ids=["un-1718:TEST.002"],
        matches=[{"mmsi": "445123000", "designation_id": "un-1718:TEST.002"}],
        measure_hints=["2375-op11"],
        details={},
        track=[],
    )


def test_a_tracked_transfer_is_graded_and_linked(store: Store) -> None:
    with store.session() as session:
        session.add(_encounter("mev-test-1", datetime(2024, 5, 3, 2, tzinfo=UTC)))
        session.add(_encounter("mev-test-2", datetime(2024, 5, 3, 3, tzinfo=UTC)))
    summary = assess(store)
    assert summary.incidents == 1  # two detections of one meeting merge
    with store.session() as session:
        incident = session.scalars(select(AssessedIncident)).one()
        record = incident_record(session, incident)
    assert record["kind"] == "ship_to_ship_transfer" and record["status"] == "observed"
    assert {"2375-op11", "1718-op8d"} <= set(record["measure_ids"])
    evidence = record["evidence"]
    assert {e["maritime_event_id"] for e in evidence} == {"mev-test-1", "mev-test-2"}
    assert all(e["evidence_type"] == "direct" and e["source_class"] == "tracking" for e in evidence)
    direct = next(f for f in record["grade_features"] if f["name"] == "direct_evidence")
    assert direct["value"] == 1
    assert any(a["designation_id"] == "un-1718:TEST.002" and a["flag"] == "PRK" for a in record["actors"])
