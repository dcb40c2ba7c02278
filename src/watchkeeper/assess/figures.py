"""Same figure, same event: two reports of "more than 1,000 containers" of one kind and actors are one event.

A figure of at least ``figure_min`` (small counts like "two missiles" are too common to tell events apart)
with its unit identifies an event when the two reports' dates meet; a report dated only by its publication
reaches back ``figure_days`` (a figure repeated weeks later by another outlet is still the same shipment).
"""

from __future__ import annotations

from collections.abc import Sequence

from watchkeeper.assess.config import merging_config
from watchkeeper.assess.sightings import Sighting
from watchkeeper.assess.unions import Groups, compatible, reach


def figures(s: Sighting) -> set[tuple[float, str]]:
    """The (value, unit) figures of a sighting large enough to identify an event."""
    least, skip = merging_config().figure_min, set(merging_config().measure_units)
    out = set()
    for q in s.quantities:
        value, unit = q.get("value"), q.get("unit")
        if isinstance(value, int | float) and unit and value >= least and str(unit).lower() not in skip:
            out.add((float(value), str(unit).lower()))
    return out


def _meet(a: Sighting, b: Sighting) -> bool:
    back = merging_config().figure_days
    ra, rb = reach(a, back), reach(b, back)
    return ra is not None and rb is not None and ra[0] <= rb[1] and rb[0] <= ra[1]


def join_figures(sightings: Sequence[Sighting], groups: Groups, members: list[int]) -> None:
    """Join sightings of one kind that give the same figure, with compatible actors and meeting dates."""
    told = {i: figures(sightings[i]) for i in members}
    for x, i in enumerate(members):
        if not told[i]:
            continue
        for j in members[x + 1 :]:
            if (
                told[i] & told[j]
                and groups.find(i) != groups.find(j)
                and compatible(sightings[i], sightings[j])
                and _meet(sightings[i], sightings[j])
            ):
                groups.join(i, j)
