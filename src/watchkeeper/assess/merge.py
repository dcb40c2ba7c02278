"""Merging sightings into incidents: one incident per real event, whichever documents report it.

The rules run in order over a union of groups (all thresholds in ``data/assess/merging.yaml``):

1. *Same dates*: two sightings of one kind with compatible actors (every role both name shares an entity,
   after role aliases and ``acts_for``) merge when their date windows overlap by ``min_overlap`` of the
   longer one.
2. *Same figure*: two reports giving the same figure ("more than 1,000 containers") merge when their dates
   meet; a report dated only by its publication reaches back ``figure_days`` for it (:mod:`assess.figures`).
3. *Vague dates*: a group of only vague sightings ("last week", dated by publication alone) joins the one more
   finely dated compatible incident its days meet.
4. *Continuing activity*: reports of a continuing kind that run to the time of writing ("has shipped a million
   barrels since March") are one activity per kind, actors and commodity (:mod:`assess.continuing`).
5. *Coarse dates*: a group of only coarse sightings ("in April", "in 2023") joins the one finer compatible
   incident that lies inside its window; with several candidates it stays apart (it cannot say which one).
6. *Since*: "its first launch since December" joins the one act it counts from, near the period's start.
7. *Named acts*: an undated mention of a rare act long after ("since Russia vetoed the panel's renewal") joins
   the earlier dated group of that kind naming the same subject, when it is the only or the far best-reported
   candidate (``named_acts``).
8. *Means*: a port call reported with a delivery is how the delivery was made (``means_of``).

Two launches on one day stay two only when something tells them apart (incompatible actors); conflicting dates
are never averaged: the incident takes its finest date (the one most reports give) and each report keeps its
own (``assess.dates.conflicting_dates`` shows them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from watchkeeper.assess.config import merging_config
from watchkeeper.assess.continuing import join_continuing, ongoing
from watchkeeper.assess.figures import join_figures
from watchkeeper.assess.sightings import Sighting
from watchkeeper.assess.unions import Groups, compatible, names_any, padded, reach, systems
from watchkeeper.vocabulary import DatePrecision

__all__ = ["compatible", "finest", "merge_sightings", "overlap"]


def overlap(a: Sighting, b: Sighting) -> float:
    """Days both windows share, as a share of the longer window (0 when either is undated)."""
    wa, wb = padded(a), padded(b)
    if wa is None or wb is None:
        return 0.0
    shared = (min(wa[1], wb[1]) - max(wa[0], wb[0])).days + 1
    longest = max((wa[1] - wa[0]).days, (wb[1] - wb[0]).days) + 1
    return max(shared, 0) / longest


def span_days(s: Sighting) -> int:
    """Days in a sighting's window (a large number when it has none)."""
    window = s.window
    return (window[1] - window[0]).days + 1 if window else 10_000


def _vague(s: Sighting) -> bool:
    """A sighting whose date only bounds the event: a long window, or the publication date standing in."""
    return s.precision == DatePrecision.PUBLICATION or span_days(s) > merging_config().coarse_days


def _width(s: Sighting) -> int:
    """How many days a sighting may be about: its window, or a publication date's reach back."""
    days = reach(s)
    return (days[1] - days[0]).days + 1 if days else 10_000


