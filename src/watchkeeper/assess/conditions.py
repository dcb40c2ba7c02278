"""Conditions of the measure rules: what a rule may look at (an incident's facts) and one small function per
condition, each returning whether it holds and why in words (``CONDITIONS``; docs/assess.md section 3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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
    texts: tuple[str, ...] = ()  # the evidence's words
    origins: tuple[tuple[str, str], ...] = ()  # (state, the words saying so): where the weapon was made


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorCondition(_Strict):
    roles: list[str] = Field(min_length=1)
    entities: list[str] = Field(min_length=1)


class DesignatedCondition(_Strict):
    roles: list[str] = Field(default_factory=list)


class Conditions(_Strict):
    actor: ActorCondition | None = None
    not_actor: ActorCondition | None = None
    with_role: list[str] | None = None
    without_role: list[str] | None = None
    made_in: list[str] | None = None
    designated: bool | DesignatedCondition | None = None
    commodity: list[str] | None = None
    port_country: list[str] | None = None
    vessel_flag: list[str] | None = None


# --- conditions: each takes the condition's value and the facts, returns (matched, explanation) ------------


def _actor(spec: ActorCondition, facts: IncidentFacts) -> tuple[bool, str]:
    for actor in facts.actors:
        if actor.role in spec.roles and actor.entity_id in spec.entities:
            return True, f"{actor.role} is {actor.entity_id}"
    return False, f"no actor in {'/'.join(spec.roles)} is {' or '.join(spec.entities)}"


def _not_actor(spec: ActorCondition, facts: IncidentFacts) -> tuple[bool, str]:
    for actor in facts.actors:
        if actor.role in spec.roles and actor.entity_id in spec.entities:
            return False, f"{actor.role} is {actor.entity_id}"
    others = [f"{a.role} is {a.entity_id}" for a in facts.actors if a.role in spec.roles]
    return True, "; ".join(others) or f"no actor in {'/'.join(spec.roles)}"


def _with_role(spec: list[str], facts: IncidentFacts) -> tuple[bool, str]:
    held = [f"{a.role} is {a.entity_id}" for a in facts.actors if a.role in spec]
    return bool(held), "; ".join(held) or f"no actor in {'/'.join(spec)}"


def _without_role(spec: list[str], facts: IncidentFacts) -> tuple[bool, str]:
    ok, why = _with_role(spec, facts)
    return not ok, why


def _made_in(spec: list[str], facts: IncidentFacts) -> tuple[bool, str]:
    for state, words in facts.origins:
        if state in spec:
            return True, f"the weapon was made in {state} (the evidence says {words!r})"
    return False, f"the evidence does not name the weapon as made in {' or '.join(spec)}"


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
    "not_actor": _not_actor,
    "with_role": _with_role,
    "without_role": _without_role,
    "made_in": _made_in,
    "designated": _designated,
    "commodity": _commodity,
    "port_country": _port_country,
    "vessel_flag": _vessel_flag,
}
