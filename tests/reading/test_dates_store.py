"""Date mentions stored per document, rewritten on rereading, exported and shown with the document."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import func, select

from watchkeeper.reading.reader import read_documents
from watchkeeper.store import Store
from watchkeeper.store.base import content_id
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.reading import DateMention

TEXT = (
    "Two cargo ships left Nampo on Monday for a three-week voyage. "
    "Officials said the ships are now expected in Vladivostok next month."
)


def _add(store: Store) -> str:
    doc_id = content_id("doc", TEXT)
    with store.session() as session:
        session.add(
            Document(
                id=doc_id,
                text=TEXT,
                title="Ships",
                content_type="text/plain",
                published_at=datetime(2024, 6, 12, 9, 0, tzinfo=UTC),
            )
        )
    return doc_id


def test_date_mentions_are_stored_with_type_value_and_window(store: Store) -> None:
    doc_id = _add(store)
    read_documents(store)
    with store.session() as session:
        rows = list(session.scalars(select(DateMention).order_by(DateMention.start)))
        seen = [(TEXT[r.start : r.end], r.timex_type, r.value, r.precision, str(r.date)) for r in rows]
        count = session.scalar(select(func.count()).select_from(DateMention))
    assert seen == [
        ("Monday", "DATE", "2024-06-10", "day", "2024-06-10"),
        ("three-week", "DURATION", "P3W", None, "None"),
        ("now", "DATE", "PRESENT_REF", None, "None"),
        ("next month", "DATE", "2024-07", "month", "2024-07-01"),
    ]
    read_documents(store, [doc_id], force=True)
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(DateMention)) == count


def test_cli_exports_and_shows_date_mentions(sqlite_cli) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_cli.settings.database_url)
    doc_id = _add(store)
    store.dispose()
    sqlite_cli.ok("read", "--all")
    lines = sqlite_cli.ok("export", "--format", "json").stdout.splitlines()
    exported = [r for r in map(json.loads, filter(None, lines)) if r["type"] == "date_mention"]
    assert {"document_id", "start", "end", "text", "timex_type", "value", "precision"} <= set(exported[0])
    assert [(r["text"], r["value"]) for r in exported][-1] == ("next month", "2024-07")
    shown = json.loads(sqlite_cli.ok("docs", "show", doc_id, "--json").stdout)
    assert [d["text"] for d in shown["dates"]] == ["Monday", "three-week", "now", "next month"]
    assert "Dates" in sqlite_cli.ok("docs", "show", doc_id).stdout
