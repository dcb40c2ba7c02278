"""Figures with their provenance, shared by the report's paragraphs: grade counts, the cap ledger's totals
and shares, alert thresholds; and the constructor of a paragraph."""

from __future__ import annotations

from typing import Any

from watchkeeper.assess.ledger import LedgerYear, barrels_per_tonne
from watchkeeper.report.incidents import Sources, grade_bands
from watchkeeper.report.model import Figure, IncidentView, Paragraph
from watchkeeper.vocabulary import LedgerSeries

PERCENT_RULE = "barrels / cap in barrels x 100, to one decimal (assess/ledger.py LedgerYear.percent)"
ALLEGED_RULE = (
    "smallest volume any report of a delivery gives, spread over the years its dates cover; reports of the "
    "same flows count once (assess/ledger.py)"
)
NOTIFIED_RULE = "sum of the notifications to the Committee for the year (cap notifications imported from CSV)"


def grade_figures(incidents: list[IncidentView]) -> list[Figure]:
    """One figure per grade present: how many of ``incidents`` have it, and which."""
    bands = grade_bands()
    return [
        Figure(
            f"incidents graded {grade}",
            sum(i.grade == grade for i in incidents),
            "grade bands (data/assess/grading.yaml)",
            [i.id for i in incidents if i.grade == grade],
            parameters={"min_score": bands.get(grade)},
        )
        for grade in sorted({i.grade for i in incidents})
    ]


def paragraph(
    text: str, refs: list[int] | None = None, figures: list[Figure] | None = None, *, finding: bool = True
) -> Paragraph:
    """A paragraph citing ``refs`` once each, in order; ``finding=False`` for an overview or a method note,
    which states no finding of its own and so needs no citation (``report --check``)."""
    return Paragraph(text, sorted(set(refs or [])), figures or [], finding=finding)


def alleged_refs(year: LedgerYear, sources: Sources, state: str | None = None) -> list[int]:
    """The source numbers of the documents alleging the year's deliveries (of one state's, if given)."""
    refs = [
        sources.cite(e.document_id)
        for e in year.entries
        if e.series == LedgerSeries.ALLEGED and e.document_id and (state is None or e.state == state)
    ]
    return [r for r in refs if r]


def ledger_figures(year: LedgerYear, refs: list[int]) -> list[Figure]:
    """The notified and alleged totals of a ledger year and their shares of the cap, with their records."""
    notified = [e for e in year.entries if e.series == LedgerSeries.REPORTED]
    alleged = [e for e in year.entries if e.series == LedgerSeries.ALLEGED]
    share = {"cap_barrels": year.cap_barrels, "measure": year.measure_id}
    return [
        Figure(
            f"barrels notified in {year.year}",
            f"{year.reported:,.0f}",
            NOTIFIED_RULE,
            parameters={
                "notifications": [
                    {"id": e.notification_id, "state": e.state, "barrels": e.barrels, "source": e.source}
                    for e in notified
                ]
            },
        ),
        Figure("notified share of the cap (%)", year.percent(year.reported), PERCENT_RULE, parameters=share),
        Figure(
            f"barrels alleged in {year.year}",
            f"{year.alleged:,.0f}",
            ALLEGED_RULE,
            sorted({e.incident_id for e in alleged if e.counted and e.barrels and e.incident_id}),
            refs,
            {
                "barrels_per_tonne": barrels_per_tonne(),
                "entries": [
                    {
                        "incident": e.incident_id,
                        "barrels": e.barrels,
                        "quantity": e.quantity_text,
                        "note": e.note,
                    }
                    for e in alleged
                ],
            },
        ),
        Figure("alleged share of the cap (%)", year.percent(year.alleged), PERCENT_RULE, parameters=share),
    ]


def threshold_figure(year: LedgerYear, crossed: list[int]) -> Figure:
    """The highest alert threshold the alleged volume passes, with every threshold of the cap."""
    return Figure(
        "highest alert threshold the alleged volume passes (%)",
        crossed[-1],
        f"alert thresholds of {year.measure_id} (regime data)",
        parameters={"thresholds_percent": year.thresholds, "alleged_percent": year.percent(year.alleged)},
    )


def alerts_figure(year: LedgerYear) -> Figure:
    """The alert thresholds of the cap in force."""
    parameters: dict[str, Any] = {"measure": year.measure_id, "thresholds_percent": year.thresholds}
    return Figure(
        "alert thresholds (%)",
        year.thresholds,
        "alerts of the cap in force (regime data)",
        parameters=parameters,
    )
