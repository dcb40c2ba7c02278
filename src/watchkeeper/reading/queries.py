"""What the CLI and the workbench read of the reading stage's tables: an entity, its peers, claims, quotes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import distinct, func, or_, select
from sqlalchemy.orm import Session, aliased

from watchkeeper.errors import NotFoundError
from watchkeeper.reading.export import claim_record, quote_record
from watchkeeper.store.models.reading import Claim, Entity, Mention, Quote


def get_entity(session: Session, entity_id: str) -> Entity:
    """An entity by its exact id; a missing one is a :class:`NotFoundError`."""
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise NotFoundError(f"no entity with id {entity_id!r}")
    return entity


def entity_name(session: Session, entity_id: str) -> str | None:
    """An entity's name, or None when there is no entity with this id."""
    entity = session.get(Entity, entity_id)
    return entity.name if entity is not None else None


def related_entities(session: Session, entity_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """Entities mentioned in the same documents, by how many documents they share."""
    mine = select(Mention.document_id).where(Mention.entity_id == entity_id).distinct()
    other = aliased(Mention)
    shared = func.count(distinct(other.document_id))
    rows = session.execute(
        select(Entity.id, Entity.name, Entity.type, shared.label("documents"))
        .join(other, other.entity_id == Entity.id)
        .where(other.document_id.in_(mine), Entity.id != entity_id)
        .group_by(Entity.id, Entity.name, Entity.type)
        .order_by(shared.desc(), Entity.id)
        .limit(limit)
    ).all()
    return [r._asdict() for r in rows]


def list_claims(
    session: Session,
    *,
    document_id: str | None = None,
    entity_id: str | None = None,
    polarity: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Claims in document order, optionally of one document, by or about one entity, or of one polarity."""
    query = select(Claim).order_by(Claim.document_id, Claim.start, Claim.id).limit(limit).offset(offset)
    if document_id:
        query = query.where(Claim.document_id == document_id)
    if entity_id:
        query = query.where(or_(Claim.claimant_id == entity_id, Claim.accused_id == entity_id))
    if polarity:
        query = query.where(Claim.polarity == polarity)
    return [claim_record(c) for c in session.scalars(query)]


def list_quotes(
    session: Session,
    *,
    document_id: str | None = None,
    speaker_id: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes in document order, optionally of one document or one speaker."""
    query = select(Quote).order_by(Quote.document_id, Quote.start).limit(limit).offset(offset)
    if document_id:
        query = query.where(Quote.document_id == document_id)
    if speaker_id:
        query = query.where(Quote.speaker_id == speaker_id)
    return [quote_record(q) for q in session.scalars(query)]
