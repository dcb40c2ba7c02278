"""Event-level gold of the sample corpus and the scorer holding assessed incidents to it.

``data/corpus/events.yaml`` says which articles report which real event, its true kind and date, the measures
it may breach and the grade an analyst would give. :func:`score_events` matches assessed incidents to those
events (kind, overlapping dates, shared evidence articles; each event matched once) and counts what a reader
of the report would notice: events found and missed, duplicate incidents of one event, wrong measures and
grades. ``bench/assess.py`` runs the chain and prints the figures; docs/corpus.md gives the annotation rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.assess.sightings import window_of
from watchkeeper.datafiles import data_file, read_model
from watchkeeper.errors import InputFileError
from watchkeeper.reading.kinds import actor_roles, kind_ids
from watchkeeper.regime import load_regime
from watchkeeper.scoring import PRF
from watchkeeper.store.models.assess import AssessedIncident, AssessedIncidentEvidence, MeasureLink
from watchkeeper.store.models.evidence import DocumentSource
from watchkeeper.vocabulary import DatePrecision, Grade

# precisions whose window the calendar gives (assess.sightings.window_of)
CALENDAR = (
    DatePrecision.DAY,
    DatePrecision.WEEK,
    DatePrecision.MONTH,
    DatePrecision.QUARTER,
    DatePrecision.YEAR,
)

EventPrecision = Literal["day", "week", "month", "quarter", "year", "range", "unknown"]
_GRADES = [g.value for g in Grade]


class Event(BaseModel):
    """One real event: its kind, true date, actors, the measures it may breach, the grade it deserves."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    kind: str
    also_kinds: list[str] = Field(default_factory=list)
    summary: str
    date: dt.date | None = None  # ``dt.date``: the field's name hides the type
    date_end: dt.date | None = None
    precision: EventPrecision
    other_dates: list[dt.date] = Field(default_factory=list)
    actors: dict[str, list[str]] = Field(default_factory=dict)
    measures: list[str]
    grade: Grade
    why: str = Field(min_length=1)
    articles: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates_fit_precision(self) -> Event:
        if self.date_end is not None and self.precision not in ("range", "week"):
            raise ValueError(f"date_end is only for a range or a week, not precision {self.precision!r}")
        if self.precision == "unknown" and (self.date or self.date_end):
            raise ValueError("precision 'unknown' takes no date")
        if self.precision not in ("unknown", "range") and self.date is None:
            raise ValueError(f"precision {self.precision!r} needs a date")
        if self.date and self.date_end and self.date_end < self.date:
            raise ValueError("date_end is before date")
        return self


class EventGold(BaseModel):
    """The events file: a version and the events."""

    model_config = ConfigDict(extra="forbid")

    version: int
    events: list[Event]


def events_path() -> Path:
    """The event gold of the sample corpus (``data/corpus/events.yaml``, overridable like every data file)."""
    return data_file("corpus", "events.yaml")


def _cross_check(gold: EventGold, path: Path, articles: set[str] | None) -> None:
    kinds, roles = set(kind_ids()), actor_roles()
    measures = {m.id for m in load_regime().measures}
    seen: set[str] = set()
    for n, event in enumerate(gold.events):
        where = f"events.{n}"
        if event.id in seen:
            raise InputFileError(path, f"event id {event.id!r} is used twice", field=f"{where}.id")
        seen.add(event.id)
        for kind in [event.kind, *event.also_kinds]:
            if kind not in kinds:
                raise InputFileError(path, f"unknown incident kind {kind!r}", field=f"{where}.kind")
        for role in event.actors:
            if role not in roles:
                raise InputFileError(path, f"unknown actor role {role!r}", field=f"{where}.actors")
        for measure in event.measures:
            if measure not in measures:
                raise InputFileError(path, f"no measure {measure!r} in the regime", field=f"{where}.measures")
        unknown = [a for a in event.articles if articles is not None and a not in articles]
        if unknown:
            raise InputFileError(path, f"no article {unknown[0]!r} in the corpus", field=f"{where}.articles")


def corpus_article_ids(root: Path | None = None) -> set[str]:
    """The ids (file stems) of the sample corpus's articles."""
    folder = root or data_file("corpus", "articles")
    return {p.stem for p in folder.iterdir() if p.is_file()}


def load_events(path: Path | None = None, articles: set[str] | None = None) -> list[Event]:
    """The events of an events file, validated, with kinds, roles, measures and article ids checked.

    ``articles`` defaults to the sample corpus's article ids when ``path`` is the packaged file.
    """
    path = path or events_path()
    gold = read_model(EventGold, path)
    if articles is None and path == events_path():
        articles = corpus_article_ids()
    _cross_check(gold, path, articles)
    return gold.events


