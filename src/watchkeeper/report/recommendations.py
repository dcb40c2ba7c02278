"""The report's recommendations, generated from its findings: candidates for designation, states to ask to
account for deliveries, stop notices, incidents to report to the Council and parties invited to reply. Each
names the incidents, sources and rule behind it."""

from __future__ import annotations

from watchkeeper.assess.config import grading_config
from watchkeeper.assess.grading import well_corroborated
from watchkeeper.assess.ledger import UNATTRIBUTED, LedgerYear
from watchkeeper.evidence.outlets import load_outlets
from watchkeeper.regime import Regime
from watchkeeper.report.figures import (
    ALLEGED_RULE,
    NOTIFIED_RULE,
    alleged_refs,
    ledger_figures,
    paragraph,
    threshold_figure,
)
from watchkeeper.report.findings import deniers, listed
from watchkeeper.report.incidents import Sources
from watchkeeper.report.model import Figure, IncidentView, Paragraph, ReportData
from watchkeeper.report.regime_facts import RegimeFacts
from watchkeeper.report.words import count
from watchkeeper.vocabulary import LedgerSeries

ACTING_ROLES = ("from", "to", "supplier", "recipient", "perpetrator", "vessel", "launcher")
CANDIDATE_TYPES = ("org", "vessel", "person")


def recommendations(data: ReportData, sources: Sources, regime: Regime) -> list[Paragraph]:
    """What the Committee should do, generated from the findings."""
    facts = RegimeFacts.of(regime)
    strong_grades = well_corroborated()
    recs: list[Paragraph] = []
    for actor, role, incidents in designation_candidates(data):
        refs = [r for i in incidents for r in i.refs]
        figure = Figure(
            f"well-corroborated incidents with {actor} as {role}",
            len(incidents),
            "designation candidates: a non-state actor in an acting role of well-corroborated, "
            "measure-linked incidents, not designated and not a monitor, official or outlet",
            [i.id for i in incidents],
            sorted(set(refs)),
            {
                "well_corroborated": sorted(strong_grades),
                "acting_roles": list(ACTING_ROLES),
                "candidate_types": list(CANDIDATE_TYPES),
            },
        )
        recs.append(
            paragraph(
                f"Consider designating {actor}, not on the {facts.list_name}, which appears as {role} in "
                f"{count(len(incidents), 'well-corroborated incident')} "
                f"({', '.join(sorted({i.kind_label.lower() for i in incidents}))}).",
                refs,
                [figure],
            )
        )
    for year in data.ledger:
        recs += _account_for(year, sources, facts)
        crossed = year.crossed(year.alleged)
        if crossed and crossed[-1] == max(year.thresholds, default=0):
            recs.append(
                paragraph(
                    f"The deliveries alleged for {year.year} exceed {crossed[-1]} % of the cap: the "
                    "Committee should "
                    "notify all states to cease supplying refined petroleum for the rest of the year, "
                    "as it would on "
                    "reported figures.",
                    alleged_refs(year, sources),
                    [threshold_figure(year, crossed), *ledger_figures(year, [])[2:]],
                )
            )
    for section in data.sections:
        strong = [i for i in section.incidents if i.grade in strong_grades]
        if strong:
            labels = "; ".join(m["label"] for m in section.measures)
            refs = [r for i in strong for r in i.refs]
            figure = Figure(
                "well-corroborated incidents",
                len(strong),
                "incidents of this group graded well corroborated (data/assess/grading.yaml)",
                [i.id for i in strong],
                sorted(set(refs)),
                {"well_corroborated": sorted(strong_grades)},
            )
            recs.append(
                paragraph(
                    f"Report to the Council {count(len(strong), 'well-corroborated incident')} bearing on "
                    f"{labels} ({section.title}).",
                    refs,
                    [figure],
                )
            )
    recs += _invitations(data, strong_grades)
    return recs


