"""Incidents against measures: the rules of ``data/assess/measure_rules.yaml``, validated, and their use.

A rule names an incident kind, conditions on the incident's facts (``assess/conditions.py``) and a
selector of measures resolved against the regime on the incident's date. Every link says which rule, which
conditions matched and which version of the measure was in force that day.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from watchkeeper.assess.conditions import (
    CONDITIONS,
    Actor,
    Conditions,
    DesignatedCondition,
    IncidentFacts,
)
from watchkeeper.assess.config import commodity_config, merging_config
from watchkeeper.datafiles import cached, data_file, read_model
from watchkeeper.errors import InputFileError
from watchkeeper.reading.kinds import actor_roles, incident_kinds
from watchkeeper.regime import Measure, Regime
from watchkeeper.vocabulary import MeasureStatus

__all__ = ["Actor", "IncidentFacts", "Link", "MeasureRules", "commodity_of", "load_rules", "measure_status"]

ANY_KIND = "*"
OWN_COMMODITY = "$commodity"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Selector(_Strict):
    ids: list[str] = Field(default_factory=list)
    kind: list[str] = Field(default_factory=list)
    direction: list[str] = Field(default_factory=list)
    commodity: str | list[str] | None = None  # one tag, several (any of them), or "$commodity"

    def commodities(self) -> list[str]:
        """The commodity tags named, as a list (empty when none)."""
        if self.commodity is None:
            return []
        return [self.commodity] if isinstance(self.commodity, str) else list(self.commodity)

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
    # the kind of act this incident is evidence of, when not its own: a DPRK-made missile fired by another
    # state is evidence of an arms transfer from the DPRK, so the rule selects that kind's measures
    evidence_of: str | None = None
    when: Conditions = Field(default_factory=Conditions)
    measures: Selector
    why: str = Field(min_length=10)


class EventKind(_Strict):
    """A kind that is an event, not a breach (a Council vote): never linked to a measure, listed apart."""

    kind: str
    why: str = Field(min_length=10)


class RuleFile(_Strict):
    rules: list[Rule] = Field(min_length=1)
    events: list[EventKind] = Field(default_factory=list)
    # words in the evidence naming a weapon as made in a state: "a North Korean missile", "KN-23"
    made_in: dict[str, list[str]] = Field(default_factory=dict)


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
    events: tuple[EventKind, ...] = ()
    made_in: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def origins(self, texts: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """(state, words) for each state the texts name as a weapon's maker (``made_in`` words)."""
        text = " ".join(texts).lower()
        found = []
        for state, words in self.made_in:
            hit = next((w for w in words if w in text), None)
            if hit is not None:
                found.append((state, hit))
        return tuple(found)

    def links(self, facts: IncidentFacts) -> list[Link]:
        """Every measure in force on the incident's date that a rule selects, one link per measure."""
        found: dict[str, Link] = {}
        on = facts.on
        if on is None or facts.kind in {e.kind for e in self.events}:
            return []
        if facts.texts and not facts.origins:
            facts = replace(facts, origins=self.origins(facts.texts))
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
                    found[measure.id] = Link(measure.id, rule.id, self._explain(measure, on, explanation))
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
        tags: list[str | None] = [
            facts.commodity if tag == OWN_COMMODITY else tag for tag in selector.commodities()
        ] or [None]
        if OWN_COMMODITY in selector.commodities() and facts.commodity is None:
            return []
        chosen = {
            m.id
            for tag in tags
            for m in self.regime.in_force(facts.on, commodity=tag)
            if (not selector.kind or m.kind.value in selector.kind)
            and (not selector.direction or m.direction.value in selector.direction)
        }
        return [m for m in self.regime.measures if m.id in chosen]  # in the regime's order

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


def measure_status(kind: str, linked: bool) -> tuple[str, str]:
    """Whether an incident is a possible breach, in a word and in words: ``linked``, ``event`` (a vote or
    diplomacy: listed apart from breaches) or ``no measure`` (said, never left blank)."""
    parsed = _rule_file()
    event = next((e for e in parsed.events if e.kind == kind), None)
    if event is not None:
        return MeasureStatus.EVENT, f"an event, not a breach: {event.why}"
    if linked:
        return MeasureStatus.LINKED, "linked to the measures it may breach"
    if not any(rule.kind in (kind, ANY_KIND) for rule in parsed.rules):
        return MeasureStatus.NO_MEASURE, f"no measure: no rule of measure_rules.yaml covers {kind!r}"
    return MeasureStatus.NO_MEASURE, "no measure: no rule's conditions hold for this incident"


@cached
def _rule_file() -> RuleFile:
    return read_model(RuleFile, rules_path())


def rules_path() -> Path:
    """The measure rules file (the packaged one, or ``WATCHKEEPER_DATA_DIR``'s)."""
    return data_file("assess", "measure_rules.yaml")


