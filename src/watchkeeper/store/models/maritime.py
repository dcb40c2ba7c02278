"""Maritime: identity history per MMSI, imported AIS files (with their resume checkpoint) and detected events.

Positions themselves live as Parquet in the workspace (``settings.maritime_dir``), not in these tables.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from watchkeeper.store.base import Base, utcnow


class VesselIdentity(Base):
    """One identity an MMSI broadcast (name, IMO, call sign, type) and when it was first and last seen."""

    __tablename__ = "vessel_identity"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    mmsi: Mapped[str] = mapped_column(String(9), index=True)
    name: Mapped[str | None] = mapped_column(Text, default=None)
    imo: Mapped[str | None] = mapped_column(String(10), index=True, default=None)
    call_sign: Mapped[str | None] = mapped_column(String(20), default=None)
    ship_type: Mapped[int | None] = mapped_column(Integer, default=None)
    flag: Mapped[str | None] = mapped_column(String(3), default=None)
    draught: Mapped[float | None] = mapped_column(Float, default=None)
    destination: Mapped[str | None] = mapped_column(Text, default=None)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MaritimeImport(Base):
    """One AIS file by content hash: how many of its batches are stored, so an interrupted import resumes."""

    __tablename__ = "maritime_import"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(10))
    batches_done: Mapped[int] = mapped_column(Integer, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    counts: Mapped[dict] = mapped_column(default=dict)
    # generated data (``maritime scenario``), never to be reported as real
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class MaritimeEvent(Base):
    """A detected pattern: gap, encounter, loitering, port call or identity change, with its evidence."""

    __tablename__ = "maritime_event"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    incident_kind: Mapped[str | None] = mapped_column(String(50), default=None)
    mmsis: Mapped[list] = mapped_column(default=list)
    vessels: Mapped[list] = mapped_column(default=list)
    start_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    end_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lat: Mapped[float | None] = mapped_column(Float, default=None)
    lon: Mapped[float | None] = mapped_column(Float, default=None)
    port: Mapped[str | None] = mapped_column(String(100), default=None)
    port_country: Mapped[str | None] = mapped_column(String(3), default=None)
    designation_ids: Mapped[list] = mapped_column(default=list)
    matches: Mapped[list] = mapped_column(default=list)
    measure_hints: Mapped[list] = mapped_column(default=list)
    details: Mapped[dict] = mapped_column(default=dict)
    track: Mapped[list] = mapped_column(default=list)
    # detected on positions of a synthetic import
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    detected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
