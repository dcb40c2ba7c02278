"""Reading records as plain dicts: for ``watchkeeper export``, ``docs show`` and ``entities show``.

Each record has a ``type`` (``entity``, ``mention``, ``quote``, ``claim``, ``incident``, ``date_mention``)
and the ids that link records: a mention's ``document_id`` and ``entity_id``, a quote's ``document_id`` and
``speaker_id``, a claim's ``claimant_id`` and ``accused_id``, an incident's ``actors`` (role,
``entity_id``) and ``place_id``, a date mention's ``document_id``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from watchkeeper.errors import NotFoundError
from watchkeeper.reading.identity import name_key
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.reading import (
    Claim,
    DateMention,
    Entity,
    Incident,
    IncidentActor,
    Mention,
    Quote,
)

Record = dict[str, Any]
_SPAN = ("start", "end", "sent_start", "sent_end")


def _span(row: Any) -> Record:
    return {k: getattr(row, k) for k in _SPAN}


def entity_record(e: Entity) -> Record:
    return {
        "type": "entity",
        "id": e.id,
        "entity_type": e.type,
        "name": e.name,
        "aliases": e.aliases,
        "designation_id": e.designation_id,
        "source": e.source,
    }


def mention_record(m: Mention) -> Record:
    return {
        "type": "mention",
        "id": m.id,
        "document_id": m.document_id,
        **_span(m),
        "text": m.text,
        "label": m.label,
        "entity_id": m.entity_id,
    }


def quote_record(q: Quote) -> Record:
    return {
        "type": "quote",
        "id": q.id,
        "document_id": q.document_id,
        **_span(q),
        "words": q.words,
        "cue": q.cue,
        "speaker": q.speaker_text,
        "speaker_id": q.speaker_id,
        "speaker_mention_id": q.speaker_mention_id,
        "fragments": q.fragments or [{"start": q.start, "end": q.end, "text": q.words}],
        "source": q.source,
    }


def claim_record(c: Claim) -> Record:
    return {
        "type": "claim",
        "id": c.id,
        "document_id": c.document_id,
        **_span(c),
        "cue": c.cue,
        "polarity": c.polarity,
        "act": c.act,
        "claimant": c.claimant_text,
        "claimant_id": c.claimant_id,
        "accused": c.accused_text,
        "accused_id": c.accused_id,
    }


def date_mention_record(d: DateMention) -> Record:
    """A time expression read in a document: span, words, TIMEX3 type, TimeML value, precision and window."""
    return {
        "type": "date_mention",
        "id": d.id,
        "document_id": d.document_id,
        "start": d.start,
        "end": d.end,
        "text": d.text,
        "timex_type": d.timex_type,
        "value": d.value,
        "precision": d.precision,
        "date": d.date,
        "date_end": d.date_end,
    }


def incident_record(i: Incident, actors: list[IncidentActor], evidence: str | None = None) -> Record:
    """One document's incident; ``evidence``: the sentence that reports it (``start``/``end`` in the text)."""
    # "document_incident": the incident as one document tells it; "incident" is the assessed incident.
    return {
        "type": "document_incident",
        "id": i.id,
        "document_id": i.document_id,
        **_span(i),
        "kind": i.kind,
        "trigger": i.trigger,
        "date": i.date,
        "date_end": i.date_end,
        "precision": i.precision,
        "date_text": i.date_text,
        "place": i.place_text,
        "place_id": i.place_id,
        "quantities": i.quantities,
        "tally": i.tally,
        "status": i.status,
        "is_main": i.is_main,
        "evidence": evidence,
        "mentions": i.mentions,
        "actors": [
            {"role": a.role, "entity_id": a.entity_id, "text": a.text, "implied": a.implied} for a in actors
        ],
    }


def _actors(session: Session, incident_ids: list[str]) -> dict[str, list[IncidentActor]]:
    out: dict[str, list[IncidentActor]] = {}
    if incident_ids:
        query = select(IncidentActor).where(IncidentActor.incident_id.in_(incident_ids))
        for actor in session.scalars(query.order_by(IncidentActor.incident_id, IncidentActor.role)):
            out.setdefault(actor.incident_id, []).append(actor)
    return out


