"""The ``watchkeeper`` command: a thin layer over the library, one sub-command group per stage.

Conventions every command follows (the README's "Conventions"): ``--json`` on list/show commands, exit code 0
on success, 1 on a user error (printed without a traceback), 2 on a usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from watchkeeper import __version__
from watchkeeper.cli import assess as assess_cli
from watchkeeper.cli import evidence as evidence_cli
from watchkeeper.cli import lists, maritime, reading, regime, web, workspace
from watchkeeper.cli import report as report_cli
from watchkeeper.cli import resolve as resolve_cli
from watchkeeper.cli.context import AppContext
from watchkeeper.cli.export import export_command
from watchkeeper.cli.output import err_console
from watchkeeper.config import load_settings
from watchkeeper.errors import WatchkeeperError


class WatchkeeperGroup(TyperGroup):
    """Turns a WatchkeeperError anywhere below into a one-line message and exit code 1."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; a user error ends it with its message and exit code 1, not a traceback."""
        try:
            return super().main(*args, **kwargs)
        except WatchkeeperError as exc:
            err_console.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
            raise SystemExit(1) from exc


app = typer.Typer(
    name="watchkeeper",
    cls=WatchkeeperGroup,
    help="Monitor the UN sanctions on the DPRK: regime, designated lists, evidence, incidents, reports.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"watchkeeper {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Path | None = typer.Option(
        None,
        "--workspace",
        "-w",
        envvar="WATCHKEEPER_WORKSPACE",
        help="Workspace directory (default ./watchkeeper-data).",
        show_envvar=True,
    ),
    database_url: str | None = typer.Option(
        None,
        "--database-url",
        envvar="WATCHKEEPER_DATABASE_URL",
        show_envvar=True,
        help="SQLAlchemy URL of the database (default: SQLite file in the workspace).",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Settings are resolved here once for every sub-command."""
    ctx.obj = AppContext(load_settings(workspace=workspace, database_url=database_url))
    ctx.call_on_close(ctx.obj.close)  # the store closes when the command ends, however it ends


app.command("init")(workspace.init)
app.command("status")(workspace.status)
app.command("export")(export_command)
app.command("serve")(web.serve)
app.add_typer(web.users_app, name="users")
app.add_typer(web.audit_app, name="audit")

# Stage command groups (one line each): app.add_typer(<group>.app, name="<group>")
evidence_cli.register(app)  # ingest, feeds, docs, stories
app.add_typer(regime.app, name="regime")
app.add_typer(lists.app, name="lists")
app.add_typer(maritime.app, name="maritime")
app.command("read")(reading.read_command)
evidence_cli.docs_app.command("show")(reading.doc_show)
app.add_typer(reading.entities_app, name="entities")
app.command("screen")(resolve_cli.screen)
app.command("match")(resolve_cli.match)
app.command("assess")(assess_cli.assess_command)
app.add_typer(assess_cli.incidents_app, name="incidents")
app.add_typer(assess_cli.caps_app, name="caps")
app.command("report")(report_cli.report_command)


def main() -> None:
    """Entry point of the ``watchkeeper`` script."""
    app()