# --- what the chain produced ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AssessedRecord:
    """One assessed incident as the scorer sees it: facts, the articles of its evidence, measures, grade."""

    id: str
    kind: str
    date: dt.date | None
    date_end: dt.date | None
    precision: str
    articles: frozenset[str]
    measures: frozenset[str]
    grade: str
    summary: str = ""


def assessed_records(session: Session) -> list[AssessedRecord]:
    """Every stored assessed incident, its evidence documents named by the stem of the file they came from."""
    article_of: dict[str, str] = {}
    for document_id, locator in session.execute(select(DocumentSource.document_id, DocumentSource.locator)):
        article_of.setdefault(document_id, Path(locator.split("?")[0].rstrip("/")).stem)
    docs: dict[str, set[str]] = {}
    evidence_id: str | None
    for incident_id, evidence_id in session.execute(
        select(AssessedIncidentEvidence.assessed_incident_id, AssessedIncidentEvidence.document_id)
    ):
        if evidence_id:
            docs.setdefault(incident_id, set()).add(article_of.get(evidence_id, evidence_id))
    links: dict[str, set[str]] = {}
    for incident_id, measure_id in session.execute(
        select(MeasureLink.assessed_incident_id, MeasureLink.measure_id)
    ):
        links.setdefault(incident_id, set()).add(measure_id)
    return [
        AssessedRecord(
            id=row.id,
            kind=row.kind,
            date=row.date,
            date_end=row.date_end,
            precision=row.precision,
            articles=frozenset(docs.get(row.id, ())),
            measures=frozenset(links.get(row.id, ())),
            grade=row.grade,
            summary=row.summary,
        )
        for row in session.scalars(select(AssessedIncident).order_by(AssessedIncident.id))
    ]


# --- dates as windows -----------------------------------------------------------------------------------


def window(start: date | None, end: date | None, precision: str) -> tuple[date, date]:
    """The days a dated statement allows, first and last: "in May 2024" is 1-31 May.

    A ``publication`` date (the text gave none) allows any day up to publication: news reports past events.
    An unknown or missing start is open.
    """
    if precision in ("unknown",) or (start is None and end is None):
        return date.min, date.max
    if start is None:
        return date.min, end or date.max
    if precision == DatePrecision.PUBLICATION:
        return date.min, start
    if precision in CALENDAR:  # a day, week, month, quarter or year: the days assessment gives it
        return window_of(start, end if precision == DatePrecision.WEEK else None, precision) or (start, start)
    return start, end or date.max  # a range, open when its end is not known


def dates_overlap(event: Event, record: AssessedRecord) -> bool:
    """Whether the record's date window meets the event's (or one of the other dates sources give it)."""
    low, high = window(record.date, record.date_end, record.precision)
    windows = [window(event.date, event.date_end, event.precision)] + [(d, d) for d in event.other_dates]
    return any(low <= w_high and w_low <= high for w_low, w_high in windows)


def compatible(event: Event, record: AssessedRecord) -> bool:
    """An assessed incident may be this event: its kind, overlapping dates, shared evidence articles."""
    return (
        record.kind in (event.kind, *event.also_kinds)
        and bool(record.articles & set(event.articles))
        and dates_overlap(event, record)
    )


# --- the score ------------------------------------------------------------------------------------------


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """|a ∩ b| / |a ∪ b|; two empty sets agree fully ("no measure" is an answer)."""
    left, right = set(a), set(b)
    return len(left & right) / len(left | right) if left | right else 1.0


def grade_distance(a: str, b: str) -> int:
    """How many grades apart two grades are (A to C is 2)."""
    return abs(_GRADES.index(a) - _GRADES.index(b))


@dataclass
class EventScore:
    """What matching assessed incidents to events found."""

    events: list[Event]
    records: list[AssessedRecord]
    matches: list[tuple[Event, AssessedRecord]] = field(default_factory=list)
    duplicates: dict[str, list[AssessedRecord]] = field(default_factory=dict)  # event id -> extra incidents
    unmatched: dict[str, list[AssessedRecord]] = field(default_factory=dict)  # error class -> incidents

    @property
    def prf(self) -> PRF:
        """Events found: a matched pair is a true positive; every other assessed incident a false one."""
        tp = len(self.matches)
        return PRF(tp=tp, fp=len(self.records) - tp, fn=len(self.events) - tp)

    @property
    def missed(self) -> list[Event]:
        """Events no assessed incident matched."""
        found = {e.id for e, _ in self.matches}
        return [e for e in self.events if e.id not in found]

    @property
    def duplicate_rate(self) -> float:
        """The share of matched events that more than one assessed incident reports."""
        return len(self.duplicates) / len(self.matches) if self.matches else 0.0

    @property
    def duplicate_incidents(self) -> int:
        """Assessed incidents that repeat an event another incident already stands for."""
        return sum(len(v) for v in self.duplicates.values())

    @property
    def measures_exact(self) -> float:
        """On matched events: the share whose measure set is exactly the gold set."""
        return _mean([float(r.measures == set(e.measures)) for e, r in self.matches])

    @property
    def measures_jaccard(self) -> float:
        """On matched events: the mean Jaccard overlap of measure sets."""
        return _mean([jaccard(r.measures, e.measures) for e, r in self.matches])

    @property
    def grade_exact(self) -> float:
        """On matched events: the share graded as the gold grade."""
        return _mean([float(r.grade == e.grade) for e, r in self.matches])

    @property
    def grade_within_one(self) -> float:
        """On matched events: the share at most one grade from the gold grade."""
        return _mean([float(grade_distance(r.grade, e.grade) <= 1) for e, r in self.matches])


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _error_class(record: AssessedRecord, events: list[Event]) -> str:
    sharing = [e for e in events if record.articles & set(e.articles)]
    if not sharing:
        return "spurious"
    kinds = [e for e in sharing if record.kind in (e.kind, *e.also_kinds)]
    if not kinds:
        return "wrong kind"
    return "wrong date"


