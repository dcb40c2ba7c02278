"""What the merge rules share: groups of sightings as a union-find, actor compatibility, date reach."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from watchkeeper.assess.config import merging_config
from watchkeeper.assess.sightings import Sighting
from watchkeeper.vocabulary import DatePrecision


class Groups:
    """Sightings (by index) joined into groups; each group named by its root index."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        """The root of the group holding ``i``."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, keep: int, other: int) -> None:
        """Put the group of ``other`` into the group of ``keep``."""
        self.parent[self.find(other)] = self.find(keep)

    def of(self, members: Sequence[int]) -> dict[int, list[int]]:
        """The groups among ``members``: root -> member indices, in order."""
        out: dict[int, list[int]] = {}
        for i in members:
            out.setdefault(self.find(i), []).append(i)
        return out

    def members_of(self, root: int, members: Sequence[int]) -> list[int]:
        """The members now in the group of ``root``."""
        return [i for i in members if self.find(i) == self.find(root)]

    def all_compatible(
        self,
        sightings: Sequence[Sighting],
        group: list[int],
        target: int,
        members: Sequence[int],
        totals: bool = True,
    ) -> bool:
        """Whether every sighting of ``group`` is compatible with every sighting of the group ``target``."""
        return all(
            compatible(sightings[i], sightings[j], totals)
            for i in group
            for j in self.members_of(target, members)
        )

    def mostly_compatible(
        self, sightings: Sequence[Sighting], group: list[int], target: int, members: Sequence[int]
    ) -> bool:
        """Whether every sighting of ``group`` agrees with most sightings of the group ``target``: one report
        in a well-reported group misreading a role ("a missile hit the Ukrainian city" read as delivered to
        Ukraine) does not keep out a report agreeing with all the others; a different weapon system named by
        any of them still does."""
        others = self.members_of(target, members)
        return all(
            2 * sum(compatible(sightings[i], sightings[j]) for j in others) > len(others)
            and not any(_different_systems(sightings[i], sightings[j]) for j in others)
            for i in group
        )


def _roles(sighting: Sighting) -> dict[str, set[str]]:
    merging = merging_config()
    aliases, acts_for = merging.role_aliases, merging.acts_for
    roles: dict[str, set[str]] = {}
    for actor in sighting.actors:
        role = aliases.get(actor.role, actor.role)
        if role in merging.partial_roles:
            continue  # texts name a few of many (the states voting for): naming others is no conflict
        roles.setdefault(role, set()).add(acts_for.get(actor.entity_id, actor.entity_id))
    return roles


def _same_target(
    a: Sighting, b: Sighting, roles_a: dict[str, set[str]], roles_b: dict[str, set[str]]
) -> bool:
    """Strikes on one target on one day are one event whoever the sources say fired (a disputed attribution,
    kept with its sources): both dated to the day, within ``day_slack``, sharing an entity in a decisive
    role."""
    decisive = merging_config().decisive_roles.get(a.kind)
    if not decisive or a.precision != DatePrecision.DAY or b.precision != DatePrecision.DAY:
        return False
    if a.start is None or b.start is None or abs((a.start - b.start).days) > merging_config().day_slack:
        return False
    return bool(roles_a.get(decisive, set()) & roles_b.get(decisive, set()))


def names_any(text: str, words: list[str]) -> bool:
    """Whether a lower-cased text names any of ``words`` as whole words."""
    return any(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text) for w in words)


def text_systems(text: str) -> tuple[set[str], set[str]]:
    """The weapon systems a text names, and the range classes it names or they imply."""
    merging, text = merging_config(), text.lower()
    named = {name for name, system in merging.systems.items() if names_any(text, system.words)}
    classes = {c for c, words in merging.range_classes.items() if names_any(text, words)}
    classes |= {c for n in named if (c := merging.systems[n].range_class) is not None}
    return named, classes


def systems(s: Sighting) -> tuple[set[str], set[str]]:
    """The weapon systems a sighting's sentence names, and the range classes it names or they imply."""
    return text_systems(s.text)


def systems_differ(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    """Whether two (systems, range classes) readings name different weapons: both name some, none shared."""
    (named_a, classes_a), (named_b, classes_b) = a, b
    return bool(named_a and named_b and not named_a & named_b) or bool(
        classes_a and classes_b and not classes_a & classes_b
    )


def _different_systems(a: Sighting, b: Sighting) -> bool:
    return systems_differ(systems(a), systems(b))


def _different_figures(a: Sighting, b: Sighting) -> bool:
    """Figures of one unit further apart than ``figure_ratio`` (and none in common): different totals."""
    ratio = merging_config().figure_ratio
    if not ratio:
        return False
    skip = set(merging_config().measure_units)
    units: dict[str, tuple[set[float], set[float]]] = {}
    for side, s in enumerate((a, b)):
        for q in s.quantities:
            value, unit = q.get("value"), q.get("unit")
            if isinstance(value, int | float) and value > 0 and unit and str(unit).lower() not in skip:
                units.setdefault(str(unit).lower(), (set(), set()))[side].add(float(value))
    for left, right in units.values():
        if left and right and all(max(x, y) / min(x, y) > ratio for x in left for y in right):
            return True
    return False


def compatible(a: Sighting, b: Sighting, totals: bool = True) -> bool:
    """Same kind; no role both name filled by different entities (a role one leaves out is no conflict); no
    different weapon systems; and (unless ``totals`` is off, for the running totals of an activity) no figures
    of one unit far apart."""
    if a.kind != b.kind:
        return False
    roles_a, roles_b = _roles(a), _roles(b)
    shared = set(roles_a) & set(roles_b)
    agree = all(roles_a[r] & roles_b[r] for r in shared) and (bool(shared) or not (roles_a and roles_b))
    if not agree and not _same_target(a, b, roles_a, roles_b):
        return False
    return not _different_systems(a, b) and not (totals and _different_figures(a, b))


def padded(s: Sighting) -> tuple[date, date] | None:
    """A sighting's window, a day-precision date widened by ``day_slack`` (time zones)."""
    window = s.window
    if window is None:
        return None
    slack = timedelta(days=merging_config().day_slack if s.precision == DatePrecision.DAY else 0)
    return window[0] - slack, window[1] + slack


def reach(s: Sighting, back: int | None = None) -> tuple[date, date] | None:
    """The days a sighting may be about: a publication date reaches back ``back`` days (``publication_days``
    unless given)."""
    window = padded(s)
    if window is None or s.precision != DatePrecision.PUBLICATION:
        return window
    days = merging_config().publication_days if back is None else back
    return window[0] - timedelta(days=days), window[1]
