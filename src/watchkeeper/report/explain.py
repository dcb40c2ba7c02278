"""Where a paragraph's figures come from: for paragraph N of a report, the incidents, sources, rule and
parameters behind each figure it states (``watchkeeper report --explain N``)."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from typing import Any

from watchkeeper.assess.dates import conflicting_dates
from watchkeeper.errors import WatchkeeperError
from watchkeeper.regime import Regime, load_regime
from watchkeeper.report.build import build_report
from watchkeeper.report.model import ReportData
from watchkeeper.store import Store


def explain_paragraph(data: ReportData, number: int) -> dict[str, Any]:
    """Paragraph ``number`` of ``data`` with the provenance of each figure and the sources they cite."""
    paragraph = data.paragraph(number)
    cited = sorted({n for f in paragraph.figures for n in f.sources} | set(paragraph.refs))
    by_number = {s.number: s for s in data.sources}
    return {
        "paragraph": paragraph.number,
        "of": len(data.paragraphs()),
        "section": paragraph.section,
        "period": {"from": data.start.isoformat(), "to": data.end.isoformat()},
        "regime_version": data.regime_version,
        "text": paragraph.text,
        "refs": paragraph.refs,
        "figures": [f.as_dict() for f in paragraph.figures],
        "sources": [
            {
                "number": n,
                "kind": by_number[n].kind,
                "id": by_number[n].id,
                "label": by_number[n].label,
                "title": by_number[n].title,
                "url": by_number[n].url,
                "published": by_number[n].published,
            }
            for n in cited
            if n in by_number
        ],
    }


def explain(
    store: Store, start: date, end: date, number: int, regime: Regime | None = None
) -> dict[str, Any]:
    """Build the report for [start, end] from ``store`` and explain its paragraph ``number``."""
    if end < start:
        raise WatchkeeperError(f"--to {end} is before --from {start}")
    regime = regime or load_regime()
    with store.session() as session:
        data = build_report(session, regime, start, end)
        record = explain_paragraph(data, number)
        incidents = sorted({i for f in record["figures"] for i in f["incidents"]})
        conflicts = conflicting_dates(session, incidents)
    if conflicts:  # only when an incident's reports give different days
        record["conflicting_dates"] = conflicts
    return record


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value:
        return "; ".join(
            f"{k} ({', '.join(f'{n} {_value(x)}' for n, x in v.items())})"
            if isinstance(v, dict)
            else f"{k} {_value(v)}"
            for k, v in value.items()
        )
    return json.dumps(value, ensure_ascii=False)


def _fill(text: str, width: int, indent: str) -> str:
    # ids and file paths hold hyphens: break lines only between words
    return textwrap.fill(
        text, width, initial_indent=indent, subsequent_indent=indent + "  ", break_on_hyphens=False
    )


def explanation_text(record: dict[str, Any], width: int = 100) -> str:
    """The explanation as plain text for a terminal."""
    indent = " " * 4
    lines = [
        f"Paragraph {record['paragraph']} of {record['of']} ({record['section']}), report "
        f"{record['period']['from']} to {record['period']['to']}, regime data {record['regime_version']}",
        _fill(record["text"], width, "  "),
    ]
    if not record["figures"]:
        lines.append("  It states no figure drawn from the records.")
    for figure in record["figures"]:
        lines.append(f"- {figure['what']}: {_value(figure['value'])}")
        lines.append(_fill(f"rule: {figure['rule']}", width, indent))
        if figure["incidents"]:
            lines.append(_fill("incidents: " + ", ".join(figure["incidents"]), width, indent))
        if figure["sources"]:
            lines.append(_fill("sources: " + ", ".join(str(n) for n in figure["sources"]), width, indent))
        for key, value in figure["parameters"].items():
            lines.append(_fill(f"{key}: {_value(value)}", width, indent))
    for incident, dates in sorted(record.get("conflicting_dates", {}).items()):
        given = "; ".join(f"{d['date']} ({d['precision']}) in {', '.join(d['documents'])}" for d in dates)
        lines.append(_fill(f"- {incident}: its sources give different dates: {given}", width, "  "))
    if record["sources"]:
        lines.append("Sources:")
        for source in record["sources"]:
            stored = "stored document" if source["kind"] == "document" else "stored maritime event"
            title = f", \u201c{source['title']}\u201d" if source["title"] else ""
            lines.append(
                f"  [{source['number']}] {source['label']}{title}, {source['published'] or 'undated'}; "
                f"{stored} {source['id']}"
            )
    return "\n".join(lines) + "\n"
