"""What a panel report says, as data: findings per measure, the cap ledger, designated parties involved,
recommendations and the sources every statement cites.

Incidents are the reviewed view (:func:`watchkeeper.assess.reviewed_incidents`): analysts' rejections and
merges leave the body for annex III, their confirmations, corrections and splits show in it.

Templates only lay this out (HTML, Markdown, PDF); every number and sentence is decided here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.assess.grading import grade_meanings
from watchkeeper.assess.ledger import LedgerYear, cap_ledger
from watchkeeper.assess.reviewed import orphaned_reviews, reviewed_incidents
from watchkeeper.assess.rules import load_rules
from watchkeeper.assess.sightings import assess_data
from watchkeeper.lists import iter_designated_names
from watchkeeper.reading.kinds import kind_ids, kind_label
from watchkeeper.regime import Regime
from watchkeeper.report.findings import ledger_notes, recommendations, summary_paragraphs
from watchkeeper.report.reviewed import orphan_rows, review_line, reviewed_out_rows
from watchkeeper.store.models.assess import (
    AssessedIncident,
    AssessedIncidentEvidence,
    CapNotification,
    MeasureLink,
)
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.maritime import MaritimeEvent

WELL_CORROBORATED = ("A", "B")
SOURCE_WORDS = {"media": "Own reporting", "anonymous": "Unnamed sources"}
# A wire dateline opening a sentence ("LONDON, Nov 22 (GPA) - "): where, not what, so the report drops it.
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s+(?:\w+\.?\s+\d{1,2}\s+)?\([A-Za-z-]+\)\s+[-\u2013\u2014]+\s+")


@dataclass
class Source:
    """One entry of the sources annex: a stored document or a stored AIS event."""

    number: int
    kind: str  # document | maritime_event
    id: str
    label: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


class Sources:
    """The annex of sources, numbered in order of first citation."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.entries: dict[str, Source] = {}

    def cite(self, document_id: str | None = None, maritime_event_id: str | None = None) -> int | None:
        """The annex number of a stored document or maritime event (added on first citation)."""
        key = document_id or maritime_event_id
        if key is None:
            return None
        if key not in self.entries:
            number = len(self.entries) + 1
            if document_id:
                doc = self.session.get(Document, document_id)
                if doc is None:
                    return None
                published = doc.published_at.date().isoformat() if doc.published_at else None
                label = doc.outlet_name or doc.outlet_id or "Unknown outlet"
                self.entries[key] = Source(number, "document", doc.id, label, doc.title, doc.url, published)
            else:
                event = self.session.get(MaritimeEvent, maritime_event_id)
                if event is None:
                    return None
                label = f"AIS {event.kind.replace('_', ' ')} record"
                names = ", ".join(v.get("name") or str(v.get("mmsi")) for v in event.vessels or [])
                self.entries[key] = Source(
                    number, "maritime_event", event.id, label, names, None, event.start_at.date().isoformat()
                )
        return self.entries[key].number

    def annex(self) -> list[Source]:
        return sorted(self.entries.values(), key=lambda s: s.number)


@dataclass
class EvidenceRow:
    source: str
    source_class: str
    outlet: str
    date: str
    quoted: str
    ref: int | None


@dataclass
class IncidentView:
    """One incident as the report presents it."""

    id: str
    kind: str
    kind_label: str
    when: str
    on: date | None
    summary: str
    grade: str
    grade_meaning: str
    reasons: list[str]
    status: str
    refs: list[int]
    evidence: list[EvidenceRow]
    denials: list[EvidenceRow]
    actors: str
    quantities: str
    measures: list[dict[str, Any]]
    override: str | None
    designated: list[dict[str, str]]
    actor_records: list[dict[str, Any]]
    review: str | None = None  # who confirmed, corrected, merged or split it
    confirmed: bool = False


@dataclass
class MeasureSection:
    """Incidents that bear on the same measures, under a heading naming them."""

    title: str
    measures: list[dict[str, Any]]
    incidents: list[IncidentView] = field(default_factory=list)

    @property
    def grades(self) -> dict[str, int]:
        return dict(sorted(Counter(i.grade for i in self.incidents).items()))


@dataclass
class Recommendation:
    text: str
    refs: list[int] = field(default_factory=list)


