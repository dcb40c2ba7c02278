"""Assessment tables: incidents merged across evidence, their evidence, the measures they may breach, the
petroleum deliveries states notified to the 1718 Committee, and analysts' work on them: reviews and notes on
incidents, and cases (investigations gathering records of every stage).

``assessed_incident`` rows are recomputed by ``watchkeeper assess``; an analyst's grade override lives on the
row and survives reassessment while the incident keeps its id; so do ``incident_review`` and ``incident_note``
rows, keyed by that id. The review, note and case tables began as workbench tables: their migration is
``web_0002``.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from watchkeeper.store.base import Base, utcnow


class AssessedIncident(Base):
    """One event as the evidence as a whole tells it: kind, date, actors, grade and why."""

    __tablename__ = "assessed_incident"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    date: Mapped[date | None] = mapped_column(Date, index=True, default=None)
    date_end: Mapped[dt.date | None] = mapped_column(Date, default=None)  # ``date`` here is the column
    precision: Mapped[str] = mapped_column(String(20))
    place_id: Mapped[str | None] = mapped_column(String(200), default=None)
    place_text: Mapped[str | None] = mapped_column(Text, default=None)
    actors: Mapped[list] = mapped_column(default=list)
    quantities: Mapped[list] = mapped_column(default=list)
    commodity: Mapped[str | None] = mapped_column(String(40), default=None)
    status: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    grade: Mapped[str] = mapped_column(String(2), index=True)
    computed_grade: Mapped[str] = mapped_column(String(2))
    grade_score: Mapped[float] = mapped_column(Float)
    grade_features: Mapped[list] = mapped_column(default=list)
    grade_override: Mapped[str | None] = mapped_column(String(2), default=None)
    override_reason: Mapped[str | None] = mapped_column(Text, default=None)
    override_by: Mapped[str | None] = mapped_column(String(100), default=None)
    override_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    source_count: Mapped[int] = mapped_column(Integer, default=0)
    # built only from synthetic data (the maritime scenario): left out of reports unless asked for
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    assessed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AssessedIncidentEvidence(Base):
    """One piece of evidence of an assessed incident: a report, a denial or a tracked vessel event."""

    __tablename__ = "assessed_incident_evidence"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    assessed_incident_id: Mapped[str] = mapped_column(
        ForeignKey("assessed_incident.id", ondelete="CASCADE"), index=True
    )
    stance: Mapped[str] = mapped_column(String(20))
    incident_id: Mapped[str | None] = mapped_column(String(40), default=None)
    claim_id: Mapped[str | None] = mapped_column(String(40), default=None)
    maritime_event_id: Mapped[str | None] = mapped_column(String(64), default=None)
    document_id: Mapped[str | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True, default=None
    )
    start: Mapped[int | None] = mapped_column(Integer, default=None)
    end: Mapped[int | None] = mapped_column(Integer, default=None)
    quoted: Mapped[str] = mapped_column(Text)
    source_key: Mapped[str] = mapped_column(String(200))
    source_name: Mapped[str] = mapped_column(Text)
    source_class: Mapped[str] = mapped_column(String(20))
    evidence_type: Mapped[str] = mapped_column(String(20))
    direct_cues: Mapped[list] = mapped_column(default=list)
    outlet_id: Mapped[str | None] = mapped_column(String(100), default=None)
    copy_group_id: Mapped[str | None] = mapped_column(String(40), default=None)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class MeasureLink(Base):
    """A measure in force on the incident's date that the incident may breach, with the rule that says so."""

    __tablename__ = "measure_link"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    assessed_incident_id: Mapped[str] = mapped_column(
        ForeignKey("assessed_incident.id", ondelete="CASCADE"), index=True
    )
    measure_id: Mapped[str] = mapped_column(ForeignKey("measure.id"), index=True)
    rule_id: Mapped[str] = mapped_column(String(60))
    explanation: Mapped[dict] = mapped_column(default=dict)


class CapNotification(Base):
    """A delivery a state notified to the 1718 Committee (the reported series of the cap ledger)."""

    __tablename__ = "cap_notification"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    month: Mapped[int | None] = mapped_column(Integer, default=None)
    period: Mapped[str] = mapped_column(String(40))
    reporting_state: Mapped[str] = mapped_column(String(100))
    commodity: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    barrels: Mapped[float] = mapped_column(Float)
    reported_on: Mapped[date | None] = mapped_column(Date, default=None)
    source: Mapped[str] = mapped_column(Text)
    imported_from: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IncidentReview(Base):
    """An analyst's review of an assessed incident: confirmed, rejected, merged into another, or split.

    Keyed by the assessed incident's id without a foreign key, so a review survives reassessment while the
    incident keeps its id. ``edits`` holds the analyst's corrections (kind, date, place, summary) and
    ``split_groups`` the evidence ids the analyst judged to be separate events.
    """

    __tablename__ = "incident_review"

    incident_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    merged_into: Mapped[str | None] = mapped_column(String(40), default=None)
    split_groups: Mapped[list] = mapped_column(default=list)
    edits: Mapped[dict] = mapped_column(default=dict)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    reviewed_by: Mapped[str] = mapped_column(String(100))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IncidentNote(Base):
    """A note an analyst wrote on an assessed incident."""

    __tablename__ = "incident_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(40), index=True)
    author: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Case(Base):
    """An investigation: incidents, entities and documents gathered by analysts, with their notes."""

    __tablename__ = "case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class CaseItem(Base):
    """A record gathered into a case: an incident, entity, document or designation, by its id."""

    __tablename__ = "case_item"
    __table_args__ = (UniqueConstraint("case_id", "item_type", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    item_type: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[str] = mapped_column(String(200))
    added_by: Mapped[str] = mapped_column(String(100))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseNote(Base):
    """A note in a case."""

    __tablename__ = "case_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
