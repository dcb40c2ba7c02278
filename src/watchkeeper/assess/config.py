"""The assessment's data files (``data/assess/*.yaml``) as strict typed models, cross-checked on load.

Each file is validated by a pydantic model (unknown keys are errors) and then checked against what it names:
incident kinds and their actor roles (``reading.kinds``), the regime's commodity tags, the grades of
``vocabulary.Grade``, the maritime stage's incident kinds. A broken file is an InputFileError naming the file
and the field path. Files are found through ``watchkeeper.datafiles`` (``WATCHKEEPER_DATA_DIR`` overrides
them) and read once. The measure rules have their own loader, :func:`watchkeeper.assess.rules.load_rules`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, RootModel

from watchkeeper.datafiles import cached, data_file, read_model, read_yaml
from watchkeeper.errors import InputFileError
from watchkeeper.reading.kinds import actor_roles, incident_kinds
from watchkeeper.reading.knowledge import ENTITY_TYPES
from watchkeeper.vocabulary import Grade

STAGE = "assess"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- grading.yaml ------------------------------------------------------------------------------------------


class FeatureWeight(_Strict):
    """A grading feature's weight, and the value it is capped at (``cap``) if any."""

    weight: float
    cap: float | None = None


class GradeBand(_Strict):
    """A grade, the lowest score that earns it, the fewest independent sources it needs, and what it means."""

    grade: Grade
    min_score: float
    min_sources: int = Field(default=0, ge=0)  # the panel's "at least two independent sources for a finding"
    meaning: str = Field(min_length=1)


class GradingConfig(_Strict):
    """``grading.yaml``: feature weights, grade bands, who speaks for whom and the cues of evidence."""

    features: dict[str, FeatureWeight]
    grades: list[GradeBand] = Field(min_length=1)
    well_corroborated: list[Grade] = Field(min_length=1)
    speaks_for: dict[str, str] = {}
    official_entities: list[str] = []
    official_types: list[str] = []
    research_types: list[str] = []
    direct_cues: dict[str, list[str]] = {}
    anonymous_cues: list[str] = []
    admitting_roles: list[str] = []
    self_announced_kinds: list[str] = []
    objection_cues: list[str] = []
    mandates: dict[str, str] = {}
    no_comment_cues: list[str] = []
    former_cues: list[str] = []

    def band(self, score: float, sources: int | None = None) -> GradeBand:
        """The best band whose ``min_score`` the score reaches and whose ``min_sources`` the independent
        sources meet (the lowest band if none; ``sources`` None: the score alone decides)."""
        return next(
            (
                b
                for b in self.grades
                if score >= b.min_score and (sources is None or sources >= b.min_sources)
            ),
            self.grades[-1],
        )

    def meanings(self) -> dict[Grade, str]:
        """Each grade and what it means, best first."""
        return {b.grade: b.meaning for b in self.grades}


def _typed_id(value: str) -> bool:
    kind, _, slug = value.partition(":")
    return kind in ENTITY_TYPES and bool(slug)


