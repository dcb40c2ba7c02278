"""The one HTTP client of Watchkeeper: bounded, redirect-checked fetches behind an SSRF guard.

Every URL (and every redirect target) is resolved and refused when any of its addresses is private,
loopback, link-local, multicast, reserved or unspecified, unless ``allow_private_urls`` is on. The connection
itself resolves the host again and connects only to an address that passes the same check, so a DNS answer
that changes between the check and the connect (DNS rebinding) cannot reach a private address. Bodies are
streamed and cut at a size limit counted after decompression, so gzip/deflate bombs stay bounded.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from watchkeeper import __version__
from watchkeeper.errors import UnsafeInputError, WatchkeeperError

USER_AGENT = f"Watchkeeper/{__version__} (+sanctions monitoring; evidence intake)"

# Media types we never try to read as evidence.
REFUSED_MEDIA_PREFIXES = ("image/", "audio/", "video/", "font/", "model/")


class FetchError(WatchkeeperError):
    """A URL could not be fetched: network failure, HTTP error status, timeout."""


class UnsafeURLError(FetchError):
    """A URL refused by the SSRF guard or by scheme."""


class OversizeError(UnsafeInputError):
    """A body larger than the size limit (after decompression)."""


@dataclass(frozen=True)
class FetchLimits:
    """Bounds of one fetch; defaults suit news pages, feeds and reports."""

    timeout: float = 20.0  # seconds per connect/read, and for the whole body
    max_bytes: int = 25 * 1024 * 1024
    max_redirects: int = 5


@dataclass
class Fetched:
    """A fetched body with the facts about how it was fetched."""

    url: str
    final_url: str
    status: int
    content: bytes
    media_type: str
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _refused_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the host resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}") from exc
    return sorted({str(info[4][0]) for info in infos})


def _refusal(host: str, addresses: list[str]) -> str | None:
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        reason = _refused_address(address)
        if reason:
            return f"host {host} resolves to {reason} address {address}"
    return None


def check_url(url: str, *, allow_private: bool) -> None:
    """Refuse a URL that is not http(s) or whose host resolves to a non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise UnsafeURLError(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise UnsafeURLError(f"{url}: no host in the URL")
    if allow_private:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    reason = _refusal(parts.hostname, resolve_host(parts.hostname, port))
    if reason:
        raise UnsafeURLError(
            f"{url}: refused, {reason} (set allow_private_urls / WATCHKEEPER_ALLOW_PRIVATE_URLS to fetch it)"
        )


class _CheckedNetwork(httpcore.NetworkBackend):
    """Connects to an address it has just resolved and checked itself, never to a name resolved later."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve_host(host, port)
        reason = _refusal(host, addresses)
        if reason:
            raise UnsafeURLError(f"refused at connect: {reason}")
        error: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error or FetchError(f"cannot connect to {host}:{port}")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise UnsafeURLError(f"refused: Unix socket {path}")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _CheckedTransport(httpx.HTTPTransport):
    """httpx's transport over :class:`_CheckedNetwork` (TLS still verifies the URL's host name)."""

    def __init__(self) -> None:
        super().__init__(trust_env=False)
        # httpx offers no public hook for the network backend, so its connection pool is replaced.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=_CheckedNetwork()
        )


class _BoundedDecoder:
    """Content-Encoding decoding that never produces more than the size limit."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        self.limit = limit
        self.url = url
        self.produced = 0
        if encoding in {"", "identity"}:
            self._z = None
        elif encoding in {"gzip", "x-gzip", "deflate"}:
            # 47: gzip or zlib header auto-detected; raw deflate is retried below
            self._z = zlib.decompressobj(47)
            self._raw_fallback = encoding == "deflate"
        else:
            raise FetchError(f"{url}: unsupported Content-Encoding {encoding!r}")

    def _account(self, data: bytes) -> bytes:
        self.produced += len(data)
        if self.produced > self.limit:
            raise OversizeError(self.url, f"body larger than the limit of {self.limit} bytes")
        return data

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        if self._z is None:
            yield self._account(chunk)
            return
        try:
            data = self._z.decompress(chunk, self.limit - self.produced + 1)
        except zlib.error as exc:
            if not (self._raw_fallback and self.produced == 0):
                raise FetchError(f"{self.url}: corrupt compressed body: {exc}") from exc
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            self._raw_fallback = False
            data = self._z.decompress(chunk, self.limit - self.produced + 1)
        yield self._account(data)
        while self._z.unconsumed_tail:
            yield self._account(self._z.decompress(self._z.unconsumed_tail, self.limit - self.produced + 1))

    def flush(self) -> bytes:
        return self._account(self._z.flush()) if self._z is not None else b""


def _media_type(headers: httpx.Headers) -> str:
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def fetch(
    url: str,
    *,
    allow_private: bool,
    limits: FetchLimits | None = None,
    headers: Mapping[str, str] | None = None,
    client: httpx.Client | None = None,
) -> Fetched:
    """GET a URL within the limits; every redirect target passes the SSRF guard again.

    A ``client`` given by the caller is used as it is: the URL checks apply, the check at connect does not.
    """
    limits = limits or FetchLimits()
    request_headers = {
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "gzip, deflate",
        "Accept": "text/html,application/xhtml+xml,application/pdf,application/rss+xml,"
        "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
        **(headers or {}),
    }
    own_client = client is None
    client = client or httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(limits.timeout),
        trust_env=False,
        transport=None if allow_private else _CheckedTransport(),
    )
    deadline = time.monotonic() + limits.timeout * 3
    try:
        current = url
        for _ in range(limits.max_redirects + 1):
            check_url(current, allow_private=allow_private)
            try:
                with client.stream("GET", current, headers=request_headers) as response:
                    if response.status_code in {301, 302, 303, 307, 308}:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"{current}: redirect without a Location header")
                        current = urljoin(current, location)
                        continue
                    return _read(url, current, response, limits, deadline)
            except httpx.TimeoutException as exc:
                raise FetchError(f"{current}: timed out after {limits.timeout:g} s") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}") from exc
        raise FetchError(f"{url}: more than {limits.max_redirects} redirects")
    finally:
        if own_client:
            client.close()


def _read(url: str, current: str, response: httpx.Response, limits: FetchLimits, deadline: float) -> Fetched:
    media = _media_type(response.headers)
    if response.status_code == 304:
        return Fetched(url, current, 304, b"", media, dict(response.headers))
    if response.status_code >= 400:
        raise FetchError(f"{current}: HTTP {response.status_code} {response.reason_phrase}")
    if media.startswith(REFUSED_MEDIA_PREFIXES):
        raise FetchError(f"{current}: content type {media} is not a document")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise OversizeError(
            current, f"Content-Length {declared} exceeds the limit of {limits.max_bytes} bytes"
        )
    decoder = _BoundedDecoder(
        response.headers.get("content-encoding", "").strip().lower(), limits.max_bytes, current
    )
    chunks: list[bytes] = []
    for raw in response.iter_raw():
        if time.monotonic() > deadline:
            raise FetchError(f"{current}: body not received within {limits.timeout * 3:g} s")
        chunks.extend(decoder.feed(raw))
    chunks.append(decoder.flush())
    return Fetched(url, current, response.status_code, b"".join(chunks), media, dict(response.headers))
