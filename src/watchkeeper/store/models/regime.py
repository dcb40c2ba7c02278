"""Tables of the regime stage: resolutions and measures, mirroring the data files (``regime load``).

Other stages link to ``measure.id`` (e.g. ``"2397-op5"``). Structured fields are JSON. A measure whose data
file entry disappears is kept with ``removed = true`` so links from other records never dangle.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from watchkeeper.store.base import Base


class ResolutionRow(Base):
    """A Security Council resolution of the DPRK regime."""

    __tablename__ = "resolution"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    adopted: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    vote: Mapped[dict | None] = mapped_column(JSON, default=None)
    sources: Mapped[list] = mapped_column(JSON, default=list)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)


class MeasureRow(Base):
    """One measure (operative paragraph) of a resolution; whether it is in force is computed, not stored."""

    __tablename__ = "measure"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    resolution: Mapped[int] = mapped_column(ForeignKey("resolution.number"), index=True)
    paragraph: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    direction: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    commodities: Mapped[list] = mapped_column(JSON, default=list)
    limits: Mapped[list] = mapped_column(JSON, default=list)
    reporting: Mapped[list] = mapped_column(JSON, default=list)
    alerts: Mapped[dict | None] = mapped_column(JSON, default=None)
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date, default=None)
    amends: Mapped[list] = mapped_column(JSON, default=list)
    supersedes: Mapped[list] = mapped_column(JSON, default=list)
    confidence: Mapped[str] = mapped_column(String(1))
    verified: Mapped[str] = mapped_column(Text)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
