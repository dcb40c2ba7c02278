"""The report's own words: summary paragraphs, cap-ledger notes and the paragraphs whose words are fixed, each
with its citations and the provenance of every figure it states (recommendations: ``recommendations.py``).

Every sentence is built from assessed records.
"""

from __future__ import annotations

from collections import Counter

from watchkeeper.assess.rules import measure_status
from watchkeeper.reading.kinds import kind_label
from watchkeeper.report.figures import (
    alerts_figure,
    alleged_refs,
    grade_figures,
    ledger_figures,
    paragraph,
    threshold_figure,
)
from watchkeeper.report.incidents import Sources
from watchkeeper.report.model import Figure, IncidentView, Paragraph, ReportData
from watchkeeper.report.regime_facts import RegimeFacts
from watchkeeper.report.words import count, plural, was
from watchkeeper.vocabulary import MeasureStatus, ReviewState, SourceClass

BEST_RULE = "best corroborated: the best grade, then the most sources, then the earliest"


def deniers(incident: IncidentView) -> list[str]:
    """The parties that deny an incident and have not admitted it: an outlet printing "both governments
    deny it" denies nothing itself, and a state that announced its own act (its launch) is not denying it."""
    admitted = {e.key for e in incident.evidence if e.source_class == SourceClass.PARTY}
    return sorted(
        {
            d.source
            for d in incident.denials
            if d.source_class not in (SourceClass.MEDIA, SourceClass.ANONYMOUS) and d.key not in admitted
        }
    )


