"""``watchkeeper export``: every stored record as JSON lines, CSV files or FollowTheMoney entities."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from watchkeeper import export
from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import err_console
from watchkeeper.errors import WatchkeeperError


def export_command(
    ctx: typer.Context,
    fmt: str = typer.Option("json", "--format", "-f", help="json (JSON lines), csv (a directory), ftm."),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Output file (json, ftm; default stdout) or directory (csv, required)."
    ),
    types: list[str] | None = typer.Option(
        None, "--type", "-t", help="Only records of this type (repeatable), e.g. designation, incident."
    ),
) -> None:
    """Export stored records: JSON lines with a `type` per record, CSV per type, or FtM entities."""
    export.check_format(fmt)
    store = app_context(ctx).store
    with store.session() as session:
        if fmt == "csv":
            if out is None:
                raise WatchkeeperError("--out DIRECTORY is required for --format csv")
            counts = export.write_csv_dir(export.iter_records(session, set(types) if types else None), out)
            err_console.print(f"Wrote {sum(counts.values())} records to {out}/ ({', '.join(sorted(counts))})")
            return
        records = (
            export.iter_ftm_entities(session)
            if fmt == "ftm"
            else export.iter_records(session, set(types) if types else None)
        )
        if out is None:
            export.write_json_lines(records, sys.stdout)
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            count = export.write_json_lines(records, fh)
        err_console.print(f"Wrote {count} records to {out}")
