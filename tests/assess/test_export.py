"""The assessment in ``watchkeeper export``: incidents, measure links, ledger entries, FtM events."""

from __future__ import annotations

from followthemoney import model

from watchkeeper.export import iter_ftm_entities, iter_records
from watchkeeper.store import Store


def test_export_records_link_incidents_measures_and_documents(gold_store: Store) -> None:
    with gold_store.session() as session:
        records = list(iter_records(session, {"incident", "measure_link", "cap_ledger_entry"}))
    incidents = [r for r in records if r["type"] == "incident" and "measure_ids" in r]
    links = [r for r in records if r["type"] == "measure_link"]
    ledger = [r for r in records if r["type"] == "cap_ledger_entry"]
    assert incidents and links and ledger
    ids = {r["id"] for r in incidents}
    assert all(link["incident_id"] in ids for link in links)
    assert all(r["evidence"] or r["maritime_event_ids"] for r in incidents)
    assert {r["series"] for r in ledger} == {"reported", "alleged"}


def test_ftm_events_are_valid(gold_store: Store) -> None:
    with gold_store.session() as session:
        events = [e for e in iter_ftm_entities(session) if e["schema"] == "Event"]
    assert events
    for event in events:
        proxy = model.get_proxy(event)
        assert proxy.schema.name == "Event" and proxy.get("name")
    involved = [e for e in events if e["properties"].get("involved")]
    assert involved and all(
        v.startswith("wk-un-1718-") for e in involved for v in e["properties"]["involved"]
    )
