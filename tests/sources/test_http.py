"""The HTTP client: SSRF refusals, redirects re-checked, limits on time, size and decompression."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sources.server import Route, Site, gzip_bomb, serve
from watchkeeper.sources import http
from watchkeeper.sources.http import FetchError, FetchLimits, OversizeError, UnsafeURLError, check_url, fetch


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://192.168.0.1/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "http://localhost/",
    ],
)
def test_guard_refuses_non_public_addresses(url: str) -> None:
    with pytest.raises(UnsafeURLError, match="refused"):
        check_url(url, allow_private=False)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_guard_refuses_other_schemes(url: str) -> None:
    with pytest.raises(UnsafeURLError, match="only http and https"):
        check_url(url, allow_private=True)


def test_fetch_refuses_local_server_unless_allowed(site: Site) -> None:
    site.routes["/hello.txt"] = Route(b"hello", headers={"Content-Type": "text/plain"})
    with pytest.raises(UnsafeURLError):
        fetch(site.url("/hello.txt"), allow_private=False)
    assert fetch(site.url("/hello.txt"), allow_private=True).content == b"hello"


def test_every_redirect_hop_is_checked(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/hop1"] = Route(status=302, headers={"Location": "/hop2"})
    site.routes["/hop2"] = Route(status=301, headers={"Location": site.url("/final")})
    site.routes["/final"] = Route(b"done", headers={"Content-Type": "text/plain"})
    checked: list[str] = []
    original = http.check_url

    def recording(url: str, *, allow_private: bool) -> None:
        checked.append(url)
        original(url, allow_private=allow_private)

    monkeypatch.setattr(http, "check_url", recording)
    result = fetch(site.url("/hop1"), allow_private=True)
    assert result.content == b"done" and result.final_url == site.url("/final")
    assert checked == [site.url("/hop1"), site.url("/hop2"), site.url("/final")]


def _local_server_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the guard take the test server's 127.0.0.1 for a public address (and nothing else)."""
    original = http._refused_address
    monkeypatch.setattr(
        http, "_refused_address", lambda address: None if str(address) == "127.0.0.1" else original(address)
    )


def test_redirect_to_private_address_refused(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/to-metadata"] = Route(status=302, headers={"Location": "http://169.254.169.254/latest/"})
    _local_server_is_public(monkeypatch)
    with pytest.raises(UnsafeURLError, match="link-local"):
        fetch(site.url("/to-metadata"), allow_private=False)


def test_dns_rebinding_between_check_and_connect_is_refused(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that resolves to a public address for the check and to loopback for the connection."""
    site.routes["/secret"] = Route(b"internal", headers={"Content-Type": "text/plain"})
    answers = iter([["93.184.215.14"], ["127.0.0.1"], ["127.0.0.1"]])
    monkeypatch.setattr(http, "resolve_host", lambda host, port: next(answers))
    with pytest.raises(UnsafeURLError, match=r"refused at connect.*loopback"):
        fetch(site.url("/secret"), allow_private=False)


def test_checked_connection_reaches_an_accepted_address(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/hello.txt"] = Route(b"hello", headers={"Content-Type": "text/plain"})
    _local_server_is_public(monkeypatch)
    assert fetch(site.url("/hello.txt"), allow_private=False).content == b"hello"


def test_redirect_loop_is_bounded(site: Site) -> None:
    site.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch(site.url("/loop"), allow_private=True, limits=FetchLimits(max_redirects=2))


def test_http_error_status(site: Site) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(site.url("/missing"), allow_private=True)


def test_slow_server_times_out(site: Site) -> None:
    site.routes["/slow"] = Route(b"late", delay=1.5)
    with pytest.raises(FetchError, match="timed out"):
        fetch(site.url("/slow"), allow_private=True, limits=FetchLimits(timeout=0.3))


def test_size_limit(site: Site) -> None:
    site.routes["/big"] = Route(b"x" * 5000, headers={"Content-Type": "text/plain"})
    with pytest.raises(OversizeError, match="exceeds the limit"):
        fetch(site.url("/big"), allow_private=True, limits=FetchLimits(max_bytes=1000))


def test_gzip_bomb_is_bounded(site: Site) -> None:
    site.routes["/bomb"] = Route(
        gzip_bomb(50_000_000), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    with pytest.raises(OversizeError, match="larger than the limit"):
        fetch(site.url("/bomb"), allow_private=True, limits=FetchLimits(max_bytes=1_000_000))


def test_gzip_body_is_decoded(site: Site) -> None:
    import gzip

    site.routes["/gz"] = Route(
        gzip.compress(b"<html><body><p>hi</p></body></html>"),
        headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
    )
    assert fetch(site.url("/gz"), allow_private=True).content.startswith(b"<html>")


def test_image_content_type_refused(site: Site) -> None:
    site.routes["/pic"] = Route(b"\x89PNG....", headers={"Content-Type": "image/png"})
    with pytest.raises(FetchError, match="not a document"):
        fetch(site.url("/pic"), allow_private=True)
