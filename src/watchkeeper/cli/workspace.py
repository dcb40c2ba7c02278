"""``watchkeeper init`` and ``watchkeeper status``: create a workspace and see what it holds."""

from __future__ import annotations

import typer

from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import JSON_OPTION, console, print_json, print_table
from watchkeeper.store.models.core import WorkspaceMeta


def init(ctx: typer.Context) -> None:
    """Create the workspace directory and its database (or bring an existing one up to date)."""
    app = app_context(ctx)
    store = app.store
    with store.session() as session:
        if session.get(WorkspaceMeta, "created_by") is None:
            session.add(WorkspaceMeta(key="created_by", value="watchkeeper init"))
    console.print(f"Workspace ready: [bold]{app.settings.workspace}[/] (database {store.safe_url})")


def status(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Show the workspace, its database and how many records each table holds."""
    app = app_context(ctx)
    store = app.store
    counts = store.row_counts()
    record = {
        "workspace": str(app.settings.workspace),
        "database": store.safe_url,
        "pending_migrations": sorted(store.pending_migrations()),
        "tables": counts,
    }
    if as_json:
        print_json(record)
        return
    console.print(f"Workspace: [bold]{record['workspace']}[/]\nDatabase:  {record['database']}")
    print_table([{"table": k, "rows": v} for k, v in counts.items()], [("table", "Table"), ("rows", "Rows")])
