"""Feeds an analyst follows: polled with conditional requests, only entries not seen before are fetched."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from watchkeeper.config import Settings
from watchkeeper.errors import WatchkeeperError
from watchkeeper.evidence.ingest import ItemOutcome, store_source_document
from watchkeeper.evidence.stories import as_utc
from watchkeeper.sources.document import SourceDocument
from watchkeeper.sources.feeds import FeedItem, parse_feed
from watchkeeper.sources.html import read_html
from watchkeeper.sources.http import check_url, fetch
from watchkeeper.sources.inputs import RawInput, load_input
from watchkeeper.store import Store
from watchkeeper.store.base import content_id, utcnow
from watchkeeper.store.models.evidence import Feed, FeedEntry


@dataclass
class PollResult:
    """What one poll of one feed did."""

    feed_id: str
    url: str
    status: str  # fetched | not_modified | error
    new_entries: int = 0
    items: list[ItemOutcome] = field(default_factory=list)
    message: str | None = None

    def as_record(self) -> dict[str, object]:
        return {
            "feed_id": self.feed_id,
            "url": self.url,
            "status": self.status,
            "new_entries": self.new_entries,
            "documents_new": sum(1 for i in self.items if i.status == "new"),
            "errors": sum(1 for i in self.items if i.status == "error"),
            "message": self.message,
        }


def feed_record(feed: Feed) -> dict[str, object]:
    """A feed as a plain dict with stable keys."""
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "etag": feed.etag,
        "last_modified": feed.last_modified,
        "last_polled_at": as_utc(feed.last_polled_at) if feed.last_polled_at else None,
        "last_status": feed.last_status,
    }


def add_feed(store: Store, settings: Settings, url: str) -> Feed:
    """Follow a feed (idempotent: adding it again returns the stored one)."""
    check_url(url, allow_private=settings.allow_private_urls)
    feed_id = content_id("feed", url)
    with store.session() as session:
        feed = session.get(Feed, feed_id)
        if feed is None:
            feed = Feed(id=feed_id, url=url)
            session.add(feed)
    return feed


def list_feeds(store: Store) -> list[Feed]:
    with store.session() as session:
        return list(session.scalars(select(Feed).order_by(Feed.added_at, Feed.url)))


def _entry_documents(
    settings: Settings, feed: Feed, item: FeedItem
) -> list[SourceDocument | WatchkeeperError]:
    """The entry's linked page, or the text the feed carries when the page cannot be had."""
    if item.link:
        try:
            raw = load_input(item.link, settings)
            raw = RawInput(raw.locator, "feed", raw.data, raw.charset, raw.url, feed.id)
            return raw.read()
        except WatchkeeperError as exc:
            if not item.content_html:
                return [exc]
    if item.content_html:
        locator = item.link or f"{feed.url}#{item.key}"
        try:
            document = read_html(item.content_html.encode("utf-8"), locator, "feed", "utf-8", item.link)
        except WatchkeeperError as exc:
            return [exc]
        document.title = document.title or item.title
        document.date_hints = [h for h in [item.published, *document.date_hints] if h]
        document.feed_id = feed.id
        return [document]
    return [WatchkeeperError(f"{feed.url}: entry {item.title or item.key} has no link and no text")]


def poll_feed(store: Store, settings: Settings, feed_id: str) -> PollResult:
    """Fetch the feed if it changed (ETag / Last-Modified) and ingest the entries not seen before."""
    with store.session() as session:
        feed = session.get(Feed, feed_id)
        if feed is None:
            raise WatchkeeperError(f"no feed with id {feed_id!r} (see `watchkeeper feeds list`)")
        session.expunge(feed)
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    result = PollResult(feed.id, feed.url, "fetched")
    try:
        fetched = fetch(feed.url, allow_private=settings.allow_private_urls, headers=headers)
        if fetched.not_modified:
            result.status = "not_modified"
            parsed = None
        else:
            parsed = parse_feed(fetched.content, feed.url)
    except WatchkeeperError as exc:
        result.status, result.message = "error", str(exc)
        _record_poll(store, feed.id, f"error: {exc}")
        return result
    if parsed is not None:
        with store.session() as session:
            seen = set(session.scalars(select(FeedEntry.entry_key).where(FeedEntry.feed_id == feed.id)))
        for item in parsed.items:
            if item.key in seen:
                continue
            seen.add(item.key)
            result.new_entries += 1
            outcomes = _ingest_entry(store, settings, feed, item)
            result.items.extend(outcomes)
            with store.session() as session:
                first = outcomes[0] if outcomes else None
                session.add(
                    FeedEntry(
                        feed_id=feed.id,
                        entry_key=item.key,
                        link=item.link,
                        document_id=first.document_id if first else None,
                        status=first.status if first else "error",
                    )
                )
    _record_poll(
        store,
        feed.id,
        result.status,
        etag=None if parsed is None else fetched.headers.get("etag"),
        last_modified=None if parsed is None else fetched.headers.get("last-modified"),
        title=parsed.title if parsed else None,
    )
    return result


def _ingest_entry(store: Store, settings: Settings, feed: Feed, item: FeedItem) -> list[ItemOutcome]:
    outcomes = []
    for document in _entry_documents(settings, feed, item):
        if isinstance(document, WatchkeeperError):
            outcomes.append(ItemOutcome(item.link or item.key, "error", message=str(document)))
            continue
        try:
            outcomes.append(store_source_document(store, settings, document))
        except WatchkeeperError as exc:
            outcomes.append(ItemOutcome(item.link or item.key, "error", message=str(exc)))
    return outcomes


def _record_poll(
    store: Store,
    feed_id: str,
    status: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    title: str | None = None,
) -> None:
    with store.session() as session:
        feed = session.get(Feed, feed_id)
        if feed is None:  # removed while it was being polled: nothing left to record on
            return
        feed.last_polled_at = utcnow()
        feed.last_status = status
        if etag or last_modified:
            feed.etag, feed.last_modified = etag, last_modified
        if title:
            feed.title = title


def poll_feeds(store: Store, settings: Settings) -> list[PollResult]:
    """Poll every followed feed; one feed's failure does not stop the others."""
    return [poll_feed(store, settings, feed.id) for feed in list_feeds(store)]
