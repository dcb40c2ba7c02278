"""``watchkeeper screen`` (names against the designated lists) and ``watchkeeper match`` (two names)."""

from __future__ import annotations

import csv
import sys
from itertools import islice
from pathlib import Path
from typing import Any

import typer

from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import (
    JSON_OPTION,
    console,
    print_fields,
    print_json,
    print_json_lines,
    print_table,
    progress,
)
from watchkeeper.errors import InputFileError, NotFoundError, WatchkeeperError
from watchkeeper.resolve import MATCH_THRESHOLD, POSSIBLE_THRESHOLD, match_names
from watchkeeper.resolve.limits import MAX_BATCH_NAMES, check_batch
from watchkeeper.resolve.names import schema_of
from watchkeeper.resolve.screening import ScreeningHit, ScreeningIndex

TYPE_HELP = "What the name is: person, organization or vessel (default: any for screen, person for match)."
BATCH_COLUMNS = (
    "best_designation_id",
    "best_reference",
    "best_name",
    "matched_name",
    "score",
    "decision",
    "explanation",
)
HIT_COLUMNS = [
    ("reference", "Reference"),
    ("name", "Designated as"),
    ("matched_name", "Matched name"),
    ("score", "Score"),
    ("decision", "Decision"),
    ("features", "Features (--json explains)"),
]


class UsageError(WatchkeeperError):
    """A command was given an option it cannot use."""


def _schema(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return schema_of(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def _index(ctx: typer.Context, list_id: str | None) -> ScreeningIndex:
    with app_context(ctx).store.session() as session:
        index = ScreeningIndex.from_session(session, list_id=list_id)
    if not len(index):
        raise NotFoundError(
            "the workspace holds no designated names: import a list first (watchkeeper lists import-un FILE)"
        )
    return index


def _batch(index: ScreeningIndex, source: Path, out: Path | None) -> int:
    try:
        handle = source.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputFileError(source, f"cannot read: {exc.strerror}") from exc
    with handle:
        reader = csv.DictReader(handle)
        fields = [f.strip() for f in reader.fieldnames or []]
        if "name" not in fields:
            raise InputFileError(source, "missing column 'name' (columns: name[,type,imo])")
        rows = list(islice(reader, MAX_BATCH_NAMES + 1))  # stop reading once the batch is too large
    check_batch(len(rows))
    output: list[dict[str, Any]] = []
    with progress() as bar:
        task = bar.add_task("screening", total=len(rows))
        for line, row in enumerate(rows, start=2):
            name = (row.get("name") or "").strip()
            try:
                schema = schema_of(row["type"]) if (row.get("type") or "").strip() else None
            except ValueError as exc:
                raise InputFileError(source, str(exc), line=line, field="type") from exc
            hits = (
                index.screen(name, schema=schema, imo=row.get("imo") or None, limit=1, min_score=0.01)
                if name
                else []
            )
            output.append({**row, **_batch_cells(hits[0] if hits else None)})
            bar.advance(task)
    target = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        writer = csv.DictWriter(target, fieldnames=[*fields, *BATCH_COLUMNS], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(output)
    finally:
        if out:
            target.close()
    return len(output)


def _batch_cells(hit: ScreeningHit | None) -> dict[str, Any]:
    if hit is None:
        return {"score": 0.0, "decision": "no_match", "explanation": "no listed name shares a word or sound"}
    return {
        "best_designation_id": hit.designation_id,
        "best_reference": hit.reference,
        "best_name": hit.name,
        "matched_name": hit.matched_name,
        "score": f"{hit.score:.4f}",
        "decision": hit.decision,
        "explanation": hit.explanation,
    }


def screen(
    ctx: typer.Context,
    name: str | None = typer.Argument(
        None, help="The name to screen (any script: Latin, Hangul, Cyrillic, ...)."
    ),
    type_: str | None = typer.Option(None, "--type", "-t", help=TYPE_HELP),
    imo: str | None = typer.Option(
        None, "--imo", help="The vessel's IMO number (a different valid IMO rules a hit out)."
    ),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="At most this many designations."),
    min_score: float = typer.Option(
        POSSIBLE_THRESHOLD, "--min-score", min=0.0, max=1.0, help="Leave out hits scoring below this."
    ),
    list_id: str | None = typer.Option(None, "--list", help="Only this list (e.g. un-1718)."),
    csv_in: Path | None = typer.Option(None, "--csv", help="Batch mode: a CSV with columns name[,type,imo]."),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Batch mode: write the CSV here (default stdout)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Screen a name against the designated lists: ranked designations, which alias matched, and why."""
    if (name is None) == (csv_in is None):
        raise UsageError("give either a NAME or --csv FILE")
    schema = _schema(type_)
    index = _index(ctx, list_id)
    if csv_in is not None:
        count = _batch(index, csv_in, out)
        if out is not None:
            console.print(f"Screened {count} names into {out}.")
        return
    assert name is not None
    hits = index.screen(name, schema=schema, imo=imo, limit=limit, min_score=min_score)
    if as_json:
        print_json_lines(h.to_dict() for h in hits)
        return
    records = [
        {
            **h.to_dict(),
            "score": f"{h.score:.2f}",
            "matched_name": f"{h.matched_name} ({h.matched_kind})",
            "features": ", ".join(f"{r.name} {r.value:.2f}" for r in h.match.features if r.value > 0),
        }
        for h in hits
    ]
    print_table(records, HIT_COLUMNS, title=f"Screening {name!r}", empty="No designated name matches.")


def match(
    name1: str = typer.Argument(..., help="The first name."),
    name2: str = typer.Argument(..., help="The second name."),
    type_: str | None = typer.Option(None, "--type", "-t", help=TYPE_HELP),
    imo1: str | None = typer.Option(None, "--imo1", help="IMO number of the first vessel."),
    imo2: str | None = typer.Option(None, "--imo2", help="IMO number of the second vessel."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Compare two names: the score, the decision at the default threshold, and every feature that counted."""
    schema = _schema(type_) or "Person"
    result = match_names(name1, name2, schema, imo1, imo2)
    if as_json:
        print_json(result.to_dict())
        return
    print_fields(
        {
            "names": f"{name1}  /  {name2}",
            "type": schema,
            "score": f"{result.score:.3f}",
            "decision": f"{result.decision} (match ≥ {MATCH_THRESHOLD}, possible ≥ {POSSIBLE_THRESHOLD})",
        }
    )
    print_table(
        [
            {**r.to_dict(), "value": f"{r.value:.3f}", "weight": f"{r.weight:+g}", "kind": _kind(r.qualifier)}
            for r in result.features
        ],
        [
            ("name", "Feature"),
            ("kind", "Kind"),
            ("weight", "Weight"),
            ("value", "Value"),
            ("explanation", "Why"),
        ],
    )


def _kind(qualifier: bool) -> str:
    return "qualifier" if qualifier else "main"
