"""Sightings: each per-document incident (reading) and each maritime event, with who reports it and how.

A sighting is the unit that merges into an assessed incident. Its evidence says which source reports it (an
outlet quoting a government counts as that government; copies of one wire count once), what class of source
that is, whether direct evidence (imagery, debris, tracking) backs it, and which parties deny it. Every
speaker of the incident's sentence is a report of its own: the reading's claims (accusations) and the speakers
news attributes the act to (``assess/attribution.py``: "..., the military said", "according to X"). Who counts
as a source and as what is ``assess/sources.py``; a body's office is judged on the date of the act it reports.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.assess.attribution import Mention, attributed_claims, is_speech
from watchkeeper.assess.config import grading_config, merging_config
from watchkeeper.assess.rules import Actor
from watchkeeper.assess.sources import (
    admits,
    in_office,
    is_anonymous,
    is_former,
    is_objection,
    is_statement,
    mandate_end,
    original_reporter,
    source_class,
    speaker_for,
)
from watchkeeper.errors import WatchkeeperError
from watchkeeper.reading.kinds import kind_ids
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.maritime import MaritimeEvent
from watchkeeper.store.models.reading import Claim, Entity, Incident, IncidentActor
from watchkeeper.store.models.reading import Mention as MentionRow
from watchkeeper.vocabulary import DatePrecision, EvidenceType, IncidentStatus, Polarity, SourceClass, Stance

TRACKING_SOURCE = "tracking:ais"


@dataclass
class Evidence:
    """One report or denial of a sighting, ready to store as ``assessed_incident_evidence``."""

    stance: str  # a vocabulary.Stance
    quoted: str
    source_key: str
    source_name: str
    source_class: str  # a vocabulary.SourceClass
    evidence_type: str  # a vocabulary.EvidenceType
    direct_cues: list[str] = field(default_factory=list)
    incident_id: str | None = None
    claim_id: str | None = None
    maritime_event_id: str | None = None
    document_id: str | None = None
    start: int | None = None
    end: int | None = None
    outlet_id: str | None = None
    copy_group_id: str | None = None
    published_at: datetime | None = None


@dataclass
class Sighting:
    """One incident as one document (or one maritime event) tells it."""

    key: str
    kind: str
    start: date | None
    end: date | None
    precision: str
    actors: list[Actor]
    status: str
    text: str
    place_id: str | None = None
    place_text: str | None = None
    quantities: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    published: date | None = None
    port_country: str | None = None
    synthetic: bool = False  # from generated data (the maritime scenario): never merged with real sightings

    @property
    def window(self) -> tuple[date, date] | None:
        return window_of(self.start, self.end, self.precision)


def window_of(start: date | None, end: date | None, precision: str) -> tuple[date, date] | None:
    """The days a date of this precision may mean."""
    if start is None:
        return (end, end) if end is not None else None  # "by <date>": merge on the date it was true by
    if end is not None and end >= start:
        return start, end
    if precision == DatePrecision.WEEK:
        return start, start + timedelta(days=6)
    if precision == DatePrecision.MONTH:
        return start, start.replace(day=monthrange(start.year, start.month)[1])
    if precision == DatePrecision.QUARTER:
        last = min(start.month + 2, 12)
        return start, date(start.year, last, monthrange(start.year, last)[1])
    if precision == DatePrecision.YEAR:
        return start, date(start.year, 12, 31)
    return start, start


def _paragraph(text: str, start: int, end: int) -> str:
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", end)
    return text[left + 2 if left >= 0 else 0 : right if right >= 0 else len(text)]


def _direct_cues(text: str) -> list[str]:
    lowered = text.lower()
    found = []
    for cue, words in grading_config().direct_cues.items():
        if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
            found.append(cue)
    return found


def _overlaps(claim: Claim, incident: Incident) -> bool:
    return claim.start < incident.sent_end and claim.end > incident.sent_start


@dataclass
class _Context:
    entities: dict[str, Entity]
    documents: dict[str, Document]
    claims: dict[str, list[Claim]]
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    outlets: dict[str, str] = field(default_factory=dict)

    def name(self, entity_id: str | None) -> str:
        entity = self.entities.get(entity_id or "")
        return entity.name if entity else (entity_id or "")


def _outlet_source(ctx: _Context, doc: Document) -> tuple[str, str]:
    """The original reporter of a document's own words: a wire and all its copies and re-runs are one."""
    key = original_reporter(doc)
    outlet = ctx.outlets.get(key.partition(":")[2]) or doc.outlet_name or doc.outlet_id or doc.id
    carried = doc.wire_id and doc.wire_id != doc.outlet_id
    return key, f"{outlet} (wire, carried by {doc.outlet_name or doc.outlet_id})" if carried else outlet


