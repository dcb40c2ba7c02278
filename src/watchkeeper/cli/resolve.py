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
from watchkeeper.lists.records import not_utf8_error
from watchkeeper.resolve import MATCH_THRESHOLD, POSSIBLE_THRESHOLD, match_names
from watchkeeper.resolve.limits import MAX_BATCH_NAMES, check_batch
from watchkeeper.resolve.names import schema_of
from watchkeeper.resolve.screening import ScreeningHit, ScreeningIndex
from watchkeeper.resolve.screening_export import FORMATS, export_text, hits_as_results
from watchkeeper.resolve.vessels import normalize_imo, valid_imo

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
        try:
            fields = [f.strip() for f in reader.fieldnames or []]
            if "name" not in fields:
                raise InputFileError(source, "missing column 'name' (columns: name[,type,imo])")
            rows = list(islice(reader, MAX_BATCH_NAMES + 1))  # stop reading once the batch is too large
        except UnicodeDecodeError as exc:
            raise not_utf8_error(source, exc) from exc
        except csv.Error as exc:
            raise InputFileError(source, f"not valid CSV: {exc}", line=reader.line_num) from exc
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
            imo = (row.get("imo") or "").strip() or None
            hits = index.screen(name, schema=schema, imo=imo, limit=1, min_score=0.01) if name or imo else []
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
        None, help="The name to screen (any script: Latin, Hangul, Cyrillic, ...); optional with --imo."
    ),
    type_: str | None = typer.Option(None, "--type", "-t", help=TYPE_HELP),
    imo: str | None = typer.Option(
        None,
        "--imo",
        help="The vessel's IMO number: alone it finds the vessel listed with it; with a name, a different "
        "valid IMO rules a hit out.",
    ),
    limit: int = typer.Option(10, "--limit", "-n", min=1, help="At most this many designations."),
    min_score: float = typer.Option(
        POSSIBLE_THRESHOLD, "--min-score", min=0.0, max=1.0, help="Leave out hits scoring below this."
    ),
    list_id: str | None = typer.Option(None, "--list", help="Only this list (e.g. un-1718)."),
    csv_in: Path | None = typer.Option(None, "--csv", help="Batch mode: a CSV with columns name[,type,imo]."),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Write the results here (batch mode: the CSV; else as --format says)."
    ),
    fmt: str | None = typer.Option(
        None, "--format", "-f", help="Export the hits as csv or json (to --out, or stdout)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Screen a name or an IMO number against the designated lists: ranked designations, which name matched,
    and why."""
    if csv_in is not None and (name is not None or imo is not None):
        raise UsageError("give either a NAME (and/or --imo) or --csv FILE")
    if csv_in is None and name is None and imo is None:
        raise UsageError("give a NAME, an --imo NUMBER or --csv FILE")
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"--format must be {' or '.join(FORMATS)}, not {fmt!r}")
    if name is None and imo is not None and not valid_imo(normalize_imo(imo) or ""):
        raise UsageError(f"{imo!r} is not a valid IMO number (7 digits, check digit)")
    schema = _schema(type_)
    index = _index(ctx, list_id)
    if csv_in is not None:
        count = _batch(index, csv_in, out)
        if out is not None:
            console.print(f"Screened {count} names into {out}.")
        return
    query = name or ""
    hits = index.screen(query, schema=schema, imo=imo, limit=limit, min_score=min_score)
    if fmt is not None:
        _export(hits_as_results(query, normalize_imo(imo), hits), fmt, out)
        return
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
    title = f"Screening {name!r}" if name else f"Screening IMO {normalize_imo(imo)}"
    print_table(records, HIT_COLUMNS, title=title, empty="No designated name matches.")


def _export(results: list[dict[str, Any]], fmt: str, out: Path | None) -> None:
    text = export_text(results, fmt)
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputFileError(out, f"cannot write: {exc.strerror}") from exc
    hits = sum(len(r["hits"]) for r in results)
    console.print(f"Wrote {hits} hit{'s' if hits != 1 else ''} as {fmt.upper()} to {out}.")


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
