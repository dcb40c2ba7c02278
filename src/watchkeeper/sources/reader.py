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
# Every document read from an archive is held until the batch is stored (it is sorted by date first), so an
# archive's members are capped lower than a lone file: memory stays bounded however many large members it has.
MAX_MEMBER_BYTES = 10 * 1024 * 1024
MAX_ARCHIVE_TOTAL = 64 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100  # text deflates 3-20 times; a member inflating more past its limit is a bomb
_CHUNK = 1024 * 1024
# What zipfile can inflate: stored, deflate, bzip2, lzma; a member in any other method is one error line
SUPPORTED_COMPRESSION = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)


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


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, where: str, limit: int) -> bytes:
    """One member's bytes, read in chunks and stopped one chunk past ``limit`` (the declared size may lie).

    A member that is merely large is its own error; one that inflates past the limit from a tiny compressed
    size (or lies about its size) is a bomb, and a hostile archive is refused whole.
    """
    if member.flag_bits & 0x1:
        raise SourceError(where, "the archive member is encrypted (password-protected members are not read)")
    if member.file_size > limit:
        if member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            raise _Bomb(
                where, f"declares {member.file_size} bytes from {member.compress_size} (refused as a bomb)"
            )
        raise UnsafeInputError(
            where, f"declares {member.file_size} bytes, over the limit of {limit} per member"
        )
    if member.compress_type not in SUPPORTED_COMPRESSION:
        raise SourceError(where, f"unsupported compression method {member.compress_type}")
    content = bytearray()
    try:
        with archive.open(member) as fh:
            while chunk := fh.read(_CHUNK):
                content += chunk
                if len(content) > limit:
                    raise _Bomb(where, f"decompresses past {limit} bytes (refused as a bomb)")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:
        raise SourceError(where, f"corrupt archive member: {exc}") from exc
    return bytes(content)


class _Bomb(UnsafeInputError):
    """A member built to exhaust memory: the whole archive is refused."""


def _read_zip(data: bytes, locator: str, kind: str, max_bytes: int) -> list[Item]:
    """One item per member, read one at a time: a bad member is its own error line."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, gzip.BadGzipFile, ValueError, OSError, RuntimeError) as exc:
        # RuntimeError: how zipfile refuses a format version newer than it reads
        raise SourceError(locator, f"not a readable zip archive: {exc}") from exc
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise UnsafeInputError(locator, f"more than {MAX_ARCHIVE_MEMBERS} files in the archive")
    limit = min(max_bytes, MAX_MEMBER_BYTES)
    documents: list[Item] = []
    total = 0
    for index, member in enumerate(members):
        name = PurePosixPath(member.filename).name
        if name.startswith(".") or member.filename.startswith("__MACOSX/"):
            continue
        where = f"{locator}!{member.filename}"
        if total + min(member.file_size, limit) > MAX_ARCHIVE_TOTAL:
            left = len(members) - index
            documents.append(
                UnsafeInputError(
                    locator,
                    f"{left} member(s) not read: the archive holds more than {MAX_ARCHIVE_TOTAL} bytes "
                    "uncompressed; unpack it into a folder to ingest the rest",
                )
            )
            break
        try:
            content = _read_member(archive, member, where, min(limit, MAX_ARCHIVE_TOTAL - total))
            total += len(content)
            content_type = sniff.sniff(content)
            if content_type in {sniff.GZIP, sniff.ZIP}:
                raise SourceError(where, "nested archives are not read")
            documents.append(read_one(content, where, kind, content_type))
        except _Bomb:
            raise
        except WatchkeeperError as exc:
            documents.append(exc)
        except Exception as exc:  # one member a parser chokes on is that member's error, not the archive's
            documents.append(SourceError(where, f"could not be read ({type(exc).__name__}: {exc})"))
    return documents