def listed(names: list[str]) -> str:
    """Names as words: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _grades_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} graded {g}" for g, n in sorted(counts.items()))


def _best(incidents: list[IncidentView]) -> IncidentView:
    return min(incidents, key=lambda i: (i.grade, -len(i.refs), i.on or i.when))


def _quote(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def summary_paragraphs(data: ReportData, sources: Sources) -> list[Paragraph]:
    """The summary of findings."""
    incidents = data.incidents
    linked = [i for s in data.sections for i in s.incidents]
    measures = {m["id"] for s in data.sections for m in s.measures}
    counts = Counter(i.grade for i in linked)
    paragraphs = []
    if not incidents:
        return [
            paragraph(
                f"No incident in the evidence falls between {data.start} and {data.end}.", finding=False
            )
        ]
    rules = sorted({m.get("rule") or "" for i in linked for m in i.measures})
    figures = [
        Figure(
            "incidents in the period",
            len(incidents),
            "reviewed incidents whose date window overlaps the period; rejected and merged ones left out",
            [i.id for i in incidents],
        ),
        Figure(
            "incidents that may breach a measure",
            len(linked),
            "linked to a measure in force on their date by a measure rule (data/assess/measure_rules.yaml)",
            [i.id for i in linked],
            parameters={"rules": rules},
        ),
        Figure(
            "measures they may breach",
            len(measures),
            "the measures those rules link",
            parameters={"measures": sorted(measures)},
        ),
        *grade_figures(linked),
    ]
    events_text = _events_text(incidents, figures)
    paragraphs.append(
        paragraph(
            f"Between {data.start:%-d %B %Y} and {data.end:%-d %B %Y} the evidence reports "
            f"{count(len(incidents), 'distinct incident')}; {len(linked)} of them may breach "
            f"{count(len(measures), 'measure')} in force on their dates"
            f"{f' ({_grades_text(dict(counts))})' if counts else ''}.{events_text} Grades measure "
            "corroboration, not guilt: see annex II." + _reviewed_text(data, figures),
            figures=figures,
            finding=False,
        )
    )
    for section in sorted(data.sections, key=lambda s: -len(s.incidents)):
        best = _best(section.incidents)
        labels = "; ".join(m["label"] for m in section.measures)
        figures = [
            Figure(
                f"incidents bearing on {', '.join(m['id'] for m in section.measures)}",
                len(section.incidents),
                "incidents whose measure links are exactly these measures",
                [i.id for i in section.incidents],
            ),
            *grade_figures(section.incidents),
            Figure(
                "best corroborated incident", best.id, BEST_RULE, [best.id], best.refs, {"grade": best.grade}
            ),
        ]
        paragraphs.append(
            paragraph(
                f"{section.title} ({labels}): {count(len(section.incidents), 'incident')}, "
                f"{_grades_text(section.grades)}. "
                f"The best corroborated, {best.kind_label.lower()} ({best.when}, grade {best.grade}): "
                f"\u201c{_quote(best.summary)}\u201d",
                best.refs,
                figures,
            )
        )
    for year in data.ledger:
        if not (year.reported or year.alleged) or year.cap_barrels is None:
            continue
        refs = alleged_refs(year, sources)
        paragraphs.append(
            paragraph(
                f"In {year.year} states notified the Committee of {year.reported:,.0f} barrels of "
                f"{year.commodity.replace('_', ' ')} ({year.percent(year.reported)} % of the "
                f"{year.cap_barrels:,.0f}-barrel "
                f"cap, {year.measure_id}); the evidence alleges {year.alleged:,.0f} barrels "
                f"({year.percent(year.alleged)} %).",
                refs,
                ledger_figures(year, refs),
                finding=bool(year.alleged),
            )
        )
    # only possible breaches: a vote is an event, and a state does not deny what it announced itself
    denied = [i for i in linked if deniers(i)]
    if denied:
        who = sorted({name for i in denied for name in deniers(i)})
        refs = [d.ref for i in denied for d in i.denials if d.ref and d.source in deniers(i)][:12]
        figure = Figure(
            "incidents denied or rejected",
            len(denied),
            "measure-linked incidents a party denies (a party that admitted the act is not counted)",
            [i.id for i in denied],
            [d.ref for i in denied for d in i.denials if d.ref and d.source in deniers(i)],
            {"denied_by": who},
        )
        paragraphs.append(
            paragraph(
                f"{count(len(denied), 'incident')} {was(len(denied))} denied or rejected by "
                f"{listed(who)}. Denials are shown beside each incident and do not lower its grade.",
                refs,
                [figure],
            )
        )
    if data.designated:
        n = len(data.designated)
        figure = Figure(
            "designated persons, entities or vessels in the incidents",
            len(data.designated),
            "actors matched to a designation on a sanctions list in force",
            sorted({i.id for d in data.designated for i in d["incidents"]}),
            parameters={"designations": [d["designation_id"] for d in data.designated]},
        )
        paragraphs.append(
            paragraph(
                f"{count(n, 'designated person')}, {plural('entity', n)} or {plural('vessel', n)} "
                f"{'appears' if n == 1 else 'appear'} in the incidents (section IV).",
                sorted({r for d in data.designated for i in d["incidents"] for r in i.refs}),
                figures=[figure],
            )
        )
    return paragraphs


def _reviewed_text(data: ReportData, figures: list[Figure]) -> str:
    """The summary's sentence on analysts' review; adds the figures it states to ``figures``."""
    confirmed = [i.id for i in data.incidents if i.confirmed]
    text = f" Analysts confirmed {len(confirmed)} of them." if confirmed else ""
    rejected = [r["id"] for r in data.reviewed_out if r["status"] == ReviewState.REJECTED]
    merged = [r["id"] for r in data.reviewed_out if r["status"] != ReviewState.REJECTED]
    if confirmed:
        figures.append(Figure("incidents analysts confirmed", len(confirmed), "analysts' reviews", confirmed))
    if data.reviewed_out:
        text += (
            f" Incidents analysts rejected ({len(rejected)}) or merged into another ({len(merged)}) are not "
            "counted (annex III)."
        )
        figures.append(Figure("incidents analysts rejected", len(rejected), "analysts' reviews", rejected))
        figures.append(
            Figure("incidents analysts merged into another", len(merged), "analysts' reviews", merged)
        )
    return text


def ledger_notes(data: ReportData, sources: Sources) -> list[Paragraph]:
    """What the ledger shows, year by year, against the Committee's alert thresholds."""
    notes = []
    for year in data.ledger:
        if year.cap_barrels is None or not (year.reported or year.alleged):
            continue
        crossed = year.crossed(year.alleged)
        refs = alleged_refs(year, sources)
        figures = ledger_figures(year, refs)
        text = (
            f"{year.year}: notified deliveries {year.reported:,.0f} barrels "
            f"({year.percent(year.reported)} % of the cap); "
            f"alleged deliveries {year.alleged:,.0f} barrels ({year.percent(year.alleged)} %)."
        )
        if crossed:
            text += f" The alleged volume passes the {crossed[-1]} % alert threshold."
            figures.append(threshold_figure(year, crossed))
        if year.reviewed_out:
            text += (
                " Alleged deliveries rejected or merged by analysts are not counted (annex III): "
                f"{count(len(set(year.reviewed_out)), 'such delivery')} this year."
            )
            figures.append(
                Figure(
                    "alleged deliveries analysts took out",
                    len(set(year.reviewed_out)),
                    "analysts' reviews (rejected or merged)",
                    sorted(set(year.reviewed_out)),
                )
            )
        notes.append(paragraph(text, refs, figures, finding=bool(year.alleged)))
    return notes


