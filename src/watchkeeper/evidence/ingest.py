"""Evidence intake: inputs become documents, each stored in its own transaction, then grouped.

Rerunning an ingest stores nothing twice: an input already seen with the same bytes is skipped before it is
parsed, and a document whose clean text is already stored only gains a source record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import py3langid
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from watchkeeper.config import Settings
from watchkeeper.errors import WatchkeeperError
from watchkeeper.evidence.copies import link_copies, signature
from watchkeeper.evidence.dates import publication_date
from watchkeeper.evidence.identity import document_id, store_raw
from watchkeeper.evidence.outlets import WIRE_KINDS, load_outlets
from watchkeeper.evidence.stories import as_utc, assign_story
from watchkeeper.evidence.vectors import story_vectors
from watchkeeper.sources.document import SourceDocument
from watchkeeper.sources.http import FetchLimits
from watchkeeper.sources.inputs import RawInput, expand_targets, is_url, load_input
from watchkeeper.store import Store
from watchkeeper.store.base import content_id
from watchkeeper.store.models.evidence import Document, DocumentSource, Story

Progress = Callable[[int, int], None]
UNKNOWN_PRECISION = "unknown"  # published_precision of a document nothing dates (published_at is null)


@dataclass
class ItemOutcome:
    """What happened to one input (or one member of an archive)."""

    locator: str
    status: str  # new | duplicate | error
    document_id: str | None = None
    title: str | None = None
    message: str | None = None

    def as_record(self) -> dict[str, object]:
        return {
            "locator": self.locator,
            "status": self.status,
            "document_id": self.document_id,
            "title": self.title,
            "message": self.message,
        }


@dataclass
class IngestReport:
    """Per-item outcomes and the totals of the evidence base afterwards."""

    items: list[ItemOutcome] = field(default_factory=list)
    documents: int = 0
    copy_groups: int = 0
    stories: int = 0

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)


def _source_id(document: str, locator: str) -> str:
    return content_id("src", document, locator)


def _language(text: str) -> str | None:
    language, _ = py3langid.classify(text[:2000])
    return language or None


def _raw(settings: Settings, source: SourceDocument) -> tuple[str, str]:
    """Where the source's raw bytes are kept in the workspace, and their SHA-256 (stored if not yet)."""
    return source.raw_stored or store_raw(settings, source.raw)


def _spill_raw(settings: Settings, source: SourceDocument) -> SourceDocument:
    """Keep the raw bytes on disk now and drop them from memory: a batch is held until it is stored."""
    source.raw_stored = store_raw(settings, source.raw)
    source.raw = b""
    return source


def build_document(source: SourceDocument, settings: Settings, doc_id: str) -> Document:
    """A Document from what a connector read: outlet, wire, publication date and language decided."""
    registry = load_outlets()
    url = source.url or (source.locator if is_url(source.locator) else None)
    outlet = registry.identify(
        url=url, hints=[source.outlet_hint, source.site_name], surroundings=source.outlet_context
    )
    credit = registry.wire_credit(source.text)
    wire = credit.wire if credit else (outlet if outlet and outlet.kind in WIRE_KINDS else None)
    published = publication_date(
        source.date_hints,
        source.text,
        source.fetched_at,
        weak_hints=source.weak_date_hints,
        country=outlet.country if outlet else None,
        url=url,
        live=source.kind != "file",
    )
    raw_path, raw_sha = _raw(settings, source)
    return Document(
        id=doc_id,
        text=source.text,
        title=source.title,
        author=source.author,
        url=url,
        outlet_id=outlet.id if outlet else None,
        outlet_name=outlet.name if outlet else (source.outlet_hint or source.site_name),
        wire_id=wire.id if wire else None,
        published_at=as_utc(published.at) if published.known else None,
        published_precision=published.precision if published.known else UNKNOWN_PRECISION,
        fetched_at=as_utc(source.fetched_at),
        language=_language(source.text),
        pages=source.pages,
        raw_path=raw_path,
        raw_sha256=raw_sha,
        content_type=source.content_type,
    )


def store_source_document(store: Store, settings: Settings, source: SourceDocument) -> ItemOutcome:
    """One document in one transaction: stored and grouped, or recorded as one more source of a stored one.

    Another ingest running at the same time may store the same text (or the same source) between our look-up
    and our insert: the unique key refuses the second insert, the transaction is rolled back, and the retry
    finds the row already stored, so both ingests end as one run would.
    """
    try:
        return _store_once(store, settings, source)
    except IntegrityError:
        return _store_once(store, settings, source)


