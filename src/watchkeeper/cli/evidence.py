"""``watchkeeper ingest``, ``feeds``, ``docs`` and ``stories``: evidence intake and what it holds."""

from __future__ import annotations

import typer

from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import (
    JSON_OPTION,
    console,
    print_fields,
    print_json,
    print_records,
    progress,
)

feeds_app = typer.Typer(help="RSS/Atom feeds to follow: add, list, poll (only new entries are fetched).")
docs_app = typer.Typer(
    help="Stored documents: list them, print their clean text, show what was read in them.",
    no_args_is_help=True,
)
stories_app = typer.Typer(help="Stories: documents grouped by the event they report.")

_STATUS_STYLE = {"new": "green", "duplicate": "yellow", "error": "red"}


def ingest_command(
    ctx: typer.Context,
    targets: list[str] = typer.Argument(..., help="Files, directories (recursive), .zip/.gz archives, URLs."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Ingest documents: one line per item (new / duplicate / error), then the totals of the evidence base."""
    from watchkeeper.evidence.ingest import ingest

    app = app_context(ctx)
    with progress() as bar:
        reading = bar.add_task("Reading", total=None)
        storing = bar.add_task("Storing", total=None)
        report = ingest(
            app.store,
            app.settings,
            targets,
            on_read=lambda done, total: bar.update(reading, completed=done, total=total),
            on_store=lambda done, total: bar.update(storing, completed=done, total=total),
        )
    totals = {
        "new": report.count("new"),
        "duplicate": report.count("duplicate"),
        "error": report.count("error"),
        "documents": report.documents,
        "copy_groups": report.copy_groups,
        "stories": report.stories,
    }
    if as_json:
        print_records(
            [{"type": "item", **i.as_record()} for i in report.items] + [{"type": "totals", **totals}],
            as_json=True,
            columns=[],
        )
    else:
        for item in report.items:
            style = _STATUS_STYLE[item.status]
            detail = item.message if item.status == "error" else f"{item.document_id}  {item.title or ''}"
            console.print(
                f"[{style}]{item.status:9}[/] {item.locator}  {detail}", highlight=False, soft_wrap=True
            )
        console.print(
            f"{totals['new']} new, {totals['duplicate']} duplicate, {totals['error']} errors. "
            f"Evidence base: {report.documents} documents, {report.copy_groups} copy groups, "
            f"{report.stories} stories."
        )
    if report.items and totals["error"] == len(report.items):
        raise typer.Exit(1)


@feeds_app.command("add")
def feeds_add(ctx: typer.Context, url: str = typer.Argument(..., help="URL of an RSS or Atom feed.")) -> None:
    """Follow a feed; `watchkeeper feeds poll` fetches its new entries."""
    from watchkeeper.evidence import feeds as feed_ops

    app = app_context(ctx)
    feed = feed_ops.add_feed(app.store, app.settings, url)
    console.print(f"Following {feed.url} (id {feed.id})")


@feeds_app.command("list")
def feeds_list(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """The feeds followed and the state of their last poll."""
    from watchkeeper.evidence import feeds as feed_ops

    rows = [feed_ops.feed_record(f) for f in feed_ops.list_feeds(app_context(ctx).store)]
    print_records(
        rows,
        as_json=as_json,
        columns=[
            ("id", "Id"),
            ("url", "URL"),
            ("title", "Title"),
            ("last_polled_at", "Polled"),
            ("last_status", "Status"),
        ],
        empty="No feeds yet: `watchkeeper feeds add URL`.",
    )


@feeds_app.command("poll")
def feeds_poll(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Poll every feed with conditional requests and ingest the entries not seen before."""
    from watchkeeper.evidence import feeds as feed_ops

    app = app_context(ctx)
    results = feed_ops.poll_feeds(app.store, app.settings)
    print_records(
        [r.as_record() for r in results],
        as_json=as_json,
        columns=[
            ("url", "Feed"),
            ("status", "Status"),
            ("new_entries", "New entries"),
            ("documents_new", "New documents"),
            ("errors", "Errors"),
            ("message", "Message"),
        ],
        empty="No feeds yet: `watchkeeper feeds add URL`.",
    )


@docs_app.command("list")
def docs_list(
    ctx: typer.Context,
    outlet: str | None = typer.Option(None, "--outlet", help="Only this outlet (id or name)."),
    story: str | None = typer.Option(None, "--story", help="Only this story id."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Stored documents, newest first."""
    from watchkeeper.evidence.export import document_record, documents_query

    with app_context(ctx).store.session() as session:
        rows = [document_record(d, with_text=False) for d in session.scalars(documents_query(outlet, story))]
    print_records(
        rows,
        as_json=as_json,
        columns=[
            ("id", "Id"),
            ("published_at", "Published"),
            ("outlet_id", "Outlet"),
            ("wire_id", "Wire"),
            ("title", "Title"),
            ("story_id", "Story"),
        ],
        empty="No documents yet: `watchkeeper ingest PATH|URL`.",
    )


@docs_app.command("text")
def docs_text(ctx: typer.Context, document_id: str = typer.Argument(..., help="Document id.")) -> None:
    """Print the clean text of a document (the text every span elsewhere indexes into)."""
    from watchkeeper.evidence.queries import get_document

    with app_context(ctx).store.session() as session:
        typer.echo(get_document(session, document_id).text)


@stories_app.command("list")
def stories_list(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Stories, the largest first, with the outlets that reported them."""
    from watchkeeper.evidence.stories import list_stories

    with app_context(ctx).store.session() as session:
        rows = list_stories(session)
    print_records(
        rows,
        as_json=as_json,
        columns=[
            ("id", "Id"),
            ("document_count", "Docs"),
            ("first_at", "First"),
            ("last_at", "Last"),
            ("title", "Title"),
            ("outlets", "Outlets"),
        ],
        empty="No stories yet: `watchkeeper ingest PATH|URL`.",
    )


@stories_app.command("show")
def stories_show(
    ctx: typer.Context, story_id: str = typer.Argument(..., help="Story id."), as_json: bool = JSON_OPTION
) -> None:
    """One story and its documents in publication order."""
    from watchkeeper.evidence.stories import show_story

    with app_context(ctx).store.session() as session:
        record = show_story(session, story_id)
    if as_json:
        print_json(record)
        return
    documents = record.pop("documents")
    print_fields(record, title=f"Story {story_id}")
    print_records(
        documents,
        as_json=False,
        columns=[
            ("published_at", "Published"),
            ("outlet_id", "Outlet"),
            ("wire_id", "Wire"),
            ("copy_group_id", "Copy group"),
            ("title", "Title"),
            ("id", "Id"),
        ],
    )


def register(app: typer.Typer) -> None:
    """Add the evidence commands to the ``watchkeeper`` command."""
    app.command("ingest")(ingest_command)
    app.add_typer(feeds_app, name="feeds")
    app.add_typer(docs_app, name="docs")
    app.add_typer(stories_app, name="stories")
