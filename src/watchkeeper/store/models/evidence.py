"""Evidence tables: documents with their sources, copy signatures, stories and polled feeds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from watchkeeper.store.base import Base, utcnow


class Document(Base):
    """One piece of evidence: clean text (every span elsewhere indexes into it), outlet, dates, provenance."""

    __tablename__ = "document"
    # The search form's outlet facet reads (outlet_id, outlet_name) from this index alone; it serves
    # lookups by outlet_id too.
    __table_args__ = (Index("ix_document_outlet", "outlet_id", "outlet_name"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, default=None)
    author: Mapped[str | None] = mapped_column(String(300), default=None)
    url: Mapped[str | None] = mapped_column(Text, default=None)
    outlet_id: Mapped[str | None] = mapped_column(String(100), default=None)
    outlet_name: Mapped[str | None] = mapped_column(String(300), default=None)
    wire_id: Mapped[str | None] = mapped_column(String(100), index=True, default=None)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True, default=None)
    published_precision: Mapped[str] = mapped_column(String(20), default="fetched")
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    language: Mapped[str | None] = mapped_column(String(10), index=True, default=None)
    copy_group_id: Mapped[str | None] = mapped_column(String(40), index=True, default=None)
    story_id: Mapped[str | None] = mapped_column(String(40), index=True, default=None)
    pages: Mapped[list | None] = mapped_column(default=None)
    raw_path: Mapped[str | None] = mapped_column(Text, default=None)
    raw_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    content_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentSource(Base):
    """Where a document came from: every file, URL or feed entry that yielded the same clean text."""

    __tablename__ = "document_source"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    locator: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    feed_id: Mapped[str | None] = mapped_column(String(40), default=None)
    raw_sha256: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentSignature(Base):
    """Persisted MinHash (and story vector) of a document, so new documents join groups incrementally."""

    __tablename__ = "document_signature"

    document_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)
    shingle_count: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    vector_model: Mapped[str | None] = mapped_column(String(100), default=None)


class CopyBand(Base):
    """One LSH band key of a document's MinHash: documents sharing a key are candidate copies."""

    __tablename__ = "copy_band"

    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)


class Story(Base):
    """All reports of one event: a centroid of its documents' vectors and its time span."""

    __tablename__ = "story"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str | None] = mapped_column(Text, default=None)
    size: Mapped[int] = mapped_column(Integer, default=0)
    centroid: Mapped[bytes] = mapped_column(LargeBinary)
    vector_model: Mapped[str] = mapped_column(String(100))
    first_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True, default=None)
    last_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Feed(Base):
    """A polled RSS/Atom feed and its conditional-request state (ETag, Last-Modified)."""

    __tablename__ = "feed"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text, default=None)
    etag: Mapped[str | None] = mapped_column(Text, default=None)
    last_modified: Mapped[str | None] = mapped_column(Text, default=None)
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    last_status: Mapped[str | None] = mapped_column(Text, default=None)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FeedEntry(Base):
    """An entry seen in a feed, so a poll fetches only entries it has not seen."""

    __tablename__ = "feed_entry"

    feed_id: Mapped[str] = mapped_column(ForeignKey("feed.id", ondelete="CASCADE"), primary_key=True)
    entry_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    link: Mapped[str | None] = mapped_column(Text, default=None)
    document_id: Mapped[str | None] = mapped_column(String(40), default=None)
    status: Mapped[str] = mapped_column(String(20))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
