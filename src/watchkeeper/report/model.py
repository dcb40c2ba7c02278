"""The report as data: what :func:`watchkeeper.report.build_report` returns and the templates lay out.

Every number, percentage and choice of words is settled when these objects are built; a template only places
them. Each figure a numbered paragraph states carries its provenance (:class:`Figure`): the incidents and
sources it counts, the rule or feature that produced it and the parameters that rule used, so
``watchkeeper report --explain N`` can say where paragraph N's figures came from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from watchkeeper.assess.ledger import LedgerYear
from watchkeeper.errors import NotFoundError


@dataclass
class Figure:
    """One figure a paragraph states, with what produced it."""

    what: str  # what the figure counts or measures, in words
    value: Any  # as the paragraph states it
    rule: str  # the rule, feature or threshold that produced it, and where it is defined
    incidents: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The figure as a JSON-ready dict."""
        return {
            "what": self.what,
            "value": self.value,
            "rule": self.rule,
            "incidents": self.incidents,
            "sources": self.sources,
            "parameters": self.parameters,
        }


@dataclass
class Paragraph:
    """A numbered paragraph: its words, the sources it cites and the provenance of its figures."""

    text: str
    refs: list[int] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    section: str = ""
    number: int = 0  # set once the whole report is assembled, in reading order
    finding: bool = True  # states what the evidence shows, so must cite it (False: overview or method)


@dataclass
class Source:
    """One entry of the sources annex: a stored document or a stored AIS event."""

    number: int
    kind: str  # document | maritime_event
    id: str
    label: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    maritime_label: str = ""  # "M1": the maritime event's track excerpt in section II, when it has one

    @property
    def title_text(self) -> str:
        """The title as the annex prints it."""
        return self.title or "untitled"

    @property
    def published_text(self) -> str:
        """The date as the annex prints it ("17 February 2024")."""
        if not self.published:
            return "undated"
        try:
            return f"{date.fromisoformat(self.published):%-d %B %Y}"
        except ValueError:
            return self.published


@dataclass
class EvidenceRow:
    """One line of an incident's evidence table (or one denial)."""

    source: str
    source_class: str
    outlet: str
    date: str
    quoted: str
    ref: int | None
    class_note: str = ""  # the source's class, shown beside a source that is not plain reporting
    key: str = ""  # the source as grading counts it (a copy group once; an outlet quoting a government as it)
    maritime_event: str | None = None  # the stored AIS event this row cites, when it cites one


@dataclass
class IncidentView:
    """One incident as the report presents it."""

    id: str
    kind: str
    kind_label: str
    when: str
    on: date | None
    summary: str
    grade: str
    grade_meaning: str
    reasons: list[str]
    status: str
    refs: list[int]
    evidence: list[EvidenceRow]
    denials: list[EvidenceRow]
    actors: str
    quantities: str
    measures: list[dict[str, Any]]
    override: str | None
    designated: list[dict[str, str]]
    actor_records: list[dict[str, Any]]
    start: date | None = None  # the first and last day its date window covers (None: open on that side)
    end: date | None = None
    why_measures: list[str] = field(default_factory=list)  # the rules' reasons, each once, in words
    trace: list[dict[str, Any]] = field(default_factory=list)  # rule, conditions, measures (annex IV)
    review: str | None = None  # who confirmed, corrected, merged or split it
    confirmed: bool = False
    paragraph: Paragraph = field(default_factory=lambda: Paragraph(""))

    @property
    def grade_note(self) -> str:
        """What the table of unlinked incidents says beside the grade."""
        return "confirmed by analyst" if self.confirmed else ""

    @property
    def table_review(self) -> str | None:
        """The review line in the table of unlinked incidents (a confirmation shows beside the grade)."""
        return None if self.confirmed else self.review


@dataclass
class MeasureSection:
    """Incidents that bear on the same measures, under a heading naming them."""

    title: str
    measures: list[dict[str, Any]]
    incidents: list[IncidentView] = field(default_factory=list)
    anchor: str = ""  # the HTML id the contents list links to

    @property
    def grades(self) -> dict[str, int]:
        """How many incidents of the section have each grade."""
        return dict(sorted(Counter(i.grade for i in self.incidents).items()))


@dataclass
class LedgerRow:
    """One row of the cap-ledger table, every cell worded."""

    year: int
    commodity: str
    measure: str
    cap: str
    notified: str
    alleged: str
    alerts: str


@dataclass
class Parameter:
    """One line of annex II's versions and parameters: what produced the report."""

    group: str
    name: str
    value: str
    defined_in: str


@dataclass
class TrackRow:
    """One position of a vessel in a maritime event's track excerpt, every cell worded."""

    time: str  # "2024-03-01 19:58" (UTC)
    vessel: str
    lat: str
    lon: str
    speed: str  # knots, as broadcast ("" when not broadcast or not stored)
    course: str  # degrees, as broadcast
    phase: str  # before | during | after the event


