"""Continuing activities: running totals of one supply, each as of its report's day, are one incident.

News tells a continuing supply by its running total as of the time of writing ("has shipped more than a
million barrels since March", "has sent 13,000 containers"): each report's window ends at its publication.
Groups of a ``continuing_kinds`` kind most of whose reports run to the time of writing are one activity when
their actors are compatible, their dates meet and they name the same commodity first (the artillery shells of
a sentence that adds "and some missiles" are its subject; a report about the missiles is another activity). A
discrete shipment told as a closed period ("between 7 September and 1 October") stays an event of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from watchkeeper.assess.config import commodity_config, merging_config
from watchkeeper.assess.sightings import Sighting
from watchkeeper.assess.unions import Groups, reach
from watchkeeper.vocabulary import DatePrecision


def ongoing(s: Sighting) -> bool:
    """Whether a report runs to the time of writing: dated by its publication, or a window ending then."""
    if s.precision == DatePrecision.PUBLICATION or (s.start is None and s.published is not None):
        return True  # dated by its publication, a total "by" a date, or no date at all: as of its writing
    window = s.window
    if window is None or s.published is None:
        return False
    return abs((s.published - window[1]).days) <= merging_config().ongoing_days


def subject(s: Sighting) -> str | None:
    """The commodity a report names first (``commodities.yaml`` terms of its kind), or the kind's default."""
    spec = commodity_config().root.get(s.kind)
    if spec is None:
        return None
    text = s.text.lower()
    found = [(text.find(word), tag) for tag, words in spec.terms.items() for word in words if word in text]
    return min(found)[1] if found else spec.default


def _span(sightings: Sequence[Sighting], group: list[int]) -> tuple[date, date] | None:
    """The first to the last day the group's reports may be about (an undated report: any day before)."""
    days = []
    for i in group:
        s = sightings[i]
        window = reach(s)
        if s.start is None and window is None and s.published is not None:
            window = (s.published, s.published)
        if (s.precision == DatePrecision.PUBLICATION or s.start is None) and window is not None:
            window = (date.min, window[1])  # a running total up to then
        if window is not None:
            days.append(window)
    return (min(d[0] for d in days), max(d[1] for d in days)) if days else None


def _activity(sightings: Sequence[Sighting], group: list[int]) -> str | None:
    told = Counter(subject(sightings[i]) for i in group)
    return min(told, key=lambda tag: (-told[tag], tag or ""))


def join_continuing(sightings: Sequence[Sighting], groups: Groups, members: list[int]) -> None:
    """Join the groups of one continuing kind that report one activity."""
    if not members or sightings[members[0]].kind not in merging_config().continuing_kinds:
        return
    changed = True
    while changed:
        changed = False
        by_root = groups.of(members)
        running = sorted(
            root
            for root, group in by_root.items()
            if 2 * sum(ongoing(sightings[i]) for i in group) >= len(group)
        )
        for x, a in enumerate(running):
            for b in running[x + 1 :]:
                span_a, span_b = _span(sightings, by_root[a]), _span(sightings, by_root[b])
                if (
                    span_a is not None
                    and span_b is not None
                    and span_a[0] <= span_b[1]
                    and span_b[0] <= span_a[1]
                    and _activity(sightings, by_root[a]) == _activity(sightings, by_root[b])
                    and groups.all_compatible(sightings, by_root[a], b, members, totals=False)
                ):
                    groups.join(a, b)
                    changed = True
                    break
            if changed:
                break


def activity_span(group: Sequence[Sighting]) -> tuple[date, date] | None:
    """A continuing activity's period, from the first to the last day its running totals give; ``None`` for a
    group that is not one (not a continuing kind, one report, or most reports not running to the writing)."""
    if len(group) < 2 or group[0].kind not in merging_config().continuing_kinds:
        return None
    if 2 * sum(ongoing(s) for s in group) < len(group):
        return None
    # the periods of the running totals: "since March" as of each report, not "this year" said in passing
    windows = [
        w
        for s in group
        if s.precision != DatePrecision.PUBLICATION and s.start is not None and ongoing(s) and (w := s.window)
    ]
    if not windows:
        return None
    return min(w[0] for w in windows), max(w[1] for w in windows)