def _meets(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _documents(s: Sighting) -> set[str]:
    return {e.document_id for e in s.evidence if e.document_id}


def _join_vague(sightings: Sequence[Sighting], groups: Groups, members: list[int]) -> None:
    """Each group made only of vague sightings joins the one finer, compatible group its days meet.

    Groups are taken finest first, so "in April" can join a launch that "early April" already joined; a vague
    group whose days meet two candidate incidents stays apart (it cannot say which one it reports).
    """
    by_root = groups.of(members)
    widest = merging_config().join_days
    vague = [
        root
        for root, group in by_root.items()
        if all(_vague(sightings[i]) for i in group) and min(_width(sightings[i]) for i in group) <= widest
    ]
    vague.sort(key=lambda root: min(_width(sightings[i]) for i in by_root[root]))
    for root in vague:
        group = groups.members_of(root, members)
        span = min(_width(sightings[i]) for i in group)
        targets = {
            groups.find(j)
            for j in members
            if groups.find(j) != groups.find(root)
            and _width(sightings[j]) < span
            and sightings[j].precision != DatePrecision.PUBLICATION
            and any(_meets(reach(sightings[i]), sightings[j].window) for i in group)
        }
        if not targets and all(sightings[i].precision == DatePrecision.PUBLICATION for i in group):
            # an undated mention in a text that dates this kind of event elsewhere is that event
            documents = {d for i in group for d in _documents(sightings[i])}
            targets = {
                groups.find(j)
                for j in members
                if groups.find(j) != groups.find(root)
                and sightings[j].precision != DatePrecision.PUBLICATION
                and documents & _documents(sightings[j])
            }
        targets = {t for t in targets if groups.mostly_compatible(sightings, group, t, members)}
        if len(targets) == 1:
            groups.join(targets.pop(), root)


def _coarse(s: Sighting) -> bool:
    """A date too wide to name one event of its own: a month, a year, a long range (not a publication date,
    and not the running total of a continuing activity, which is that activity rather than a vague date)."""
    if s.kind in merging_config().continuing_kinds and ongoing(s):
        return False
    return s.precision != DatePrecision.PUBLICATION and span_days(s) > merging_config().join_days


def _inside(inner: tuple[date, date] | None, outer: tuple[date, date] | None) -> bool:
    return inner is not None and outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _join_coarse(sightings: Sequence[Sighting], groups: Groups, members: list[int]) -> None:
    """A group of only coarse sightings joins the one finer compatible group whose date lies inside it.

    "In April" with one launch on 13 April in the record is that launch; "in 2024" with three thefts that year
    names none of them. The narrowest coarse groups go first; a finer group must have a sighting that is not
    dated by publication alone, lying wholly inside the narrowest window of the coarse group.
    """
    by_root = groups.of(members)
    coarse = [root for root, group in by_root.items() if all(_coarse(sightings[i]) for i in group)]
    coarse.sort(key=lambda root: min(span_days(sightings[i]) for i in by_root[root]))
    for root in coarse:
        group = groups.members_of(root, members)
        narrowest = min(group, key=lambda i: span_days(sightings[i]))
        outer, span = sightings[narrowest].window, span_days(sightings[narrowest])
        targets = {
            groups.find(j)
            for j in members
            if groups.find(j) != groups.find(root)
            and sightings[j].precision != DatePrecision.PUBLICATION
            and span_days(sightings[j]) < span
            and _inside(sightings[j].window, outer)
        }
        if not targets:
            # no dated act inside: an undated report published within the window ("the White House said on
            # Thursday") is the act the coarse report dates
            targets = {
                groups.find(j)
                for j in members
                if groups.find(j) != groups.find(root)
                and all(
                    sightings[k].precision == DatePrecision.PUBLICATION for k in groups.members_of(j, members)
                )
                and _inside(sightings[j].window, outer)
            }
        # a group that already holds a disputed attribution takes a report agreeing with one side of it
        targets = {
            t
            for t in targets
            if all(
                any(compatible(sightings[i], sightings[j]) for j in groups.members_of(t, members))
                for i in group
            )
        }
        if len(targets) == 1:
            groups.join(targets.pop(), root)


def _since(s: Sighting) -> bool:
    """A "since" period of a one-off kind ("its first launch since December"): a long range running to the
    time of writing, counted from an earlier act."""
    return (
        s.kind not in merging_config().continuing_kinds
        and s.precision == DatePrecision.RANGE
        and span_days(s) > merging_config().join_days
        and ongoing(s)
    )


def _join_since(sightings: Sequence[Sighting], groups: Groups, members: list[int]) -> None:
    """A group of only "since" periods joins the one compatible, finer act dated within ``since_days`` of the
    period's start (the act it counts from); several acts there ("repeatedly since December") name none."""
    reach_days = timedelta(days=merging_config().since_days)
    for root, group in groups.of(members).items():
        if not all(_since(sightings[i]) for i in group):
            continue
        starts = [w for i in group if (w := sightings[i].window) is not None]
        if not starts:
            continue
        start = min(w[0] for w in starts)
        targets = {
            groups.find(j)
            for j in members
            if groups.find(j) != groups.find(root)
            and sightings[j].precision != DatePrecision.PUBLICATION
            and not _since(sightings[j])
            and _inside(sightings[j].window, (start, start + reach_days))
        }
        targets = {t for t in targets if groups.all_compatible(sightings, group, t, members)}
        if len(targets) > 1:
            # "its first ICBM launch since December" counts from the launch of the system or class it names
            named = [systems(sightings[i]) for i in group]
            targets = {
                t
                for t in targets
                if any(
                    _names_same(n, systems(sightings[j]))
                    for n in named
                    for j in groups.members_of(t, members)
                )
            }
        if len(targets) == 1:
            groups.join(targets.pop(), root)


def _names_same(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    """Whether two (systems, range classes) readings share a named system or range class."""
    return bool(a[0] & b[0]) or bool(a[1] & b[1])


def _subjects(s: Sighting) -> set[str]:
    """The subjects of a named-act kind a sighting's sentence names ("the panel", "new sanctions")."""
    text = s.text.lower()
    return {
        tag for tag, words in merging_config().named_acts.get(s.kind, {}).items() if names_any(text, words)
    }


def _join_named(sightings: Sequence[Sighting], groups: Groups, members: list[int]) -> None:
    """A group of only undated mentions of a rare, named act ("after Russia vetoed the panel's renewal")
    joins the earlier dated, compatible group naming the same subject, whatever the distance: the only one,
    or the one reported by ``named_act_lead`` times as many documents as the other candidates together."""
    if not members or sightings[members[0]].kind not in merging_config().named_acts:
        return
    lead = merging_config().named_act_lead
    for root, group in groups.of(members).items():
        if not all(sightings[i].precision == DatePrecision.PUBLICATION for i in group):
            continue
        told = {tag for i in group for tag in _subjects(sightings[i])}
        published = min(sightings[i].published or date.max for i in group)
        candidates: dict[int, int] = {}
        for target, others in groups.of(members).items():
            dated = [
                j
                for j in others
                if sightings[j].precision != DatePrecision.PUBLICATION
                and (start := sightings[j].start) is not None
                and start <= published
            ]
            if (
                told
                and dated
                and target != groups.find(root)
                and told & {tag for j in others for tag in _subjects(sightings[j])}
                and groups.mostly_compatible(sightings, group, target, members)
            ):
                candidates[target] = len({d for j in others for d in _documents(sightings[j])})
        if candidates:
            best = max(candidates, key=lambda t: candidates[t])
            if candidates[best] >= lead * (sum(candidates.values()) - candidates[best]):
                groups.join(best, root)


def _shares_place(a: Sighting, b: Sighting) -> bool:
    if a.place_id and a.place_id == b.place_id:
        return True
    pa, pb = (a.place_text or "").lower(), (b.place_text or "").lower()
    return bool(pa and pb) and (pa in pb or pb in pa)


def _join_means(sightings: Sequence[Sighting], groups: Groups) -> None:
    """A group of a means kind (a port call) joins the one group of a kind it serves (a delivery) whose dates
    meet it and which shares a place with it (or, when none shares a place, an article)."""
    means_of = merging_config().means_of
    everyone = list(range(len(sightings)))
    for root, group in list(groups.of(everyone).items()):
        kinds = {sightings[i].kind for i in group}
        if len(kinds) != 1 or next(iter(kinds)) not in means_of:
            continue
        ends = set(means_of[next(iter(kinds))])
        meeting = [
            (i, j)
            for j in everyone
            if sightings[j].kind in ends and groups.find(j) != groups.find(root)
            for i in group
            if _meets(reach(sightings[i]), reach(sightings[j]))
        ]
        targets = {groups.find(j) for i, j in meeting if _shares_place(sightings[i], sightings[j])}
        if not targets:
            targets = {
                groups.find(j) for i, j in meeting if _documents(sightings[i]) & _documents(sightings[j])
            }
        if len(targets) == 1:
            groups.join(targets.pop(), root)


def merge_sightings(sightings: Sequence[Sighting]) -> list[list[Sighting]]:
    """Groups of sightings that report one incident, each group in input order."""
    groups = Groups(len(sightings))
    minimum = merging_config().min_overlap
    by_kind: dict[str, list[int]] = {}
    for i, s in enumerate(sightings):
        by_kind.setdefault(s.kind, []).append(i)
    for members in by_kind.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if overlap(sightings[i], sightings[j]) >= minimum and compatible(sightings[i], sightings[j]):
                    groups.join(i, j)
    for members in by_kind.values():
        join_figures(sightings, groups, members)
        _join_vague(sightings, groups, members)
        join_continuing(sightings, groups, members)
        _join_since(sightings, groups, members)
        _join_coarse(sightings, groups, members)
        _join_named(sightings, groups, members)
    _join_means(sightings, groups)
    merged: dict[int, list[Sighting]] = {}
    for i, s in enumerate(sightings):
        merged.setdefault(groups.find(i), []).append(s)
    return list(merged.values())


def finest(group: Sequence[Sighting]) -> Sighting:
    """The sighting whose date is most precise (ties: the date most sightings give, then the earliest
    published); a means kind (a port call merged into the delivery it served) only when nothing else is."""
    means = merging_config().means_of
    ends = [s for s in group if s.kind not in means] or list(group)
    dated = [s for s in ends if s.start is not None] or ends
    given = Counter((s.start, s.end, s.precision) for s in dated)
    return min(
        dated,
        key=lambda s: (
            DatePrecision.rank_of(s.precision),
            span_days(s),
            -given[(s.start, s.end, s.precision)],
            s.published or date.max,
            s.key,
        ),
    )
