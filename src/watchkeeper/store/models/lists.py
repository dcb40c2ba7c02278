"""Designated lists: snapshots of a published list, designations, their names and their history of changes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from watchkeeper.store.base import Base, utcnow


class ListSnapshot(Base):
    """One imported file of a list (a UN XML, a vessel CSV, an FtM file), identified by its content hash."""

    __tablename__ = "list_snapshot"
    __table_args__ = (UniqueConstraint("source", "file_hash"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source: Mapped[str] = mapped_column(String(50), index=True)
    file_name: Mapped[str] = mapped_column(Text)
    file_hash: Mapped[str] = mapped_column(String(64))
    generated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    entry_count: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[dict] = mapped_column(default=dict)


class Designation(Base):
    """A listed person, organisation or vessel; ``id`` is the list id and the normalised reference."""

    __tablename__ = "designation"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    list_id: Mapped[str] = mapped_column(String(50), index=True)
    reference: Mapped[str] = mapped_column(String(100), index=True)
    source: Mapped[str] = mapped_column(String(50), index=True)
    schema: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(Text)
    listed_on: Mapped[date | None] = mapped_column(Date, default=None)
    legal_basis: Mapped[str | None] = mapped_column(Text, default=None)
    basis_resolution: Mapped[str | None] = mapped_column(String(20), default=None)
    basis_paragraph: Mapped[str | None] = mapped_column(String(50), default=None)
    imo: Mapped[str | None] = mapped_column(String(10), index=True, default=None)
    mmsi: Mapped[str | None] = mapped_column(String(9), index=True, default=None)
    details: Mapped[dict] = mapped_column(default=dict)
    content_hash: Mapped[str] = mapped_column(String(64))
    first_seen_snapshot_id: Mapped[str] = mapped_column(ForeignKey("list_snapshot.id"))
    last_seen_snapshot_id: Mapped[str] = mapped_column(ForeignKey("list_snapshot.id"))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class DesignationName(Base):
    """One name of a designation: primary, alias (good or low quality), former or in original script."""

    __tablename__ = "designation_name"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    designation_id: Mapped[str] = mapped_column(ForeignKey("designation.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    quality: Mapped[str] = mapped_column(String(10))
    script: Mapped[str | None] = mapped_column(String(10), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class DesignationChange(Base):
    """What one snapshot changed about one designation: added, amended or removed, field by field."""

    __tablename__ = "designation_change"
    __table_args__ = (UniqueConstraint("snapshot_id", "designation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    snapshot_id: Mapped[str] = mapped_column(ForeignKey("list_snapshot.id"), index=True)
    designation_id: Mapped[str] = mapped_column(ForeignKey("designation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    changes: Mapped[dict] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
