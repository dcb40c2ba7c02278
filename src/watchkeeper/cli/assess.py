"""``watchkeeper assess``, ``incidents`` and ``caps``: incidents against measures, grades, the cap ledger.

Thin over :mod:`watchkeeper.assess`: ``assess`` merges, grades and links (a rerun changes nothing; reviews
it leaves unattached are warned about), ``incidents`` lists and shows incidents as analysts reviewed them and
overrides grades (audited), ``caps`` prints the ledger (reviewed view) and imports deliveries.
"""

from __future__ import annotations

import getpass
from datetime import date
from pathlib import Path
from typing import Any

import typer
from sqlalchemy.orm import Session

from watchkeeper.assess import (
    ReviewedIncident,
    assess,
    cap_ledger,
    find_incident,
    import_notifications,
    incident_record,
    override_grade,
    reviewed_incidents,
    summary_record,
)
from watchkeeper.assess import review as review_decisions
from watchkeeper.assess.review import incident_notes
from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import (
    JSON_OPTION,
    console,
    err_console,
    print_fields,
    print_json,
    print_json_lines,
    print_records,
    print_table,
)
from watchkeeper.errors import NotFoundError
from watchkeeper.regime import load_regime
from watchkeeper.vocabulary import ReviewState

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
    ("review_status", "Review"),
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
    _warn_orphans(summary.orphaned_reviews)
    if as_json:
        print_json(record)
        return
    console.print(
        f"{summary.incidents} incidents from {summary.sightings} sightings: {summary.inserted} new, "
        f"{summary.updated} updated, {summary.unchanged} unchanged, {summary.removed} removed."
    )
    console.print("By grade: " + ", ".join(f"{g} {n}" for g, n in record["by_grade"].items()))
    console.print("By measure: " + ", ".join(f"{m} {n}" for m, n in record["links_by_measure"].items()))
    console.print("Measure status: " + ", ".join(f"{s} {n}" for s, n in record["by_measure_status"].items()))
    if summary.synthetic:
        console.print(
            f"{summary.synthetic} incidents rest on synthetic (demonstration) data only: kept and marked "
            "`synthetic`, left out of incident lists and reports unless asked for."
        )


def _warn_orphans(orphans: list[dict[str, Any]]) -> None:
    """Reviews that no longer attach are kept; say so on stderr so nobody thinks they were applied."""
    if not orphans:
        return
    err_console.print(
        f"[yellow]Warning:[/] {len(orphans)} analyst review(s) no longer attach to the assessment "
        "(kept, listed in the report's annex):"
    )
    for o in orphans:
        hint = f"; its evidence is now in {', '.join(o['successors'])}" if o["successors"] else ""
        err_console.print(f"  {o['incident_id']} ({o['status']} by {o['reviewed_by']}): {o['problem']}{hint}")
    err_console.print(
        "Move a review with `watchkeeper incidents reattach OLD NEW`, or drop it with "
        "`watchkeeper incidents dismiss-review OLD --reason ...`."
    )


def _reviewed_record(item: ReviewedIncident) -> dict[str, Any]:
    return {**summary_record(item.incident, item.links), **item.review_record()}


@incidents_app.command("list")
def list_command(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, "--kind", help="Only this kind, e.g. missile_launch."),
    start: str | None = typer.Option(None, "--from", help="Only incidents on or after this date."),
    end: str | None = typer.Option(None, "--to", help="Only incidents on or before this date."),
    measure: str | None = typer.Option(None, "--measure", help="Only incidents linked to this measure id."),
    include_rejected: bool = typer.Option(
        False, "--include-rejected", help="Also list incidents analysts rejected or merged into another."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """List incidents as analysts reviewed them: grade, review status, the measures they may breach."""
    with app_context(ctx).store.session() as session:
        items = reviewed_incidents(
            session,
            kind=kind,
            start=_day(start, "--from"),
            end=_day(end, "--to"),
            measure_id=measure,
            include_rejected=include_rejected,
        )
        records = [_reviewed_record(item) for item in items]
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


def _find_reviewed(session: Session, ref: str) -> ReviewedIncident:
    """An incident of the reviewed view (rejected, merged and split-off ones included) by id or prefix."""
    items = reviewed_incidents(session, include_rejected=True)
    exact = [i for i in items if i.id == ref] or [i for i in items if i.id.startswith(ref)]
    if len(exact) != 1:
        find_incident(session, ref)  # raises the store's own not-found error
        raise NotFoundError(f"no single incident with id {ref!r} (see `watchkeeper incidents list`)")
    return exact[0]


@incidents_app.command("show")
def show_command(
    ctx: typer.Context,
    incident_id: str = typer.Argument(..., help="Incident id (or a unique prefix)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """One incident as analysts reviewed it: evidence, grade and why, measures and why, denials, review."""
    with app_context(ctx).store.session() as session:
        item = _find_reviewed(session, incident_id)
        record = {
            **incident_record(session, item.incident, item.links, item.evidence),
            **item.review_record(),
            "notes": incident_notes(session, item.split_from or item.id),
        }
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
    _print_review(record)
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


@incidents_app.command("reattach")
def reattach_command(
    ctx: typer.Context,
    old_id: str = typer.Argument(..., help="The incident a reassessment no longer has (named by `assess`)."),
    new_id: str = typer.Argument(..., help="The incident that now holds its evidence (id or unique prefix)."),
    reason: str | None = typer.Option(None, "--reason", help="Why: kept in the audit log."),
) -> None:
    """Move an orphaned review (and its notes) onto the incident that replaced it."""
    with app_context(ctx).store.session() as session:
        target = review_decisions.reattach(session, old_id, new_id, f"cli:{getpass.getuser()}", reason)
    console.print(f"The review of {old_id} now applies to {target}.")


@incidents_app.command("dismiss-review")
def dismiss_review_command(
    ctx: typer.Context,
    incident_id: str = typer.Argument(..., help="The incident a reassessment no longer has."),
    reason: str = typer.Option(..., "--reason", help="Why: kept in the audit log with the review."),
) -> None:
    """Drop an orphaned review (the audit log keeps what it said); review the new incident afresh."""
    with app_context(ctx).store.session() as session:
        review_decisions.dismiss(session, incident_id, f"cli:{getpass.getuser()}", reason)
    console.print(f"The review of {incident_id} is dismissed.")


def _print_review(record: dict[str, Any]) -> None:
    status = record["review_status"]
    if status == ReviewState.AWAITING:
        console.print("\n[bold]Review[/]: awaiting an analyst.")
        return
    line = f"\n[bold]Review[/]: {status} by {record['reviewed_by']} on {record['reviewed_at']:%Y-%m-%d}"
    line += f": {record['review_reason']}" if record["review_reason"] else "."
    console.print(line)
    if record["merged_into"]:
        console.print(f"  merged into {record['merged_into']}: its evidence counts there.")
    if record["merged_from"]:
        console.print(f"  holds the evidence of {', '.join(record['merged_from'])} (merged into it).")
    if record["split_from"]:
        console.print(f"  split off {record['split_from']} by the analyst.")
    for name, value in record["original"].items():
        console.print(f"  {name} corrected by the analyst; the assessment said: {value}")
    for note in record["notes"]:
        console.print(f"  note by {note['author']}: {note['text']}")


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
        row["out"] = ", ".join(sorted(set(row["reviewed_out_incidents"]))) or "-"
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
            ("out", "Reviewed out (not counted)"),
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