_EPOCH = (date(1990, 1, 1), date(2040, 12, 31))  # open windows are clipped here to compare their widths


def _clipped(low: date, high: date) -> tuple[date, date]:
    return max(low, _EPOCH[0]), min(high, _EPOCH[1])


def date_fit(event: Event, record: AssessedRecord) -> tuple[bool, float]:
    """How well the record's date window fits the event's, best first: whether the event lies inside it
    (a coarse date of this event, not a part of a broader one), then days in common over days in either."""
    r_low, r_high = _clipped(*window(record.date, record.date_end, record.precision))
    best = (True, 0.0)
    for w in [window(event.date, event.date_end, event.precision)] + [(d, d) for d in event.other_dates]:
        e_low, e_high = _clipped(*w)
        common = (min(r_high, e_high) - max(r_low, e_low)).days + 1
        either = (max(r_high, e_high) - min(r_low, e_low)).days + 1
        fit = (not (r_low <= e_low and e_high <= r_high), -round(max(common, 0) / either, 3))
        best = min(best, fit)
    return best[0], -best[1]


def _preference(event: Event, record: AssessedRecord) -> tuple[bool, int, bool, float, str, str]:
    """How well a compatible incident fits an event, best first: its own kind, most shared articles, the
    date (:func:`date_fit`); then the ids, so that a run is reproducible."""
    outside, overlap = date_fit(event, record)
    shared = len(record.articles & set(event.articles))
    return (record.kind != event.kind, -shared, outside, -overlap, event.id, record.id)


def _matching(events: list[Event], records: list[AssessedRecord]) -> dict[str, AssessedRecord]:
    """A maximum one-to-one matching of events to compatible incidents: the best-fitting pairs first, then
    augmenting paths for events left without one (a broad event never takes the only incident of another)."""
    options = {
        e.id: sorted((r for r in records if compatible(e, r)), key=lambda r: _preference(e, r))
        for e in events
    }
    owner: dict[str, str] = {}  # record id -> event id
    pairs = sorted(((e, r) for e in events for r in options[e.id]), key=lambda p: _preference(*p))
    for event, record in pairs:
        if record.id not in owner and event.id not in owner.values():
            owner[record.id] = event.id

    def augment(event_id: str, seen: set[str]) -> bool:
        for record in options[event_id]:
            if record.id in seen:
                continue
            seen.add(record.id)
            if record.id not in owner or augment(owner[record.id], seen):
                owner[record.id] = event_id
                return True
        return False

    for event in events:
        if event.id not in owner.values():
            augment(event.id, set())
    by_id = {r.id: r for r in records}
    return {event_id: by_id[record_id] for record_id, event_id in owner.items()}


def score_events(events: list[Event], records: list[AssessedRecord]) -> EventScore:
    """Match assessed incidents to events, each event and each incident once (a maximum matching).

    An incident left over that could have matched a matched event is that event's duplicate (of the event
    it fits best). The others are classed as ``wrong date`` (an event of its kind shares articles with it),
    ``wrong kind`` (an event of another kind does) or ``spurious`` (none does).
    """
    score = EventScore(events, records)
    matched_record = _matching(events, records)
    score.matches = [(e, matched_record[e.id]) for e in events if e.id in matched_record]
    taken = {r.id for r in matched_record.values()}
    matched = [e for e, _ in score.matches]
    for record in records:
        if record.id in taken:
            continue
        of = [e for e in matched if compatible(e, record)]
        if of:
            best = min(of, key=lambda e: _preference(e, record))
            score.duplicates.setdefault(best.id, []).append(record)
        else:
            score.unmatched.setdefault(_error_class(record, events), []).append(record)
    return score
