"""Incidents against measures: the rules of ``data/assess/measure_rules.yaml``, validated, and their use.

A rule names an incident kind, conditions on the incident's facts (declared condition functions below) and a
selector of measures resolved against the regime on the incident's date. Every link says which rule, which
conditions matched and which version of the measure was in force that day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from watchkeeper.errors import InputFileError
from watchkeeper.regime import Measure, Regime

ANY_KIND = "*"
OWN_COMMODITY = "$commodity"


@dataclass(frozen=True)
class Actor:
    """An incident's participant in one role, with what the lists say about it."""

    role: str
    entity_id: str
    name: str
    designation_id: str | None = None
    flag: str | None = None


@dataclass(frozen=True)
class IncidentFacts:
    """What a rule may look at: kind, date, actors, commodity and a tracked port call's country."""

    kind: str
    on: date | None
    actors: tuple[Actor, ...] = ()
    commodity: str | None = None
    port_country: str | None = None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorCondition(_Strict):
    roles: list[str] = Field(min_length=1)
    entities: list[str] = Field(min_length=1)


class DesignatedCondition(_Strict):
    roles: list[str] = Field(default_factory=list)


class Conditions(_Strict):
    actor: ActorCondition | None = None
    designated: bool | DesignatedCondition | None = None
    commodity: list[str] | None = None
    port_country: list[str] | None = None
    vessel_flag: list[str] | None = None


class Selector(_Strict):
    ids: list[str] = Field(default_factory=list)
    kind: list[str] = Field(default_factory=list)
    direction: list[str] = Field(default_factory=list)
    commodity: str | None = None

    @model_validator(mode="after")
    def _one_way(self) -> Selector:
        if self.ids and (self.kind or self.direction or self.commodity):
            raise ValueError("a selector has either 'ids' or filters (kind, direction, commodity), not both")
        if not self.ids and not (self.kind or self.commodity):
            raise ValueError("a selector needs 'ids' or at least 'kind' or 'commodity'")
        return self