def _claim_source(
    ctx: _Context, doc: Document, claim: Claim, admitting: set[str], on: date | None
) -> tuple[str, str, str]:
    """(key, name, class) of a statement: unnamed and former speakers are the outlet's unnamed source, a body
    out of office is research, a party affirming its own act confirms it."""
    key = speaker_for(claim.claimant_id or "")
    name = ctx.name(key)
    sentence = doc.text[claim.sent_start : claim.sent_end]
    former = is_former(doc, claim)
    if former or is_anonymous(sentence):
        outlet_key, outlet = _outlet_source(ctx, doc)
        who = f"a former member of {name}" if former else f"an unnamed source ({name})"
        return outlet_key, f"{outlet}, citing {who}", SourceClass.ANONYMOUS
    parties = {key} if admits(key, claim.accused_id, admitting) else set()
    cls = source_class(key, parties)
    if cls == SourceClass.OFFICIAL and not in_office(key, on):
        return key, f"{name} (mandate ended {mandate_end(key)})", SourceClass.RESEARCH
    return key, name, cls


def _reports(ctx: _Context, incident: Incident, doc: Document, admitting: set[str]) -> list[Evidence]:
    """One report per speaker of the incident's sentence (each claimant counts), else the outlet's own."""
    paragraph = _paragraph(doc.text, incident.start, incident.end)
    para_start = doc.text.find(paragraph)
    statements = [
        c
        for c in ctx.claims.get(doc.id, [])
        if c.polarity == Polarity.ASSERTS and c.claimant_id and is_statement(doc, c)
    ]
    attributed = [c for c in statements if _overlaps(c, incident)]
    named = attributed_claims(doc, incident, ctx.mentions.get(doc.id, []), ctx.name)
    attributed += [c for c in named if is_statement(doc, c)]
    # a party speaks of its own act in words that report it ("said", "announced"), not by naming it ("a
    # missile, which North Korea named the Hwasong-16B"): the outlet reports that
    acting = {speaker_for(a) for a in admitting}
    attributed = [c for c in attributed if is_speech(c.cue) or speaker_for(c.claimant_id or "") not in acting]
    # a speaker of the same act in the same paragraph, never one elsewhere in the article
    attributed = attributed or [
        c
        for c in statements
        if c.act == incident.kind and para_start <= c.start < para_start + len(paragraph)
    ]
    sentence = doc.text[incident.sent_start : incident.sent_end]
    cues = _direct_cues(paragraph)
    published = doc.published_at.date() if doc.published_at else None
    common: dict[str, Any] = {
        "stance": Stance.DENIES if incident.status == IncidentStatus.DENIED else Stance.REPORTS,
        "quoted": sentence.strip(),
        "evidence_type": EvidenceType.DIRECT if cues else EvidenceType.ASSERTION,
        "direct_cues": cues,
        "incident_id": incident.id,
        "document_id": doc.id,
        "start": incident.sent_start,
        "end": incident.sent_end,
        "outlet_id": doc.outlet_id,
        "copy_group_id": doc.copy_group_id,
        "published_at": doc.published_at,
    }
    # a body is in office for the acts it reports while it held the office, whenever it is cited
    on = incident.date or incident.date_end or published
    out: list[Evidence] = []
    seen: set[str] = set()
    for claim in attributed:
        key, name, cls = _claim_source(ctx, doc, claim, admitting, on)
        if key in seen:
            continue
        seen.add(key)
        stance = common["stance"]
        if cls == SourceClass.PARTY and incident.kind in grading_config().self_announced_kinds:
            stance = Stance.REPORTS  # a state announcing its own launch admits it
        out.append(
            Evidence(
                source_key=key,
                source_name=name,
                claim_id=claim.id,
                source_class=cls,
                **{**common, "stance": stance},
            )
        )
    if out:
        return out
    key, name = _outlet_source(ctx, doc)
    cls = SourceClass.ANONYMOUS if is_anonymous(sentence) else SourceClass.MEDIA
    return [Evidence(source_key=key, source_name=name, source_class=cls, **common)]


