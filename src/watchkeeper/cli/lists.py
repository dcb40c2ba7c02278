"""``watchkeeper lists``: import the designated lists, see what changed, and look designations up."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

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
    progress,
)
from watchkeeper.lists import queries
from watchkeeper.lists.diff import count_changes, diff_entries
from watchkeeper.lists.history import ImportResult, import_parsed
from watchkeeper.lists.records import ParsedList
from watchkeeper.lists.reference_data import resolve_list_id
from watchkeeper.lists.un_xml import parse_un_xml
from watchkeeper.lists.vessels_csv import parse_vessels_csv

app = typer.Typer(
    help="Designated lists: UN Consolidated List, 1718 vessels, FollowTheMoney; diffs, search, show.",
    no_args_is_help=True,
)

_SUMMARY_COLUMNS = [
    ("id", "Id"),
    ("schema", "Schema"),
    ("name", "Name"),
    ("listed_on", "Listed on"),
    ("imo", "IMO"),
]


ALLOW_SHRINK_OPTION = typer.Option(
    False,
    "--allow-shrink",
    help="Import even a file with no entries, or one removing more than the share of the list set in "
    "data/lists/import_guard.yaml (10 %); without it such a file is refused and nothing changes.",
)


def _store_parsed(ctx: typer.Context, parsed: ParsedList, as_json: bool, allow_shrink: bool) -> ImportResult:
    store = app_context(ctx).store
    with progress() as bar, store.session() as session:
        task = bar.add_task(f"Importing {parsed.path.name}", total=len(parsed.entries))
        result = import_parsed(
            session, parsed, on_entry=lambda _entry: bar.advance(task), allow_shrink=allow_shrink
        )
    if as_json:
        print_json(result.record())
    elif result.already_imported:
        console.print(
            f"{parsed.path.name}: already imported (snapshot {result.snapshot_id}); nothing changed."
        )
    else:
        console.print(
            f"{parsed.path.name}: {result.entries} entries; {result.added} added, {result.amended} amended, "
            f"{result.removed} removed, {result.unchanged} unchanged (snapshot {result.snapshot_id})."
        )
    if result.held_elsewhere and not as_json:
        shown = ", ".join(result.held_elsewhere[:5]) + (", ..." if len(result.held_elsewhere) > 5 else "")
        count = len(result.held_elsewhere)
        err_console.print(f"{count} entries left as they were, held from another source: {shown}")
    return result


@app.command("import-un")
def import_un(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="UN Security Council Consolidated List XML (consolidated.xml)."),
    as_json: bool = typer.Option(False, "--json", help="Print what the import did as JSON."),
    allow_shrink: bool = ALLOW_SHRINK_OPTION,
) -> None:
    """Import the UN Consolidated List XML (all regimes; DPRK is list un-1718); history on re-import."""
    _store_parsed(ctx, parse_un_xml(file), as_json, allow_shrink)


@app.command("import-vessels")
def import_vessels(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="1718 designated-vessel CSV (columns in docs/lists.md)."),
    as_json: bool = typer.Option(False, "--json", help="Print what the import did as JSON."),
    allow_shrink: bool = ALLOW_SHRINK_OPTION,
) -> None:
    """Import the 1718 Committee's designated vessels from CSV (IMO check digit, MMSI, ISO dates checked)."""
    _store_parsed(ctx, parse_vessels_csv(file), as_json, allow_shrink)


@app.command("import-ftm")
def import_ftm(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="FollowTheMoney entities as JSON lines (OpenSanctions, Aleph)."),
    source: str | None = typer.Option(
        None,
        "--source",
        help="Name of this feed (default ftm:<file stem>); a later file of the same feed "
        "replaces it, recording removals.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print what the import did as JSON."),
    allow_shrink: bool = ALLOW_SHRINK_OPTION,
) -> None:
    """Import FollowTheMoney entities (Person, Organization, Company, LegalEntity, Vessel + Sanction)."""
    from watchkeeper.lists import ftm  # followthemoney takes seconds to import: only when needed

    _store_parsed(ctx, ftm.parse_ftm_file(file, source=source), as_json, allow_shrink)


@app.command("export-ftm")
def export_ftm(
    ctx: typer.Context,
    out: Path | None = typer.Option(None, "--out", "-o", help="Output file (default stdout)."),
) -> None:
    """Write the designations as FollowTheMoney JSON lines (entities + Sanction entities)."""
    from watchkeeper.export import write_json_lines
    from watchkeeper.lists import export

    store = app_context(ctx).store
    with store.session() as session:
        entities = list(export.ftm_entities(session))
    if out is None:
        write_json_lines(entities, sys.stdout)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        count = write_json_lines(entities, fh)
    err_console.print(f"Wrote {count} FtM entities to {out}")


