"""The records the reading components set on a Doc, as typed dicts.

They stay plain dicts at run time (docs cross processes, tests and the store read them by key); these types
say which keys each carries. Offsets are character offsets into the document's text; ``sent_start`` /
``sent_end`` bound the sentence a record was read in.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from watchkeeper.vocabulary import DatePrecision, IncidentStatus, Polarity


class SpanRecord(TypedDict):
    """An entity span: its characters, words, NER label, canonical id (when known) and our entity type."""

    start: int
    end: int
    text: str
    label: str
    entity_id: str | None
    type: str


class ActorRecord(TypedDict):
    """An entity in an incident role; an implied actor (the kind's default) has an id but no span."""

    role: str
    start: int | None
    end: int | None
    text: str | None
    label: str | None
    entity_id: str | None
    type: str
    implied: NotRequired[bool]


class MentionRecord(SpanRecord):
    """A named entity in the text, with the sentence it lies in."""

    sent_start: int
    sent_end: int


class DateRecord(TypedDict):
    """A date expression resolved against the publication date (ISO dates, ``date_end`` inclusive)."""

    start: int
    end: int
    text: str
    date: str
    date_end: str
    precision: DatePrecision


class QuantityRecord(TypedDict):
    """An amount: its value, unit or currency (the currency when there is one), and how exact it is."""

    start: int
    end: int
    text: str
    value: float | int
    unit: str | None
    currency: str | None
    lower_bound: bool
    approximate: bool


class QuoteRecord(TypedDict):
    """Quoted words (without the marks), the cue that attributes them and the speaker."""

    start: int
    end: int
    text: str
    sent_start: int
    sent_end: int
    cue: str
    speaker: SpanRecord


class ClaimRecord(TypedDict):
    """Who asserts or denies what: the claimant, the accused (an incident's actor when taken from one)."""

    start: int
    end: int
    text: str
    sent_start: int
    sent_end: int
    cue: str
    act: str
    polarity: Polarity
    claimant: SpanRecord
    accused: list[SpanRecord | ActorRecord]


class IncidentRecord(TypedDict):
    """One event a document reports: kind, date and precision, actors, place, amounts and status.

    ``start``/``end`` are the sentence that first reports it (its evidence); ``mentions`` (the [start, end] of
    each sentence that reports it) is set when reports are merged; ``tally`` (votes for, against, abstaining)
    only on a Council vote. ``is_main``: the event the document is about, not one it recalls.
    """

    kind: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    trigger: str
    date: str
    date_end: str | None
    precision: DatePrecision
    date_text: str | None
    actors: list[ActorRecord]
    place: SpanRecord | None
    quantities: list[QuantityRecord]
    status: IncidentStatus
    tally: NotRequired[dict[str, int]]
    mentions: NotRequired[list[list[int]]]
    is_main: NotRequired[bool]
