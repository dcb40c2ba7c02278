"""``watchkeeper assess``, ``incidents`` and ``caps``: incidents against measures, grades, the cap ledger.

Thin over :mod:`watchkeeper.assess`: ``assess`` merges, grades and links (a rerun changes nothing),
``incidents`` lists, shows and overrides grades (audited), ``caps`` prints the ledger and imports deliveries.
"""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import Any

import typer

from watchkeeper.assess import (
    assess,
    cap_ledger,
    find_incident,
    import_notifications,
    incident_links,
    incident_record,
    list_incidents,
    override_grade,
    summary_record,
)
from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import (
    JSON_OPTION,
    console,
    print_fields,
    print_json,
    print_json_lines,
    print_records,
    print_table,
)
from watchkeeper.regime import load_regime

incidents_app = typer.Typer(
    help="Assessed incidents: list, show with evidence and measures, override a grade.", no_args_is_help=True
)
caps_app = typer.Typer(
    help="The petroleum cap ledger: reported and alleged deliveries against the cap in force.",
    invoke_without_command=True,
)

_COLUMNS = [
    ("id", "Id"),
    ("kind", "Kind"),
    ("date", "Date"),
    ("precision", "Prec."),
    ("grade", "Grade"),
    ("source_count", "Sources"),
    ("status", "Status"),
    ("measure_ids", "Measures"),
    ("summary", "Summary"),
]


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024-01-31", param_hint=option) from None