def _account_for(year: LedgerYear, sources: Sources, facts: RegimeFacts) -> list[Paragraph]:
    """States that notified less than the evidence alleges they delivered in ``year``."""
    recs = []
    days = facts.reporting_days.get(year.measure_id or "")
    for state, alleged in sorted(year.alleged_by_state.items()):
        if state == UNATTRIBUTED:
            continue
        reported = next((v for k, v in year.reported_by_state.items() if k.lower() == state.lower()), 0.0)
        if alleged <= reported:
            continue
        refs = alleged_refs(year, sources, state)
        entries = [e for e in year.entries if e.state.lower() == state.lower()]
        figures = [
            Figure(
                f"barrels {state} notified in {year.year}",
                f"{reported:,.0f}",
                NOTIFIED_RULE,
                parameters={
                    "notifications": [
                        {"id": e.notification_id, "barrels": e.barrels, "source": e.source}
                        for e in entries
                        if e.series == LedgerSeries.REPORTED
                    ]
                },
            ),
            Figure(
                f"barrels the evidence alleges {state} delivered in {year.year}",
                f"{alleged:,.0f}",
                ALLEGED_RULE,
                sorted({e.incident_id for e in entries if e.incident_id and e.counted and e.barrels}),
                sorted(set(refs)),
            ),
        ]
        duty = ""
        if days is not None:
            duty = f" ({year.measure_id} requires every delivery to be notified within {days} days)"
            figures.append(
                Figure(
                    "days to notify a delivery",
                    days,
                    f"reporting duty of {year.measure_id} (regime data)",
                    parameters={"measure": year.measure_id, "every_days": days},
                )
            )
        recs.append(
            paragraph(
                f"Ask {state} to account for deliveries of {year.commodity.replace('_', ' ')} in "
                f"{year.year}: it "
                f"notified {reported:,.0f} barrels while the evidence alleges {alleged:,.0f} barrels"
                f"{duty}.",
                refs,
                figures,
            )
        )
    return recs


def _invitations(data: ReportData, strong_grades: frozenset[str]) -> list[Paragraph]:
    """Parties that deny well-corroborated incidents, invited to reply: never an outlet that printed a denial,
    and never a state on an act it announced itself (findings.deniers)."""
    contested: dict[tuple[str, ...], list[IncidentView]] = {}
    for incident in (i for s in data.sections for i in s.incidents if i.grade in strong_grades):
        who = tuple(deniers(incident))
        if who:
            contested.setdefault(who, []).append(incident)
    recs = []
    for who, incidents in sorted(contested.items()):
        refs = [r for i in incidents for r in i.refs] + [
            d.ref for i in incidents for d in i.denials if d.ref and d.source in who
        ]
        figure = Figure(
            "well-corroborated incidents they deny",
            len(incidents),
            "well-corroborated, measure-linked incidents a party denies, grouped by who denies; a party that "
            "announced the act itself is not invited",
            [i.id for i in incidents],
            sorted(set(refs)),
            {"denied_by": list(who), "well_corroborated": sorted(strong_grades)},
        )
        recs.append(paragraph(invitation_text(list(who), incidents), refs, [figure]))
    return recs


def invitation_text(who: list[str], incidents: list[IncidentView]) -> str:
    """The invitation in words: "Invite Russia to reply to the evidence on the arms transfer (September
    2023), which it denies." / "... on 2 incidents, which they deny: ..."."""
    names = listed(who)
    pronoun, verb = ("it", "denies") if len(who) == 1 else ("they", "deny")
    acts = "; ".join(f"{i.kind_label.lower()} ({i.when})" for i in incidents)
    if len(incidents) == 1:
        what = f"the {acts}, which {pronoun} {verb}"
    else:
        what = f"{count(len(incidents), 'incident')}, which {pronoun} {verb}: {acts}"
    return f"Invite {names} to reply to the evidence on {what}."


def designation_candidates(data: ReportData) -> list[tuple[str, str, list[IncidentView]]]:
    """Non-state actors in well-corroborated, measure-linked incidents that are not designated."""
    grading = grading_config()
    # monitors, officials and publishers report incidents; a reader may mistake them for a party
    not_candidates = set(grading.official_entities) | set(grading.speaks_for)
    outlets = load_outlets()
    strong_grades = well_corroborated()
    found: dict[str, tuple[str, list[IncidentView]]] = {}
    for section in data.sections:
        for incident in section.incidents:
            if incident.grade not in strong_grades:
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
