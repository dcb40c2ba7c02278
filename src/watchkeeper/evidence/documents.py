"""Reading stored documents: the public way other stages get at the evidence base."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.store.models.evidence import Document, DocumentSource

_BATCH = 500


def iter_documents(session: Session, ids: Iterable[str] | None = None) -> Iterator[Document]:
    """Stored documents in id order, all of them or only those whose id is in ``ids``."""
    if ids is None:
        last = ""
        while True:
            batch = session.scalars(
                select(Document).where(Document.id > last).order_by(Document.id).limit(_BATCH)
            ).all()
            if not batch:
                return
            yield from batch
            last = batch[-1].id
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start : start + _BATCH]
        yield from session.scalars(select(Document).where(Document.id.in_(chunk)).order_by(Document.id))


def document_sources(session: Session, document_id: str) -> list[DocumentSource]:
    """Every file, URL or feed entry that yielded the document, oldest first."""
    return list(
        session.scalars(
            select(DocumentSource)
            .where(DocumentSource.document_id == document_id)
            .order_by(DocumentSource.fetched_at, DocumentSource.locator)
        )
    )
