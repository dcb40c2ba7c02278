"""The incident timeline as a server-rendered SVG: one lane per incident kind, one dot per incident."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

from watchkeeper.vocabulary import Grade

LANE = 34
LEFT = 190
WIDTH = 1100
TOP = 30
GRADE_COLOURS: dict[str, str] = {
    Grade.A: "#1b7f3b",
    Grade.B: "#4f9a2f",
    Grade.C: "#d08a16",
    Grade.D: "#b0413e",
}


def _months(first: date, last: date) -> list[date]:
    months, current = [], date(first.year, first.month, 1)
    while current <= last:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


DEFAULT_YEARS = 3  # the default view: the newest incident's year and the two before it


def default_window(rows: list[dict[str, Any]]) -> tuple[date | None, date | None]:
    """The default range of the timeline: from 1 January, DEFAULT_YEARS - 1 years before the newest incident.

    Background references to old events (a 2006 test recalled in a 2024 article) would otherwise stretch the
    axis over decades and squeeze the current incidents together.
    """
    dates = [r["date"] for r in rows if isinstance(r.get("date"), date)]
    if not dates:
        return None, None
    newest = max(dates)
    return date(newest.year - DEFAULT_YEARS + 1, 1, 1), newest


def in_window(rows: list[dict[str, Any]], start: date | None, end: date | None) -> list[dict[str, Any]]:
    """The dated incidents from ``start`` to ``end`` inclusive (either may be open)."""
    return [
        r
        for r in rows
        if isinstance(r.get("date"), date)
        and (start is None or r["date"] >= start)
        and (end is None or r["date"] <= end)
    ]


def timeline_svg(rows: list[dict[str, Any]]) -> Markup:
    """Dated incidents by kind over time, coloured by grade, each linking to its page (empty when none)."""
    dated = [r for r in rows if isinstance(r.get("date"), date)]
    if not dated:
        return Markup("")
    kinds = sorted({r["kind"] for r in dated})
    first = min(r["date"] for r in dated)
    last = max(r["date"] for r in dated)
    months = _months(first, last)
    start, end = months[0], (months[-1] + timedelta(days=32)).replace(day=1)
    span = max(1, (end - start).days)
    height = TOP + LANE * len(kinds) + 40

    def x(day: date) -> float:
        return LEFT + (WIDTH - LEFT - 20) * (day - start).days / span

    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="Incidents over time by kind">'
    ]
    step = max(1, len(months) // 12)
    for month in months[::step]:
        mx = x(month)
        parts.append(
            f'<line x1="{mx:.1f}" y1="{TOP - 8}" x2="{mx:.1f}" y2="{height - 30}" stroke="#e3e7ec"/>'
        )
        parts.append(
            f'<text x="{mx:.1f}" y="{height - 12}" font-size="11" fill="#5c6675">{month:%Y-%m}</text>'
        )
    for lane, kind in enumerate(kinds):
        y = TOP + LANE * lane + LANE / 2
        count = sum(1 for r in dated if r["kind"] == kind)
        label = escape(f"{kind.replace('_', ' ')} ({count})")
        parts.append(f'<text x="8" y="{y + 4:.1f}" font-size="12" fill="#1d2430">{label}</text>')
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 20}" y2="{y:.1f}" stroke="#c9d1db"/>')
        for row in (r for r in dated if r["kind"] == kind):
            colour = GRADE_COLOURS.get(row.get("grade") or "", "#5c6675")
            title = escape(f"{row['date']} {kind} grade {row.get('grade')}: {row.get('summary', '')}")
            parts.append(
                f'<a href="/incidents/{escape(row["id"])}">'
                f'<circle cx="{x(row["date"]):.1f}" cy="{y:.1f}" r="6" '
                f'fill="{colour}" fill-opacity="0.8" stroke="#fff"><title>{title}</title></circle></a>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
