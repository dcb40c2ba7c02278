"""Feeds polled from a local server: conditional requests, only new entries fetched, bad feeds reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sources.server import Route, Site, serve
from watchkeeper.config import Settings, default_database_url
from watchkeeper.errors import WatchkeeperError
from watchkeeper.evidence.feeds import add_feed, list_feeds, poll_feed
from watchkeeper.evidence.scoring import corpus_dir
from watchkeeper.sources.http import UnsafeURLError
from watchkeeper.store import Store

ARTICLES = corpus_dir() / "articles"


def _rss(site: Site, paths: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{p}</title><link>{site.url(p)}</link><guid>{p}</guid></item>" for p in paths
    )
    channel = f"<channel><title>Desk</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture
def workspace(tmp_path: Path, sqlite_template: Path) -> Iterator[tuple[Store, Settings]]:
    import shutil

    shutil.copy(sqlite_template, tmp_path / "watchkeeper.sqlite")
    settings = Settings(
        workspace=tmp_path, database_url=default_database_url(tmp_path), allow_private_urls=True
    )
    store = Store(settings.database_url)
    yield store, settings
    store.dispose()


def test_second_poll_fetches_nothing_new(workspace: tuple[Store, Settings]) -> None:
    store, settings = workspace
    with serve() as site:
        site.routes["/a.html"] = Route((ARTICLES / "veto-02-meridian-courier.html").read_bytes())
        site.routes["/b.html"] = Route((ARTICLES / "veto-04-han-river-dispatch.html").read_bytes())
        site.routes["/feed.xml"] = Route(_rss(site, ["/a.html", "/b.html"]), etag='"v1"')
        feed = add_feed(store, settings, site.url("/feed.xml"))
        first = poll_feed(store, settings, feed.id)
        assert first.status == "fetched" and first.new_entries == 2
        assert [i.status for i in first.items] == ["new", "new"]
        second = poll_feed(store, settings, feed.id)
        assert second.status == "not_modified" and second.new_entries == 0, second.message
        feed_requests = [h for path, h in site.requests if path == "/feed.xml"]
        assert feed_requests[-1].get("if-none-match") == '"v1"'
        # the feed changes: only the new entry's page is fetched
        site.routes["/c.html"] = Route((ARTICLES / "missile-02-han-river-dispatch.html").read_bytes())
        site.routes["/feed.xml"] = Route(_rss(site, ["/a.html", "/b.html", "/c.html"]), etag='"v2"')
        before = len(site.requests)
        third = poll_feed(store, settings, feed.id)
        assert third.new_entries == 1 and [i.status for i in third.items] == ["new"]
        assert [p for p, _ in site.requests[before:]] == ["/feed.xml", "/c.html"]
    [stored] = list_feeds(store)
    assert stored.etag == '"v2"' and stored.title == "Desk" and stored.last_status == "fetched"


def test_malformed_feed_and_dead_links_are_reported(workspace: tuple[Store, Settings]) -> None:
    store, settings = workspace
    with serve() as site:
        site.routes["/bad.xml"] = Route(b"this is not xml at all")
        site.routes["/dead.xml"] = Route(_rss(site, ["/gone.html"]))
        bad = poll_feed(store, settings, add_feed(store, settings, site.url("/bad.xml")).id)
        assert bad.status == "error" and "not an RSS or Atom feed" in (bad.message or "")
        dead = poll_feed(store, settings, add_feed(store, settings, site.url("/dead.xml")).id)
        assert dead.new_entries == 1 and dead.items[0].status == "error"
        assert "HTTP 404" in (dead.items[0].message or "")


def test_add_feed_refuses_private_address_when_not_allowed(workspace: tuple[Store, Settings]) -> None:
    store, settings = workspace
    with pytest.raises(UnsafeURLError):
        add_feed(store, settings.with_overrides(allow_private_urls=False), "http://10.0.0.5/feed.xml")
    with pytest.raises(WatchkeeperError, match="no feed"):
        poll_feed(store, settings, "feed-missing")