def _denials(ctx: _Context, incident: Incident, doc: Document, parties: set[str]) -> list[Evidence]:
    out = []
    kinds = kind_ids()
    self_announced = incident.kind in grading_config().self_announced_kinds
    for claim in ctx.claims.get(doc.id, []):
        # a denial of another kind of act is not a denial of this incident
        if claim.polarity != Polarity.DENIES or (claim.act in kinds and claim.act != incident.kind):
            continue
        # rejecting the resolutions is no denial of a launch the state announced itself
        if self_announced and (
            claim.act != incident.kind or is_objection(doc.text[claim.sent_start : claim.sent_end])
        ):
            continue
        who = speaker_for(claim.claimant_id or "")
        if who not in parties and speaker_for(claim.accused_id or "") not in parties:
            continue
        out.append(
            Evidence(
                stance=Stance.DENIES,
                quoted=doc.text[claim.start : claim.end].strip(),
                source_key=who,
                source_name=ctx.name(who) or claim.claimant_text or "",
                source_class=source_class(who, parties),
                evidence_type=EvidenceType.ASSERTION,
                claim_id=claim.id,
                incident_id=incident.id,
                document_id=doc.id,
                start=claim.start,
                end=claim.end,
                outlet_id=doc.outlet_id,
                copy_group_id=doc.copy_group_id,
                published_at=doc.published_at,
            )
        )
    return out


def reading_sightings(session: Session) -> list[Sighting]:
    """Every per-document incident the reading stage stored, with its reports and denials."""
    incidents = list(session.scalars(select(Incident).order_by(Incident.document_id, Incident.start)))
    if not incidents:
        return []
    doc_ids = sorted({i.document_id for i in incidents})
    ctx = _Context(
        entities={e.id: e for e in session.scalars(select(Entity))},
        documents={d.id: d for d in session.scalars(select(Document).where(Document.id.in_(doc_ids)))},
        claims={},
        outlets={
            outlet_id: name
            for outlet_id, name in session.execute(
                select(Document.outlet_id, Document.outlet_name).distinct()
            )
            if outlet_id and name
        },
    )
    for claim in session.scalars(select(Claim).where(Claim.document_id.in_(doc_ids)).order_by(Claim.start)):
        ctx.claims.setdefault(claim.document_id, []).append(claim)
    for mention in session.scalars(
        select(MentionRow).where(MentionRow.document_id.in_(doc_ids), MentionRow.entity_id.is_not(None))
    ):
        ctx.mentions.setdefault(mention.document_id, []).append(
            Mention(mention.start, mention.end, mention.entity_id or "")
        )
    actors: dict[str, list[IncidentActor]] = {}
    for row in session.scalars(select(IncidentActor).order_by(IncidentActor.incident_id, IncidentActor.role)):
        actors.setdefault(row.incident_id, []).append(row)
    sightings = []
    kinds = kind_ids()
    for incident in incidents:
        if incident.kind not in kinds:
            raise WatchkeeperError(
                f"incident {incident.id} of document {incident.document_id} has the kind {incident.kind!r}, "
                "which data/reading/incidents.yaml does not define: add the kind there, or read the "
                "documents again (`watchkeeper read --all --force`)"
            )
        doc = ctx.documents[incident.document_id]
        cast = [
            Actor(
                a.role,
                a.entity_id,
                ctx.name(a.entity_id),
                ctx.entities[a.entity_id].designation_id if a.entity_id in ctx.entities else None,
            )
            for a in actors.get(incident.id, [])
        ]
        parties = {a.entity_id for a in cast}
        admitting = {a.entity_id for a in cast if a.role in grading_config().admitting_roles}
        evidence = [*_reports(ctx, incident, doc, admitting), *_denials(ctx, incident, doc, parties)]
        quantities = [
            {**q, "document_id": doc.id, "incident_id": incident.id} for q in incident.quantities or []
        ]
        sightings.append(
            Sighting(
                key=incident.id,
                kind=incident.kind,
                start=incident.date,
                end=incident.date_end,
                precision=incident.precision,
                actors=cast,
                status=incident.status,
                text=doc.text[incident.sent_start : incident.sent_end].strip(),
                place_id=incident.place_id,
                place_text=incident.place_text,
                quantities=quantities,
                evidence=evidence,
                published=doc.published_at.date() if doc.published_at else None,
            )
        )
    return sightings


