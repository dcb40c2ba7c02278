"""The registry of incident kinds: ``data/reading/incidents.yaml`` is the one place a kind is defined.

Every other list of kinds (assessment, report labels, the workbench's selects, measure rules' checks, the test
gold) derives from this registry, so adding a kind is one data block there, plus its rule and label.
"""

from __future__ import annotations

from watchkeeper.reading.knowledge import IncidentKind, load_knowledge


def incident_kinds(data_dir: str | None = None) -> dict[str, IncidentKind]:
    """Every incident kind by id, in the data file's order."""
    return dict(load_knowledge(data_dir).incidents.kinds)


def kind_ids(data_dir: str | None = None) -> tuple[str, ...]:
    """The ids of every incident kind, in the data file's order."""
    return tuple(incident_kinds(data_dir))


def kind_label(kind: str, *, plural: bool = False, data_dir: str | None = None) -> str:
    """What people read for a kind ("Ballistic-missile launch"); an unknown kind reads as its words."""
    spec = incident_kinds(data_dir).get(kind)
    if spec is None:
        return kind.replace("_", " ").capitalize()
    return spec.plural if plural else spec.label
