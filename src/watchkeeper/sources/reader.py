"""One entry for bytes of any kind: sniff the content type and hand them to the right connector."""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from pathlib import PurePosixPath

from watchkeeper.errors import UnsafeInputError, WatchkeeperError
from watchkeeper.sources import sniff
from watchkeeper.sources.document import SourceDocument, SourceError
from watchkeeper.sources.html import read_html
from watchkeeper.sources.pdf import read_pdf
from watchkeeper.sources.text import read_text

MAX_BYTES = 25 * 1024 * 1024  # per document, after decompression
MAX_ARCHIVE_MEMBERS = 1000
MAX_ARCHIVE_TOTAL = 200 * 1024 * 1024


Item = SourceDocument | WatchkeeperError


def read_bytes(
    data: bytes,
    locator: str,
    kind: str,
    *,
    charset: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> list[Item]:
    """The documents in some bytes: one for a page, text or PDF; one per member of a .gz or .zip."""
    if len(data) > max_bytes:
        raise UnsafeInputError(locator, f"{len(data)} bytes exceeds the limit of {max_bytes} bytes")
    content_type = sniff.sniff(data)
    if content_type == sniff.GZIP:
        return _read_gzip(data, locator, kind, max_bytes)
    if content_type == sniff.ZIP:
        return _read_zip(data, locator, kind, max_bytes)
    return [read_one(data, locator, kind, content_type, charset=charset, url=url)]


def read_one(
    data: bytes,
    locator: str,
    kind: str,
    content_type: str,
    *,
    charset: str | None = None,
    url: str | None = None,
) -> SourceDocument:
    """One document of a known (sniffed) content type."""
    if not data.strip():
        raise SourceError(locator, "empty input")
    if content_type == sniff.PDF:
        return read_pdf(data, locator, kind)
    if content_type == sniff.HTML:
        return read_html(data, locator, kind, charset, url)
    if content_type == sniff.TEXT:
        document = read_text(data, locator, kind, charset)
        document.url = document.url or url
        return document
    if content_type == sniff.FEED:
        raise SourceError(locator, "this is an RSS/Atom feed: add it with `watchkeeper feeds add URL`")
    raise SourceError(locator, "binary content that is not a PDF, web page or text")


def _bounded_decompress(data: bytes, locator: str, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise SourceError(locator, f"corrupt gzip data: {exc}") from exc
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise UnsafeInputError(locator, f"decompresses to more than {max_bytes} bytes (refused as a bomb)")
    return out


def _read_gzip(data: bytes, locator: str, kind: str, max_bytes: int) -> list[Item]:
    inner = _bounded_decompress(data, locator, max_bytes)
    name = locator.removesuffix(".gz")
    content_type = sniff.sniff(inner)
    if content_type in {sniff.GZIP, sniff.ZIP}:
        raise SourceError(locator, "nested archives are not read")
    return [read_one(inner, name, kind, content_type)]


def _read_zip(data: bytes, locator: str, kind: str, max_bytes: int) -> list[Item]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, gzip.BadGzipFile) as exc:
        raise SourceError(locator, f"not a readable zip archive: {exc}") from exc
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise UnsafeInputError(locator, f"more than {MAX_ARCHIVE_MEMBERS} files in the archive")
    documents: list[Item] = []
    total = 0
    for member in members:
        name = PurePosixPath(member.filename).name
        if name.startswith(".") or member.filename.startswith("__MACOSX/"):
            continue
        where = f"{locator}!{member.filename}"
        with archive.open(member) as fh:
            # read at most one byte past the limit: the declared size in the archive may lie
            content = fh.read(max_bytes + 1)
        total += len(content)
        if len(content) > max_bytes or total > MAX_ARCHIVE_TOTAL:
            raise UnsafeInputError(
                where, "archive member decompresses past the size limit (refused as a bomb)"
            )
        content_type = sniff.sniff(content)
        try:
            if content_type in {sniff.GZIP, sniff.ZIP}:
                raise SourceError(where, "nested archives are not read")
            documents.append(read_one(content, where, kind, content_type))
        except WatchkeeperError as exc:
            documents.append(exc)
        except Exception as exc:  # one member a parser chokes on is that member's error, not the archive's
            documents.append(SourceError(where, f"could not be read ({type(exc).__name__}: {exc})"))
    return documents
