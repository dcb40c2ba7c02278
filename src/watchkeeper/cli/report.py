"""``watchkeeper report``: the panel report for a period, as HTML, Markdown or PDF; or, with ``--explain N``,
where the figures of its paragraph N come from; or, with ``--check``, what in it should not be signed."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import typer

from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import JSON_OPTION, console, print_json, print_json_lines


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024-06-30", param_hint=option) from None


def report_command(
    ctx: typer.Context,
    start: str = typer.Option(..., "--from", help="First day of the period, e.g. 2024-01-01."),
    end: str = typer.Option(..., "--to", help="Last day of the period, e.g. 2024-06-30."),
    fmt: str = typer.Option("html", "--format", help="html, md or pdf."),
    out: Path | None = typer.Option(
        None, "--out", help="File to write (Markdown also writes its charts beside it)."
    ),
    explain: int | None = typer.Option(
        None,
        "--explain",
        metavar="N",
        help="Instead of writing the report, show the incidents, sources, rule and parameters behind "
        "each figure of its paragraph N.",
    ),
    check: bool = typer.Option(
        False,
        "--check",
        help="Instead of writing the report, lint it: likely duplicates, A/B grades without two independent "
        "sources, measures cited outside their period in force, findings without a source, unlabelled "
        "synthetic data. One problem a line (--json: JSON lines); exit code 1 when there is any.",
    ),
    include_synthetic: bool = typer.Option(
        False,
        "--include-synthetic",
        help="Include incidents built from synthetic (demonstration) data, such as the maritime scenario; "
        "the report then says so on its first page.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Write the panel report: findings per measure with evidence, cap ledger, recommendations, sources."""
    first, last = _day(start, "--from"), _day(end, "--to")
    if check:
        _check(ctx, first, last, as_json, include_synthetic)
        return
    if explain is not None:
        from watchkeeper.report.explain import explain as explain_report
        from watchkeeper.report.explain import explanation_text

        record = explain_report(app_context(ctx).store, first, last, explain)
        if as_json:
            print_json(record)
        else:
            sys.stdout.write(explanation_text(record))
        return
    if out is None:
        raise typer.BadParameter(
            "give the file to write (or --explain N to explain a paragraph)", param_hint="--out"
        )
    from watchkeeper.report import write_report  # matplotlib and WeasyPrint load only when reporting

    context = app_context(ctx)
    written = write_report(
        context.store,
        first,
        last,
        fmt,
        out,
        include_synthetic=include_synthetic,
        maritime_dir=context.settings.maritime_dir,  # the AIS positions behind the track excerpts
    )
    record = {
        "path": str(written.path),
        "format": written.format,
        "incidents": written.incidents,
        "sections": written.sections,
        "sources": written.sources,
        "extra_files": [str(p) for p in written.extra_files],
    }
    if as_json:
        print_json(record)
        return
    console.print(
        f"Wrote {written.path} ({written.format}): {written.incidents} incidents in {written.sections} "
        f"measure sections, {written.sources} sources cited."
    )


def _check(ctx: typer.Context, first: date, last: date, as_json: bool, include_synthetic: bool) -> None:
    """Print the report's problems, one a line; exit 1 when there is any."""
    from watchkeeper.report.check import check as check_report

    problems = check_report(app_context(ctx).store, first, last, include_synthetic=include_synthetic)
    if as_json:
        print_json_lines(p.as_dict() for p in problems)
    else:
        for problem in problems:
            sys.stdout.write(problem.line() + "\n")
        if not problems:
            sys.stdout.write(f"The report for {first} to {last} passes every check.\n")
    if problems:
        raise typer.Exit(1)
