"""The report's figures as SVG (matplotlib, Agg): the incident timeline and the cap ledger."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from watchkeeper.assess.ledger import LedgerYear
from watchkeeper.maritime.maps import EXCERPT_MARKERS, draw_track_excerpts
from watchkeeper.report.model import IncidentView, MaritimeSection
from watchkeeper.vocabulary import Grade

# Okabe & Ito's colour-blind-safe palette (https://jfly.uni-koeln.de/color/), its yellow left out (too pale on
# white): one hue and one marker per kind, in order, so a kind reads by shape as well as colour.
KIND_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
ROW_HEIGHT = 0.7  # of the one unit between kinds, shared by the lanes that keep overlapping ranges apart
MAX_LANES = 4  # more lanes than this make marks too small to read: later ones share a lane
LANE_GAP_DAYS = 7  # marks closer than this in one lane would touch at the chart's scale
SHORTEST_BAR_DAYS = 10  # a shorter range is narrower than a mark at two years a page: drawn as a mark
KIND_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "h", "<", ">")
# A grade reads by how full its mark is (and its letter in the legend), never by a red/green code.
FillStyle = Literal["full", "left", "right", "bottom", "top", "none"]
GRADE_FILLS: dict[str, FillStyle] = {Grade.A: "full", Grade.B: "bottom", Grade.C: "none", Grade.D: "none"}
GRADE_ALPHA: dict[str, float] = {Grade.A: 1.0, Grade.B: 1.0, Grade.C: 1.0, Grade.D: 0.45}
NOTIFIED_COLOUR, ALLEGED_COLOUR = "#0072B2", "#D55E00"
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


def _style(kind_index: int) -> tuple[str, str]:
    return KIND_COLOURS[kind_index % len(KIND_COLOURS)], KIND_MARKERS[kind_index % len(KIND_MARKERS)]


def _lanes(spans: list[tuple[date, date]]) -> tuple[list[int], int]:
    """Each span's lane in its row, so that spans sharing days sit one above the other; and how many lanes."""
    ends: list[date] = []
    lanes = []
    for first, last in spans:
        lane = next((n for n, end in enumerate(ends) if end < first), len(ends))
        if lane == MAX_LANES:
            lane = min(range(MAX_LANES), key=lambda n: ends[n])
        elif lane == len(ends):
            ends.append(last)
        ends[lane] = last
        lanes.append(lane)
    return lanes, max(len(ends), 1)


def _range_bar(axes: Axes, y: float, height: float, first: date, last: date, colour: str, grade: str) -> None:
    """A date range as a horizontal bar: solid for A, hatched for B, outlined for C, faint for D."""
    left, right = mdates.date2num(first), mdates.date2num(last + timedelta(days=1))
    full = GRADE_FILLS.get(grade) == "full"
    axes.broken_barh(
        [(left, right - left)],
        (y - height / 2, height),
        facecolors=colour if full else "white",
        edgecolors=colour,
        hatch="////" if GRADE_FILLS.get(grade) == "bottom" else None,
        linewidth=0.8,
        alpha=GRADE_ALPHA.get(grade, 1.0),
        zorder=2,
    )


def timeline_svg(incidents: Sequence[IncidentView], start: date, end: date) -> str:
    """Incidents over the period, one row per kind (its own hue and marker): a day (or a range of under ten
    days, at its middle) as a mark, a longer date range as a bar over the days it covers; the grade as the
    fill of the mark or bar. Overlapping ranges of one kind sit in lanes one above the other."""
    dated = [
        i
        for i in incidents
        if (i.start or i.end) is not None
        and (i.start or i.end or end) <= end
        and (i.end or i.start or start) >= start
    ]
    kinds = sorted({i.kind_label for i in dated}, reverse=True)
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(6.3, 0.5 * max(len(kinds), 3) + 1.1))
        for row, kind in enumerate(kinds):
            colour, marker = _style(len(kinds) - 1 - row)
            items = sorted(
                ((i.start or i.end, i.end or i.start, i) for i in dated if i.kind_label == kind),
                key=lambda t: (t[0], t[1]),
            )
            spans = [(max(first, start), min(last, end)) for first, last, _ in items if first and last]
            lanes, count = _lanes([(first, last + timedelta(days=LANE_GAP_DAYS)) for first, last in spans])
            height = ROW_HEIGHT / count
            for (first, last), lane, (_, _, incident) in zip(spans, lanes, items, strict=True):
                y = row - ROW_HEIGHT / 2 + height * (lane + 0.5)
                if (last - first).days >= SHORTEST_BAR_DAYS:
                    _range_bar(axes, y, height * 0.8, first, last, colour, incident.grade)
                    continue
                axes.plot(
                    [mdates.date2num(first) + (last - first).days / 2],
                    [y],
                    marker=marker,
                    markersize=min(6.0, 40 * height),
                    color=colour,
                    fillstyle=GRADE_FILLS.get(incident.grade, "none"),
                    markerfacecoloralt="white",
                    markeredgewidth=0.9,
                    alpha=GRADE_ALPHA.get(incident.grade, 1.0),
                    linestyle="none",
                    zorder=3,
                )
        axes.set_yticks(range(len(kinds)), kinds)
        for label, index in zip(axes.get_yticklabels(), range(len(kinds)), strict=True):
            label.set_color(_style(len(kinds) - 1 - index)[0])
        axes.xaxis_date()
        axes.set_xlim(mdates.date2num(start), mdates.date2num(end + timedelta(days=1)))
        axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
        axes.grid(axis="x", color="#e5e5e5", linewidth=0.5)
        handles: list[Artist] = [
            Line2D(
                [],
                [],
                marker="o",
                color="#333333",
                linestyle="none",
                markersize=6,
                fillstyle=GRADE_FILLS[grade],
                markerfacecoloralt="white",
                alpha=GRADE_ALPHA[grade],
                label=f"Grade {grade}",
            )
            for grade in GRADE_FILLS
        ]
        handles.append(Patch(facecolor="white", edgecolor="#333333", label="Bar: a date range"))
        axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=5, frameon=False)
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
            color=NOTIFIED_COLOUR,
            label="Notified to the Committee",
        )
        axes.bar(
            [p + 0.18 for p in positions],
            alleged,
            width=0.36,
            color="white",
            edgecolor=ALLEGED_COLOUR,
            hatch="////",
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


def maritime_map_svg(section: MaritimeSection) -> str:
    """The maritime events the report cites (M1, M2, ... by kind of marker) over land, with each vessel's
    track around them in its own Okabe-Ito colour; dotted where its AIS went dark."""
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(6.3, 5.6))
        events = [{"label": e.label, "kind": e.kind_id, "lat": e.lat, "lon": e.lon} for e in section.events]
        draw_track_excerpts(axes, section.tracks, events, KIND_COLOURS)
        axes.set_xlabel("Longitude (\u00b0 E)")
        axes.set_ylabel("Latitude (\u00b0 N)")
        axes.grid(color="#ffffff", linewidth=0.4)
        handles: list[Artist] = list(axes.get_legend_handles_labels()[0])
        kinds = dict.fromkeys(e.kind_id for e in section.events if e.lat is not None)
        handles += [
            Line2D(
                [],
                [],
                marker=EXCERPT_MARKERS.get(kind, "D"),
                color="black",
                markerfacecolor="white",
                linestyle="none",
                markersize=8,
                label=next(e.kind for e in section.events if e.kind_id == kind),
            )
            for kind in kinds
        ]
        axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False)
        return _svg(figure)
