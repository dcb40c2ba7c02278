"""Merging sightings into incidents: same kind, compatible actors, overlapping date windows.

Two sightings merge when every role both name has a shared entity (after role aliases and ``acts_for``), and
their date windows overlap by at least ``min_overlap`` of the longer one. A coarse sighting ("in March")
that overlaps exactly one compatible incident then joins it; otherwise it stays an incident of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    coarse = merging_config().coarse_days
    for members in by_kind.values():
        for i in members:
            if (
                find(i) != i
                or any(find(j) == i for j in members if j != i)
                or _span_days(sightings[i]) <= coarse
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