def _check_kind(rule: Rule, where: str, path: Path) -> None:
    """The rule's kind is a registered kind and every role it names is one of that kind's roles."""
    kinds = incident_kinds()
    if rule.kind != ANY_KIND and rule.kind not in kinds:
        raise InputFileError(
            path,
            f"unknown incident kind {rule.kind!r} (kinds: reading/incidents.yaml)",
            field=f"{where}.kind",
        )
    # roles merging.yaml calls aliases ("supplier" for "from") are one role: rules name both spellings
    aliases = merging_config().role_aliases
    roles = actor_roles() if rule.kind == ANY_KIND else set(kinds[rule.kind].actor_roles)
    known = {aliases.get(role, role) for role in roles}
    named: list[tuple[str, list[str]]] = []
    if rule.when.actor is not None:
        named.append(("when.actor.roles", rule.when.actor.roles))
    if rule.when.not_actor is not None:
        named.append(("when.not_actor.roles", rule.when.not_actor.roles))
    for name in ("with_role", "without_role"):
        if getattr(rule.when, name):
            named.append((f"when.{name}", getattr(rule.when, name)))
    if isinstance(rule.when.designated, DesignatedCondition):
        named.append(("when.designated.roles", rule.when.designated.roles))
    for field_path, names in named:
        for role in names:
            if aliases.get(role, role) not in known:
                raise InputFileError(
                    path, f"{rule.kind!r} has no actor role {role!r}", field=f"{where}.{field_path}"
                )


def _check_tags(rule: Rule, where: str, path: Path, regime: Regime) -> None:
    """Tags are regime tags, and a rule of one kind selects only measures on the tags the kind bears on (or,
    with ``evidence_of``, the kind the incident is evidence of)."""
    kinds = incident_kinds()
    if rule.evidence_of is not None and rule.evidence_of not in kinds:
        raise InputFileError(
            path, f"unknown incident kind {rule.evidence_of!r}", field=f"{where}.evidence_of"
        )
    tagged = rule.evidence_of or rule.kind
    kind = kinds.get(tagged)
    own = set(kind.measure_tags) if kind is not None else None
    tags = [("measures.commodity", tag) for tag in rule.measures.commodities() if tag != OWN_COMMODITY]
    tags += [("when.commodity", tag) for tag in rule.when.commodity or []]
    for field_path, tag in tags:
        if tag not in regime.commodities:
            raise InputFileError(path, f"unknown commodity tag {tag!r}", field=f"{where}.{field_path}")
        if own is not None and tag not in own:
            raise InputFileError(
                path,
                f"{tag!r} is not one of the measure_tags of {tagged!r}",
                field=f"{where}.{field_path}",
            )
    if OWN_COMMODITY in rule.measures.commodities() and rule.kind not in commodity_config().root:
        raise InputFileError(
            path,
            f"{OWN_COMMODITY} needs the commodity words of {rule.kind!r} in assess/commodities.yaml",
            field=f"{where}.measures.commodity",
        )
    for measure_id in rule.measures.ids:
        measure = next((m for m in regime.measures if m.id == measure_id), None)
        if measure is None:
            raise InputFileError(
                path, f"no measure {measure_id!r} in the regime data", field=f"{where}.measures.ids"
            )
        if own is not None and not own & set(measure.commodities):
            raise InputFileError(
                path,
                f"measure {measure_id!r} bears on none of the measure_tags of {tagged!r}",
                field=f"{where}.measures.ids",
            )


def load_rules(regime: Regime, path: Path | None = None) -> MeasureRules:
    """Read and validate the rules: structure, kinds and their roles, measure ids and commodity tags."""
    path = path or rules_path()
    parsed = read_model(RuleFile, path)
    seen: set[str] = set()
    for i, rule in enumerate(parsed.rules):
        where = f"rules.{i}"
        if rule.id in seen:
            raise InputFileError(path, f"duplicate rule id {rule.id!r}", field=f"{where}.id")
        seen.add(rule.id)
        _check_kind(rule, where, path)
        _check_tags(rule, where, path, regime)
    kinds = incident_kinds()
    for i, event in enumerate(parsed.events):
        if event.kind not in kinds:
            raise InputFileError(path, f"unknown incident kind {event.kind!r}", field=f"events.{i}.kind")
        if any(rule.kind == event.kind for rule in parsed.rules):
            raise InputFileError(
                path, f"{event.kind!r} is an event, not a breach: no rule may link it", field=f"events.{i}"
            )
    made_in = tuple((state, tuple(w.lower() for w in words)) for state, words in parsed.made_in.items())
    return MeasureRules(tuple(parsed.rules), regime, str(path), tuple(parsed.events), made_in)


def commodity_of(kind: str, texts: list[str]) -> str | None:
    """The commodity an incident concerns, from the words of its evidence, or the kind's default."""
    spec = commodity_config().root.get(kind)
    return spec.commodity(" ".join(texts).lower()) if spec is not None else None
