"""The report's own words: summary paragraphs, cap-ledger notes and recommendations, each with its citations.

Every sentence is built from assessed records; each recommendation names the incidents (and so the sources)
it rests on.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from watchkeeper.assess.ledger import UNATTRIBUTED
from watchkeeper.assess.sightings import assess_data
from watchkeeper.evidence.outlets import load_outlets

if TYPE_CHECKING:
    from watchkeeper.report.build import IncidentView, Recommendation, ReportData, Sources

WELL = ("A", "B")
ACTING_ROLES = ("from", "to", "supplier", "recipient", "perpetrator", "vessel", "launcher")
CANDIDATE_TYPES = ("org", "vessel", "person")


def _recommendation(text: str, refs: list[int] | None = None) -> Recommendation:
    from watchkeeper.report.build import Recommendation

    return Recommendation(text, sorted(set(refs or [])))


def _grades_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} graded {g}" for g, n in sorted(counts.items()))


def _best(incidents: list[IncidentView]) -> IncidentView:
    return min(incidents, key=lambda i: (i.grade, -len(i.refs), i.on or i.when))


def _quote(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def summary_paragraphs(data: ReportData, sources: Sources) -> list[Recommendation]:
    """The summary of findings."""
    incidents = data.incidents
    linked = [i for s in data.sections for i in s.incidents]
    measures = {m["id"] for s in data.sections for m in s.measures}
    counts = Counter(i.grade for i in linked)
    paragraphs = []
    if not incidents:
        return [_recommendation(f"No incident in the evidence falls between {data.start} and {data.end}.")]
    paragraphs.append(
        _recommendation(
            f"Between {data.start:%-d %B %Y} and {data.end:%-d %B %Y} the evidence reports "
            f"{len(incidents)} distinct "
            f"incidents; {len(linked)} of them may breach {len(measures)} measures in force on their dates "
            f"({_grades_text(dict(counts))}). Grades measure corroboration, not guilt: see annex II."
            + _reviewed_text(data)
        )
    )
    for section in sorted(data.sections, key=lambda s: -len(s.incidents)):
        best = _best(section.incidents)
        labels = "; ".join(m["label"] for m in section.measures)
        paragraphs.append(
            _recommendation(
                f"{section.title} ({labels}): {len(section.incidents)} incident(s), "
                f"{_grades_text(section.grades)}. "
                f"The best corroborated, {best.kind_label.lower()} ({best.when}, grade {best.grade}): "
                f"\u201c{_quote(best.summary)}\u201d",
                best.refs,
            )
        )
    for year in data.ledger:
        if not (year.reported or year.alleged) or year.cap_barrels is None:
            continue
        refs = [sources.cite(e.document_id) for e in year.entries if e.series == "alleged" and e.document_id]
        paragraphs.append(
            _recommendation(
                f"In {year.year} states notified the Committee of {year.reported:,.0f} barrels of "
                f"{year.commodity.replace('_', ' ')} ({year.percent(year.reported)} % of the "
                f"{year.cap_barrels:,.0f}-barrel "
                f"cap, {year.measure_id}); the evidence alleges {year.alleged:,.0f} barrels "
                f"({year.percent(year.alleged)} %).",
                [r for r in refs if r],
            )
        )
    denied = [i for i in incidents if i.denials]
    if denied:
        who = sorted({d.source for i in denied for d in i.denials})
        paragraphs.append(
            _recommendation(
                f"{len(denied)} incident(s) were denied or rejected by {', '.join(who)}. Denials are "
                "shown beside each "
                "incident and do not lower its grade.",
                [d.ref for i in denied for d in i.denials if d.ref][:12],
            )
        )
    if data.designated:
        paragraphs.append(
            _recommendation(
                f"{len(data.designated)} designated person(s), entity(ies) or vessel(s) appear in the "
                "incidents (section 4)."
            )
        )
    return paragraphs


def _reviewed_text(data: ReportData) -> str:
    confirmed = sum(i.confirmed for i in data.incidents)
    text = f" Analysts confirmed {confirmed} of them." if confirmed else ""
    rejected = sum(r["decision"] == "Rejected" for r in data.reviewed_out)
    merged = len(data.reviewed_out) - rejected
    if data.reviewed_out:
        text += (
            f" {rejected} incident(s) analysts rejected and {merged} they merged into another are "
            "not counted (annex III)."
        )
    return text


def ledger_notes(data: ReportData, sources: Sources) -> list[Recommendation]:
    """What the ledger shows, year by year, against the Committee's alert thresholds."""
    notes = []
    for year in data.ledger:
        if year.cap_barrels is None or not (year.reported or year.alleged):
            continue
        crossed = year.crossed(year.alleged)
        refs = [sources.cite(e.document_id) for e in year.entries if e.series == "alleged" and e.document_id]
        text = (
            f"{year.year}: notified deliveries {year.reported:,.0f} barrels "
            f"({year.percent(year.reported)} % of the cap); "
            f"alleged deliveries {year.alleged:,.0f} barrels ({year.percent(year.alleged)} %)."
        )
        if crossed:
            text += f" The alleged volume passes the {crossed[-1]} % alert threshold."
        if year.reviewed_out:
            text += (
                f" {len(set(year.reviewed_out))} alleged delivery(ies) rejected or merged by analysts "
                "are not counted (annex III)."
            )
        notes.append(_recommendation(text, [r for r in refs if r]))
    return notes


