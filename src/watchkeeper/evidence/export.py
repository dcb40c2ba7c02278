"""Evidence records for ``watchkeeper export``: documents and stories, with the ids that link them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from watchkeeper.evidence.documents import document_sources, iter_documents
from watchkeeper.evidence.stories import as_utc, list_stories
from watchkeeper.store.models.evidence import Document


def _utc(value: datetime | None) -> datetime | None:
    return as_utc(value) if value is not None else None


def document_record(document: Document, *, with_text: bool = True) -> dict[str, object]:
    """A document as a plain dict with stable keys."""
    record: dict[str, object] = {
        "id": document.id,
        "title": document.title,
        "url": document.url,
        "outlet_id": document.outlet_id,
        "outlet_name": document.outlet_name,
        "wire_id": document.wire_id,
        "author": document.author,
        "published_at": _utc(document.published_at),
        "published_precision": document.published_precision,
        "fetched_at": _utc(document.fetched_at),
        "language": document.language,
        "copy_group_id": document.copy_group_id,
        "story_id": document.story_id,
        "content_type": document.content_type,
        "pages": document.pages,
        "raw_path": document.raw_path,
        "characters": len(document.text),
    }
    if with_text:
        record["text"] = document.text
    return record


def records(session: Session) -> Iterator[dict[str, object]]:
    """Every document (with its sources) and every story, each with a ``type``."""
    for document in iter_documents(session):
        yield {
            "type": "document",
            **document_record(document),
            "sources": [s.locator for s in document_sources(session, document.id)],
        }
    for story in list_stories(session):
        yield {"type": "story", **story}


def documents_query(outlet: str | None = None, story: str | None = None) -> Select[Document]:
    """Documents filtered by outlet (id or name) and story, newest first."""
    query = select(Document).order_by(Document.published_at.desc(), Document.id)
    if outlet:
        query = query.where((Document.outlet_id == outlet) | (Document.outlet_name == outlet))
    if story:
        query = query.where(Document.story_id == story)
    return query
