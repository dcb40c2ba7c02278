"""``read_documents``: run the reading pipeline over stored documents and store what it read.

One transaction per document (its old records are replaced, so a rerun changes nothing); documents already
read with the same pipeline version are skipped, so an interrupted run finishes where it stopped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from watchkeeper.errors import NotFoundError, StoreError
from watchkeeper.evidence import iter_documents
from watchkeeper.lists import iter_designated_names
from watchkeeper.reading.dates import event_dates
from watchkeeper.reading.identity import EntityLinker
from watchkeeper.reading.knowledge import GazetteerEntry, load_knowledge, slug
from watchkeeper.reading.pipeline import (
    Reading,
    add_designated_names,
    new_pipeline,
    pipeline_version,
    read_texts,
)
from watchkeeper.reading.records import (
    ActorRecord,
    ClaimRecord,
    DateRecord,
    IncidentRecord,
    MentionRecord,
    QuoteRecord,
    SpanRecord,
)
from watchkeeper.reading.speakers import DESCRIPTION
from watchkeeper.store import Store
from watchkeeper.store.base import content_id
from watchkeeper.store.models.reading import (
    Claim,
    DateMention,
    DocumentReading,
    Incident,
    IncidentActor,
    Mention,
    Quote,
)
from watchkeeper.vocabulary import TimexType

TYPE_BY_SCHEMA = {"Person": "person", "Organization": "org", "LegalEntity": "org", "Vessel": "vessel"}
MIN_DESIGNATED_NAME = 4  # shorter list names ("KKG") match too much ordinary text


@dataclass
class ReadSummary:
    """What one ``read_documents`` run did."""

    read: list[str] = field(default_factory=list)
    skipped: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    version: str = ""


def designated_entries(session: Session) -> list[GazetteerEntry]:
    """The sanctions lists' designations as gazetteer entries (good-quality names, all scripts)."""
    by_designation: dict[str, tuple[str, list[str]]] = {}
    for name in iter_designated_names(session):
        kind = TYPE_BY_SCHEMA.get(name.schema)
        if kind is None or name.quality == "low" or len(name.name) < MIN_DESIGNATED_NAME:
            continue
        entry = by_designation.setdefault(name.designation_id, (kind, []))
        forms = [name.name, name.name.title()] if name.name.isupper() else [name.name]
        entry[1].extend(f for f in forms if f not in entry[1])
    return [
        GazetteerEntry(
            id=f"{kind}:{slug(names[0])}", name=names[0], names=names, designation_id=designation_id
        )
        for designation_id, (kind, names) in by_designation.items()
        if names
    ]


def _version(base: str, entries: list[GazetteerEntry]) -> str:
    digest = hashlib.sha256("\n".join(f"{e.id}|{'|'.join(e.names)}" for e in entries).encode()).hexdigest()
    return f"{base}-{digest[:8]}"


