"""The incidents component: sanctions-relevant events a document reports.

Triggers per kind (``data/reading/incidents.yaml``) are lemmas or phrases; each trigger takes the dates that
hang off it in the parse (or off a verb that governs it, "In January, North Korea said it had tested ..."),
its actors from its clause's subject and prepositional objects, the sentence's ports and places and
quantities. Without a date of its own an incident takes the publication date with precision ``publication``.
Reports of one event in several sentences are merged: same kind and same date, or a dateless report into
the document's first incident of that kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from watchkeeper.reading.dates import event_dates
from watchkeeper.reading.extensions import published_date
from watchkeeper.reading.gazetteer import entity_type
from watchkeeper.reading.generic import generic
from watchkeeper.reading.knowledge import Cues, IncidentKind, IncidentLexicon, Knowledge, load_knowledge
from watchkeeper.reading.merging import inherit_actors, mark_main, merge
from watchkeeper.reading.records import ActorRecord, DateRecord, IncidentRecord, SpanRecord
from watchkeeper.reading.roles import (
    actor_record,
    char_token,
    clause_head,
    direct_objects,
    entity_of,
    phrase_entities,
    prep_objects,
    span_record,
    subject_of,
)
from watchkeeper.reading.scope import RegimeScope
from watchkeeper.reading.unreal import unreal
from watchkeeper.reading.votes import body_acts, tally, voters
from watchkeeper.vocabulary import DatePrecision, IncidentStatus

COUNTRY = frozenset({"country"})
# What an actor slot may hold before places and ports become the state they lie in.
SLOT_TYPES = frozenset({"person", "org", "country", "place", "port"})
# A wire dateline ("SEOUL, Dec 18 (GPA) -") dates the report, not the event: capitals before the date.
_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z .'-]+,\s*$")
# Which entity types may fill a role: a launcher is a state, a hacking group may be a perpetrator.
ROLE_TYPES = {
    "perpetrator": frozenset({"country", "org"}),
    "victim": frozenset({"country", "org"}),
    "vessel": frozenset({"vessel"}),
}
# "resolution 1718 (2006)": the year a resolution was adopted is part of its name, not a date of the event.
_RESOLUTION_YEAR = re.compile(r"\d{3,4}\s*\(\s*$")
_SEQUENCE = frozenset({"after", "before", "since", "until", "following"})
# "8:10 am Wednesday (2310 GMT Tuesday)": the same moment in another time zone, not another day.
_OTHER_ZONE = re.compile(r"\(\s*[\d:.]*\s*(?:[ap]\.?m\.?\s*)?(?:GMT|UTC)\s*$", re.I)
_FRAMES = frozenset({DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.QUARTER, DatePrecision.YEAR})
PLACE_PREPOSITIONS = frozenset({"from", "near", "at", "in", "off", "to"})


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
        self.located_in = located_in
        self.kinds = lexicon.kinds
        self.vote_roles = lexicon.vote_roles
        self.hedges = frozenset(cues.hedges)
        self.denies = frozenset(cues.claims.denies)
        self.numbers = {k.lower(): v for k, v in numbers.items()}
        self.generic_cues = lexicon.generic
        self.unreal_cues = lexicon.unreal
        self.detection_lemmas = frozenset(lexicon.detection_lemmas)
        # every kind's trigger lemmas: a date hanging off one of these nouns dates that act, not another
        self.acts = frozenset(lemma for spec in self.kinds.values() for lemma in spec.lemmas)
        self.scope = RegimeScope(lexicon.regime, states, regime_names) if lexicon.regime else None
        # each kind's words as sets and compiled patterns, built once: _triggers runs per sentence and kind
        self.triggers = {kind: _TriggerWords.of(spec) for kind, spec in self.kinds.items()}

    def __call__(self, doc: Doc) -> Doc:
        published = published_date(doc).isoformat()
        text = doc.text  # built once: Doc.text joins every token on each call
        incidents: list[IncidentRecord] = []
        sentences = list(doc.sents)
        in_context = self.scope.named_in(sentences) if self.scope else [True] * len(sentences)
        for sent, context in zip(sentences, in_context, strict=True):
            # once per sentence, not once per kind
            lowered, lemmas = sent.text.lower(), [t.lemma_.lower() for t in sent]
            found = {
                kind: t
                for kind, spec in self.kinds.items()
                if (t := self._triggers(sent, spec, self.triggers[kind], lowered, lemmas))
            }
            suppressed = {s for kind in found for s in self.kinds[kind].suppresses}
            for kind, triggers in found.items():
                if kind not in suppressed:
                    incidents.extend(
                        self._incidents(doc, text, sent, kind, self.kinds[kind], triggers, published, context)
                    )
        doc._.incidents = mark_main([self._state_behind(i) for i in inherit_actors(merge(incidents))])
        return doc

    def _triggers(
        self, sent: Span, spec: IncidentKind, words: _TriggerWords, text: str, lemmas: list[str]
    ) -> list[Token]:
        found: list[Token] = []
        if words.requires_phrases is not None and not words.requires_phrases.search(text):
            return []  # whole words: "shipped" is not "ship"
        for token, lemma in zip(sent, lemmas, strict=True):
            if lemma not in words.lemmas:
                continue
            window = sent.doc[
                max(sent.start, token.i - spec.window) : min(sent.end, token.i + spec.window + 1)
            ]
            others = [t for t in window if t.i != token.i]  # a trigger does not vouch for itself
            near = (
                {t.lemma_.lower() for t in others}
                | {t.lower_ for t in others}
                | {t.ent_type_ for t in others}
            )
            if (
                (not words.requires or near & words.requires)
                and not near & words.excludes
                and not self._other_act(token, spec)
                and body_acts(token, spec)
            ):
                found.append(token)
        for phrase, pattern in words.phrases:
            if phrase not in text:
                continue  # a substring test first: most sentences hold none of a kind's phrases
            for m in pattern.finditer(text):  # "munitions", not "submunitions"
                at = char_token(sent.doc, sent.start_char + m.start())
                if at is None or at in found or self._other_act(at, spec):
                    continue
                last = char_token(sent.doc, sent.start_char + m.end() - 1) if spec.other_heads else None
                if last is not None and self._other_act(last, spec):
                    continue
                found.append(at)
        return sorted(found, key=lambda t: t.i)

    @staticmethod
    def _other_act(token: Token, spec: IncidentKind) -> bool:
        """A trigger its own modifier makes another act: "nuclear test", "engine test", "artillery fire"."""
        if token.dep_ in ("compound", "poss") and token.head.lemma_.lower() in spec.other_heads:
            return True  # "munitions enterprises": where arms are made, not a transfer
        if token.pos_ == "NOUN" and clause_head(token).lemma_.lower() in spec.other_verbs:
            return True  # "fired 100 artillery shells": shelling, not a transfer
        return any(
            c.dep_ in ("amod", "compound", "nmod") and c.lower_ in spec.other_acts for c in token.children
        )

    def _date_owner(
        self, doc: Doc, date: DateRecord, triggers: list[Token], spec: IncidentKind
    ) -> Token | None:
        span = doc.char_span(date["start"], date["end"], alignment_mode="expand")
        if span is None:
            return None
        root = span.root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head  # "last Wednesday, Sunday, and Tuesday": each day hangs where the first does
        start = min(span.start, root.i)
        before = doc[start - 2] if start >= 2 and doc[start - 1].dep_ == "prep" else None
        if (
            before is not None
            and before not in triggers
            and before.pos_ == "NOUN"
            and before.lemma_ in self.acts
        ):
            return None  # "a nuclear test in September", however the parser hangs the month
        ancestors = list(root.ancestors)
        for ancestor in ancestors:
            if ancestor in triggers:
                return ancestor
            if ancestor.pos_ == "NOUN" and (self._other_act(ancestor, spec) or ancestor.lemma_ in self.acts):
                return None  # "after a nuclear test in September": the month dates the test, not the vote
            if ancestor.dep_ == "relcl" and ancestor.pos_ in ("VERB", "AUX"):
                return None  # "an embargo that Moscow voted for in 2006": the year dates the clause's own act
        verb = clause_head(root.head) if root.dep_ != "ROOT" else root
        same = [t for t in triggers if clause_head(t) == verb]
        if same:
            return min(same, key=lambda t: abs(t.i - root.i))
        # "In January, North Korea said it had tested ...": a period on the reporting verb dates the event;
        # a day there ("said on Tuesday") is when it was reported
        # ... but not one put before or after it ("launched in October, after Russia's veto ended the panel");
        # a day on a detection ("was detected on Wednesday", "said Monday it detected missiles launched")
        # dates the act too
        governing = [t for t in triggers if verb in clause_head(t).ancestors and not _sequenced(t)]
        if not governing:
            return None
        detected = any(
            h.lemma_.lower() in self.detection_lemmas
            for h in (verb, *clause_head(governing[0]).ancestors, clause_head(governing[0]))
            if h.i >= min(verb.i, governing[0].i) or h is verb
        )
        return governing[0] if date["precision"] != DatePrecision.DAY or detected else None

    def _incidents(
        self,
        doc: Doc,
        text: str,
        sent: Span,
        kind: str,
        spec: IncidentKind,
        triggers: list[Token],
        published: str,
        in_context: bool,
    ) -> list[IncidentRecord]:
        dates: list[DateRecord] = [
            d
            for d in event_dates(doc._.dates)
            if sent.start_char <= d["start"] < sent.end_char
            and not _DATELINE.search(text, 0, d["start"])
            and not _RESOLUTION_YEAR.search(text, 0, d["start"])
            and not _OTHER_ZONE.search(text, max(0, d["start"] - 20), d["start"])
            and _word_before(text, d["start"]) not in self.generic_cues.period_ends
            and (spec.periods or d["precision"] != DatePrecision.RANGE)
        ]
        by_trigger: dict[int, list[DateRecord]] = {}
        for found in dates:
            owner = self._date_owner(doc, found, triggers, spec)
            if owner is not None:
                by_trigger.setdefault(owner.i, []).append(found)
        out: list[IncidentRecord] = []
        groups: list[tuple[Token, DateRecord | None]] = [
            (t, d) for t in triggers for d in _finest(by_trigger.get(t.i, []))
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
                "actors": self._sentence_actors(trigger, triggers, spec, kind, sent),
                "place": self._place(sent),
                "quantities": [
                    q for q in (doc._.quantities or []) if sent.start_char <= q["start"] < sent.end_char
                ],
                "status": self._status(sent, spec),
            }
            if kind == "council_vote":
                record["tally"] = tally(sent, record["actors"], self.numbers)
            if generic(record, triggers, sent, self.generic_cues):
                continue
            if unreal(trigger, record, published, self.unreal_cues):
                continue
            if self.scope is not None and self.scope.out_of_scope(record, spec, in_context, trigger):
                continue
            out.append(record)
        return out

    def _sentence_actors(
        self, trigger: Token, triggers: list[Token], spec: IncidentKind, kind: str, sent: Span
    ) -> list[ActorRecord]:
        """The trigger's actors, else those of another trigger of the kind in the sentence ("North Korea has
        sent 13,000 containers to Russia that may have carried shells": the dated "carried" names no one)."""
        actors = self._actors(trigger, spec, kind, sent)
        for other in (t for t in triggers if t.i != trigger.i):
            if any(not a.get("implied") for a in actors):
                break
            actors = self._actors(other, spec, kind, sent)
        return actors

    def _actors(self, trigger: Token, spec: IncidentKind, kind: str, sent: Span) -> list[ActorRecord]:
        actors: list[ActorRecord] = []
        if kind == "council_vote":
            return voters(sent, self.vote_roles)
        verb = clause_head(trigger)
        subject = subject_of(verb)
        doer = subject_role = spec.roles.get("subject")
        lemma = verb.lemma_.lower()
        if lemma in spec.buyer_lemmas:
            subject_role = spec.roles.get("to")
        subject_role = spec.subject_lemmas.get(lemma, subject_role)
        if lemma in self.unreal_cues.reporting_lemmas or lemma in self.detection_lemmas:
            subject = None  # "analysts named Lazarus as the perpetrators of the theft": they tell, not steal
            actors.extend(self._accused(verb, spec))
        allowed = ROLE_TYPES.get(subject_role or "", COUNTRY)
        owners = [
            ent
            for c in trigger.children
            if trigger.pos_ in ("NOUN", "PROPN")
            and c.dep_ in ("amod", "compound", "poss", "nmod")
            and (ent := entity_of(c)) is not None
            and entity_type(ent) in ROLE_TYPES.get(doer or "", COUNTRY)
        ]
        if owners and doer:
            # "North Korean cyberattacks", "Russian strikes": the noun's own actor, not the clause's subject;
            # an organisation on a theft is whom it hit ("the Bybit hack")
            for ent in owners:
                hit = spec.owner_role if entity_type(ent) != "country" and not self._party(ent) else None
                actors.append(actor_record(hit or doer, ent))
        if subject is not None and subject_role and (not owners or subject_role != doer):
            # "Bybit lost $1.5 billion to North Korean hackers": the subject is the victim
            for ent in phrase_entities(subject, deep=False):
                if entity_type(ent) in allowed:
                    actors.append(actor_record(subject_role, ent))
        prepositions = {p for p in spec.roles if p not in ("subject", "object")}
        for prep, ents in prep_objects(verb, prepositions, types=SLOT_TYPES).items():
            role = spec.roles[prep]
            for ent in filter(None, (self._state_of(e, role) for e in ents)):
                actors.append(actor_record(role, ent))
        if "object" in spec.roles and (not spec.object_lemmas or verb.lemma_.lower() in spec.object_lemmas):
            role = spec.roles["object"]
            objects = direct_objects(verb, types=SLOT_TYPES)
            for ent in filter(None, (self._state_of(e, role) for e in objects)):
                actors.append(actor_record(role, ent))
        if "flag" in spec.roles:
            actors.extend(actor_record(spec.roles["flag"], e) for e in self._flags(sent, spec))
        if "port" in spec.roles:
            actors.extend(actor_record(spec.roles["port"], e) for e in self._port_states(sent))
        for ent in sent.ents if kind in ("ship_to_ship_transfer", "port_call") else []:
            if entity_type(ent) == "vessel":
                actors.append(actor_record("vessel", ent))
        present = {a["role"] for a in actors}
        implied = [(role, entity_id) for role, entity_id in spec.default.items() if role not in present]
        if self.scope is not None:
            # "Lazarus stole ...": the group acts for the state, which is the perpetrator too
            state = self.scope.state
            implied += [
                (role, state)
                for role in spec.party_roles
                if any(a["role"] == role and self._party_id(a["entity_id"]) for a in actors)
                and not any(a["role"] == role and a["entity_id"] == state for a in actors)
                and (role, state) not in implied
            ]
        actors.extend(_implied(role, entity_id) for role, entity_id in implied)
        return actors

    def _state_behind(self, incident: IncidentRecord) -> IncidentRecord:
        """The state behind a group that acts for it ("Lazarus stole ...": North Korea too), after merging
        has dropped defaults that a named actor of the role replaced."""
        spec = self.kinds[incident["kind"]]
        if self.scope is None:
            return incident
        state = self.scope.state
        for role in spec.party_roles:
            in_role = [a for a in incident["actors"] if a["role"] == role]
            if any(self._party_id(a["entity_id"]) for a in in_role) and not any(
                a["entity_id"] == state for a in in_role
            ):
                incident["actors"].append(_implied(role, state))
        return incident

    def _party(self, ent: Span) -> bool:
        return self._party_id(ent.kb_id_ or None)

    def _party_id(self, entity_id: str | None) -> bool:
        return self.scope is not None and self.scope.is_party(entity_id)

    def _accused(self, verb: Token, spec: IncidentKind) -> list[ActorRecord]:
        """Whom a reporting verb names as the doer: its object ("blamed Lazarus", "named the Lazarus group")
        or the object of its "to" ("attributed the hack to Lazarus"), when that is a party of the regime."""
        role = spec.roles.get("subject")
        found = [
            *direct_objects(verb, types=frozenset({"org", "country"})),
            *prep_objects(verb, {"to"}, types=frozenset({"org", "country"})).get("to", []),
        ]
        return [actor_record(role, e) for e in found if role and self._party(e)]

    @staticmethod
    def _flags(sent: Span, spec: IncidentKind) -> list[Span]:
        """States named as the nationality of a ship word: "North Korean tankers", "Russian-flagged ships"."""
        found: list[Span] = []
        for token in sent:
            if token.lemma_.lower() not in spec.flag_nouns:
                continue
            for child in token.children:
                ent = entity_of(child) if child.dep_ in ("amod", "compound", "nmod") else None
                if ent is not None and entity_type(ent) == "country" and ent not in found:
                    found.append(ent)
        return found[:1]

    def _port_states(self, sent: Span) -> list[Span]:
        """The state of the port a sentence names: its gazetteer state, or "the Russian port of ..."."""
        for ent in sent.ents:
            state = self.located_in.get(ent.kb_id_) if entity_type(ent) == "port" else None
            if state is not None:
                return [Span(ent.doc, ent.start, ent.end, label="GPE", kb_id=state)]
        for token in sent:
            if token.lower_ == "port":
                for child in (c for c in token.children if c.dep_ in ("amod", "compound")):
                    named = entity_of(child)
                    if named is not None and entity_type(named) == "country":
                        return [named]
        return []

    def _state_of(self, ent: Span, role: str) -> Span | None:
        """The entity that fills a role from a slot: itself, or for a place or port the state it lies in
        ("missiles hit Kharkiv": Ukraine is the victim)."""
        allowed = ROLE_TYPES.get(role, COUNTRY)
        if entity_type(ent) in allowed:
            return ent
        state = self.located_in.get(ent.kb_id_)
        if state is not None and "country" in allowed and role not in ("from", "to"):
            return Span(ent.doc, ent.start, ent.end, label="GPE", kb_id=state)
        return None

    @staticmethod
    def _place(sent: Span) -> SpanRecord | None:
        ports = [e for e in sent.ents if entity_type(e) == "port"]
        if ports:
            return span_record(ports[0])
        for ent in sent.ents:
            before = sent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if (
                entity_type(ent) == "place"
                and before in PLACE_PREPOSITIONS
                and ent.kb_id_ not in ("place:sea-of-japan", "place:korean-peninsula")
            ):
                return span_record(ent)
        return None

    def _status(self, sent: Span, spec: IncidentKind) -> IncidentStatus:
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        if words & self.denies:
            return IncidentStatus.DENIED
        if words & self.hedges:
            return IncidentStatus.ALLEGED
        return IncidentStatus(spec.status)