def recommendations(data: ReportData, sources: Sources) -> list[Recommendation]:
    """What the Committee should do, generated from the findings."""
    recs: list[Recommendation] = []
    for actor, role, incidents in designation_candidates(data):
        refs = [r for i in incidents for r in i.refs]
        recs.append(
            _recommendation(
                f"Consider designating {actor}, not on the 1718 list, which appears as {role} in "
                f"{len(incidents)} "
                "well-corroborated incident(s) "
                f"({', '.join(sorted({i.kind_label.lower() for i in incidents}))}).",
                refs,
            )
        )
    for year in data.ledger:
        for state, alleged in sorted(year.alleged_by_state.items()):
            if state == UNATTRIBUTED:
                continue
            reported = next((v for k, v in year.reported_by_state.items() if k.lower() == state.lower()), 0.0)
            if alleged <= reported:
                continue
            refs = [
                sources.cite(e.document_id)
                for e in year.entries
                if e.series == "alleged" and e.state == state and e.document_id
            ]
            recs.append(
                _recommendation(
                    f"Ask {state} to account for deliveries of {year.commodity.replace('_', ' ')} in "
                    f"{year.year}: it "
                    f"notified {reported:,.0f} barrels while the evidence alleges {alleged:,.0f} barrels "
                    f"({year.measure_id} requires every delivery to be notified within 30 days).",
                    [r for r in refs if r],
                )
            )
        crossed = year.crossed(year.alleged)
        if crossed and crossed[-1] == max(year.thresholds, default=0):
            recs.append(
                _recommendation(
                    f"The deliveries alleged for {year.year} exceed {crossed[-1]} % of the cap: the "
                    "Committee should "
                    "notify all states to cease supplying refined petroleum for the rest of the year, "
                    "as it would on "
                    "reported figures."
                )
            )
    for section in data.sections:
        strong = [i for i in section.incidents if i.grade in ("A", "B")]
        if strong:
            labels = "; ".join(m["label"] for m in section.measures)
            recs.append(
                _recommendation(
                    f"Report to the Council {len(strong)} well-corroborated incident(s) bearing on {labels} "
                    f"({section.title}).",
                    [r for i in strong for r in i.refs],
                )
            )
    contested: dict[tuple[str, ...], list[IncidentView]] = {}
    for incident in (i for s in data.sections for i in s.incidents if i.grade in WELL and i.denials):
        contested.setdefault(tuple(sorted({d.source for d in incident.denials})), []).append(incident)
    for who, incidents in sorted(contested.items()):
        listed = "; ".join(f"{i.kind_label.lower()} ({i.when})" for i in incidents)
        recs.append(
            _recommendation(
                f"Invite {' and '.join(who)} to reply in detail to the evidence on incidents "
                f"{'it' if len(who) == 1 else 'they'} "
                f"{'denies' if len(who) == 1 else 'deny'}: {listed}.",
                [r for i in incidents for r in i.refs]
                + [d.ref for i in incidents for d in i.denials if d.ref],
            )
        )
    return recs


def designation_candidates(data: ReportData) -> list[tuple[str, str, list[IncidentView]]]:
    """Non-state actors in well-corroborated, measure-linked incidents that are not designated."""
    grading = assess_data("grading")
    # monitors, officials and publishers report incidents; a reader may mistake them for a party
    not_candidates = set(grading["official_entities"]) | set(grading["speaks_for"])
    outlets = load_outlets()
    found: dict[str, tuple[str, list[IncidentView]]] = {}
    for section in data.sections:
        for incident in section.incidents:
            if incident.grade not in ("A", "B"):
                continue
            designated = {d["name"] for d in incident.designated}
            for actor in incident.actor_records:
                if (
                    actor["role"] not in ACTING_ROLES
                    or actor["entity_id"].partition(":")[0] not in CANDIDATE_TYPES
                    or actor["name"] in designated
                    or actor["entity_id"] in not_candidates
                    or outlets.by_name(actor["name"]) is not None
                ):
                    continue
                _, incidents = found.setdefault(actor["name"], (actor["role"], []))
                if incident not in incidents:
                    incidents.append(incident)
    return [(name, role, incidents) for name, (role, incidents) in sorted(found.items())]