def _check_grading(config: GradingConfig, path: Path) -> None:
    for i, band in enumerate(config.grades):
        if i and band.min_score >= config.grades[i - 1].min_score:
            raise InputFileError(
                path, "list grade bands best first, each below the one before", field=f"grades.{i}"
            )
        if band.grade in [b.grade for b in config.grades[:i]]:
            raise InputFileError(path, f"grade {band.grade} has two bands", field=f"grades.{i}.grade")
    missing = [g.value for g in Grade if g not in config.meanings()]
    if missing:
        raise InputFileError(path, f"no band for grade(s) {', '.join(missing)}", field="grades")
    for name in ("official_types", "research_types"):
        for i, value in enumerate(getattr(config, name)):
            if value not in ENTITY_TYPES:
                raise InputFileError(
                    path, f"{value!r} is not an entity type ({', '.join(ENTITY_TYPES)})", field=f"{name}.{i}"
                )
    for i, value in enumerate(config.official_entities):
        if not _typed_id(value):
            raise InputFileError(
                path, f"{value!r} is not a `type:slug` entity id", field=f"official_entities.{i}"
            )
    roles, kinds = actor_roles(), incident_kinds()
    for i, role in enumerate(config.admitting_roles):
        if role not in roles:
            raise InputFileError(
                path, f"{role!r} is no incident kind's actor role", field=f"admitting_roles.{i}"
            )
    for i, kind in enumerate(config.self_announced_kinds):
        if kind not in kinds:
            raise InputFileError(
                path,
                f"unknown incident kind {kind!r} (kinds: reading/incidents.yaml)",
                field=f"self_announced_kinds.{i}",
            )
    for who in config.mandates:
        if not _typed_id(who):
            raise InputFileError(path, f"{who!r} is not a `type:slug` entity id", field=f"mandates.{who}")
    for who, state in config.speaks_for.items():
        for value in (who, state):
            if not _typed_id(value):
                raise InputFileError(
                    path, f"{value!r} is not a `type:slug` entity id", field=f"speaks_for.{who}"
                )


@cached
def grading_config() -> GradingConfig:
    """``grading.yaml``, validated and cross-checked (its features against their functions: grading.py)."""
    path = data_file(STAGE, "grading.yaml")
    config = read_model(GradingConfig, path)
    _check_grading(config, path)
    return config


# --- merging.yaml ------------------------------------------------------------------------------------------


class NamedSystem(_Strict):
    """A weapon system news names (Hwasong-18, KN-23): the words that name it and its range class."""

    words: list[str] = Field(min_length=1)
    range_class: str | None = None


class MergingConfig(_Strict):
    """``merging.yaml``: when two sightings are one incident, and which maritime events are incidents."""

    role_aliases: dict[str, str] = {}
    acts_for: dict[str, str] = {}
    min_overlap: float = Field(gt=0, le=1)
    day_slack: int = Field(ge=0)
    coarse_days: int = Field(ge=0)
    publication_days: int = Field(default=0, ge=0)
    join_days: int = Field(default=31, ge=0)
    figure_days: int = Field(default=0, ge=0)
    figure_min: float = Field(default=10, ge=0)
    continuing_kinds: list[str] = []
    ongoing_days: int = Field(default=0, ge=0)
    means_of: dict[str, list[str]] = {}
    figure_ratio: float = Field(default=0, ge=0)
    decisive_roles: dict[str, str] = {}
    since_days: int = Field(default=0, ge=0)
    partial_roles: list[str] = []
    measure_units: list[str] = []
    systems: dict[str, NamedSystem] = {}
    range_classes: dict[str, list[str]] = {}
    named_acts: dict[str, dict[str, list[str]]] = {}
    named_act_lead: float = Field(default=2, ge=1)
    maritime_kinds: dict[str, str] = {}


def _maritime_incident_kinds() -> set[str]:
    """The incident kinds the maritime stage gives its events (``maritime/events.yaml``)."""
    rules = (read_yaml(data_file("maritime", "events.yaml")) or {}).get("rules") or []
    return {str(rule.get("incident_kind")) for rule in rules if isinstance(rule, dict)}


