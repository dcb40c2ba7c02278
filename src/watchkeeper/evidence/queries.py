"""What other stages, the CLI and the workbench read of the evidence base: one document, titles, facets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from watchkeeper.errors import NotFoundError
from watchkeeper.store.models.evidence import Document


def get_document(session: Session, document_id: str) -> Document:
    """A document by its id; a missing one is a :class:`NotFoundError` pointing at `watchkeeper docs list`."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"no document with id {document_id!r} (see `watchkeeper docs list`)")
    return document


def document_titles(session: Session, ids: list[str]) -> dict[str, str | None]:
    """The titles of the documents with these ids (a missing id is left out)."""
    if not ids:
        return {}
    rows = session.execute(select(Document.id, Document.title).where(Document.id.in_(ids)))
    return {document_id: title for document_id, title in rows}


def document_facets(session: Session) -> dict[str, Any]:
    """The outlets (id, name) and languages present in the evidence base, for search forms."""
    outlets = session.execute(
        select(Document.outlet_id, func.max(Document.outlet_name))
        .where(Document.outlet_id.is_not(None))
        .group_by(Document.outlet_id)
        .order_by(Document.outlet_id)
    ).all()
    languages = session.scalars(
        select(Document.language).where(Document.language.is_not(None)).distinct().order_by(Document.language)
    ).all()
    return {
        "outlets": [(o, n or o) for o, n in outlets if o],
        "languages": [lang for lang in languages if lang],
    }