def assess_command(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Merge per-document incidents and maritime events, grade them and link the measures they may breach."""
    summary = assess(app_context(ctx).store)
    record = summary.as_dict()
    if as_json:
        print_json(record)
        return
    console.print(
        f"{summary.incidents} incidents from {summary.sightings} sightings: {summary.inserted} new, "
        f"{summary.updated} updated, {summary.unchanged} unchanged, {summary.removed} removed."
    )
    console.print("By grade: " + ", ".join(f"{g} {n}" for g, n in record["by_grade"].items()))
    console.print("By measure: " + ", ".join(f"{m} {n}" for m, n in record["links_by_measure"].items()))


@incidents_app.command("list")
def list_command(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, "--kind", help="Only this kind, e.g. missile_launch."),
    start: str | None = typer.Option(None, "--from", help="Only incidents on or after this date."),
    end: str | None = typer.Option(None, "--to", help="Only incidents on or before this date."),
    measure: str | None = typer.Option(None, "--measure", help="Only incidents linked to this measure id."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List assessed incidents with grade, sources and the measures they may breach."""
    with app_context(ctx).store.session() as session:
        rows = list_incidents(
            session, kind=kind, start=_day(start, "--from"), end=_day(end, "--to"), measure_id=measure
        )
        links = incident_links(session, [r.id for r in rows])
        records = [summary_record(r, links.get(r.id, [])) for r in rows]
    if not as_json:
        for record in records:
            record["summary"] = record["summary"][:60]
    print_records(
        records,
        as_json=as_json,
        columns=_COLUMNS,
        title="Assessed incidents",
        empty="No incidents; run `watchkeeper assess` first.",
    )


@incidents_app.command("show")
def show_command(
    ctx: typer.Context,
    incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """One incident: evidence, grade and why, measures and why, denials."""
    with app_context(ctx).store.session() as session:
        record = incident_record(session, find_incident(session, incident_id))
    if as_json:
        print_json(record)
        return
    print_fields(
        {
            k: record[k]
            for k in ("id", "kind", "date", "date_end", "precision", "place", "status", "commodity")
        },
        title=f"Incident {record['id']}",
    )
    console.print(f"\n[bold]Summary[/]: {record['summary']}")
    console.print(
        f"\n[bold]Grade {record['grade']}[/] (score {record['grade_score']}): {record['grade_meaning']}"
    )
    if record["override"]:
        o = record["override"]
        console.print(f"  overridden by {o['by']} from {record['computed_grade']}: {o['reason']}")
    print_table(
        record["grade_features"],
        [("name", "Feature"), ("value", "Value"), ("points", "Points"), ("explanation", "Why")],
    )
    print_table(
        [
            {"role": a["role"], "name": a["name"], "designation": a["designation_id"]}
            for a in record["actors"]
        ],
        [("role", "Role"), ("name", "Actor"), ("designation", "Designation")],
        title="Actors",
    )
    print_table(
        record["measures"],
        [
            ("measure_id", "Measure"),
            ("rule_id", "Rule"),
            ("in_force_on", "In force on"),
            ("effective_from", "Since"),
            ("why", "Why"),
        ],
        title="Measures",
        empty="No measure linked.",
    )
    print_table(
        record["evidence"],
        [
            ("source_name", "Source"),
            ("source_class", "Class"),
            ("outlet", "Outlet"),
            ("published_at", "Published"),
            ("quoted", "Words"),
            ("document_id", "Document"),
        ],
        title="Evidence",
    )
    print_table(
        record["denials"],
        [("source_name", "Who"), ("quoted", "Words"), ("document_id", "Document")],
        title="Denials and replies",
        empty="No denial recorded.",
    )


@incidents_app.command("grade")
def grade_command(
    ctx: typer.Context,
    incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
    grade: str | None = typer.Option(None, "--grade", help="The grade to set (A-D)."),
    reason: str = typer.Option(..., "--reason", help="Why: kept in the audit log."),
    clear: bool = typer.Option(
        False, "--clear", help="Remove the override and go back to the computed grade."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Override an incident's grade with a reason (audited, kept across reassessments)."""
    if (grade is None) == (not clear):
        raise typer.BadParameter("give --grade X or --clear", param_hint="--grade")
    actor = f"cli:{getpass.getuser()}"
    with app_context(ctx).store.session() as session:
        incident = override_grade(session, incident_id, None if clear else grade, reason, actor)
        record = {
            "id": incident.id,
            "grade": incident.grade,
            "computed_grade": incident.computed_grade,
            "grade_override": incident.grade_override,
            "reason": reason,
            "by": actor,
        }
    if as_json:
        print_json(record)
        return
    console.print(f"Incident {record['id']}: grade {record['grade']} (computed {record['computed_grade']}).")


@caps_app.callback()
def caps_command(
    ctx: typer.Context,
    year: list[int] = typer.Option(None, "--year", help="Only these years (repeatable)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Reported and alleged petroleum deliveries per year, as a percentage of the cap in force."""
    if ctx.invoked_subcommand is not None:
        return
    with app_context(ctx).store.session() as session:
        ledger = cap_ledger(session, load_regime(), years=list(year) if year else None)
        rows: list[dict[str, Any]] = [y.as_dict() for y in ledger]
    if as_json:
        print_json_lines({"type": "cap_ledger_year", **row} for row in rows)
        return
    for row in rows:
        row["cap"] = f"{row['cap_barrels']:,.0f}" if row.get("cap_barrels") is not None else "-"
        row["reported"] = f"{row['reported_barrels']:,.0f} ({row['reported_percent']} %)"
        row["alleged"] = f"{row['alleged_barrels']:,.0f} ({row['alleged_percent']} %)"
        row["crossed"] = ", ".join(f"{t} %" for t in row["alleged_thresholds_crossed"]) or "-"
    print_table(
        rows,
        [
            ("year", "Year"),
            ("commodity", "Commodity"),
            ("measure_id", "Cap"),
            ("cap", "Cap (bbl)"),
            ("reported", "Reported (bbl, %)"),
            ("alleged", "Alleged (bbl, %)"),
            ("crossed", "Alerts crossed (alleged)"),
        ],
        title="Cap ledger",
        empty="No deliveries recorded; `watchkeeper caps import FILE`.",
    )


@caps_app.command("import")
def import_command(
    ctx: typer.Context,
    path: Path = typer.Argument(
        ...,
        help="CSV of notified deliveries (see docs/assess.md for the columns).",
        exists=True,
        dir_okay=False,
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Import deliveries states notified to the 1718 Committee (a rerun changes nothing)."""
    with app_context(ctx).store.session() as session:
        result = import_notifications(session, path)
    record = {"file": str(path), **result.__dict__}
    if as_json:
        print_json(record)
        return
    console.print(
        f"{path.name}: {result.rows} rows; {result.inserted} new, {result.updated} updated, "
        f"{result.unchanged} unchanged."
    )