def _finest(dates: list[DateRecord]) -> list[DateRecord]:
    """A trigger's dates without calendar frames around others ("Sunday and Tuesday this week": two days);
    a period ("since September 2023") is a date of its own."""
    return [
        d
        for d in dates
        if d["precision"] not in _FRAMES
        or not any(
            o is not d
            and DatePrecision(o["precision"]).rank < DatePrecision(d["precision"]).rank
            and d["date"] <= o["date"] <= (d["date_end"] or d["date"])
            for o in dates
        )
    ]


def _implied(role: str, entity_id: str) -> ActorRecord:
    """An actor the report implies without naming it (the kind's default, the state behind its group)."""
    return {
        "role": role,
        "entity_id": entity_id,
        "text": None,
        "start": None,
        "end": None,
        "label": None,
        "type": entity_id.partition(":")[0],
        "implied": True,
    }


def _sequenced(trigger: Token) -> bool:
    """Whether the trigger's act is set before or after another ("after Russia's veto", "before it fired")."""
    verb = clause_head(trigger)
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return bool((marks | {trigger.head.lower_}) & _SEQUENCE)


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


def _word_before(text: str, at: int) -> str:
    """The lower-cased word just before ``at`` ("" at the start of the text)."""
    words = text[max(0, at - 15) : at].split()
    return words[-1].lower() if words else ""


@dataclass(frozen=True)
class _TriggerWords:
    """One kind's trigger words as sets and compiled patterns."""

    lemmas: frozenset[str]
    requires: frozenset[str]
    excludes: frozenset[str]
    phrases: tuple[tuple[str, re.Pattern[str]], ...]
    requires_phrases: re.Pattern[str] | None

    @classmethod
    def of(cls, spec: IncidentKind) -> _TriggerWords:
        """The sets and patterns of ``spec``'s words."""
        required = "|".join(re.escape(p) for p in spec.requires_phrases)
        return cls(
            frozenset(spec.lemmas),
            frozenset(spec.requires),
            frozenset(spec.excludes),
            tuple((p, re.compile(rf"(?<!\w){re.escape(p)}")) for p in spec.phrases),
            re.compile(rf"\b(?:{required})\b") if required else None,
        )
