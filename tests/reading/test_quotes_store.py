"""Quotes in the store and its export: a split quote's fragments, the words naming its speaker."""

from __future__ import annotations

from datetime import UTC, datetime

from watchkeeper.reading.export import records
from watchkeeper.reading.reader import read_documents
from watchkeeper.store import Store
from watchkeeper.store.base import content_id
from watchkeeper.store.models.evidence import Document

SPLIT = (
    'Officials met on Monday. "The harbour stays closed," Maria Lopez said. "Nobody sails until the survey '
    'is done." "We will not comment," a spokeswoman for the port said.'
)


def test_export_carries_fragments_and_source(store: Store) -> None:
    with store.session() as session:
        session.add(
            Document(
                id=content_id("doc", SPLIT),
                text=SPLIT,
                title="Harbour",
                content_type="text/plain",
                published_at=datetime(2024, 5, 6, tzinfo=UTC),
            )
        )
    read_documents(store)
    with store.session() as session:
        quotes = [r for r in records(session) if r["type"] == "quote"]
    split = next(q for q in quotes if q["speaker"] == "Maria Lopez")
    assert [f["text"] for f in split["fragments"]] == [
        "The harbour stays closed",
        "Nobody sails until the survey is done.",
    ]
    assert split["source"]["kind"] == "named"
    described = next(q for q in quotes if q["source"]["kind"] == "description")
    assert described["speaker"] == "a spokeswoman for the port"
    assert described["speaker_id"] is None  # a description is not an entity of its own
