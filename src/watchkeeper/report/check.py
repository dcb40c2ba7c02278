"""``watchkeeper report --check``: lint a generated report before anyone signs it.

Each check is a small function over the report as data (:class:`~watchkeeper.report.model.ReportData`) that
returns its problems, one line each, naming the paragraphs and incidents concerned:

- ``duplicate``: two incidents of one section that are likely one event (same kind, a shared actor, date
  windows of at most a month that overlap, give or take the merging's day of slack, and no different
  weapon systems or range classes named in their evidence, as merging compares them);
- ``corroboration``: a well-corroborated grade (A or B, ``grading.yaml``) resting on fewer than two
  independent sources, the panel's standard for a finding;
- ``out_of_force``: a measure cited for an incident whose dates fall wholly outside the measure's period in
  force (from its ``effective_from`` to its ``effective_to`` or the day a later measure superseded it);
- ``unsourced``: a finding paragraph that cites no source;
- ``synthetic``: an incident citing maritime events of a generated AIS scenario (resting only on them, or
  on them among other evidence) that is not labelled "demonstration data".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import PurePath
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.assess.config import merging_config
from watchkeeper.assess.grading import well_corroborated
from watchkeeper.assess.unions import systems_differ, text_systems
from watchkeeper.errors import WatchkeeperError
from watchkeeper.regime import Regime, load_regime
from watchkeeper.report.build import build_report
from watchkeeper.report.model import EvidenceRow, IncidentView, ReportData
from watchkeeper.store import Store
from watchkeeper.store.models.maritime import MaritimeEvent, MaritimeImport

EVENT_WINDOW_DAYS = 31  # a date window up to a month long can name one event; a longer one is a period
MIN_INDEPENDENT_SOURCES = 2  # the panel's standard: a finding rests on at least two independent sources
SYNTHETIC_LABEL = "demonstration data"  # the words that label generated data wherever a report shows it
# What `watchkeeper maritime scenario` writes (maritime/scenario.py): scenario.nmea, scenario.csv, gold.json.
SCENARIO_FILES = frozenset({"scenario.nmea", "scenario.csv"})


@dataclass(frozen=True)
class Problem:
    """One thing the report should not say as it stands."""

    check: str
    message: str
    paragraphs: list[int] = field(default_factory=list)
    incidents: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The problem on one line, as the terminal prints it."""
        where = ", ".join(f"paragraph {n}" for n in self.paragraphs)
        return f"{self.check}: {where + ': ' if where else ''}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        """The problem as a JSON-ready dict."""
        return {
            "check": self.check,
            "paragraphs": self.paragraphs,
            "incidents": self.incidents,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckContext:
    """What the checks need beside the report: the regime, and which maritime events are synthetic."""

    regime: Regime
    synthetic_events: frozenset[str] | None  # None: no way to tell (real and scenario AIS imported together)


def _named(view: IncidentView) -> str:
    return f"{view.kind_label.lower()} ({view.when})"


def _pinned(view: IncidentView) -> tuple[date, date] | None:
    """The incident's date window when it is narrow enough to name one event (a day, a week, a month)."""
    if view.start is None or view.end is None or (view.end - view.start).days >= EVENT_WINDOW_DAYS:
        return None
    return view.start, view.end


def _overlap(a: IncidentView, b: IncidentView) -> bool:
    """Whether two pinned date windows share a day, give or take the merging's day of slack (a night launch
    in Korea is the previous day in UTC)."""
    first, second = _pinned(a), _pinned(b)
    if first is None or second is None:
        return False  # "since last year", "in 2024": a period, not an event's date
    slack = timedelta(days=merging_config().day_slack)
    return first[0] - slack <= second[1] and second[0] - slack <= first[1]


def _actors(view: IncidentView) -> dict[str, str]:
    return {a["entity_id"]: a["name"] for a in view.actor_records if a.get("entity_id")}


def _systems(view: IncidentView) -> tuple[set[str], set[str]]:
    """The weapon systems and range classes the incident's evidence names."""
    return text_systems(" ".join(row.quoted for row in view.evidence))


def duplicates(data: ReportData, context: CheckContext) -> Iterator[Problem]:
    """Incidents of one section with the same kind, overlapping dates, a shared actor and no different
    weapon systems named (an ICBM and a short-range salvo days apart are two events)."""
    for number, section in enumerate(data.sections, start=1):
        for a, b in combinations(section.incidents, 2):
            shared = sorted(set(_actors(a).items()) & set(_actors(b).items()))
            if a.kind != b.kind or not shared or not _overlap(a, b):
                continue
            if not systems_differ(_systems(a), _systems(b)):
                yield Problem(
                    "duplicate",
                    f"{_named(a)} and {_named(b)} in section II.{number} are likely one event: same kind, "
                    f"overlapping dates, shared actors ({', '.join(name for _, name in shared)})",
                    [a.paragraph.number, b.paragraph.number],
                    [a.id, b.id],
                )


def independent_sources(evidence: Sequence[EvidenceRow]) -> list[str]:
    """The distinct sources an incident's reports rest on, as grading counts them (a copy group once, an
    outlet quoting a government as that government)."""
    return sorted({e.key or e.source for e in evidence})


