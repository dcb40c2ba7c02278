"""Incidents as the report presents them: the sources annex that numbers their citations, and one view per
incident with the provenance of its grade, measures, quantities and denials."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from watchkeeper.assess.config import grading_config
from watchkeeper.assess.grading import grade_meanings
from watchkeeper.lists import iter_designated_names
from watchkeeper.reading.kinds import kind_label
from watchkeeper.report.model import EvidenceRow, Figure, IncidentView, Paragraph, Source
from watchkeeper.report.words import settle_plurals
from watchkeeper.store.models.assess import AssessedIncident, AssessedIncidentEvidence, MeasureLink
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.maritime import MaritimeEvent
from watchkeeper.vocabulary import DatePrecision, SourceClass, Stance

SOURCE_WORDS: dict[str, str] = {SourceClass.MEDIA: "Own reporting", SourceClass.ANONYMOUS: "Unnamed sources"}
# A wire dateline opening a sentence ("LONDON, Nov 22 (GPA) - "): where, not what, so the report drops it.
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,\s+(?:\w+\.?\s+\d{1,2}\s+)?\([A-Za-z-]+\)\s+[-\u2013\u2014]+\s+")
GRADING_RULE = "score = sum of weight x value over the grading features; first band the score reaches"


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
        """Every cited source, in citation order."""
        return sorted(self.entries.values(), key=lambda s: s.number)


def _when(row: AssessedIncident) -> str:
    start: date | None = row.date
    end: date | None = row.date_end
    if start is None:
        return f"by {end.isoformat()}" if end is not None else "undated"
    if row.precision == DatePrecision.MONTH:
        return start.strftime("%B %Y")
    if row.precision == DatePrecision.YEAR:
        return str(start.year)
    if end and end != start:
        return f"{start.isoformat()} to {end.isoformat()}"
    return start.isoformat()


def _window(row: AssessedIncident) -> tuple[date | None, date | None]:
    """The first and last day the incident's date covers: a month or year spans all its days."""
    start: date | None = row.date
    end: date | None = row.date_end or row.date
    if start is not None and row.precision == DatePrecision.MONTH and row.date_end in (None, start):
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = following - timedelta(days=1)
    elif start is not None and row.precision == DatePrecision.YEAR and row.date_end in (None, start):
        end = date(start.year, 12, 31)
    return start, end


def _row(e: AssessedIncidentEvidence, sources: Sources, outlets: dict[str, str]) -> EvidenceRow:
    ref = sources.cite(e.document_id, None if e.document_id else e.maritime_event_id)
    outlet = outlets.get(e.document_id or "", "AIS tracking" if e.maritime_event_id else "")
    day = e.published_at.date().isoformat() if e.published_at else ""
    source = SOURCE_WORDS.get(e.source_class) or e.source_name or e.source_key
    note = "" if e.source_class in SOURCE_WORDS else e.source_class
    return EvidenceRow(
        source, e.source_class, outlet, day, e.quoted, ref, note, e.source_key, e.maritime_event_id
    )


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


def grade_bands() -> dict[str, float]:
    """Each grade letter and the lowest score that reaches it (``grading.yaml``)."""
    return {b.grade: b.min_score for b in grading_config().grades}


def _grade_figure(row: AssessedIncident, refs: list[int]) -> Figure:
    features = {
        f["name"]: {"value": f["value"], "weight": f["weight"], "points": f["points"]}
        for f in row.grade_features
    }
    parameters: dict[str, Any] = {
        "score": row.grade_score,
        "computed_grade": row.computed_grade,
        "band_min_score": grade_bands().get(row.computed_grade),
        "features": features,
    }
    rule = f"grading ({GRADING_RULE}; data/assess/grading.yaml)"
    if row.grade_override:
        parameters["override"] = {"by": row.override_by, "reason": row.override_reason}
        rule += f"; grade set by analyst {row.override_by}"
    return Figure("grade", row.grade, rule, [row.id], refs, parameters)


def _incident_figures(row: AssessedIncident, view: IncidentView) -> list[Figure]:
    figures = [_grade_figure(row, view.refs)]
    for m in view.measures:
        figures.append(
            Figure(
                f"may breach {m['id']}",
                m["id"],
                f"measure rule {m.get('rule')} (data/assess/measure_rules.yaml) against the regime data",
                [row.id],
                view.refs,
                {
                    "conditions": m.get("conditions", []),
                    "in_force_on": m.get("in_force_on"),
                    "regime_version": m.get("regime_version"),
                },
            )
        )
    if view.quantities:
        figures.append(
            Figure(
                "quantities reported",
                view.quantities,
                "quantities read from the evidence",
                [row.id],
                view.refs,
            )
        )
    if view.denials:
        figures.append(
            Figure(
                "denials or replies",
                len(view.denials),
                "evidence that denies the incident: shown beside it, never subtracted (feature 'denials')",
                [row.id],
                [d.ref for d in view.denials if d.ref],
                {"weight": grading_config().features["denials"].weight},
            )
        )
    return figures


def incident_view(
    row: AssessedIncident,
    links: list[MeasureLink],
    evidence: list[AssessedIncidentEvidence],
    sources: Sources,
    outlets: dict[str, str],
    names: dict[str, dict[str, str]],
) -> IncidentView:
    """One incident with its evidence rows (citing their sources), reasons, measures and figures."""
    reports = _distinct([_row(e, sources, outlets) for e in evidence if e.stance == Stance.REPORTS])
    denials = _distinct(
        [_row(e, sources, outlets) for e in evidence if e.stance == Stance.DENIES], by_words=True
    )
    for denial in denials:
        denial.source = next(
            e.source_name for e in evidence if e.stance == Stance.DENIES and e.quoted == denial.quoted
        )
    reasons = [
        settle_plurals(f["explanation"])
        for f in row.grade_features
        if f["points"] or (f["name"] == "denials" and f["value"])
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
    view = IncidentView(
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
    view.start, view.end = _window(row)
    view.trace = _trace(view.measures)
    view.paragraph = Paragraph(
        f"{view.kind_label}, {view.when}. \u201c{view.summary}\u201d", view.refs, _incident_figures(row, view)
    )
    return view


def _trace(measures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rule trace annex IV prints: one row per rule and conditions, naming every measure they linked."""
    rows: dict[tuple[str, tuple[str, ...], str], dict[str, Any]] = {}
    for m in measures:
        conditions = tuple(str(c) for c in m.get("conditions") or [])
        key = (str(m.get("rule") or ""), conditions, str(m.get("in_force_on") or ""))
        row = rows.setdefault(
            key, {"rule": key[0], "conditions": list(conditions), "in_force_on": key[2], "measures": []}
        )
        row["measures"].append(m["id"])
    return list(rows.values())


def designation_names(session: Session) -> dict[str, dict[str, str]]:
    """Each designation's reference and listed name (its primary name where it has one)."""
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