def _parse_any(path: Path) -> ParsedList:
    if path.suffix.lower() == ".csv":
        return parse_vessels_csv(path)
    if path.suffix.lower() in (".json", ".jsonl", ".ftm", ".ijson"):
        from watchkeeper.lists import ftm

        return ftm.parse_ftm_file(path)
    return parse_un_xml(path)


@app.command("diff")
def diff(
    old: Path = typer.Argument(..., help="The older file (UN XML, vessel CSV or FtM JSON lines)."),
    new: Path = typer.Argument(..., help="The newer file of the same kind."),
    list_name: str | None = typer.Option(
        None, "--list", "-l", help="Only this list: a UN list type (DPRK) or a list id (un-1718)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """What changed between two versions of a list: added, removed, amended with the fields that changed."""
    changes = diff_entries(_parse_any(old).entries, _parse_any(new).entries)
    if list_name is not None:
        list_id = resolve_list_id(list_name)
        changes = [c for c in changes if c.list_id == list_id]
    if as_json:
        print_json_lines(c.record() for c in changes)
        return
    print_table(
        [c.record() for c in changes],
        [("kind", "Change"), ("designation_id", "Id"), ("name", "Name"), ("fields", "Fields")],
        title=f"{old.name} → {new.name}",
        empty="No differences.",
    )
    counts = count_changes(changes)
    console.print(", ".join(f"{n} {kind}" for kind, n in counts.items()))


@app.command("list")
def list_command(
    ctx: typer.Context,
    schema: str | None = typer.Option(None, "--schema", "-s", help="Person, Organization or Vessel."),
    list_name: str | None = typer.Option(None, "--list", "-l", help="A list id (un-1718) or type (DPRK)."),
    include_removed: bool = typer.Option(False, "--include-removed", help="Also designations since removed."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List designations, optionally of one schema and one list."""
    list_id = resolve_list_id(list_name) if list_name else None
    with app_context(ctx).store.session() as session:
        records = queries.list_designations(
            session, schema=schema, list_id=list_id, include_removed=include_removed
        )
    print_records(records, as_json=as_json, columns=_SUMMARY_COLUMNS, empty="No designations.")


def _readable(value: object) -> object:
    """Lists of records (addresses, documents) as "key: value" text, one record after another."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(", ".join(f"{k}: {v}" for k, v in item.items()) for item in value)
    return value


@app.command("snapshots")
def snapshots(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """The imported list files (snapshots), with how many entries each added, amended and removed."""
    with app_context(ctx).store.session() as session:
        records = queries.list_snapshots(session)
    columns = [("id", "Snapshot"), ("source", "Source"), ("file_name", "File"), ("generated_at", "Generated")]
    columns += [("added", "Added"), ("amended", "Amended"), ("removed", "Removed")]
    print_records(records, as_json=as_json, columns=columns, empty="No list imported yet.")


@app.command("show")
def show(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="A designation id (un-1718:KPe.001) or a reference (KPe.001)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """One designation: names and aliases with quality, details, legal basis, vessels, history of changes."""
    with app_context(ctx).store.session() as session:
        record = queries.designation_record(session, queries.find_designation(session, key))
    if as_json:
        print_json(record)
        return
    nested = ("names", "details", "history", "linked")
    summary = {k: v for k, v in record.items() if k not in nested and v is not None}
    print_fields(summary, title=record["id"])
    print_table(
        record["names"],
        [("kind", "Kind"), ("quality", "Quality"), ("script", "Script"), ("name", "Name"), ("note", "Note")],
        title="Names",
    )
    print_fields({k: _readable(v) for k, v in record["details"].items()}, title="Details")
    if record["linked"]:
        print_table(record["linked"], [("relation", "Linked"), *_SUMMARY_COLUMNS[:3]], title="Linked")
    print_table(
        [{**h, "fields": sorted(h["changes"])} for h in record["history"]],
        [("generated_at", "List of"), ("file_name", "File"), ("kind", "Change"), ("fields", "Fields")],
        title="History",
    )


@app.command("search")
def search(
    ctx: typer.Context,
    text: str = typer.Argument(..., help="Words of a name, in any order, case or accents."),
    schema: str | None = typer.Option(None, "--schema", "-s", help="Person, Organization or Vessel."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Designations with a name holding every word of TEXT (plain token match; see `resolve` for fuzzy)."""
    with app_context(ctx).store.session() as session:
        records = queries.search_designations(session, text, schema=schema)
    print_records(
        records,
        as_json=as_json,
        columns=[*_SUMMARY_COLUMNS[:3], ("matched_name", "Matched name"), ("matched_kind", "As")],
        empty=f"No designation named like {text!r}.",
    )
