"""Who does what in an incident: its actors by role, from the trigger's clause and sentence.

The roles of each kind (``data/reading/incidents.yaml``) say which slot fills which role: the subject,
a preposition's object, the direct object, the flag of a ship word, the state of the sentence's port. A place
or port in a victim's slot stands for its state; a kind's ``default`` actors are implied when the sentence
names none in their role; a group acting for the regime's state brings the state into its role.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from watchkeeper.reading.gazetteer import entity_type
from watchkeeper.reading.knowledge import IncidentKind
from watchkeeper.reading.records import ActorRecord, IncidentRecord, SpanRecord
from watchkeeper.reading.roles import (
    actor_record,
    clause_head,
    direct_objects,
    entity_of,
    phrase_entities,
    prep_objects,
    span_record,
    subject_of,
)
from watchkeeper.reading.scope import RegimeScope
from watchkeeper.reading.votes import voters

COUNTRY = frozenset({"country"})
# What an actor slot may hold before places and ports become the state they lie in.
SLOT_TYPES = frozenset({"person", "org", "country", "place", "port"})
# Which entity types may fill a role: a launcher is a state, a hacking group may be a perpetrator.
ROLE_TYPES = {
    "perpetrator": frozenset({"country", "org"}),
    "victim": frozenset({"country", "org"}),
    "vessel": frozenset({"vessel"}),
}
PLACE_PREPOSITIONS = frozenset({"from", "near", "at", "in", "off", "to"})


class IncidentActors:
    """Fills an incident's roles from the parse, knowing the kinds, the regime and where places lie."""

    def __init__(
        self,
        kinds: dict[str, IncidentKind],
        vote_roles: dict[str, list[str]],
        scope: RegimeScope | None,
        located_in: dict[str, str],
        teller_lemmas: frozenset[str],
    ) -> None:
        self.kinds = kinds
        self.vote_roles = vote_roles
        self.scope = scope
        self.located_in = located_in
        # verbs whose subject tells of the act or saw it ("analysts blamed Lazarus"), not who did it
        self.teller_lemmas = teller_lemmas

    def of_sentence(
        self, trigger: Token, triggers: list[Token], spec: IncidentKind, kind: str, sent: Span
    ) -> list[ActorRecord]:
        """The trigger's actors, else those of another trigger of the kind in the sentence ("North Korea has
        sent 13,000 containers to Russia that may have carried shells": the dated "carried" names no one)."""
        actors = self.of_trigger(trigger, spec, kind, sent)
        for other in (t for t in triggers if t.i != trigger.i):
            if any(not a.get("implied") for a in actors):
                break
            actors = self.of_trigger(other, spec, kind, sent)
        return actors

    def of_trigger(self, trigger: Token, spec: IncidentKind, kind: str, sent: Span) -> list[ActorRecord]:
        """The actors one trigger's clause names, with the kind's implied ones."""
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
        if lemma in self.teller_lemmas:
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
            # "supplying shells for the war in Ukraine": only the kind's own prepositions lead to a role
            objects = direct_objects(verb, types=SLOT_TYPES, prepositions=frozenset(prepositions))
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
        actors.extend(implied_actor(role, entity_id) for role, entity_id in implied)
        return actors

    def state_behind(self, incident: IncidentRecord) -> IncidentRecord:
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
                incident["actors"].append(implied_actor(role, state))
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


def place_of(sent: Span) -> SpanRecord | None:
    """Where the sentence puts its act: its first port, else a place after a preposition of place."""
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


def implied_actor(role: str, entity_id: str) -> ActorRecord:
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