def corroboration(data: ReportData, context: CheckContext) -> Iterator[Problem]:
    """A well-corroborated grade with fewer than two independent sources."""
    strong = well_corroborated()
    for section in data.sections:
        for view in section.incidents:
            sources = independent_sources(view.evidence)
            if view.grade in strong and len(sources) < MIN_INDEPENDENT_SOURCES:
                yield Problem(
                    "corroboration",
                    f"{_named(view)} is graded {view.grade} on {len(sources)} independent source"
                    f"{'' if len(sources) == 1 else 's'} ({'; '.join(sources) or 'none'}); a finding "
                    f"needs at least {MIN_INDEPENDENT_SOURCES}",
                    [view.paragraph.number],
                    [view.id],
                )


def _in_force_window(regime: Regime, measure_id: str) -> tuple[date, date | None]:
    measure = regime.measure(measure_id)
    ends = [d for d in (measure.effective_to, regime.superseded_on(measure_id)) if d is not None]
    return measure.effective_from, min(ends, default=None)


def out_of_force(data: ReportData, context: CheckContext) -> Iterator[Problem]:
    """A measure cited for an incident none of whose days falls in the measure's period in force."""
    for section in data.sections:
        for view in section.incidents:
            if view.start is None and view.end is None:
                continue
            first, last = view.start or date.min, view.end or view.start or date.max
            for m in view.measures:
                begins, ends = _in_force_window(context.regime, m["id"])
                if last < begins or (ends is not None and first >= ends):
                    period = f"from {begins}" + (f" until {ends}" if ends else "")
                    yield Problem(
                        "out_of_force",
                        f"{_named(view)} cites {m['id']}, in force {period}",
                        [view.paragraph.number],
                        [view.id],
                    )


def unsourced(data: ReportData, context: CheckContext) -> Iterator[Problem]:
    """A finding paragraph that cites no source."""
    for paragraph in data.paragraphs():
        if paragraph.finding and not paragraph.refs:
            opening = " ".join(paragraph.text.split())[:80]
            yield Problem(
                "unsourced",
                f"a finding without a source ({paragraph.section}): \u201c{opening}\u2026\u201d",
                [paragraph.number],
            )


def synthetic(data: ReportData, context: CheckContext) -> Iterator[Problem]:
    """An incident resting only on generated AIS events, shown without the words that say so."""
    if not context.synthetic_events:
        return
    for view in data.incidents:
        cited = {e.maritime_event for e in view.evidence}
        generated = cited & context.synthetic_events
        labelled = SYNTHETIC_LABEL in f"{view.paragraph.text} {view.summary} {view.review or ''}".lower()
        if generated and not labelled:
            how = "rests only on" if cited == generated else "cites"
            yield Problem(
                "synthetic",
                f"{_named(view)} {how} maritime events of a generated AIS scenario and is not labelled "
                f"\u201c{SYNTHETIC_LABEL}\u201d",
                [view.paragraph.number] if view.paragraph.number else [],
                [view.id],
            )


CHECKS: tuple[Callable[[ReportData, CheckContext], Iterator[Problem]], ...] = (
    duplicates,
    corroboration,
    out_of_force,
    unsourced,
    synthetic,
)


def synthetic_events(session: Session, events: set[str]) -> frozenset[str] | None:
    """Which of ``events`` come from a generated scenario: flagged at import, or told by the files' names.

    An import flags scenario files (``synthetic``) and their events carry the flag. For imports made before
    the flag existed the files' names tell: when every imported AIS file is a scenario file, every event is
    synthetic; when none is, none is; when both were imported, the names cannot tell (None).
    """
    flagged: set[str] = set()
    if events:
        flagged = set(
            session.scalars(
                select(MaritimeEvent.id).where(
                    MaritimeEvent.id.in_(sorted(events)), MaritimeEvent.synthetic.is_(True)
                )
            )
        )
    paths = [PurePath(p).name for p in session.scalars(select(MaritimeImport.path))]
    if not paths or not any(p in SCENARIO_FILES for p in paths):
        return frozenset(flagged)
    if all(p in SCENARIO_FILES for p in paths):
        return frozenset(events)
    return frozenset(flagged) if flagged else None


def check_report(data: ReportData, context: CheckContext) -> list[Problem]:
    """Every problem every check finds, check by check, in reading order."""
    return [problem for check in CHECKS for problem in check(data, context)]


def check(
    store: Store, start: date, end: date, regime: Regime | None = None, *, include_synthetic: bool = False
) -> list[Problem]:
    """Build the report for [start, end] from ``store`` and lint it."""
    if end < start:
        raise WatchkeeperError(f"--to {end} is before --from {start}")
    regime = regime or load_regime()
    with store.session() as session:
        data = build_report(session, regime, start, end, include_synthetic=include_synthetic)
        events = {e.maritime_event for i in data.incidents for e in i.evidence if e.maritime_event}
        context = CheckContext(regime, synthetic_events(session, events))
    return check_report(data, context)