def fixed_paragraphs(data: ReportData, facts: RegimeFacts) -> None:
    """The paragraphs whose words do not depend on the evidence, with the figures they still state."""
    if data.unlinked:
        data.unlinked_intro = paragraph(
            _unlinked_text(data.unlinked),
            figures=[
                Figure(
                    "incidents no rule links",
                    len(data.unlinked),
                    "no measure rule's conditions hold (data/assess/measure_rules.yaml)",
                    [i.id for i in data.unlinked],
                )
            ],
            finding=False,
        )
    thresholds = data.ledger[0].thresholds if data.ledger else []
    figures: list[Figure] = []
    if data.ledger:
        figures.append(alerts_figure(data.ledger[0]))
    data.ledger_intro = paragraph(
        f"The ledger keeps its series apart: deliveries states notified to the {facts.committee}, and "
        "deliveries alleged in the evidence (the smallest volume any report of a delivery gives, spread over "
        "the years its dates cover). Percentages are of the cap in force; the Committee\u2019s Secretary "
        "alerts states "
        f"at {', '.join(str(t) for t in thresholds)} per cent.",
        figures=figures,
        finding=False,
    )
    if not data.designated:
        data.designated_none = paragraph(
            "No designated person, entity or vessel was identified among the parties to the incidents of the "
            "period.",
            finding=False,
        )
    if not data.recommendations:
        data.recommendations_none = paragraph(
            "The findings of the period call for no specific action.", finding=False
        )


def _events_text(incidents: list[IncidentView], figures: list[Figure]) -> str:
    """The summary's sentence on events that breach nothing (Council votes), kind by kind; adds the figures
    it states to ``figures``."""
    text = ""
    for kind in dict.fromkeys(i.kind for i in incidents):
        status, why = measure_status(kind, linked=False)
        if status != MeasureStatus.EVENT:
            continue
        of_kind = [i.id for i in incidents if i.kind == kind]
        n = len(of_kind)
        what = "an event, not a breach" if n == 1 else "events, not breaches"
        text += f" The period also has {n} {kind_label(kind, plural=n != 1)}: {what}."
        figures.append(Figure(f"{kind_label(kind, plural=True).lower()} in the period", n, why, of_kind))
    return text


def _unlinked_text(unlinked: list[IncidentView]) -> str:
    """Why the incidents outside the breach sections are there, kind by kind: votes and diplomacy are events,
    not breaches; other kinds say "no measure" (``measure_status``)."""
    events: dict[str, str] = {}
    others: list[str] = []
    for kind in dict.fromkeys(i.kind for i in unlinked):
        status, why = measure_status(kind, linked=False)
        label = kind_label(kind, plural=True).lower()
        if status == MeasureStatus.EVENT:
            events[label] = why.removeprefix("an event, not a breach: ")
        else:
            others.append(label)
    parts = [
        f"{label.capitalize()} are events, not breaches: {why[:1].lower()}{why[1:]}"
        for label, why in events.items()
    ]
    if others:
        parts.append(
            f"For the {listed(others)} listed here no rule links the incident to a measure in force on its "
            "date: no measure."
        )
    return "These incidents were reported in the evidence and are not possible breaches. " + " ".join(parts)