def _vessel_id(vessel: dict[str, Any]) -> str:
    name = vessel.get("name") or vessel.get("mmsi") or "unknown"
    return "vessel:" + re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")


def maritime_sightings(session: Session) -> list[Sighting]:
    """Maritime events whose incident kind the assessment counts (``merging.yaml`` ``maritime_kinds``)."""
    kinds = merging_config().maritime_kinds
    out = []
    for event in session.scalars(select(MaritimeEvent).order_by(MaritimeEvent.start_at, MaritimeEvent.id)):
        kind = kinds.get(event.incident_kind or "")
        if kind is None:
            continue
        designation_by_mmsi = {str(m.get("mmsi")): m.get("designation_id") for m in event.matches or []}
        cast = [
            Actor(
                "vessel",
                _vessel_id(v),
                v.get("name") or f"MMSI {v.get('mmsi')}",
                designation_by_mmsi.get(str(v.get("mmsi"))),
                v.get("flag"),
            )
            for v in event.vessels or []
        ]
        if event.port_country == "PRK" or any(a.flag == "PRK" for a in cast):
            cast.append(Actor("to", "country:north-korea", "North Korea"))
        names = " and ".join(a.name for a in cast if a.role == "vessel")
        where = (
            f" at {event.port}"
            if event.port
            else (f" at {event.lat:.3f}, {event.lon:.3f}" if event.lat is not None else "")
        )
        hours = (event.end_at - event.start_at).total_seconds() / 3600
        what = event.kind.replace("_", " ")
        label = "Synthetic AIS scenario, demonstration data" if event.synthetic else "AIS tracking"
        text = f"{label}: {what} of {names}{where}, {hours:.1f} h from {event.start_at:%Y-%m-%d %H:%M} UTC."
        evidence = Evidence(
            stance=Stance.REPORTS,
            quoted=text,
            source_key=TRACKING_SOURCE,
            source_name=label,
            source_class=SourceClass.TRACKING,
            evidence_type=EvidenceType.DIRECT,
            direct_cues=["tracking"],
            maritime_event_id=event.id,
            published_at=event.start_at,
        )
        out.append(
            Sighting(
                key=event.id,
                kind=kind,
                start=event.start_at.date(),
                end=event.end_at.date(),
                precision=DatePrecision.DAY,
                actors=cast,
                status=IncidentStatus.OBSERVED,
                text=text,
                place_text=event.port,
                evidence=[evidence],
                published=event.start_at.date(),
                port_country=event.port_country,
                synthetic=bool(event.synthetic),
            )
        )
    return out
