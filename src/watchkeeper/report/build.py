"""What a panel report says, as data: findings per measure, the cap ledger, designated parties involved,
recommendations and the sources every statement cites.

Incidents are the reviewed view (:func:`watchkeeper.assess.reviewed_incidents`): analysts' rejections and
merges leave the body for annex III, their confirmations, corrections and splits show in it.

The report is built once, here; templates only lay it out (HTML, Markdown, PDF). Every number and sentence is
decided here and in :mod:`watchkeeper.report.findings`, and every paragraph is numbered here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.assess.config import grading_config
from watchkeeper.assess.grading import grade_meanings
from watchkeeper.assess.ledger import LedgerYear, cap_ledger
from watchkeeper.assess.reviewed import orphaned_reviews, reviewed_incidents
from watchkeeper.assess.rules import load_rules
from watchkeeper.reading.kinds import kind_label
from watchkeeper.regime import Regime
from watchkeeper.report.findings import fixed_paragraphs, ledger_notes, summary_paragraphs
from watchkeeper.report.incidents import Sources, designation_names, incident_view
from watchkeeper.report.maritime import maritime_section
from watchkeeper.report.model import IncidentView, LedgerRow, MeasureSection, Paragraph, ReportData
from watchkeeper.report.parameters import versions_and_parameters
from watchkeeper.report.recommendations import recommendations
from watchkeeper.report.regime_facts import RegimeFacts
from watchkeeper.report.reviewed import orphan_rows, review_line, reviewed_out_rows
from watchkeeper.store.models.assess import CapNotification
from watchkeeper.store.models.evidence import Document
from watchkeeper.vocabulary import ReviewState


def _measure_label(regime: Regime, measure_id: str) -> dict[str, Any]:
    """A measure as the report cites it: "resolution 2397 (2017), paragraph 5", the year the resolution was
    adopted (not the year the measure took effect: 2397 OP5's cap runs from 2018)."""
    measure = regime.measure(measure_id)
    adopted = regime.resolution(measure.resolution).adopted
    return {
        "id": measure.id,
        "resolution": measure.resolution,
        "paragraph": measure.paragraph,
        "subject": measure.subject,
        "adopted": adopted,
        "label": f"resolution {measure.resolution} ({adopted.year}), paragraph {measure.paragraph}",
    }


def _sections(
    views: list[IncidentView], regime: Regime, facts: RegimeFacts
) -> tuple[list[MeasureSection], list[IncidentView]]:
    """Incidents grouped by the measures they bear on (the asset freeze alone only when nothing else
    applies), in regime order; and the incidents no rule links."""
    sections: dict[tuple[str, ...], MeasureSection] = {}
    unlinked = []
    order = {m.id: i for i, m in enumerate(regime.measures)}
    for view in views:
        ids = {m["id"] for m in view.measures}
        key = tuple(sorted(ids - {facts.asset_freeze}, key=lambda m: order.get(m, len(order)))) or (
            (facts.asset_freeze,) if view.measures else ()
        )
        if not key:
            unlinked.append(view)
            continue
        if key not in sections:
            labels = [_measure_label(regime, m) for m in key]
            sections[key] = MeasureSection(labels[0]["subject"], labels)
        sections[key].incidents.append(view)
    ordered = sorted(sections.items(), key=lambda kv: order.get(kv[0][0], 0))
    return _distinct_titles([s for _, s in ordered]), unlinked


def _distinct_titles(sections: list[MeasureSection]) -> list[MeasureSection]:
    """No two sections under one title: sections whose first measure is the same are told apart by the
    first measure of their own that the others lack (then, failing that, by measure ids)."""
    by_title: dict[str, list[MeasureSection]] = {}
    for section in sections:
        by_title.setdefault(section.title, []).append(section)
    for title, same in by_title.items():
        if len(same) < 2:
            continue
        for section in same:
            others = {m["id"] for other in same if other is not section for m in other.measures}
            extra = [m for m in section.measures if m["id"] not in others]
            if extra:
                section.title = f"{title}; {extra[0]['subject']}"
    seen: set[str] = set()
    for section in sections:
        if section.title in seen:
            section.title += f" ({', '.join(m['id'] for m in section.measures)})"
        seen.add(section.title)
    for number, section in enumerate(sections, start=1):
        section.anchor = f"section-2-{number}"
    return sections


def _kind_words(kind: str) -> str:
    """A rule's incident kind as people read it ("*" is any kind)."""
    return "any kind" if kind == "*" else kind_label(kind)


def _ledger_row(year: LedgerYear) -> LedgerRow:
    return LedgerRow(
        year=year.year,
        commodity=year.commodity.replace("_", " "),
        measure=year.measure_id or "none",
        cap=f"{year.cap_barrels:,.0f}" if year.cap_barrels else "",
        notified=f"{year.reported:,.0f} ({year.percent(year.reported)} %)",
        alleged=f"{year.alleged:,.0f} ({year.percent(year.alleged)} %)",
        alerts=", ".join(str(t) for t in year.crossed(year.alleged)) or "none",
    )


def _notifications(session: Session, years: list[int]) -> list[dict[str, Any]]:
    return [
        {
            "year": n.year,
            "period": n.period,
            "state": n.reporting_state,
            "commodity": n.commodity,
            "quantity": n.quantity,
            "unit": n.unit,
            "barrels": n.barrels,
            "source": n.source,
            "quantity_text": f"{n.quantity:,.0f} {n.unit}",
            "barrels_text": f"{n.barrels:,.0f}",
        }
        for n in session.scalars(
            select(CapNotification)
            .where(CapNotification.year.in_(years))
            .order_by(CapNotification.year, CapNotification.period, CapNotification.reporting_state)
        )
    ]


def build_report(
    session: Session,
    regime: Regime,
    start: date,
    end: date,
    *,
    include_synthetic: bool = False,
    maritime_dir: Path | None = None,
) -> ReportData:
    """Gather the period's findings; raises nothing when the period is empty (the report then says so).

    Incidents built from synthetic (demonstration) data are left out unless ``include_synthetic``; when they
    are in, the summary opens by saying so. ``maritime_dir``: the workspace's stored AIS positions, for the
    speed and course in the maritime events' track excerpts (without it, the events' own stored points).
    """
    facts = RegimeFacts.of(regime)
    reviewed = reviewed_incidents(
        session,
        start=start,
        end=end,
        include_rejected=True,
        regime=regime,
        include_synthetic=include_synthetic,
    )
    kept = [item for item in reviewed if not item.out]
    doc_ids = {e.document_id for item in kept for e in item.evidence if e.document_id}
    outlets = {
        d.id: d.outlet_name or d.outlet_id or ""
        for d in session.scalars(select(Document).where(Document.id.in_(doc_ids)))
    }
    names = designation_names(session)
    sources = Sources(session)
    rules = load_rules(regime)
    why = {r.id: r.why for r in rules.rules}
    views = []
    for item in kept:
        view = incident_view(item.incident, item.links, item.evidence, sources, outlets, names)
        view.review, view.confirmed = review_line(item), item.status == ReviewState.CONFIRMED
        # one sentence per rule, however many measures it links: the trace itself is annex IV's
        view.why_measures = list(dict.fromkeys(why[m["rule"]] for m in view.measures if m.get("rule") in why))
        views.append(view)
    sections, unlinked = _sections(views, regime, facts)
    for section in sections:
        for view in section.incidents:
            view.paragraph.section = f"Incidents by measure: {section.title}"
    years = list(range(start.year, end.year + 1))
    ledger = [y for y in cap_ledger(session, regime, years=years) if y.reported or y.alleged]
    designated: dict[str, dict[str, Any]] = {}
    for view in views:
        for d in view.designated:
            entry = designated.setdefault(d["designation_id"], {**d, "incidents": []})
            entry["incidents"].append(view)
    for entry in designated.values():
        entry["list_reference"] = entry["reference"] or entry["designation_id"]
        entry["list_name"] = entry["listed_name"] or entry["name"]
    config_features = grading_config().features
    data = ReportData(
        start=start,
        end=end,
        generated_at=datetime.now(UTC),
        regime_version=regime.version,
        summary=[],
        sections=sections,
        unlinked=unlinked,
        ledger=ledger,
        ledger_notes=[],
        notifications=_notifications(session, years),
        designated=sorted(designated.values(), key=lambda d: d["designation_id"]),
        recommendations=[],
        sources=[],
        grades=grade_meanings(),
        rules=[
            {"id": r.id, "kind": r.kind, "kind_label": _kind_words(r.kind), "why": r.why} for r in rules.rules
        ],
        features=[
            {"name": k, "weight": v.weight, "cap": "" if v.cap is None else v.cap}
            for k, v in config_features.items()
        ],
        incidents=views,
        reviewed_out=reviewed_out_rows(reviewed),
        orphaned_reviews=orphan_rows(orphaned_reviews(session)),
        ledger_rows=[_ledger_row(y) for y in ledger],
        unlinked_number=len(sections) + 1,
        parameters=versions_and_parameters(regime),
    )
    data.maritime = maritime_section(
        session, views, names, maritime_dir=maritime_dir, include_synthetic=include_synthetic
    )
    if data.maritime is not None:
        data.maritime.number = len(sections) + (2 if unlinked else 1)
        data.ledger_figure = 3
    data.summary = summary_paragraphs(data, sources)
    demonstration = sum(1 for item in kept if item.incident.synthetic)
    if demonstration:
        data.summary.insert(0, Paragraph(_demonstration_note(demonstration), finding=False))
    data.ledger_notes = ledger_notes(data, sources)
    data.recommendations = recommendations(data, sources, regime)
    fixed_paragraphs(data, facts)
    for part, paragraphs in (
        ("Summary of findings", data.summary),
        ("The petroleum caps", [data.ledger_intro, *data.ledger_notes]),
        ("Recommendations", [*data.recommendations, data.recommendations_none]),
        ("Incidents by measure: other incidents reviewed", [data.unlinked_intro]),
        ("Designated persons, entities and vessels involved", [data.designated_none]),
    ):
        for paragraph in paragraphs:
            if paragraph is not None:
                paragraph.section = part
    data.number_paragraphs()
    data.sources = sources.annex()
    labels = {e.id: e.label for e in data.maritime.events} if data.maritime else {}
    for source in data.sources:
        source.maritime_label = labels.get(source.id, "") if source.kind == "maritime_event" else ""
    return data


def _demonstration_note(count: int) -> str:
    """The first words of a report that includes synthetic data (``--include-synthetic``)."""
    incidents = "1 incident rests" if count == 1 else f"{count} incidents rest"
    return (
        f"This report includes demonstration data: {incidents} on a synthetic AIS scenario, not on real ship "
        "tracking. Such incidents are marked as demonstration data wherever they appear."
    )
