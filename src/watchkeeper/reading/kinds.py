"""The registry of incident kinds: ``data/reading/incidents.yaml`` is the one place a kind is defined.

Every other list of kinds (assessment, report labels, the workbench's selects, measure rules' checks, the test
gold) derives from this registry, so adding a kind is one data block there, plus its measure rule. Each kind
names its actor roles and the regime tags it bears on; the tags are checked against the regime's vocabulary
when the registry is loaded.
"""

from __future__ import annotations

from watchkeeper.datafiles import cached
from watchkeeper.errors import InputFileError, WatchkeeperError
from watchkeeper.reading.knowledge import IncidentKind, knowledge_file, load_knowledge


@cached
def _registry(data_dir: str | None) -> dict[str, IncidentKind]:
    from watchkeeper.regime import load_regime  # the regime is only needed to check the tags, once

    lexicon = load_knowledge(data_dir).incidents
    path = knowledge_file("incidents.yaml", data_dir)
    kinds = dict(lexicon.kinds)
    tags = load_regime().commodities
    for kind, spec in kinds.items():
        for tag in spec.measure_tags:
            if tag not in tags:
                raise InputFileError(
                    path,
                    f"unknown measure tag {tag!r} (the regime's tags are in regime/commodities.yaml)",
                    field=f"kinds.{kind}.measure_tags",
                )
        for other in spec.suppresses:
            if other not in kinds:
                raise InputFileError(
                    path, f"unknown incident kind {other!r}", field=f"kinds.{kind}.suppresses"
                )
        if spec.used_by_others is not None and spec.used_by_others not in kinds:
            raise InputFileError(
                path, f"unknown incident kind {spec.used_by_others!r}", field=f"kinds.{kind}.used_by_others"
            )
    roles = {role for spec in kinds.values() for role in spec.actor_roles}
    for role in lexicon.vote_roles:
        if role not in roles:
            raise InputFileError(path, f"role {role!r} is no kind's actor role", field=f"vote_roles.{role}")
    return kinds


def incident_kinds(data_dir: str | None = None) -> dict[str, IncidentKind]:
    """Every incident kind by id, in the data file's order."""
    return dict(_registry(data_dir))


def kind_ids(data_dir: str | None = None) -> tuple[str, ...]:
    """The ids of every incident kind, in the data file's order."""
    return tuple(_registry(data_dir))


def incident_kind(kind: str, data_dir: str | None = None) -> IncidentKind:
    """One kind's definition; a kind the registry does not hold is an error naming the known ones."""
    spec = _registry(data_dir).get(kind)
    if spec is None:
        raise WatchkeeperError(
            f"unknown incident kind {kind!r}; the kinds are {', '.join(kind_ids(data_dir))} "
            "(data/reading/incidents.yaml)"
        )
    return spec


def actor_roles(data_dir: str | None = None) -> frozenset[str]:
    """Every actor role any kind has."""
    return frozenset(role for spec in _registry(data_dir).values() for role in spec.actor_roles)


def kind_label(kind: str, *, plural: bool = False, data_dir: str | None = None) -> str:
    """What people read for a kind ("Ballistic-missile launch"); an unknown kind reads as its words."""
    spec = _registry(data_dir).get(kind)
    if spec is None:
        return kind.replace("_", " ").capitalize()
    return spec.plural if plural else spec.label