def _check_merging(config: MergingConfig, path: Path) -> None:
    roles = actor_roles()
    for role, alias in config.role_aliases.items():
        for value in (role, alias):
            if value not in roles:
                raise InputFileError(
                    path, f"{value!r} is no incident kind's actor role", field=f"role_aliases.{role}"
                )
    for who, state in config.acts_for.items():
        if not (_typed_id(who) and _typed_id(state)):
            raise InputFileError(
                path, "`acts_for` maps an entity id to an entity id", field=f"acts_for.{who}"
            )
    kinds, events = incident_kinds(), _maritime_incident_kinds()
    for n, kind in enumerate(config.continuing_kinds):
        if kind not in kinds:
            raise InputFileError(path, f"unknown incident kind {kind!r}", field=f"continuing_kinds.{n}")
    for name, system in config.systems.items():
        if system.range_class is not None and system.range_class not in config.range_classes:
            raise InputFileError(
                path, f"no range class {system.range_class!r} in range_classes", field=f"systems.{name}"
            )
    for n, role in enumerate(config.partial_roles):
        if role not in roles:
            raise InputFileError(
                path, f"{role!r} is no incident kind's actor role", field=f"partial_roles.{n}"
            )
    for kind in config.named_acts:
        if kind not in kinds:
            raise InputFileError(path, f"unknown incident kind {kind!r}", field=f"named_acts.{kind}")
    for kind, role in config.decisive_roles.items():
        if kind not in kinds or role not in roles:
            raise InputFileError(path, f"unknown kind or role {kind}: {role}", field=f"decisive_roles.{kind}")
    for means, ends in config.means_of.items():
        for kind in [means, *ends]:
            if kind not in kinds:
                raise InputFileError(path, f"unknown incident kind {kind!r}", field=f"means_of.{means}")
    for event_kind, kind in config.maritime_kinds.items():
        if event_kind not in events:
            raise InputFileError(
                path,
                f"the maritime stage gives no event the kind {event_kind!r}",
                field=f"maritime_kinds.{event_kind}",
            )
        if kind not in kinds:
            raise InputFileError(
                path, f"unknown incident kind {kind!r}", field=f"maritime_kinds.{event_kind}"
            )


@cached
def merging_config() -> MergingConfig:
    """``merging.yaml``, validated and cross-checked."""
    path = data_file(STAGE, "merging.yaml")
    config = read_model(MergingConfig, path)
    _check_merging(config, path)
    return config


# --- commodities.yaml --------------------------------------------------------------------------------------


class KindCommodities(_Strict):
    """Words of the evidence that tell one kind's commodity (first tag whose word occurs), and the default."""

    default: str | None = None
    terms: dict[str, list[str]] = {}

    def commodity(self, text: str) -> str | None:
        """The commodity tag the (lower-cased) text tells, or the default."""
        for tag, words in self.terms.items():
            if any(word in text for word in words):
                return tag
        return self.default


class CommodityTerms(RootModel[dict[str, KindCommodities]]):
    """``commodities.yaml``: per incident kind, how its commodity is told."""


def _check_commodities(config: CommodityTerms, path: Path) -> None:
    kinds = incident_kinds()
    for kind, spec in config.root.items():
        if kind not in kinds:
            raise InputFileError(path, f"unknown incident kind {kind!r}", field=kind)
        named = [("default", spec.default)] if spec.default is not None else []
        named += [(f"terms.{tag}", tag) for tag in spec.terms]
        for where, tag in named:
            if tag not in kinds[kind].measure_tags:
                raise InputFileError(
                    path,
                    f"{tag!r} is not one of the kind's measure_tags in reading/incidents.yaml",
                    field=f"{kind}.{where}",
                )


@cached
def commodity_config() -> CommodityTerms:
    """``commodities.yaml``, validated and cross-checked."""
    path = data_file(STAGE, "commodities.yaml")
    config = read_model(CommodityTerms, path)
    _check_commodities(config, path)
    return config


# --- ledger.yaml -------------------------------------------------------------------------------------------


class LedgerConfig(_Strict):
    """``ledger.yaml``: barrels per tonne of each capped commodity."""

    barrels_per_tonne: dict[str, float]


@cached
def ledger_config() -> LedgerConfig:
    """``ledger.yaml``, validated; its commodities must be regime tags with a positive factor."""
    from watchkeeper.regime import load_regime

    path = data_file(STAGE, "ledger.yaml")
    config = read_model(LedgerConfig, path)
    tags = load_regime().commodities
    for tag, factor in config.barrels_per_tonne.items():
        if tag not in tags:
            raise InputFileError(path, f"unknown commodity tag {tag!r}", field=f"barrels_per_tonne.{tag}")
        if factor <= 0:
            raise InputFileError(
                path, "a conversion factor must be positive", field=f"barrels_per_tonne.{tag}"
            )
    return config