@dataclass
class MaritimeEventView:
    """One AIS event an incident of the report cites: where and when, its vessels and their positions."""

    label: str  # "M1": how the map and the tables name it
    id: str
    kind: str  # in words ("ship-to-ship encounter")
    title: str  # its heading: "M1. Ship-to-ship encounter, 1 March 2024, 20:00 to 2 March 2024, 03:00 UTC"
    when: str
    place: str
    vessels: str
    note: str  # why the detector's rule counts it
    ref: int | None  # its number in the sources annex
    incidents: list[str]  # the incidents citing it, in words
    synthetic: bool
    ais_source: str  # the AIS files its positions came from
    track: list[TrackRow] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    kind_id: str = ""  # the detector's kind (encounter, gap, ...): the map's marker


@dataclass
class VesselRow:
    """One vessel of the maritime events: identity as broadcast, its history, and whether it is listed."""

    name: str
    imo: str
    mmsi: str
    flag: str
    history: list[
        dict[str, str]
    ]  # each name and flag it went by ("identity") and when ("seen"), oldest first
    designated: str  # list reference and listed name, or "no"
    synthetic: bool
    events: str  # the labels of the events it is in ("M1, M2")


@dataclass
class MaritimeSection:
    """The report's maritime pages: the map, a track excerpt per event, the vessel table."""

    events: list[MaritimeEventView]
    vessels: list[VesselRow]
    number: int = 0  # its sub-section number in part II
    track_hours: float = 0.0  # hours either side of an event the excerpts cover
    map_hours: float = 0.0  # hours either side of an event the map's tracks cover
    positions_stored: bool = False  # False: excerpts come from the events' stored points, without speed
    tracks: list[dict[str, Any]] = field(default_factory=list)  # per vessel: name, ts, lat, lon (the map's)
    intro: str = ""  # what the pages show, in words
    caption: str = ""  # the map's caption, after its figure number

    @property
    def synthetic(self) -> bool:
        """Whether any of it rests on demonstration (synthetic) data."""
        return any(e.synthetic for e in self.events)


@dataclass
class ReportData:
    """Everything the templates lay out."""

    start: date
    end: date
    generated_at: datetime
    regime_version: str
    summary: list[Paragraph]
    sections: list[MeasureSection]
    unlinked: list[IncidentView]
    ledger: list[LedgerYear]
    ledger_notes: list[Paragraph]
    notifications: list[dict[str, Any]]
    designated: list[dict[str, Any]]
    recommendations: list[Paragraph]
    sources: list[Source]
    grades: dict[str, str]
    rules: list[dict[str, str]]
    features: list[dict[str, Any]]
    incidents: list[IncidentView]
    charts: dict[str, str] = field(default_factory=dict)
    reviewed_out: list[dict[str, Any]] = field(default_factory=list)
    orphaned_reviews: list[dict[str, Any]] = field(default_factory=list)
    ledger_rows: list[LedgerRow] = field(default_factory=list)
    unlinked_intro: Paragraph | None = None
    unlinked_number: int = 0  # the sub-section number of the unlinked incidents, after the measure sections
    ledger_intro: Paragraph = field(default_factory=lambda: Paragraph(""))
    designated_none: Paragraph | None = None
    recommendations_none: Paragraph | None = None
    parameters: list[Parameter] = field(default_factory=list)
    maritime: MaritimeSection | None = None  # the AIS events the incidents cite, when there are any
    ledger_figure: int = 2  # the cap chart's figure number (3 when the maritime map comes before it)

    @property
    def source_count(self) -> int:
        """How many stored sources the report cites."""
        return len(self.sources)

    def paragraphs(self) -> list[Paragraph]:
        """Every numbered paragraph in reading order (the same order in HTML, PDF and Markdown)."""
        found: list[Paragraph | None] = [*self.summary]
        found += [i.paragraph for s in self.sections for i in s.incidents]
        found += [self.unlinked_intro, self.ledger_intro, *self.ledger_notes, self.designated_none]
        found += [*self.recommendations, self.recommendations_none]
        return [p for p in found if p is not None]

    def number_paragraphs(self) -> None:
        """Number the paragraphs 1, 2, ... in reading order."""
        for number, paragraph in enumerate(self.paragraphs(), start=1):
            paragraph.number = number

    def paragraph(self, number: int) -> Paragraph:
        """Paragraph ``number`` as the report numbers it."""
        paragraphs = self.paragraphs()
        if not 1 <= number <= len(paragraphs):
            raise ParagraphNotFound(
                f"the report for {self.start} to {self.end} has paragraphs 1 to {len(paragraphs)}; "
                f"there is no paragraph {number}"
            )
        return paragraphs[number - 1]


class ParagraphNotFound(NotFoundError):
    """A paragraph number the report does not have."""