@dataclass
class ReportData:
    """Everything the templates lay out."""

    start: date
    end: date
    generated_at: datetime
    regime_version: str
    summary: list[Recommendation]
    sections: list[MeasureSection]
    unlinked: list[IncidentView]
    ledger: list[LedgerYear]
    ledger_notes: list[Recommendation]
    notifications: list[dict[str, Any]]
    designated: list[dict[str, Any]]
    recommendations: list[Recommendation]
    sources: list[Source]
    grades: dict[str, str]
    rules: list[dict[str, str]]
    features: list[dict[str, Any]]
    incidents: list[IncidentView]
    charts: dict[str, str] = field(default_factory=dict)
    reviewed_out: list[dict[str, Any]] = field(default_factory=list)
    orphaned_reviews: list[dict[str, Any]] = field(default_factory=list)


def _when(row: AssessedIncident) -> str:
    if row.date is None and row.date_end is None:
        return "undated"
    if row.date is None:
        return f"by {row.date_end.isoformat()}"  # type: ignore[union-attr]
    if row.precision == "month":
        return row.date.strftime("%B %Y")
    if row.precision == "year":
        return str(row.date.year)
    if row.date_end and row.date_end != row.date:
        return f"{row.date.isoformat()} to {row.date_end.isoformat()}"
    return row.date.isoformat()


def _row(e: AssessedIncidentEvidence, sources: Sources, outlets: dict[str, str]) -> EvidenceRow:
    ref = sources.cite(e.document_id, None if e.document_id else e.maritime_event_id)
    outlet = outlets.get(e.document_id or "", "AIS tracking" if e.maritime_event_id else "")
    day = e.published_at.date().isoformat() if e.published_at else ""
    source = SOURCE_WORDS.get(e.source_class) or e.source_name or e.source_key
    return EvidenceRow(source, e.source_class, outlet, day, e.quoted, ref)


def _distinct(rows: list[EvidenceRow], *, by_words: bool = False) -> list[EvidenceRow]:
    """Rows once each: per source and words (``by_words``: the same words quoted by copies count once)."""
    seen: set[tuple[int | None, str]] = set()
    out = []
    for row in rows:
        key = (None if by_words else row.ref, row.quoted)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def _view(
    row: AssessedIncident,
    links: list[MeasureLink],
    evidence: list[AssessedIncidentEvidence],
    sources: Sources,
    outlets: dict[str, str],
    names: dict[str, dict[str, str]],
) -> IncidentView:
    reports = _distinct([_row(e, sources, outlets) for e in evidence if e.stance == "reports"])
    denials = _distinct([_row(e, sources, outlets) for e in evidence if e.stance == "denies"], by_words=True)
    for denial in denials:
        denial.source = next(
            e.source_name for e in evidence if e.stance == "denies" and e.quoted == denial.quoted
        )
    reasons = [
        f["explanation"] for f in row.grade_features if f["points"] or (f["name"] == "denials" and f["value"])
    ]
    override = (
        (
            f"Grade set to {row.grade_override} by {row.override_by} (computed {row.computed_grade}): "
            f"{row.override_reason}"
        )
        if row.grade_override
        else None
    )
    designated = [
        {
            "designation_id": a["designation_id"],
            "name": a["name"],
            "role": a["role"],
            "reference": None,
            "listed_name": None,
            **names.get(a["designation_id"], {}),
        }
        for a in row.actors
        if a.get("designation_id")
    ]
    quantities = sorted({q["text"] for q in row.quantities if q.get("text")})
    return IncidentView(
        id=row.id,
        kind=row.kind,
        kind_label=kind_label(row.kind),
        when=_when(row),
        on=row.date or row.date_end,
        summary=DATELINE.sub("", row.summary),
        grade=row.grade,
        grade_meaning=grade_meanings().get(row.grade, ""),
        reasons=reasons,
        status=row.status,
        refs=sorted({r.ref for r in reports if r.ref}),
        evidence=reports,
        denials=denials,
        actors="; ".join(f"{a['role']}: {a['name']}" for a in row.actors),
        quantities=", ".join(quantities),
        measures=[{"id": link.measure_id, **link.explanation} for link in links],
        override=override,
        designated=designated,
        actor_records=list(row.actors),
    )


