"""The reading stage's domain knowledge, loaded from the YAML files in ``data/reading/``.

Each file is validated on load; a broken file is an InputFileError naming the file and the field.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from watchkeeper.datafiles import cached, data_file, packaged_data_dir, read_model, read_yaml
from watchkeeper.errors import InputFileError
from watchkeeper.vocabulary import IncidentStatus

DATA_FILES = ("gazetteer.yaml", "cues.yaml", "incidents.yaml", "quantities.yaml", "dates.yaml")
# The outlet registries (in the package data/): outlets' and wires' names are the press that reports, not
# mentions; their codes ("(GPA)", "SEOUL (AP) -") are mentions of the press (label PRESS), never actors; a
# state's own voice (`state_voice`: KCNA for the
# DPRK) is a body that speaks and claims; a government publisher is a body; a think tank's code
# is a body ("RUSI found") and its full name the publisher, unless the gazetteer lists that name.
OUTLET_FILES = ("corpus/outlets.yaml", "evidence/outlets.yaml")
PRESS_KINDS = frozenset({"outlet", "wire", "state_media"})
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
    press: bool = False  # a wire's or outlet's code ("(GPA)", "(AP)"): mentioned as the press, never an actor

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


class MinistryKind(_Strict):
    """How a kind of ministry is named: "defence ministry" (``short``), "Ministry of National Defense"
    (``full``)."""

    short: list[str]
    full: list[str] = []


class Ministry(_Strict):
    """One state's ministry of one kind; its surface forms come from the state's names and the kind's
    words."""

    id: str
    name: str
    country: str
    kind: str
    names: list[str] = []


class Gazetteer(_Strict):
    countries: list[GazetteerEntry] = []
    organisations: list[GazetteerEntry] = []
    officials: list[GazetteerEntry] = []
    places: list[GazetteerEntry] = []
    ports: list[GazetteerEntry] = []
    vessels: list[GazetteerEntry] = []
    programs: list[GazetteerEntry] = []
    ministry_kinds: dict[str, MinistryKind] = {}
    ministries: list[Ministry] = []
    # Title-case words that are no name when the statistical model tags them alone ("the Panel").
    not_names: list[str] = []
    # Nouns saying what kind of body a name is ("the KCNA news agency"): a name before one still names it.
    kind_nouns: list[str] = []
    # Nouns of a state's organs: "the defence ministry in Seoul" is the state's, not the city's.
    state_nouns: list[str] = []
    # Capitalised nouns that head a body's name ("Ministry", "Office"): "of" after one continues the name.
    body_nouns: list[str] = []
    # Names of the press that are no outlet of the registries: photo agencies, credit words ("Getty Images").
    press: list[str] = []

    @model_validator(mode="after")
    def _ministries_known(self) -> Gazetteer:
        countries = {c.id for c in self.countries}
        for i, m in enumerate(self.ministries):
            if m.country not in countries or m.kind not in self.ministry_kinds:
                raise ValueError(f"ministries.{i} ({m.id}): unknown country {m.country!r} or kind {m.kind!r}")
        return self

    def entries(self) -> list[GazetteerEntry]:
        return [
            *self.countries,
            *self.organisations,
            *self.ministry_entries(),
            *self.officials,
            *self.places,
            *self.ports,
            *self.vessels,
            *self.programs,
        ]

    def ministry_entries(self) -> list[GazetteerEntry]:
        """Each ministry as an entry of its state, named every way its state and kind combine:
        "Japan's defence ministry", "Tokyo's Defense Ministry", "the Japanese defence ministry", "Ministry of
        Defense of Japan"."""
        by_id = {c.id: c for c in self.countries}
        out = []
        for m in self.ministries:
            state, kind = by_id[m.country], self.ministry_kinds[m.kind]
            # Latin-script forms only ("대한민국's" is no one's spelling), and no all-capitals dateline forms
            holders = [h for h in [*state.names, *state.metonyms] if h[:1].isascii() and not h.isupper()]
            shorts = [w for s in kind.short for w in (f"{s} ministry", f"{s.title()} Ministry")]
            fulls = [f"Ministry of {f}" for f in kind.full]
            names = [*m.names, m.name]
            names += [f"{h}'s {s}" for h in holders for s in [*shorts, *fulls]]
            names += [f"{d} {s}" for d in state.demonyms for s in [*shorts, *fulls]]
            names += [f"{f} of {n}" for f in fulls for n in holders if n in state.names]
            names += [n.replace("'s ", "’s ") for n in names if "'s " in n]
            # no `country`: that would make the state the claimant (``Gazetteer.states``); the gold keeps
            # the ministry
            out.append(GazetteerEntry(id=m.id, name=m.name, names=list(dict.fromkeys(names))))
        return out

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
    naming_verbs: list[str] = []
    title_prepositions: list[str] = []
    attribution_phrases: list[str]
    speaker_pronouns: list[str]
    role_nouns: list[str]
    speaker_roles: list[str] = []
    body_nouns: list[str] = []
    male_titles: list[str] = []
    female_titles: list[str] = []
    male_names: list[str] = []
    female_names: list[str] = []
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
    # Days before publication past which an act dated only by month or year is the history of what a text
    # cites ("resolution 2397 was adopted in December 2017"), not an event it reports; None: no such limit.
    cited_after_days: int | None = None
    # The kind another state's act with the regime's weapons is filed as ("Russia fired North Korean
    # missiles": a transfer of them, the regime's state `from`, the state that fired `to`), not this one.
    used_by_others: str | None = None
    # Reports dated before the regime banned the act are lawful trade ("coal exports jumped" in 2016).
    banned_from: date | None = None
    # Cargoes that make a call the voyage of a delivery ("tankers shuttling to Vostochny for oil"), filed as
    # the delivery, not as this kind.
    voyage_cargo: list[str] = []

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
    # words before a date that make it the end of a period the act sets ("extended the mandate until April"),
    # not the day of the act
    period_ends: list[str] = []
    # Ordinals that make a date the frame of a count ("its fifth launch this year"), not the date of the act.
    ordinals: list[str] = []
    # Nouns of the doers ("hackers"): a report only when they do the act or an amount is taken.
    agent_nouns: list[str] = []
    # Nouns a number counts that are no amount of the act ("nine votes in favour" explains a rule).
    tally_units: list[str] = []
    # Words on a past act that make it a system's debut, its history, not a reported event ("first tested").
    debut_words: list[str] = []
    # Verbs of an ending ("the mandate lapsed in April after Russia's veto"): their date dates the ending.
    ending_lemmas: list[str] = []
    # Words that make a noun the base of a comparison ("double the amount taken the previous year"): a date
    # under it dates the base, not the act.
    comparison_words: list[str] = []


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
    """Date words (``data/reading/dates.yaml``): parts of months and years, units, numbers and cues."""

    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    seasons: dict[str, tuple[int, int]]
    units: dict[str, tuple[str, int]] = {}
    clock_units: list[str] = []
    number_words: dict[str, int | None] = {}
    duration_determiners: list[str] = []
    duration_approximators: list[str] = []
    reference_words: dict[str, str] = {}
    set_words: dict[str, str] = {}
    day_parts: dict[str, str] = {}
    future_auxiliaries: list[str] = []
    future_words: list[str] = []
    future_before: list[str] = []
    deadline_before: list[str] = []
    holidays: dict[str, tuple[int, int] | tuple[int, int, int]] = {}

    @field_validator("reference_words")
    @classmethod
    def _timeml_refs(cls, value: dict[str, str]) -> dict[str, str]:
        bad = sorted(v for v in value.values() if v not in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"))
        if bad:
            raise ValueError(
                f"{', '.join(bad)}: a reference word's value is PRESENT_REF, PAST_REF or FUTURE_REF"
            )
        return value


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


def _outlets(digest: Any) -> tuple[tuple[GazetteerEntry, ...], frozenset[str]]:
    """Gazetteer entries of the outlet registries (a state's voice and a government publisher by name and
    code, a think tank by code, an outlet or wire by code as the press) and the press names (the others)."""
    entries: list[GazetteerEntry] = []
    press: set[str] = set()
    for name in OUTLET_FILES:
        path = data_file(name)
        if not path.exists():
            continue
        digest.update(path.read_bytes())
        for i, row in enumerate((read_yaml(path) or {}).get("outlets") or []):
            if not isinstance(row, dict) or not row.get("id") or not row.get("name"):
                raise InputFileError(path, "an outlet needs an id and a name", field=f"outlets.{i}")
            names = [str(row["name"]), *(str(a) for a in row.get("aliases") or [])]
            short = [str(row["short"])] if row.get("short") else []
            if row.get("state_voice"):
                names, short = [*names, *short], []
            elif row.get("kind") == "government":
                names = [*names, *short]
            elif row.get("kind") in PRESS_KINDS:
                press.update([*names, *(n.upper() for n in names if n[:1].isalpha())])
                if short:
                    entries.append(
                        GazetteerEntry(id=f"org:{row['id']}", name=str(row["name"]), names=short, press=True)
                    )
                names, short = [], []
            else:
                press.update(names)
                names = []
            if names or short:
                outlet_id = f"org:{row['id']}"
                entries.append(GazetteerEntry(id=outlet_id, name=str(row["name"]), names=[*names, *short]))
    return tuple(entries), frozenset(press)


def _with_outlets(gazetteer: Gazetteer, outlets: tuple[GazetteerEntry, ...]) -> Gazetteer:
    """The gazetteer with the outlets it does not hold already among its organisations."""
    known = {e.id for e in gazetteer.entries()}
    extra = [o for o in outlets if o.id not in known]
    return gazetteer.model_copy(update={"organisations": [*gazetteer.organisations, *extra]})


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
    gazetteer: Gazetteer = read_model(Gazetteer, paths["gazetteer.yaml"])
    outlets, press_names = _outlets(digest)
    gazetteer = _with_outlets(gazetteer, outlets)
    # a name the gazetteer lists is a body, even when a think tank also publishes under it ("RUSI")
    bodies = {n for e in gazetteer.entries() for n in e.names}
    return Knowledge(
        gazetteer=gazetteer,
        cues=read_model(Cues, paths["cues.yaml"]),
        incidents=read_model(IncidentLexicon, paths["incidents.yaml"]),
        quantities=read_model(QuantityLexicon, paths["quantities.yaml"]),
        dates=read_model(DateLexicon, paths["dates.yaml"]),
        outlets=outlets,
        press_names=(press_names | frozenset(gazetteer.press)) - bodies,
        version=digest.hexdigest()[:12],
    )
