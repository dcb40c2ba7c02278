"""The reading stage's domain knowledge, loaded from the YAML files in ``data/reading/``.

Each file is validated on load; a broken file is an InputFileError naming the file and the field.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from watchkeeper.datafiles import cached, data_file, packaged_data_dir
from watchkeeper.errors import InputFileError
from watchkeeper.vocabulary import IncidentStatus

DATA_FILES = ("gazetteer.yaml", "cues.yaml", "incidents.yaml", "quantities.yaml", "dates.yaml")
# The outlet registries (in the package data/): a wire code in a dateline ("(GPA)") is that wire, a state
# news agency is a body that speaks, and other publishers' names are the press, not mentions (docs/corpus.md).
OUTLET_FILES = ("corpus/outlets.yaml", "evidence/outlets.yaml")
SPEAKING_OUTLETS = frozenset({"state_media"})
ENTITY_TYPES = ("person", "org", "country", "vessel", "port", "place", "program")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GazetteerEntry(_Strict):
    """One thing the gazetteer knows: canonical id, preferred name and surface forms."""

    id: str
    name: str
    names: list[str]
    metonyms: list[str] = []
    demonyms: list[str] = []
    place: str | None = None
    role: str | None = None
    speaks_for: str | None = None
    country: str | None = None
    designation_id: str | None = None

    @field_validator("id")
    @classmethod
    def _typed_id(cls, value: str) -> str:
        kind, _, slug = value.partition(":")
        if kind not in ENTITY_TYPES or not slug:
            raise ValueError(f"{value!r} is not a `type:slug` id with type in {', '.join(ENTITY_TYPES)}")
        return value

    @property
    def type(self) -> str:
        return self.id.partition(":")[0]


class Gazetteer(_Strict):
    countries: list[GazetteerEntry] = []
    organisations: list[GazetteerEntry] = []
    officials: list[GazetteerEntry] = []
    places: list[GazetteerEntry] = []
    ports: list[GazetteerEntry] = []
    vessels: list[GazetteerEntry] = []
    programs: list[GazetteerEntry] = []
    # Title-case words that are no name when the statistical model tags them alone ("the Panel").
    not_names: list[str] = []

    def entries(self) -> list[GazetteerEntry]:
        return [
            *self.countries,
            *self.organisations,
            *self.officials,
            *self.places,
            *self.ports,
            *self.vessels,
            *self.programs,
        ]

    def located_in(self) -> dict[str, str]:
        """The state a place or port lies in (a capital by its country's ``place``, others by ``country``)."""
        out = {c.place: c.id for c in self.countries if c.place}
        out.update({e.id: e.country for e in self.entries() if e.country})
        return out

    def states(self) -> dict[str, str]:
        """Who a claim by an entity is made for: a city its state, a state organ the state it speaks for."""
        out = self.located_in()
        out.update({e.id: e.speaks_for for e in self.entries() if e.speaks_for})
        return out


class ClaimCues(_Strict):
    asserts: list[str]
    denies: list[str]
    reporting: list[str] = []
    denial_phrases: list[str]
    accusation_words: list[str]
    collective_nouns: list[str] = []
    anaphoric_nouns: list[str] = []


class Cues(_Strict):
    speech_verbs: list[str]
    attribution_phrases: list[str]
    speaker_pronouns: list[str]
    role_nouns: list[str]
    claims: ClaimCues
    hedges: list[str]


class IncidentKind(_Strict):
    """One incident kind: what people read (label, plural, description), the actor roles it has, the regime
    tags it bears on (``measure_tags``, checked against the regime by ``reading.kinds``) and its words."""

    label: str
    plural: str
    description: str
    actor_roles: list[str] = []
    measure_tags: list[str] = []
    lemmas: list[str] = []
    phrases: list[str] = []
    requires: list[str] = []
    requires_phrases: list[str] = []
    excludes: list[str] = []
    roles: dict[str, str] = {}
    default: dict[str, str] = {}
    buyer_lemmas: list[str] = []
    # Verbs whose subject fills another role than the doer's ("Bybit lost $1.5 billion": the victim).
    subject_lemmas: dict[str, str] = {}
    # The role of an organisation named on the trigger noun that is no party of the regime ("the Bybit hack").
    owner_role: str | None = None
    object_lemmas: list[str] = []
    flag_nouns: list[str] = []
    status: IncidentStatus = IncidentStatus.CONFIRMED
    suppresses: list[str] = []
    window: int = 8
    # Roles one of which must hold the regime's state or party ("Japan launched a rocket": no DPRK launch).
    party_roles: list[str] = []
    # Words that, modifying the trigger itself, make it another act ("a nuclear test" is no launch).
    other_acts: list[str] = []
    # Nouns a trigger may not modify: "munitions enterprises" are where arms are made.
    other_heads: list[str] = []
    # Verbs whose object, a trigger noun, is used or made, not moved ("fired artillery shells").
    other_verbs: list[str] = []
    # Verbs whose subject must name the body that acts ("the Council adopted", not "the US imposed").
    body_lemmas: list[str] = []
    # Whether a period can date it: a vote is on one day ("since 2009" beside it dates something else).
    periods: bool = True
    body_words: list[str] = []
    # Measures a participle or relative clause of a vote verb describes ("sanctions imposed in 2006").
    cited_nouns: list[str] = []

    @model_validator(mode="after")
    def _roles_declared(self) -> IncidentKind:
        undeclared = sorted({*self.roles.values(), *self.default} - set(self.actor_roles))
        if undeclared:
            raise ValueError(f"roles {', '.join(undeclared)} are filled but not listed in actor_roles")
        return self


class GenericCues(_Strict):
    """What makes a mention generic: habitual words, and units of time that are no amount of the act."""

    habitual: list[str] = []
    duration_units: list[str] = []


class RegimeParties(_Strict):
    """The state the regime concerns and the bodies that act for it (a hacking group, the state's agency)."""

    state: str
    parties: list[str] = []
    # Short forms of the state's name the gazetteer does not hold as names ("N. Korea" in headlines).
    names: list[str] = []
    # Mentions in this sentence and this many before it that put a report with no named actor in scope.
    context_sentences: int = 3


class UnrealCues(_Strict):
    """What makes a report no act that happened: modals, plans, conditions, statements of law, reporters."""

    modals: list[str] = []
    # Words on the trigger noun that make it a possibility ("signs of a possible launch").
    possible: list[str] = []
    plan_lemmas: list[str] = []
    conditionals: list[str] = []
    law_lemmas: list[str] = []
    reporting_lemmas: list[str] = []


class IncidentLexicon(_Strict):
    kinds: dict[str, IncidentKind]
    vote_roles: dict[str, list[str]]
    generic: GenericCues = GenericCues()
    regime: RegimeParties | None = None
    unreal: UnrealCues = UnrealCues()
    # Verbs of seeing an act happen: a day on them dates the act ("was detected on Wednesday").
    detection_lemmas: list[str] = []


class QuantityLexicon(_Strict):
    number_words: dict[str, int]
    magnitudes: dict[str, int]
    currencies: dict[str, str]
    lower_bound: list[str]
    upper_bound: list[str]
    approximate: list[str]
    names_before: list[str] = []
    names_after: list[str] = []
    units: dict[str, str]


class DateLexicon(_Strict):
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    seasons: dict[str, tuple[int, int]]


@dataclass(frozen=True)
class Knowledge:
    """Everything the components know, as loaded from one data directory."""

    gazetteer: Gazetteer
    cues: Cues
    incidents: IncidentLexicon
    quantities: QuantityLexicon
    dates: DateLexicon
    outlets: tuple[GazetteerEntry, ...] = ()
    press_names: frozenset[str] = frozenset()
    version: str = field(default="")


def slug(text: str) -> str:
    """An ASCII slug for an entity id (``person:<slug>``); non-Latin names keep their letters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() or text
    return re.sub(r"[^\w]+", "-", folded.lower()).strip("-")[:150] or "unnamed"


def default_data_dir() -> Path:
    """The data files shipped in the package (``WATCHKEEPER_DATA_DIR`` overrides them one by one)."""
    return packaged_data_dir() / "reading"


def _load_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputFileError(path, "file not found") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputFileError(path, f"not valid YAML: {exc}", line=mark.line + 1 if mark else None) from exc


def _validate(model: type[BaseModel], path: Path) -> Any:
    data = _load_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputFileError(path, first["msg"], field=where) from exc


def _outlets(digest: Any) -> tuple[tuple[GazetteerEntry, ...], frozenset[str]]:
    """Gazetteer entries of the outlet registries (state media by name, wires by code) and the press names."""
    entries: list[GazetteerEntry] = []
    press: set[str] = set()
    for name in OUTLET_FILES:
        path = data_file(name)
        if not path.exists():
            continue
        digest.update(path.read_bytes())
        for i, row in enumerate((_load_yaml(path) or {}).get("outlets") or []):
            if not isinstance(row, dict) or not row.get("id") or not row.get("name"):
                raise InputFileError(path, "an outlet needs an id and a name", field=f"outlets.{i}")
            names = [str(row["name"]), *(str(a) for a in row.get("aliases") or [])]
            short = [str(row["short"])] if row.get("short") else []
            if row.get("kind") in SPEAKING_OUTLETS:
                names, short = [*names, *short], []
            else:
                press.update(names)
                names = []
            if names or short:
                outlet_id = f"org:{row['id']}"
                entries.append(GazetteerEntry(id=outlet_id, name=str(row["name"]), names=[*names, *short]))
    return tuple(entries), frozenset(press)


def knowledge_file(name: str, data_dir: str | None = None) -> Path:
    """One reading data file: of ``data_dir`` if given, else the override's or the packaged one."""
    return Path(data_dir) / name if data_dir else data_file("reading", name)


@cached
def load_knowledge(data_dir: str | None = None) -> Knowledge:
    """The validated data files of ``data_dir`` (default: the packaged ones), with a version hash."""
    paths = {name: knowledge_file(name, data_dir) for name in DATA_FILES}
    digest = hashlib.sha256()
    for path in paths.values():
        digest.update(path.read_bytes() if path.exists() else b"")
    outlets, press_names = _outlets(digest)
    return Knowledge(
        gazetteer=_validate(Gazetteer, paths["gazetteer.yaml"]),
        cues=_validate(Cues, paths["cues.yaml"]),
        incidents=_validate(IncidentLexicon, paths["incidents.yaml"]),
        quantities=_validate(QuantityLexicon, paths["quantities.yaml"]),
        dates=_validate(DateLexicon, paths["dates.yaml"]),
        outlets=outlets,
        press_names=press_names,
        version=digest.hexdigest()[:12],
    )
