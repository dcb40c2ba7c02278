"""The report's figures as SVG (matplotlib, Agg): the incident timeline and the cap ledger."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from watchkeeper.assess.ledger import LedgerYear
from watchkeeper.report.model import IncidentView
from watchkeeper.vocabulary import Grade

GRADE_COLOURS = {Grade.A: "#1b3a5c", Grade.B: "#4f7cac", Grade.C: "#a3b8cc", Grade.D: "#d9d9d9"}
STYLE = matplotlib.RcParams(
    {
        "font.family": "DejaVu Serif",
        "font.size": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "none",
        "svg.hashsalt": "watchkeeper",
    }
)


def _svg(figure: plt.Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return re.sub(r"^.*?(<svg)", r"\1", text, flags=re.S)


def timeline_svg(incidents: Sequence[IncidentView], start: date, end: date) -> str:
    """Incidents over the period, one row per kind, coloured by grade."""
    dated = [i for i in incidents if i.on is not None and start <= i.on <= end]
    kinds = sorted({i.kind_label for i in dated}, reverse=True)
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(6.3, 0.35 * max(len(kinds), 3) + 0.9))
        for grade, colour in GRADE_COLOURS.items():
            points = [i for i in dated if i.grade == grade]
            axes.scatter(
                [mdates.date2num(i.on) for i in points if i.on is not None],
                [kinds.index(i.kind_label) for i in points],
                s=36,
                c=colour,
                edgecolors="#333333",
                linewidths=0.4,
                label=f"Grade {grade}",
                zorder=3,
            )
        axes.set_yticks(range(len(kinds)), kinds)
        axes.xaxis_date()
        axes.set_xlim(mdates.date2num(start), mdates.date2num(end))
        axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
        axes.grid(axis="x", color="#e5e5e5", linewidth=0.5)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=4, frameon=False)
        figure.autofmt_xdate(rotation=0, ha="center")
        return _svg(figure)


def ledger_svg(years: Sequence[LedgerYear]) -> str:
    """Reported and alleged deliveries per year as a percentage of the cap, with the alert thresholds."""
    rows = [y for y in years if y.cap_barrels]
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(6.3, 2.6))
        positions = range(len(rows))
        reported = [y.percent(y.reported) or 0 for y in rows]
        alleged = [y.percent(y.alleged) or 0 for y in rows]
        axes.bar(
            [p - 0.18 for p in positions],
            reported,
            width=0.36,
            color="#4f7cac",
            label="Notified to the Committee",
        )
        axes.bar(
            [p + 0.18 for p in positions],
            alleged,
            width=0.36,
            color="#c8553d",
            label="Alleged in the evidence",
        )
        thresholds = sorted({t for y in rows for t in y.thresholds})
        for n, t in enumerate(thresholds):
            axes.axhline(t, color="#777777", linewidth=0.6, linestyle=(0, (3, 3)))
            # the highest label above its line, the others below, so close thresholds (90, 95) stay apart
            where = "bottom" if n == len(thresholds) - 1 else "top"
            axes.text(len(rows) - 0.5, t, f" {t} %", va=where, fontsize=6.5, color="#555555")
        axes.axhline(100, color="#222222", linewidth=0.8)
        axes.set_xticks(list(positions), [f"{y.year}\n{y.commodity.replace('_', ' ')}" for y in rows])
        axes.set_ylabel("Per cent of the annual cap")
        top = max([*reported, *alleged, 100])
        axes.set_ylim(0, top * 1.1)
        for p, value in zip(positions, alleged, strict=True):
            if value > 0:
                axes.text(p + 0.18, value, f"{value:.0f}", ha="center", va="bottom", fontsize=7)
        for p, value in zip(positions, reported, strict=True):
            if value > 0:
                axes.text(p - 0.18, value, f"{value:.0f}", ha="center", va="bottom", fontsize=7)
        axes.legend(loc="upper left", frameon=False)
        return _svg(figure)
