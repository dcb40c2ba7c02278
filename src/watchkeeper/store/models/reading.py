"""Reading tables: canonical entities and, per document, mentions, quotes, claims, incidents and dates.

Every per-document record carries its character span (``start``, ``end``) and its sentence's span
(``sent_start``, ``sent_end``) in ``document.text``. Rereading a document replaces its records.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from watchkeeper.store.base import Base, utcnow


class DocumentSpan:
    """Where a record stands in ``document.text``: its characters and its sentence's."""

    document_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sent_start: Mapped[int] = mapped_column(Integer)
    sent_end: Mapped[int] = mapped_column(Integer)


class Entity(Base):
    """Who or what the evidence is about, across documents: a canonical id like ``person:kim-jong-un``."""

    __tablename__ = "entity"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list] = mapped_column(default=list)
    designation_id: Mapped[str | None] = mapped_column(String(100), index=True, default=None)
    source: Mapped[str] = mapped_column(String(20))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class DocumentReading(Base):
    """That a document was read, with which pipeline version (reruns skip documents already read with it)."""

    __tablename__ = "document_reading"

    document_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    pipeline_version: Mapped[str] = mapped_column(String(40))
    counts: Mapped[dict] = mapped_column(default=dict)
    read_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Mention(DocumentSpan, Base):
    """A name in a document's text and the entity it refers to."""

    __tablename__ = "mention"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str | None] = mapped_column(ForeignKey("entity.id"), index=True, default=None)


class Quote(DocumentSpan, Base):
    """Words in quotation marks and who said them."""

    __tablename__ = "quote"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    words: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(String(100))
    speaker_text: Mapped[str | None] = mapped_column(Text, default=None)
    speaker_mention_id: Mapped[str | None] = mapped_column(
        ForeignKey("mention.id", ondelete="SET NULL"), default=None
    )
    speaker_id: Mapped[str | None] = mapped_column(ForeignKey("entity.id"), index=True, default=None)
    # a split quote's pieces ({start, end, text}) and the words naming the speaker ({start, end, text, kind})
    fragments: Mapped[list | None] = mapped_column(JSON, default=None)
    source: Mapped[dict | None] = mapped_column(JSON, default=None)


class Claim(DocumentSpan, Base):
    """An accusation or a denial: who claims, about whom, what act, asserts or denies."""

    __tablename__ = "claim"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    cue: Mapped[str] = mapped_column(String(100))
    polarity: Mapped[str] = mapped_column(String(10))
    act: Mapped[str] = mapped_column(Text)
    claimant_text: Mapped[str | None] = mapped_column(Text, default=None)
    claimant_id: Mapped[str | None] = mapped_column(ForeignKey("entity.id"), index=True, default=None)
    accused_text: Mapped[str | None] = mapped_column(Text, default=None)
    accused_id: Mapped[str | None] = mapped_column(ForeignKey("entity.id"), index=True, default=None)


class Incident(DocumentSpan, Base):
    """A sanctions-relevant event a document reports: kind, date with precision, place, quantities, status."""

    __tablename__ = "incident"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    trigger: Mapped[str] = mapped_column(Text)
    date: Mapped[date | None] = mapped_column(Date, index=True, default=None)
    date_end: Mapped[dt.date | None] = mapped_column(Date, default=None)  # ``date`` here is the column
    precision: Mapped[str] = mapped_column(String(20))
    date_text: Mapped[str | None] = mapped_column(Text, default=None)
    place_text: Mapped[str | None] = mapped_column(Text, default=None)
    place_id: Mapped[str | None] = mapped_column(ForeignKey("entity.id"), default=None)
    quantities: Mapped[list] = mapped_column(default=list)
    tally: Mapped[dict | None] = mapped_column(default=None)
    mentions: Mapped[list] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(20))
    # the event the document is about, not one it recalls ("its first launch since March 27")
    is_main: Mapped[bool] = mapped_column(default=True, server_default=true())


class IncidentActor(Base):
    """Who took part in an incident, in which role (launcher, from, to, supplier, voters_against, ...)."""

    __tablename__ = "incident_actor"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(30), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ForeignKey("entity.id"), primary_key=True)
    text: Mapped[str | None] = mapped_column(Text, default=None)
    implied: Mapped[bool] = mapped_column(default=False)


class DateMention(Base):
    """A time expression the reader found in a document: its words, TIMEX3 type and TimeML value, and for a
    date or time the window of days it names (``date``..``date_end``) with its precision."""

    __tablename__ = "date_mention"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    timex_type: Mapped[str] = mapped_column(String(10))
    value: Mapped[str] = mapped_column(String(40))
    precision: Mapped[str | None] = mapped_column(String(20), default=None)
    date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    date_end: Mapped[dt.date | None] = mapped_column(Date, default=None)
