"""What a connector hands to the evidence stage: the raw bytes and what could be read from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from watchkeeper.errors import InputFileError
from watchkeeper.store.base import utcnow


class SourceError(InputFileError):
    """An input that cannot become a document: unreadable, empty, binary junk, unsupported type."""


@dataclass
class SourceDocument:
    """One input read by a connector, before identity, outlet, dates, copies and stories are decided."""

    locator: str  # the path or URL it came from
    kind: str  # file | url | feed
    raw: bytes
    content_type: str  # text/plain | text/html | application/pdf
    text: str
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None
    outlet_hint: str | None = None  # an outlet named by the input itself (header block, site name)
    outlet_context: list[str] = field(
        default_factory=list
    )  # page chrome or opening lines naming the publisher
    date_hints: list[str] = field(default_factory=list)  # publication dates from metadata, most trusted first
    weak_date_hints: list[str] = field(default_factory=list)  # used only when the text names no date
    pages: list[list[int]] | None = None  # [start, end) of each PDF page in ``text``
    raw_stored: tuple[str, str] | None = None  # (path, sha256) once ``raw`` is kept on disk and dropped here
    feed_id: str | None = None
    fetched_at: datetime = field(default_factory=utcnow)
