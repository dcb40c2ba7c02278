"""The incidents component: sanctions-relevant events a document reports.

Triggers per kind (``data/reading/incidents.yaml``) are lemmas or phrases; each trigger takes the dates that
hang off it in the parse (or off a verb that governs it, "In January, North Korea said it had tested ..."),
its actors from its clause's subject and prepositional objects, the sentence's ports and places and
quantities. Without a date of its own an incident takes the publication date with precision ``publication``.
Reports of one event in several sentences are merged: same kind and same date, or a dateless report into
the document's first incident of that kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from watchkeeper.reading.dates import event_dates
from watchkeeper.reading.extensions import published_date, text_of
from watchkeeper.reading.generic import generic
from watchkeeper.reading.incident_actors import IncidentActors, implied_actor, place_of
from watchkeeper.reading.incident_dates import DateOwners, counted, finest, interval_dates, sentence_dates
from watchkeeper.reading.knowledge import Cues, IncidentKind, IncidentLexicon, Knowledge, load_knowledge
from watchkeeper.reading.merging import inherit_actors, mark_main, merge
from watchkeeper.reading.records import ActorRecord, DateRecord, IncidentRecord
from watchkeeper.reading.scope import RegimeScope, used_after_transfer
from watchkeeper.reading.triggers import TriggerWords, find_triggers
from watchkeeper.reading.unreal import unreal
from watchkeeper.reading.votes import cited_vote, tally
from watchkeeper.vocabulary import DatePrecision, IncidentStatus


@dataclass
class _DocumentState:
    """What one document's reading has found so far."""

    text: str
    published: str
    incidents: list[IncidentRecord] = field(default_factory=list)
    # transfers proven by another state's strike: their own reports, no undated transfer absorbs their date
    proven: list[IncidentRecord] = field(default_factory=list)
    # counted acts on one date ("two earlier this month"): merging would make them one again
    copies: list[IncidentRecord] = field(default_factory=list)
    # the text has told of another state's strike with the regime's weapons, even when that sentence's own
    # transfer ("missiles supplied by North Korea") was filed instead: "the missiles" fired later are those
    strikes_told: bool = False


