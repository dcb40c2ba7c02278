"""``watchkeeper init`` and ``watchkeeper status``: create a workspace and see what it holds."""

from __future__ import annotations

import typer
from sqlalchemy import func, inspect, select, text

from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import JSON_OPTION, console, print_json, print_table
from watchkeeper.store.base import is_modelled
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
    tables = sorted(inspect(store.engine).get_table_names())
    counts: dict[str, int] = {}
    with store.engine.connect() as connection:
        for table in tables:
            if table == "alembic_version" or not is_modelled(table, "table", None):
                continue
            counts[table] = connection.execute(
                select(func.count()).select_from(text(store.engine.dialect.identifier_preparer.quote(table)))
            ).scalar_one()
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
