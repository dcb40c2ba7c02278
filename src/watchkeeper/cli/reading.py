"""``watchkeeper read``, ``docs show`` and ``entities``: read the evidence, see what was read, with spans."""

from __future__ import annotations

from typing import Any

import typer

from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import JSON_OPTION, console, print_json, print_records, print_table, progress
from watchkeeper.errors import WatchkeeperError
from watchkeeper.reading.export import document_reading, entity_list, entity_profile, find_entity

entities_app = typer.Typer(help="Who and what the evidence mentions, across documents.", no_args_is_help=True)


def read_command(
    ctx: typer.Context,
    document_ids: list[str] = typer.Argument(
        None, help="Ids of documents to read (or --all).", show_default=False
    ),
    all_documents: bool = typer.Option(False, "--all", help="Read every stored document not yet read."),
    force: bool = typer.Option(
        False, "--force", help="Reread documents already read with this pipeline version."
    ),
    processes: int = typer.Option(1, "--processes", "-p", min=1, max=8, help="Worker processes for spaCy."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents per spaCy batch."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Read documents: entities, quotes, claims and incidents, each linked to its exact words."""
    from watchkeeper.reading.reader import read_documents

    if bool(document_ids) == all_documents:
        raise WatchkeeperError("give document ids or --all (not both)")
    store = app_context(ctx).store
    with progress() as bar:
        task = bar.add_task("reading", total=None)
        summary = read_documents(
            store,
            document_ids or None,
            batch_size=batch_size,
            n_process=processes,
            force=force,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    record = {
        "read": len(summary.read),
        "skipped": summary.skipped,
        "version": summary.version,
        **summary.counts,
    }
    if as_json:
        print_json(record)
        return
    console.print(
        f"Read {record['read']} documents ({record['skipped']} already read): "
        + ", ".join(f"{summary.counts.get(k, 0)} {k}" for k in ("mentions", "quotes", "claims", "incidents"))
    )


def _actors(incident: dict[str, Any]) -> str:
    return ", ".join(f"{a['role']}={a['entity_id']}" for a in incident["actors"])


def doc_show(
    ctx: typer.Context,
    document_id: str = typer.Argument(..., help="Document id."),
    as_json: bool = JSON_OPTION,
) -> None:
    """A document's text with its entities, quotes and speakers, claims, incidents and dates, with spans."""
    with app_context(ctx).store.session() as session:
        record = document_reading(session, document_id)
    if as_json:
        print_json(record)
        return
    console.print(
        f"[bold]{record['title'] or record['id']}[/] — "
        f"{record['outlet'] or ''} {record['published_at'] or ''}"
    )
    console.print(record["text"], highlight=False)
    print_table(
        record["mentions"],
        [
            ("start", "Start"),
            ("end", "End"),
            ("text", "Mention"),
            ("label", "Label"),
            ("entity_id", "Entity"),
        ],
        title="Entities",
    )
    print_table(
        record["quotes"],
        [("start", "Start"), ("end", "End"), ("speaker_id", "Speaker"), ("cue", "Cue"), ("words", "Words")],
        title="Quotes",
        empty="No quotes.",
    )
    _print_claims_and_incidents(record, [("start", "Start"), ("end", "End")], detail=True)
    print_table(
        record["dates"],
        [("start", "Start"), ("end", "End"), ("text", "Words"), ("timex_type", "Type"), ("value", "Value")],
        title="Dates",
        empty="No dates.",
    )


def _print_claims_and_incidents(record: dict[str, Any], where: list[tuple[str, str]], detail: bool) -> None:
    """The claims and incidents tables of `docs show` and `entities show`; ``where`` locates each row."""
    claim_columns = [
        ("claimant_id", "Claimant"),
        ("polarity", "Polarity"),
        ("accused_id", "Accused"),
        ("act", "Act"),
    ]
    print_table(record["claims"], [*where, *claim_columns], title="Claims", empty="No claims.")
    columns = [*where, ("kind", "Kind"), ("date", "Date")]
    if detail:
        columns.append(("precision", "Precision"))
    columns.append(("actors_text", "Actors"))
    if detail:
        columns.append(("place_id", "Place"))
    columns.append(("status", "Status"))
    rows = [{**i, "actors_text": _actors(i)} for i in record["incidents"]]
    print_table(rows, columns, title="Incidents", empty="No incidents.")


@entities_app.command("list")
def entities_list(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Every entity read so far, with its mention and document counts."""
    with app_context(ctx).store.session() as session:
        rows = entity_list(session)
    print_records(
        rows,
        as_json=as_json,
        columns=[
            ("id", "Id"),
            ("entity_type", "Type"),
            ("name", "Name"),
            ("mentions", "Mentions"),
            ("documents", "Documents"),
            ("designation_id", "Designation"),
        ],
        empty="No entities; run `watchkeeper read --all`.",
    )


@entities_app.command("show")
def entities_show(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Entity id, name or alias."),
    as_json: bool = JSON_OPTION,
) -> None:
    """One entity: aliases seen, mentions per document, quotes by it, claims about it, its incidents."""
    with app_context(ctx).store.session() as session:
        record = entity_profile(session, find_entity(session, name))
    if as_json:
        print_json(record)
        return
    console.print(
        f"[bold]{record['name']}[/] ({record['id']}) aliases seen: {', '.join(record['aliases_seen']) or '-'}"
    )
    print_table(record["mentions"], [("document_id", "Document"), ("count", "Mentions")], title="Mentions")
    print_table(
        record["quotes"],
        [("document_id", "Document"), ("start", "Start"), ("words", "Words")],
        title="Quotes by",
        empty="No quotes.",
    )
    _print_claims_and_incidents(record, [("document_id", "Document")], detail=False)
