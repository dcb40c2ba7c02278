"""Merging sightings into incidents: same kind, compatible actors, overlapping date windows.

Two sightings merge when every role both name has a shared entity (after role aliases and ``acts_for``), and
their date windows overlap by at least ``min_overlap`` of the longer one. Then a group of only vague sightings
("last week", "from 1 to 5 May", or dated by publication alone, reaching back ``publication_days``) whose days
hold exactly one more finely dated compatible incident joins it; otherwise it stays an incident of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from watchkeeper.assess.config import merging_config
from watchkeeper.assess.sightings import Sighting
from watchkeeper.vocabulary import DatePrecision


def _roles(sighting: Sighting) -> dict[str, set[str]]:
    merging = merging_config()
    aliases, acts_for = merging.role_aliases, merging.acts_for
    roles: dict[str, set[str]] = {}
    for actor in sighting.actors:
        role = aliases.get(actor.role, actor.role)
        roles.setdefault(role, set()).add(acts_for.get(actor.entity_id, actor.entity_id))
    return roles


def compatible(a: Sighting, b: Sighting) -> bool:
    """Same kind, and no role both name is filled by different entities."""
    if a.kind != b.kind:
        return False
    roles_a, roles_b = _roles(a), _roles(b)
    shared = set(roles_a) & set(roles_b)
    return all(roles_a[r] & roles_b[r] for r in shared) and (bool(shared) or not (roles_a and roles_b))


def _padded(s: Sighting) -> tuple[date, date] | None:
    window = s.window
    if window is None:
        return None
    slack = timedelta(days=merging_config().day_slack if s.precision == DatePrecision.DAY else 0)
    return window[0] - slack, window[1] + slack


def overlap(a: Sighting, b: Sighting) -> float:
    """Days both windows share, as a share of the longer window (0 when either is undated)."""
    wa, wb = _padded(a), _padded(b)
    if wa is None or wb is None:
        return 0.0
    shared = (min(wa[1], wb[1]) - max(wa[0], wb[0])).days + 1
    longest = max((wa[1] - wa[0]).days, (wb[1] - wb[0]).days) + 1
    return max(shared, 0) / longest


def _span_days(s: Sighting) -> int:
    window = s.window
    return (window[1] - window[0]).days + 1 if window else 10_000


def _vague(s: Sighting) -> bool:
    """A sighting whose date only bounds the event: a long window, or the publication date standing in."""
    return s.precision == DatePrecision.PUBLICATION or _span_days(s) > merging_config().coarse_days


def _width(s: Sighting) -> int:
    """How many days a sighting may be about: its window, or a publication date's reach back."""
    reach = _reach(s)
    return (reach[1] - reach[0]).days + 1 if reach else 10_000


def _reach(s: Sighting) -> tuple[date, date] | None:
    """The days a vague sighting may be about: a publication date reaches back ``publication_days``."""
    window = _padded(s)
    if window is None or s.precision != DatePrecision.PUBLICATION:
        return window
    return window[0] - timedelta(days=merging_config().publication_days), window[1]


def _meets(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def _join_vague(
    sightings: Sequence[Sighting], members: list[int], find: Callable[[int], int], parent: list[int]
) -> None:
    """Each group made only of vague sightings joins the one finer, compatible group its days meet.

    Groups are taken finest first, so "in April" can join a launch that "early April" already joined; a vague
    group whose days meet two candidate incidents stays apart (it cannot say which one it reports).
    """
    groups: dict[int, list[int]] = {}
    for i in members:
        groups.setdefault(find(i), []).append(i)
    widest = merging_config().join_days
    vague = [
        root
        for root, group in groups.items()
        if all(_vague(sightings[i]) for i in group) and min(_width(sightings[i]) for i in group) <= widest
    ]
    vague.sort(key=lambda root: min(_width(sightings[i]) for i in groups[root]))
    for root in vague:
        group = [i for i in members if find(i) == find(root)]
        span = min(_width(sightings[i]) for i in group)
        targets = {
            find(j)
            for j in members
            if find(j) != find(root)
            and _width(sightings[j]) < span
            and sightings[j].precision != DatePrecision.PUBLICATION
            and any(_meets(_reach(sightings[i]), sightings[j].window) for i in group)
        }
        targets = {t for t in targets if _all_compatible(sightings, group, members, find, t)}
        if not targets and all(sightings[i].precision == DatePrecision.PUBLICATION for i in group):
            # an undated mention in a text that dates this kind of event elsewhere is that event
            documents = {d for i in group for d in _documents(sightings[i])}
            targets = {
                find(j)
                for j in members
                if find(j) != find(root)
                and sightings[j].precision != DatePrecision.PUBLICATION
                and documents & _documents(sightings[j])
            }
            targets = {t for t in targets if _all_compatible(sightings, group, members, find, t)}
        if len(targets) == 1:
            parent[find(root)] = targets.pop()


def _documents(s: Sighting) -> set[str]:
    return {e.document_id for e in s.evidence if e.document_id}


def _all_compatible(
    sightings: Sequence[Sighting],
    group: list[int],
    members: list[int],
    find: Callable[[int], int],
    target: int,
) -> bool:
    return all(compatible(sightings[i], sightings[j]) for i in group for j in members if find(j) == target)


def merge_sightings(sightings: Sequence[Sighting]) -> list[list[Sighting]]:
    """Groups of sightings that report one incident, each group in input order."""
    parent = list(range(len(sightings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    minimum = merging_config().min_overlap
    by_kind: dict[str, list[int]] = {}
    for i, s in enumerate(sightings):
        by_kind.setdefault(s.kind, []).append(i)
    for members in by_kind.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if overlap(sightings[i], sightings[j]) >= minimum and compatible(sightings[i], sightings[j]):
                    parent[find(j)] = find(i)
    for members in by_kind.values():
        _join_vague(sightings, members, find, parent)
    wide = merging_config().join_days
    for members in by_kind.values():
        # a wide sighting alone ("in 2023") overlapping exactly one narrower compatible incident joins it
        for i in members:
            if (
                find(i) != i
                or any(find(j) == i for j in members if j != i)
                or _span_days(sightings[i]) <= wide
            ):
                continue
            targets = {
                find(j)
                for j in members
                if j != i
                and _span_days(sightings[j]) < _span_days(sightings[i])
                and overlap(sightings[i], sightings[j]) > 0
                and compatible(sightings[i], sightings[j])
            }
            if len(targets) == 1:
                parent[i] = targets.pop()
    groups: dict[int, list[Sighting]] = {}
    for i, s in enumerate(sightings):
        groups.setdefault(find(i), []).append(s)
    return list(groups.values())


def finest(group: Sequence[Sighting]) -> Sighting:
    """The sighting whose date is most precise (ties: the earliest published)."""
    dated = [s for s in group if s.start is not None] or list(group)
    return min(
        dated,
        key=lambda s: (
            DatePrecision.rank_of(s.precision),
            _span_days(s),
            s.published or date.max,
            s.key,
        ),
    )