def _incidents(session: Session, query: Any) -> list[Record]:
    rows = list(session.scalars(query))
    actors = _actors(session, [r.id for r in rows])
    ids = sorted({r.document_id for r in rows})
    texts = {d: t for d, t in session.execute(select(Document.id, Document.text).where(Document.id.in_(ids)))}
    return [
        incident_record(
            r, actors.get(r.id, []), texts[r.document_id][r.start : r.end] if r.document_id in texts else None
        )
        for r in rows
    ]


def records(session: Session) -> Iterator[Record]:
    """Every reading record, entities first, then per type in document and span order."""
    for entity in session.scalars(select(Entity).order_by(Entity.id)):
        yield entity_record(entity)
    for mention in session.scalars(select(Mention).order_by(Mention.document_id, Mention.start)):
        yield mention_record(mention)
    for quote in session.scalars(select(Quote).order_by(Quote.document_id, Quote.start)):
        yield quote_record(quote)
    for claim in session.scalars(select(Claim).order_by(Claim.document_id, Claim.start, Claim.id)):
        yield claim_record(claim)
    yield from _incidents(
        session, select(Incident).order_by(Incident.document_id, Incident.start, Incident.id)
    )
    for found in session.scalars(select(DateMention).order_by(DateMention.document_id, DateMention.start)):
        yield date_mention_record(found)


def document_reading(session: Session, document_id: str) -> Record:
    """One document's text with everything read in it."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"no document with id {document_id!r}")
    by_doc = lambda model: select(model).where(model.document_id == document_id).order_by(model.start)  # noqa: E731
    return {
        "id": document.id,
        "title": document.title,
        "outlet": document.outlet_name,
        "published_at": document.published_at,
        "text": document.text,
        "mentions": [mention_record(m) for m in session.scalars(by_doc(Mention))],
        "quotes": [quote_record(q) for q in session.scalars(by_doc(Quote))],
        "claims": [claim_record(c) for c in session.scalars(by_doc(Claim))],
        "incidents": _incidents(session, by_doc(Incident)),
        "dates": [date_mention_record(d) for d in session.scalars(by_doc(DateMention))],
    }


def find_entity(session: Session, name: str) -> Entity:
    """An entity by id, name or alias (case-insensitive)."""
    entity = session.get(Entity, name)
    if entity is not None:
        return entity
    key = name_key(name)
    for candidate in session.scalars(select(Entity).order_by(Entity.id)):
        if any(name_key(n) == key for n in [candidate.name, *candidate.aliases]):
            return candidate
    raise NotFoundError(f"no entity named {name!r} (see `watchkeeper entities list`)")


def entity_profile(session: Session, entity: Entity) -> Record:
    """An entity with the aliases seen, mentions per document, quotes by it, claims about it, incidents."""
    per_document: dict[str, int] = {}
    seen: set[str] = set()
    for mention in session.scalars(select(Mention).where(Mention.entity_id == entity.id)):
        per_document[mention.document_id] = per_document.get(mention.document_id, 0) + 1
        seen.add(mention.text)
    claims = select(Claim).where(or_(Claim.claimant_id == entity.id, Claim.accused_id == entity.id))
    involved = select(IncidentActor.incident_id).where(IncidentActor.entity_id == entity.id)
    incidents = select(Incident).where(or_(Incident.id.in_(involved), Incident.place_id == entity.id))
    return {
        **entity_record(entity),
        "aliases_seen": sorted(seen),
        "mentions": [{"document_id": d, "count": n} for d, n in sorted(per_document.items())],
        "quotes": [
            quote_record(q)
            for q in session.scalars(
                select(Quote).where(Quote.speaker_id == entity.id).order_by(Quote.document_id, Quote.start)
            )
        ],
        "claims": [claim_record(c) for c in session.scalars(claims.order_by(Claim.document_id, Claim.start))],
        "incidents": _incidents(session, incidents.order_by(Incident.date, Incident.id)),
    }


def entity_list(session: Session) -> list[Record]:
    """Every entity with how many mentions and documents it has."""
    counts: dict[str, tuple[int, set[str]]] = {}
    for entity_id, document_id in session.execute(select(Mention.entity_id, Mention.document_id)):
        n, docs = counts.setdefault(entity_id or "", (0, set()))
        docs.add(document_id)
        counts[entity_id or ""] = (n + 1, docs)
    out = []
    for entity in session.scalars(select(Entity).order_by(Entity.type, Entity.id)):
        n, docs = counts.get(entity.id, (0, set()))
        out.append({**entity_record(entity), "mentions": n, "documents": len(docs)})
    return out
