"""The closed vocabularies every stage shares, each spelled once.

A value stored in a column, written to JSON or matched in a template is one of these members. They are
``StrEnum``s, so a member compares equal to its string and serialises as it: stored rows and exported JSON are
unchanged. Open vocabularies (incident kinds, measure ids, roles) are data files with a registry of their own
(``watchkeeper.reading.kinds``, ``watchkeeper.regime``); these are the ones the code reasons about.
"""

from __future__ import annotations

from enum import StrEnum


class DatePrecision(StrEnum):
    """How precisely a date expression pins an event down, from finest to coarsest.

    The order is the one every comparison uses ("which of two reports dates the event better"): the typical
    width of the window. A ``range`` sits after ``week`` because the ranges news gives are mostly a few days
    ("from 3 to 5 May"); code that knows a range's window compares its length as the tie-break.
    ``publication`` means the text gave no date and the document's own date stands in: the coarsest of all.
    A range before a month is what an assessed incident shows: assess once ranked ``month`` first, and in the
    sample corpus that lost "early January" (1-10 January) to "in January 2024" and "between 7 September and
    1 October" to "in September"; both ranges are the narrower window.
    """

    DAY = "day"
    WEEK = "week"
    RANGE = "range"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    PUBLICATION = "publication"

    @property
    def rank(self) -> int:
        """0 for the finest precision, growing with the window."""
        return _PRECISION_RANK[self]

    @classmethod
    def rank_of(cls, value: str) -> int:
        """The rank of a stored precision string; an unknown one ranks after every known one."""
        try:
            return cls(value).rank
        except ValueError:
            return len(_PRECISION_RANK)

    @property
    def has_end(self) -> bool:
        """Whether a date of this precision carries an explicit end (``date_end``)."""
        return self in (DatePrecision.RANGE, DatePrecision.WEEK)


_PRECISION_RANK = {p: i for i, p in enumerate(DatePrecision)}


class TimexType(StrEnum):
    """What a time expression names (TimeML's TIMEX3 types): a calendar date, a clock time, a length of time,
    or a repetition. Only dates and times can date an event."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Polarity(StrEnum):
    """What a claim does with the act it names."""

    ASSERTS = "asserts"
    DENIES = "denies"


class Stance(StrEnum):
    """What one piece of evidence of an assessed incident does: reports the incident or denies it."""

    REPORTS = "reports"
    DENIES = "denies"


class IncidentStatus(StrEnum):
    """Where an incident stands before any analyst looks at it.

    Reading gives a per-document incident ``alleged``, ``confirmed`` or ``denied`` from its sentence;
    assessment combines its sightings: a party's confirmation wins, denials with reports make it
    ``contested``, and an incident seen only in ship tracking is ``observed``.
    """

    ALLEGED = "alleged"
    CONFIRMED = "confirmed"
    DENIED = "denied"
    CONTESTED = "contested"
    OBSERVED = "observed"


class ReviewState(StrEnum):
    """An analyst's decision on an assessed incident (``awaiting`` until someone decides)."""

    AWAITING = "awaiting"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    MERGED = "merged"
    SPLIT = "split"


class Grade(StrEnum):
    """The corroboration grade of an assessed incident, A best (bands, meanings: ``assess/grading.yaml``)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class SourceClass(StrEnum):
    """What kind of source a piece of evidence comes from (weighed by ``assess/grading.yaml``)."""

    OFFICIAL = "official"
    PARTY = "party"
    RESEARCH = "research"
    MEDIA = "media"
    ANONYMOUS = "anonymous"
    TRACKING = "tracking"


class MeasureStatus(StrEnum):
    """Whether an assessed incident may breach a measure (``assess.rules.measure_status``)."""

    LINKED = "linked"  # a rule links it to the measures in force on its date
    EVENT = "event"  # a vote or diplomacy: an event, never a breach; reports list it apart
    NO_MEASURE = "no measure"  # no rule covers its kind, or none's conditions hold: said, not left blank


class EvidenceType(StrEnum):
    """Whether evidence shows the act itself (imagery, debris, tracking) or only asserts it."""

    DIRECT = "direct"
    ASSERTION = "assertion"


class LedgerSeries(StrEnum):
    """The two series of the cap ledger, kept apart: what states notified and what the evidence alleges."""

    REPORTED = "reported"
    ALLEGED = "alleged"