class IncidentsComponent:
    """Finds incidents with kind, actors, date, place, quantities and status; sets ``doc._.incidents``."""

    def __init__(
        self,
        name: str,
        lexicon: IncidentLexicon,
        cues: Cues,
        numbers: dict[str, int],
        located_in: dict[str, str],
        states: dict[str, str],
        regime_names: list[str],
    ) -> None:
        self.name = name
        self.kinds = lexicon.kinds
        self.hedges = frozenset(cues.hedges)
        self.denies = frozenset(cues.claims.denies)
        self.numbers = {k.lower(): v for k, v in numbers.items()}
        self.generic_cues = lexicon.generic
        self.unreal_cues = lexicon.unreal
        detection = frozenset(lexicon.detection_lemmas)
        # every kind's trigger lemmas: a date hanging off one of these nouns dates that act, not another
        acts = frozenset(lemma for spec in self.kinds.values() for lemma in spec.lemmas)
        # which kind an act noun names ("The launch came eight days after ..."): the first kind listing it
        self.act_kinds: dict[str, str] = {}
        for kind, spec in self.kinds.items():
            for lemma in spec.lemmas:
                self.act_kinds.setdefault(lemma, kind)
        self.dates = DateOwners(
            acts,
            detection,
            frozenset(lexicon.generic.ordinals),
            frozenset(lexicon.unreal.reporting_lemmas),
            frozenset(lexicon.generic.ending_lemmas),
            frozenset(lexicon.generic.comparison_words),
        )
        self.scope = RegimeScope(lexicon.regime, states, regime_names) if lexicon.regime else None
        self.actors = IncidentActors(
            self.kinds,
            lexicon.vote_roles,
            self.scope,
            located_in,
            frozenset(lexicon.unreal.reporting_lemmas) | detection,
        )
        # each kind's words as sets and compiled patterns, built once (sought per sentence and kind)
        self.triggers = {kind: TriggerWords.of(spec) for kind, spec in self.kinds.items()}

    def __call__(self, doc: Doc) -> Doc:
        published = published_date(doc).isoformat()
        # Doc.text is built once: it joins every token on each call
        state = _DocumentState(text_of(doc), published)
        incidents, proven, copies = state.incidents, state.proven, state.copies
        sentences = list(doc.sents)
        in_context = self.scope.named_in(sentences) if self.scope else [True] * len(sentences)
        for sent, context in zip(sentences, in_context, strict=True):
            # once per sentence, not once per kind
            lowered, lemmas = sent.text.lower(), [t.lemma_.lower() for t in sent]
            found = {
                kind: t
                for kind, spec in self.kinds.items()
                if (t := find_triggers(sent, spec, self.triggers[kind], lowered, lemmas))
            }
            suppressed = {s for kind in found for s in self.kinds[kind].suppresses}
            told, before = len(incidents), len(proven)
            for kind, triggers in found.items():
                if kind not in suppressed:
                    found_now = self._incidents(doc, sent, kind, triggers, context, state)
                    state.incidents.extend(found_now)
            if {r["kind"] for r in incidents[told:]} & {r["kind"] for r in proven[before:]}:
                del proven[before:]  # "North Korea sent missiles that Russia fired": the transfer is told
        records = sorted(merge(incidents) + merge(proven) + copies, key=lambda r: r["start"])
        doc._.incidents = mark_main([self.actors.state_behind(i) for i in inherit_actors(records)])
        return doc

    def _incidents(
        self, doc: Doc, sent: Span, kind: str, triggers: list[Token], in_context: bool, state: _DocumentState
    ) -> list[IncidentRecord]:
        """The incidents one kind's triggers report in a sentence; transfers proven by another state's use
        of the regime's weapons and counted acts on one date go to ``state``'s own lists."""
        spec = self.kinds[kind]
        if spec.voyage_cargo and any(t.lower_ in spec.voyage_cargo for t in sent):
            return []  # the voyage of a delivery, filed as the delivery
        text, published = state.text, state.published
        dates = sentence_dates(event_dates(doc._.dates), text, sent, spec, self.generic_cues.period_ends)
        by_trigger: dict[int, list[DateRecord]] = {}
        for found in dates:
            owner = self.dates.owner(doc, found, triggers, spec)
            if owner is not None:
                by_trigger.setdefault(owner.i, []).append(found)
        placed = interval_dates(
            doc, sent, doc._.dates or [], triggers, self.act_kinds, state.incidents, published
        )
        for index, found in placed.items():
            by_trigger.setdefault(index, [found])  # "eight days after it fired": dated from the anchor
        out: list[IncidentRecord] = []
        groups: list[tuple[Token, DateRecord | None]] = [
            (t, d) for t in triggers for d in finest(by_trigger.get(t.i, []))
        ] or [(triggers[0], None)]
        for trigger, date in groups:
            record: IncidentRecord = {
                "kind": kind,
                "start": sent.start_char,
                "end": sent.end_char,
                "sent_start": sent.start_char,
                "sent_end": sent.end_char,
                "trigger": trigger.text,
                "date": date["date"] if date else published,
                "date_end": date["date_end"] if date and date["precision"].has_end else None,
                "precision": date["precision"] if date else DatePrecision.PUBLICATION,
                "date_text": date["text"] if date else None,
                "actors": self.actors.of_sentence(trigger, triggers, spec, kind, sent),
                "place": place_of(sent),
                "quantities": [
                    q for q in (doc._.quantities or []) if sent.start_char <= q["start"] < sent.end_char
                ],
                "status": self._status(sent, spec),
            }
            if kind == "council_vote":
                record["tally"] = tally(sent, record["actors"], self.numbers)
            if generic(record, triggers, sent, self.generic_cues):
                continue
            if cited_vote(trigger, record, published, spec):
                continue  # the history of a resolution the text cites
            if spec.banned_from is not None and record["date"] < spec.banned_from.isoformat():
                continue  # trade the regime had not banned yet
            if unreal(trigger, record, published, self.unreal_cues):
                continue
            known = state.strikes_told
            users = (
                self.scope.strike_with_its_weapons(record, spec, sent, trigger, known) if self.scope else None
            )
            if spec.used_by_others and used_after_transfer(trigger, spec, self.kinds[spec.used_by_others]):
                users = users or []  # the strike of weapons whose transfer the sentence reports
            if spec.used_by_others and users is not None:
                state.strikes_told = True
                state.proven.append(self._transfer_by_use(record, spec.used_by_others, users, sent))
                continue
            if self.scope is not None and self.scope.out_of_scope(record, spec, in_context, trigger):
                continue
            if (
                spec.used_by_others
                and self.scope is not None
                and self.scope.strikes_another_state(record, spec)
            ):
                continue  # a missile hitting a city is never a DPRK launch
            out.append(record)
        for trigger in {t.i: t for t in triggers}.values():
            mine = [r for r in out if r["trigger"] == trigger.text and r["precision"] != DatePrecision.DAY]
            if len(mine) == 1 and mine[0]["precision"] != DatePrecision.PUBLICATION:
                # "two earlier this month": as many incidents as the number counts, on the one date given
                state.copies.extend(
                    {**mine[0], "actors": list(mine[0]["actors"])}
                    for _ in range(counted(trigger, self.numbers) - 1)
                )
        return out

    def _transfer_by_use(
        self, record: IncidentRecord, kind: str, users: list[ActorRecord], sent: Span
    ) -> IncidentRecord:
        """Another state's strike with the regime's weapons filed as their transfer: from the regime's state
        to the states that fired them, dated by the strike (the weapons had changed hands by then)."""
        spec = self.kinds[kind]
        giver, taker = spec.roles.get("subject"), spec.roles.get("to")
        state = self.scope.state if self.scope else None
        actors = [implied_actor(giver, state)] if giver and state else []
        actors += [{**a, "role": taker} for a in users if taker]
        return {
            **record,
            "kind": kind,
            "actors": actors,
            "status": self._status(sent, spec),
        }

    def _status(self, sent: Span, spec: IncidentKind) -> IncidentStatus:
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        if words & self.denies:
            return IncidentStatus.DENIED
        if words & self.hedges:
            return IncidentStatus.ALLEGED
        return IncidentStatus(spec.status)


@Language.factory(
    "wk_incidents",
    default_config={"data_dir": None},
    requires=[
        "doc._.dates",
        "doc._.quantities",
        "doc.sents",
        "doc.ents",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.tag",
        "token.ent_type",
    ],
    assigns=["doc._.incidents"],
)
def make_incidents(nlp: Language, name: str, data_dir: str | None) -> IncidentsComponent:
    """The incidents component with the trigger lexicon of ``data_dir`` (default: the packaged one)."""
    knowledge = load_knowledge(data_dir)
    return IncidentsComponent(
        name,
        knowledge.incidents,
        knowledge.cues,
        knowledge.quantities.number_words,
        knowledge.gazetteer.located_in(),
        knowledge.gazetteer.states(),
        _regime_names(knowledge),
    )


def _regime_names(knowledge: Knowledge) -> list[str]:
    """The regime state's names, metonyms and demonyms ("North Korea", "Pyongyang", "North Korean")."""
    regime = knowledge.incidents.regime
    if regime is None:
        return []
    entry = next((e for e in knowledge.gazetteer.entries() if e.id == regime.state), None)
    return [*regime.names, *([*entry.names, *entry.metonyms, *entry.demonyms] if entry else [])]