def read_documents(
    store: Store,
    ids: Iterable[str] | None = None,
    *,
    batch_size: int = 16,
    n_process: int = 1,
    force: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> ReadSummary:
    """Read stored documents (all, or ``ids``) and store their mentions, quotes, claims and incidents."""
    wanted = list(dict.fromkeys(ids)) if ids is not None else None
    with store.session() as session:
        entries = designated_entries(session)
        version = _version(pipeline_version(), entries)
        done = {
            row[0]: row[1]
            for row in session.execute(select(DocumentReading.document_id, DocumentReading.pipeline_version))
        }
        todo: list[tuple[str, str, date | None]] = []
        seen: set[str] = set()
        for document in iter_documents(session, wanted):
            seen.add(document.id)
            if force or done.get(document.id) != version:
                published = document.published_at.date() if document.published_at else None
                todo.append((document.id, document.text, published))
    if wanted is not None and (missing := [i for i in wanted if i not in seen]):
        raise NotFoundError(f"no document with id {missing[0]!r} (see `watchkeeper docs list`)")
    summary = ReadSummary(skipped=len(seen) - len(todo), version=version)
    if not todo:
        return summary
    nlp = new_pipeline()
    add_designated_names(nlp, entries)
    known = {e.id: e for e in [*load_knowledge().gazetteer.entries(), *entries]}
    readings = read_texts(
        ((text, published) for _, text, published in todo),
        nlp=nlp,
        batch_size=batch_size,
        n_process=n_process,
    )
    for i, ((document_id, _, _), reading) in enumerate(zip(todo, readings, strict=True)):
        try:
            with store.session() as session:
                counts = store_reading(session, document_id, reading, known)
                session.merge(
                    DocumentReading(document_id=document_id, pipeline_version=version, counts=counts)
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"storing what was read in document {document_id} failed: {exc}") from exc
        summary.read.append(document_id)
        for key, value in counts.items():
            summary.counts[key] = summary.counts.get(key, 0) + value
        if on_progress is not None:
            on_progress(i + 1, len(todo))
    return summary


def _clear(session: Session, document_id: str) -> None:
    incident_ids = select(Incident.id).where(Incident.document_id == document_id)
    session.execute(delete(IncidentActor).where(IncidentActor.incident_id.in_(incident_ids)))
    for model in (Incident, Claim, Quote, Mention, DateMention):
        session.execute(delete(model).where(model.document_id == document_id))
    session.flush()


def _spans(record: MentionRecord | QuoteRecord | ClaimRecord | IncidentRecord) -> dict[str, int]:
    return {
        "start": record["start"],
        "end": record["end"],
        "sent_start": record["sent_start"],
        "sent_end": record["sent_end"],
    }


def store_reading(
    session: Session, document_id: str, reading: Reading, known: dict[str, GazetteerEntry]
) -> dict[str, int]:
    """Replace one document's records with ``reading``; returns counts per record type."""
    _clear(session, document_id)
    linker = EntityLinker(session, known)
    mention_at: dict[tuple[int, int], Mention] = {}
    for m in reading.mentions:
        entity_id = linker.link(m["text"], m["type"], m["entity_id"])
        mention = Mention(
            id=content_id("mention", document_id, m["start"], m["end"]),
            document_id=document_id,
            text=m["text"],
            label=m["label"],
            entity_id=entity_id,
            **_spans(m),
        )
        session.add(mention)
        mention_at[(m["start"], m["end"])] = mention
    session.flush()

    def entity_of(record: SpanRecord | ActorRecord | None) -> str | None:
        if not record:
            return None
        start, end = record["start"], record["end"]
        mention = mention_at.get((start, end)) if start is not None and end is not None else None
        if mention is not None:
            return mention.entity_id
        return linker.link(record["text"], record["type"], record["entity_id"])

    for q in reading.quotes:
        speaker = q["speaker"]
        spoken_by = mention_at.get((speaker["start"], speaker["end"]))
        session.add(
            Quote(
                id=content_id("quote", document_id, q["start"], q["end"]),
                document_id=document_id,
                words=q["text"],
                cue=str(q["cue"])[:100],
                speaker_text=speaker["text"],
                speaker_mention_id=spoken_by.id if spoken_by else None,
                speaker_id=None if speaker["type"] == DESCRIPTION else entity_of(speaker),
                fragments=q.get("fragments"),
                source=q.get("source"),
                **_spans(q),
            )
        )
    claim_ids: set[str] = set()
    for c in reading.claims:
        claimant = c["claimant"]
        accused_list: list[SpanRecord | ActorRecord | None] = [*c["accused"]] or [None]
        for accused in accused_list:
            accused_id = entity_of(accused)
            claim_id = content_id(
                "claim", document_id, c["start"], c["end"], entity_of(claimant), accused_id, c["polarity"]
            )
            if claim_id in claim_ids:  # the same entity accused twice in one clause
                continue
            claim_ids.add(claim_id)
            session.add(
                Claim(
                    id=claim_id,
                    document_id=document_id,
                    cue=str(c["cue"])[:100],
                    polarity=c["polarity"],
                    act=c["act"],
                    claimant_text=claimant["text"],
                    claimant_id=entity_of(claimant),
                    accused_text=accused["text"] if accused else None,
                    accused_id=accused_id,
                    **_spans(c),
                )
            )
    incident_count = 0
    seen_ids: dict[str, int] = {}
    for inc in reading.incidents:
        incident_id = content_id(
            "incident", document_id, inc["kind"], inc["start"], inc["date"], inc["date_end"], inc["precision"]
        )
        repeat = seen_ids.get(incident_id, 0)
        seen_ids[incident_id] = repeat + 1
        if repeat:  # "two launches earlier this month": counted acts share words and date, not identity
            incident_id = content_id("incident", incident_id, repeat)
        place = inc["place"]
        session.add(
            Incident(
                id=incident_id,
                document_id=document_id,
                kind=inc["kind"],
                trigger=inc["trigger"],
                date=_date(inc["date"]),
                date_end=_date(inc["date_end"]),
                precision=inc["precision"],
                date_text=inc["date_text"],
                place_text=place["text"] if place else None,
                place_id=entity_of(place),
                quantities=inc["quantities"],
                tally=inc.get("tally"),
                mentions=inc.get("mentions", []),
                status=inc["status"],
                is_main=inc.get("is_main", True),
                **_spans(inc),
            )
        )
        session.flush()
        roles: set[tuple[str, str]] = set()
        for actor in inc["actors"]:
            actor_id = entity_of(actor)
            if actor_id is None or (actor["role"], actor_id) in roles:
                continue
            roles.add((actor["role"], actor_id))
            session.add(
                IncidentActor(
                    incident_id=incident_id,
                    role=actor["role"],
                    entity_id=actor_id,
                    text=actor["text"],
                    implied=bool(actor.get("implied")),
                )
            )
        incident_count += 1
    for d in reading.dates:
        session.add(date_mention_row(document_id, d))
    session.flush()
    return {
        "dates": len(reading.dates),
        "mentions": len(reading.mentions),
        "quotes": len(reading.quotes),
        "claims": len(reading.claims),
        "incidents": incident_count,
    }


def date_mention_row(document_id: str, record: DateRecord) -> DateMention:
    """A date record as stored: a date or time keeps its window and precision, a duration, a set or a
    reference ("now") only its TimeML value."""
    dated = record in event_dates([record])
    return DateMention(
        id=content_id("date_mention", document_id, record["start"], record["end"]),
        document_id=document_id,
        start=record["start"],
        end=record["end"],
        text=record["text"],
        timex_type=record.get("type", TimexType.DATE),
        value=record.get("value") or record["date"],
        precision=record["precision"] if dated else None,
        date=_date(record["date"]) if dated else None,
        date_end=_date(record["date_end"]) if dated else None,
    )


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None