def _store_once(store: Store, settings: Settings, source: SourceDocument) -> ItemOutcome:
    doc_id = document_id(source.text)
    with store.session() as session:
        existing = session.get(Document, doc_id)
        source_row = DocumentSource(
            id=_source_id(doc_id, source.locator),
            document_id=doc_id,
            locator=source.locator,
            kind=source.kind,
            feed_id=source.feed_id,
            raw_sha256=_raw(settings, source)[1] if existing else "",
            fetched_at=as_utc(source.fetched_at),
        )
        if existing is not None:
            if session.get(DocumentSource, source_row.id) is None:
                session.add(source_row)
            return ItemOutcome(source.locator, "duplicate", doc_id, existing.title, "already stored")
        document = build_document(source, settings, doc_id)
        source_row.raw_sha256 = document.raw_sha256 or ""
        session.add(document)
        session.add(source_row)
        session.flush()
        link_copies(session, document, signature(f"{source.text}"))
        assign_story(session, document, story_vectors([f"{document.title or ''}\n{document.text}"])[0])
    return ItemOutcome(source.locator, "new", doc_id, document.title)


def _seen(session: Session, raw: RawInput) -> DocumentSource | None:
    return session.scalars(
        select(DocumentSource).where(
            DocumentSource.locator == raw.locator, DocumentSource.raw_sha256 == raw.sha256
        )
    ).first()


def totals(session: Session) -> tuple[int, int, int]:
    """Documents, copy groups and stories in the evidence base."""
    documents = session.scalar(select(func.count()).select_from(Document)) or 0
    groups = session.scalar(select(func.count(func.distinct(Document.copy_group_id)))) or 0
    stories = session.scalar(select(func.count()).select_from(Story)) or 0
    return documents, groups, stories


def _publication_key(source: SourceDocument) -> tuple[int, str]:
    """Dated documents oldest first, then the undated ones (which then join stories by content)."""
    url = source.url or (source.locator if is_url(source.locator) else None)
    try:
        found = publication_date(
            source.date_hints,
            source.text,
            source.fetched_at,
            weak_hints=source.weak_date_hints,
            url=url,
            live=source.kind != "file",
        )
    except Exception:  # its own error line comes when it is stored; here it only must not stop the sort
        return (1, source.locator)
    return (0, as_utc(found.at).isoformat()) if found.known else (1, source.locator)


def ingest_raw(
    store: Store, settings: Settings, raws: Iterable[RawInput | WatchkeeperError], report: IngestReport
) -> list[SourceDocument]:
    """Read raw inputs into source documents; skipped (seen) and failed inputs go into the report."""
    sources: list[SourceDocument] = []
    for raw in raws:
        if isinstance(raw, WatchkeeperError):
            report.items.append(ItemOutcome(getattr(raw, "path", "?"), "error", message=str(raw)))
            continue
        with store.session() as session:
            seen = _seen(session, raw)
            stored = session.get(Document, seen.document_id) if seen else None
            seen_title = stored.title if stored else None
        if seen is not None:
            report.items.append(
                ItemOutcome(raw.locator, "duplicate", seen.document_id, seen_title, "already ingested")
            )
            continue
        for item in raw.read():
            if isinstance(item, WatchkeeperError):
                report.items.append(
                    ItemOutcome(getattr(item, "path", raw.locator), "error", message=str(item))
                )
            else:
                sources.append(_spill_raw(settings, item))
    return sources


def store_all(
    store: Store,
    settings: Settings,
    sources: list[SourceDocument],
    report: IngestReport,
    progress: Progress | None,
) -> None:
    """Store source documents oldest first (stories grow in the order events were reported).

    Each document is its own transaction: one that fails is rolled back and becomes one error line, and the
    batch goes on with the next.
    """
    ordered = sorted(sources, key=_publication_key)
    for index, source in enumerate(ordered, start=1):
        try:
            report.items.append(store_source_document(store, settings, source))
        except WatchkeeperError as exc:
            report.items.append(ItemOutcome(source.locator, "error", message=str(exc)))
        except Exception as exc:  # a fault on one page must not lose the rest of the batch
            message = f"could not be stored ({type(exc).__name__}: {exc}); the rest of the batch went on"
            report.items.append(ItemOutcome(source.locator, "error", message=message))
        if progress:
            progress(index, len(ordered))


def ingest(
    store: Store,
    settings: Settings,
    targets: Iterable[str],
    *,
    on_read: Progress | None = None,
    on_store: Progress | None = None,
    limits: FetchLimits | None = None,
) -> IngestReport:
    """Ingest paths and URLs: per-item outcomes (new, duplicate, error) and the totals afterwards."""
    report = IngestReport()
    expanded = expand_targets(targets)

    def raws() -> Iterable[RawInput | WatchkeeperError]:
        for index, target in enumerate(expanded, start=1):
            if isinstance(target, WatchkeeperError):
                yield target
            else:
                try:
                    yield load_input(target, settings, limits)
                except WatchkeeperError as exc:
                    report.items.append(ItemOutcome(target, "error", message=str(exc)))
            if on_read:
                on_read(index, len(expanded))

    sources = ingest_raw(store, settings, raws(), report)
    store_all(store, settings, sources, report, on_store)
    with store.session() as session:
        report.documents, report.copy_groups, report.stories = totals(session)
    return report
