"""RSS and Atom feeds, parsed with feedparser from bytes we fetched ourselves (never by feedparser)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import feedparser

from watchkeeper.sources.document import SourceError


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: a stable key, its link and whatever text the feed itself carries."""

    key: str
    link: str | None
    title: str | None
    published: str | None
    content_html: str | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    items: list[FeedItem]


def _entry_key(entry: feedparser.FeedParserDict) -> str:
    basis = (
        entry.get("id") or entry.get("link") or f"{entry.get('title', '')}\x1f{entry.get('published', '')}"
    )
    return hashlib.sha256(str(basis).encode("utf-8")).hexdigest()[:32]


def _content(entry: feedparser.FeedParserDict) -> str | None:
    contents = entry.get("content") or []
    if contents:
        return max((c.get("value", "") for c in contents), key=len) or None
    return entry.get("summary") or None


def parse_feed(data: bytes, locator: str) -> ParsedFeed:
    """The entries of an RSS/Atom document; a clear error when it is not a feed."""
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise SourceError(locator, f"not an RSS or Atom feed{f': {reason}' if reason else ''}")
    items = [
        FeedItem(
            key=_entry_key(entry),
            link=entry.get("link"),
            title=entry.get("title"),
            published=entry.get("published") or entry.get("updated"),
            content_html=_content(entry),
        )
        for entry in parsed.entries
    ]
    return ParsedFeed(title=parsed.feed.get("title"), items=items)
