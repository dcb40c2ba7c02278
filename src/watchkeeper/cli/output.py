"""How every command prints: JSON for scripts (``--json``), rich tables for people, progress on stderr."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from watchkeeper import serialization


def _console(stderr: bool = False) -> Console:
    # Piped or logged output is read later, not on an 80-column screen: don't wrap tables that narrowly.
    probe = Console(stderr=stderr)
    width = None if probe.is_terminal or os.environ.get("COLUMNS") else 160
    return Console(stderr=stderr, width=width)


console = _console()
err_console = _console(stderr=True)

JSON_OPTION = typer.Option(
    False, "--json", help="Print JSON (one object per line for lists) instead of a table."
)


def dumps(record: Mapping[str, Any]) -> str:
    """One record as compact strict JSON (no NaN or Infinity) with stable key order."""
    return serialization.dumps(record)


def print_json_lines(records: Iterable[Mapping[str, Any]]) -> None:
    """A list as JSON lines on stdout, one object per line, for jq."""
    out = sys.stdout
    for record in records:
        out.write(dumps(record) + "\n")
    out.flush()


def print_json(record: Mapping[str, Any]) -> None:
    """One object as indented JSON on stdout."""
    sys.stdout.write(serialization.dumps(record, indent=2) + "\n")
    sys.stdout.flush()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def print_table(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    empty: str = "Nothing found.",
) -> None:
    """Records as a table; ``columns`` are (key, header) pairs."""
    if not records:
        console.print(empty)
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for record in records:
        table.add_row(*(_cell(record.get(key)) for key, _ in columns))
    console.print(table)


def print_records(
    records: Iterable[Mapping[str, Any]],
    *,
    as_json: bool,
    columns: Sequence[tuple[str, str]],
    title: str | None = None,
    empty: str = "Nothing found.",
) -> None:
    """A list command's output: JSON lines with ``--json``, a table otherwise."""
    if as_json:
        print_json_lines(records)
    else:
        print_table(list(records), columns, title=title, empty=empty)


def print_fields(record: Mapping[str, Any], *, title: str | None = None) -> None:
    """One record as a two-column table of its fields, for ``show`` commands."""
    table = Table(title=title, show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for key, value in record.items():
        table.add_row(key, _cell(value))
    console.print(table)


def progress() -> Progress:
    """A progress bar on stderr for long work; quiet when stderr is not a terminal."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