def _measure_label(regime: Regime, measure_id: str) -> dict[str, Any]:
    measure = regime.measure(measure_id)
    return {
        "id": measure.id,
        "resolution": measure.resolution,
        "paragraph": measure.paragraph,
        "subject": measure.subject,
        "label": f"resolution {measure.resolution} ({measure.effective_from.year}), "
        f"paragraph {measure.paragraph}",
    }


def _designation_names(session: Session) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for name in iter_designated_names(session):
        if name.designation_id not in out or (
            name.kind == "primary" and out[name.designation_id]["kind"] != "primary"
        ):
            out[name.designation_id] = {
                "reference": name.reference,
                "listed_name": name.name,
                "schema": name.schema,
                "kind": name.kind,
            }
    return out


def build_report(session: Session, regime: Regime, start: date, end: date) -> ReportData:
    """Gather the period's findings; raises nothing when the period is empty (the report then says so)."""
    reviewed = reviewed_incidents(session, start=start, end=end, include_rejected=True, regime=regime)
    kept = [item for item in reviewed if not item.out]
    doc_ids = {e.document_id for item in kept for e in item.evidence if e.document_id}
    outlets = {
        d.id: d.outlet_name or d.outlet_id or ""
        for d in session.scalars(select(Document).where(Document.id.in_(doc_ids)))
    }
    names = _designation_names(session)
    sources = Sources(session)
    views = []
    for item in kept:
        view = _view(item.incident, item.links, item.evidence, sources, outlets, names)
        view.review, view.confirmed = review_line(item), item.status == "confirmed"
        views.append(view)
    sections: dict[tuple[str, ...], MeasureSection] = {}
    unlinked = []
    order = {m.id: i for i, m in enumerate(regime.measures)}
    for view in views:
        key = tuple(sorted({m["id"] for m in view.measures} - {"1718-op8d"}, key=order.get)) or (
            ("1718-op8d",) if view.measures else ()
        )
        if not key:
            unlinked.append(view)
            continue
        if key not in sections:
            labels = [_measure_label(regime, m) for m in key]
            sections[key] = MeasureSection(labels[0]["subject"], labels)
        sections[key].incidents.append(view)
    ordered = sorted(sections.items(), key=lambda kv: order.get(kv[0][0], 0))
    years = list(range(start.year, end.year + 1))
    ledger = [y for y in cap_ledger(session, regime, years=years) if y.reported or y.alleged]
    notifications = [
        {
            "year": n.year,
            "period": n.period,
            "state": n.reporting_state,
            "commodity": n.commodity,
            "quantity": n.quantity,
            "unit": n.unit,
            "barrels": n.barrels,
            "source": n.source,
        }
        for n in session.scalars(
            select(CapNotification)
            .where(CapNotification.year.in_(years))
            .order_by(CapNotification.year, CapNotification.period, CapNotification.reporting_state)
        )
    ]
    designated: dict[str, dict[str, Any]] = {}
    for view in views:
        for d in view.designated:
            entry = designated.setdefault(d["designation_id"], {**d, "incidents": []})
            entry["incidents"].append(view)
    rules = load_rules(regime)
    config_features = assess_data("grading")["features"]
    data = ReportData(
        start=start,
        end=end,
        generated_at=datetime.now(UTC),
        regime_version=regime.version,
        summary=[],
        sections=[s for _, s in ordered],
        unlinked=unlinked,
        ledger=ledger,
        ledger_notes=[],
        notifications=notifications,
        designated=sorted(designated.values(), key=lambda d: d["designation_id"]),
        recommendations=[],
        sources=[],
        grades=grade_meanings(),
        rules=[{"id": r.id, "kind": r.kind, "why": r.why} for r in rules.rules],
        features=[{"name": k, **v} for k, v in config_features.items()],
        incidents=views,
        reviewed_out=reviewed_out_rows(reviewed, {kind: kind_label(kind) for kind in kind_ids()}),
        orphaned_reviews=orphan_rows(orphaned_reviews(session)),
    )
    data.summary = summary_paragraphs(data, sources)
    data.ledger_notes = ledger_notes(data, sources)
    data.recommendations = recommendations(data, sources)
    data.sources = sources.annex()
    return data