class Rule(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    kind: str
    when: Conditions = Field(default_factory=Conditions)
    measures: Selector
    why: str = Field(min_length=10)


class RuleFile(_Strict):
    rules: list[Rule] = Field(min_length=1)


# --- conditions: each takes the condition's value and the facts, returns (matched, explanation) ------------


def _actor(spec: ActorCondition, facts: IncidentFacts) -> tuple[bool, str]:
    for actor in facts.actors:
        if actor.role in spec.roles and actor.entity_id in spec.entities:
            return True, f"{actor.role} is {actor.entity_id}"
    return False, f"no actor in {'/'.join(spec.roles)} is {' or '.join(spec.entities)}"


def _designated(spec: bool | DesignatedCondition, facts: IncidentFacts) -> tuple[bool, str]:
    roles = spec.roles if isinstance(spec, DesignatedCondition) else []
    for actor in facts.actors:
        if actor.designation_id and (not roles or actor.role in roles):
            return True, f"{actor.role} {actor.name} is designated ({actor.designation_id})"
    return False, "no designated actor" + (f" in {'/'.join(roles)}" if roles else "")


def _commodity(spec: list[str], facts: IncidentFacts) -> tuple[bool, str]:
    return facts.commodity in spec, f"commodity is {facts.commodity or 'unknown'}"


def _port_country(spec: list[str], facts: IncidentFacts) -> tuple[bool, str]:
    return facts.port_country in spec, f"port country is {facts.port_country or 'unknown'}"


def _vessel_flag(spec: list[str], facts: IncidentFacts) -> tuple[bool, str]:
    for actor in facts.actors:
        if actor.flag in spec:
            return True, f"vessel {actor.name} flies the {actor.flag} flag"
    return False, f"no vessel flies {' or '.join(spec)}"


CONDITIONS: dict[str, Callable[[Any, IncidentFacts], tuple[bool, str]]] = {
    "actor": _actor,
    "designated": _designated,
    "commodity": _commodity,
    "port_country": _port_country,
    "vessel_flag": _vessel_flag,
}


@dataclass
class Link:
    """A measure an incident may breach, and why."""

    measure_id: str
    rule_id: str
    explanation: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MeasureRules:
    """The validated rules, bound to the regime they select measures from."""

    rules: tuple[Rule, ...]
    regime: Regime
    source: str

    def links(self, facts: IncidentFacts) -> list[Link]:
        """Every measure in force on the incident's date that a rule selects, one link per measure."""
        found: dict[str, Link] = {}
        if facts.on is None:
            return []
        for rule in self.rules:
            if rule.kind not in (ANY_KIND, facts.kind):
                continue
            matched = self._conditions(rule, facts)
            if matched is None:
                continue
            for measure in self._select(rule.measures, facts):
                link = found.get(measure.id)
                explanation = {"rule": rule.id, "why": rule.why, "conditions": matched}
                if link is None:
                    found[measure.id] = Link(
                        measure.id, rule.id, self._explain(measure, facts.on, explanation)
                    )
                else:
                    link.explanation["also"].append(explanation)
        return list(found.values())

    def _conditions(self, rule: Rule, facts: IncidentFacts) -> list[str] | None:
        matched = []
        for name, spec in rule.when:
            if spec is None:
                continue
            ok, why = CONDITIONS[name](spec, facts)
            if not ok:
                return None
            matched.append(f"{name}: {why}")
        return matched

    def _select(self, selector: Selector, facts: IncidentFacts) -> list[Measure]:
        assert facts.on is not None
        if selector.ids:
            return [
                m
                for m in (self.regime.measure(i) for i in selector.ids)
                if self.regime.is_in_force(m, facts.on)
            ]
        commodity = facts.commodity if selector.commodity == OWN_COMMODITY else selector.commodity
        if selector.commodity == OWN_COMMODITY and commodity is None:
            return []
        return [
            m
            for m in self.regime.in_force(facts.on, commodity=commodity)
            if (not selector.kind or m.kind.value in selector.kind)
            and (not selector.direction or m.direction.value in selector.direction)
        ]

    def _explain(self, measure: Measure, on: date, explanation: dict[str, Any]) -> dict[str, Any]:
        status = self.regime.measure_status(measure, on)
        limit = measure.limit_on(on)
        return {
            **explanation,
            "measure": measure.id,
            "resolution": measure.resolution,
            "paragraph": measure.paragraph,
            "subject": measure.subject,
            "in_force_on": on.isoformat(),
            "effective_from": measure.effective_from.isoformat(),
            "amends": list(measure.amends),
            "supersedes": list(measure.supersedes),
            "amended_by": status["amended_by"],
            "limit": limit.model_dump(mode="json") if limit else None,
            "regime_version": self.regime.version,
            "also": [],
        }


def rules_path() -> Path:
    return Path(str(resources.files("watchkeeper.data") / "assess" / "measure_rules.yaml"))


def load_rules(regime: Regime, path: Path | None = None) -> MeasureRules:
    """Read and validate the rules: structure, known condition names, measure ids and commodity tags."""
    path = path or rules_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputFileError(path, f"cannot read rules: {exc}") from exc
    try:
        parsed = RuleFile.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise InputFileError(path, error["msg"], field=where) from None
    seen: set[str] = set()
    for i, rule in enumerate(parsed.rules):
        where = f"rules.{i}"
        if rule.id in seen:
            raise InputFileError(path, f"duplicate rule id {rule.id!r}", field=f"{where}.id")
        seen.add(rule.id)
        for measure_id in rule.measures.ids:
            if measure_id not in {m.id for m in regime.measures}:
                raise InputFileError(
                    path, f"no measure {measure_id!r} in the regime data", field=f"{where}.measures.ids"
                )
        tags = [rule.measures.commodity] if rule.measures.commodity not in (None, OWN_COMMODITY) else []
        tags += rule.when.commodity or []
        for tag in tags:
            if tag not in regime.commodities:
                raise InputFileError(path, f"unknown commodity tag {tag!r}", field=f"{where}")
    return MeasureRules(tuple(parsed.rules), regime, str(path))


@lru_cache(maxsize=4)
def commodity_terms() -> dict[str, dict[str, Any]]:
    """Words that tell an incident's commodity, per incident kind (``data/assess/commodities.yaml``)."""
    path = resources.files("watchkeeper.data") / "assess" / "commodities.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def commodity_of(kind: str, texts: list[str]) -> str | None:
    """The commodity an incident concerns, from the words of its evidence, or the kind's default."""
    spec = commodity_terms().get(kind)
    if not spec:
        return None
    lowered = " ".join(texts).lower()
    for tag, terms in spec["terms"].items():
        if any(term in lowered for term in terms):
            return tag
    return spec.get("default")
