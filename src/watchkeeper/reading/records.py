"""The records the reading components set on a Doc, as typed dicts.

They stay plain dicts at run time (docs cross processes, tests and the store read them by key); these types
say which keys each carries. Offsets are character offsets into the document's text; ``sent_start`` /
``sent_end`` bound the sentence a record was read in.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from watchkeeper.vocabulary import DatePrecision, IncidentStatus, Polarity, TimexType


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
    """A time expression resolved against the publication date (ISO dates, ``date_end`` inclusive), with its
    TIMEX3 ``type`` and TimeML ``value``. A duration, a set or "now" has the publication day and precision
    ``publication``: only records ``reading.dates.event_dates`` keeps can date an event."""

    start: int
    end: int
    text: str
    date: str
    date_end: str
    precision: DatePrecision
    type: NotRequired[TimexType]
    value: NotRequired[str]


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


class FragmentRecord(TypedDict):
    """One continuous piece of a quote (a split quote has several)."""

    start: int
    end: int
    text: str


class SourceRecord(TypedDict):
    """The words that name a quote's speaker where it is attributed, and how: named, pronoun, description."""

    start: int
    end: int
    text: str
    kind: str


class QuoteRecord(TypedDict):
    """Quoted words (without the marks), the cue that attributes them and the speaker.

    ``speaker`` is the entity said to speak (a pronoun's antecedent; a description's own words, type
    ``description``, when nothing names it); ``source`` the words of the attribution; ``fragments`` the
    quote's pieces (``"A," X said. "B"`` is one quote of two fragments; ``text`` joins them).
    """

    start: int
    end: int
    text: str
    sent_start: int
    sent_end: int
    cue: str
    speaker: SpanRecord
    fragments: NotRequired[list[FragmentRecord]]
    source: NotRequired[SourceRecord]


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
