"""The assessment in ``watchkeeper export``: incidents, measure links, ledger entries, FtM events."""

from __future__ import annotations

from followthemoney import model

from watchkeeper.export import iter_ftm_entities, iter_records
from watchkeeper.store import Store


def test_export_records_link_incidents_measures_and_documents(gold_store: Store) -> None:
    with gold_store.session() as session:
        records = list(iter_records(session, {"incident", "measure_link", "cap_ledger_entry"}))
    incidents = [r for r in records if r["type"] == "incident"]
    assert all("measure_ids" in r for r in incidents)  # assessed incidents only: per-document ones are apart
    links = [r for r in records if r["type"] == "measure_link"]
    ledger = [r for r in records if r["type"] == "cap_ledger_entry"]
    assert incidents and links and ledger
    ids = {r["id"] for r in incidents}
    assert all(link["incident_id"] in ids for link in links)
    assert all(r["evidence"] or r["maritime_event_ids"] for r in incidents)
    assert {r["series"] for r in ledger} == {"reported", "alleged"}


def test_each_record_type_has_one_shape(gold_store: Store) -> None:
    """CSV writes one file per type: a type shared by two kinds of record would mix their columns."""
    with gold_store.session() as session:
        records = list(iter_records(session, {"incident", "document_incident"}))
    shapes: dict[str, set[frozenset[str]]] = {}
    for record in records:
        shapes.setdefault(record["type"], set()).add(frozenset(record))
    assert set(shapes) == {"incident", "document_incident"}
    assert all(len(kinds) == 1 for kinds in shapes.values()), {t: len(k) for t, k in shapes.items()}


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
