"""Which reported acts the regime concerns: the DPRK (or a body acting for it) must be a party.

"Japan launched its H3 rocket" and "India test-fired a missile" are launches, but not the DPRK's; an arms sale
between two other states is no DPRK arms transfer. A kind's ``party_roles`` (``data/reading/incidents.yaml``)
must hold the regime's state or one of its parties; a report that names another state there and not the DPRK
is out of scope. A report that names no one in those roles ("The missiles were fired from ...") is in scope
only when the DPRK is named in its sentence or just before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from watchkeeper.reading.extensions import text_of
from watchkeeper.reading.gazetteer import entity_type
from watchkeeper.reading.knowledge import IncidentKind, RegimeParties
from watchkeeper.reading.records import ActorRecord, IncidentRecord
from watchkeeper.reading.roles import actor_record, clause_head, entity_of, phrase_entities, subject_of

# How a party's name marks a weapon as its own: "North Korean missiles", "North Korea's missiles".
_OWNER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
_STATES = frozenset({"country"})
_DEFINITE = frozenset({"the", "these", "those", "such"})


class RegimeScope:
    """The regime's state and parties, and the states every place and organ stands for."""

    def __init__(self, regime: RegimeParties, states: dict[str, str], names: Sequence[str]) -> None:
        self.state = regime.state
        self.context = regime.context_sentences
        # the state's names as words too: a glued token ("Press)—North Korea") hides the entity, not the name
        self.names = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b") if names else None
        self.parties = frozenset(
            {regime.state, *regime.parties, *(k for k, v in states.items() if v == regime.state)}
        )
        self.states = states

    def is_party(self, entity_id: str | None) -> bool:
        """Whether an entity is the regime's state or acts for it."""
        return entity_id is not None and entity_id in self.parties

    def _other_state(self, actor: ActorRecord) -> bool:
        entity_id = actor.get("entity_id")
        if entity_id is None or self.is_party(entity_id):
            return False
        return actor.get("type") == "country" or entity_id in self.states

    def named_in(self, sentences: Sequence[Span]) -> list[bool]:
        """For each sentence, whether it, one of the ``context`` sentences before or after it ("Five days
        later the FBI attributed the theft to the DPRK") or the headline names a party; in a text that names
        no state at all, every sentence (a monitor's own note needs no "North Korea")."""
        if not any(
            self.is_party(e.kb_id_ or None) or e.kb_id_ in self.states or e.label_ == "GPE"
            for s in sentences
            for e in s.ents
        ):
            return [True] * len(sentences)
        text = text_of(sentences[0].doc) if sentences else ""  # Span.text joins tokens on every call
        named = [
            any(self.is_party(e.kb_id_ or None) for e in s.ents)
            or (self.names is not None and self.names.search(text, s.start_char, s.end_char) is not None)
            for s in sentences
        ]
        headline = bool(named) and named[0]
        return [
            headline or any(named[max(0, i - self.context) : i + 1 + self.context]) for i in range(len(named))
        ]

    def in_clause(self, trigger: Token) -> bool:
        """Whether the trigger's clause names a party anywhere ("Russia fired North Korean missiles")."""
        verb = clause_head(trigger)
        span = trigger.doc[verb.left_edge.i : verb.right_edge.i + 1]
        return any(self.is_party(e.kb_id_ or None) for e in span.ents)

    def out_of_scope(
        self, record: IncidentRecord, spec: IncidentKind, in_context: bool, trigger: Token
    ) -> bool:
        """Whether a candidate is another state's act, or names no one in a text not about the DPRK."""
        if not spec.party_roles:
            return False
        named = [a for a in record["actors"] if a["role"] in spec.party_roles and not a.get("implied")]
        if any(self.is_party(a.get("entity_id")) for a in named):
            return False
        open_roles = set(spec.party_roles) - {a["role"] for a in named}
        if named and any(self.is_party(spec.default.get(role)) for role in open_roles):
            return False  # "deliveries of refined petroleum by Russia": the kind's recipient is the DPRK
        if any(self._other_state(a) for a in named) and not self.in_clause(trigger):
            # "India test-fired a missile"; "Russia supplied shells" in a DPRK story: the other side is open
            return not (open_roles and in_context)
        return not in_context

    def strikes_another_state(self, record: IncidentRecord, spec: IncidentKind) -> bool:
        """Whether the act hits another state and no party of the regime is named doing it ("missiles hit
        Kharkiv"): the regime tests its missiles into the sea, so this is some other state's strike."""
        named = [a for a in record["actors"] if not a.get("implied")]
        if any(self.is_party(a.get("entity_id")) for a in named if a["role"] in spec.party_roles):
            return False
        return any(a["role"] not in spec.party_roles and self._other_state(a) for a in named)

    def strike_with_its_weapons(
        self, record: IncidentRecord, spec: IncidentKind, sent: Span, trigger: Token, known: bool = False
    ) -> list[ActorRecord] | None:
        """The states that used the regime's weapons when the report is another state's strike with them
        ("Russia fired North Korean missiles at Kharkiv", "a missile that hit Kharkiv was a North Korean
        Hwasong-11", "missiles sent by North Korea and launched by Russian troops"): the named states that
        fired (possibly none); None when the act is the regime's own or the weapons are not its. ``known``:
        the text has told of such strikes, so "Russian forces fired the missiles" means those weapons."""
        named = [a for a in record["actors"] if not a.get("implied")]
        doers = [a for a in named if a["role"] in spec.party_roles]
        if any(self.is_party(a.get("entity_id")) for a in doers):
            return None
        subject = subject_of(clause_head(trigger))
        if subject is not None and any(self.is_party(e.kb_id_) for e in phrase_entities(subject, deep=False)):
            return None  # "The DPRK (Democratic People's Republic of Korea) launched": its own act
        users = [a for a in doers if self._other_state(a)] + self._agents(trigger)
        if not users and subject is not None:  # "Russian forces struck ...": the state the doers serve
            users = [actor_record("launcher", e) for e in phrase_entities(subject, types=_STATES)]
            users = [a for a in users if self._other_state(a)]
        struck = [a for a in named if a["role"] not in spec.party_roles and self._other_state(a)]
        if not (users or struck):
            # "the missiles launched on Tuesday", after the text told of such strikes: those weapons again
            weapons = frozenset(spec.requires)
            return [] if known and not doers and _the_weapons(trigger, weapons) else None
        # once the text has told of such strikes, "the missiles" fired, or missiles hitting a city, are those
        told_before = known and (
            (bool(users) and _the_weapons(trigger, frozenset(spec.requires))) or not users
        )
        if not told_before and not self._its_weapons(sent, trigger, spec):
            return None
        return users

    def _its_weapons(self, sent: Span, trigger: Token, spec: IncidentKind) -> bool:
        """Whether the sentence marks the weapons as the regime's: a party's name on a weapon noun, or the
        trigger describes what a party sent ("North Korea sent missiles launched by Russian troops")."""
        weapons = frozenset(spec.requires)
        for ent in sent.ents:
            if not self.is_party(ent.kb_id_ or None):
                continue
            head = ent.root.head
            named = entity_of(head)
            weapon = head.lower_ in weapons or (named is not None and entity_type(named) == "program")
            if ent.root.dep_ in _OWNER_DEPS and weapon:
                return True
            if head.dep_ == "agent" and head.head.dep_ == "acl" and head.head.head.lower_ in weapons:
                return True  # "missiles supplied by North Korea"
        if trigger.dep_ in ("acl", "relcl"):
            subject = subject_of(trigger.head.head) if trigger.head.head.i != trigger.head.i else None
            return subject is not None and any(
                self.is_party(e.kb_id_ or None) for e in phrase_entities(subject)
            )
        return False

    def _agents(self, trigger: Token) -> list[ActorRecord]:
        """The states a passive trigger names as its doers ("launched by Russian troops")."""
        verb = clause_head(trigger)
        found = []
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for token in agent.subtree:
                ent = entity_of(token)
                if (
                    ent is not None
                    and (ent.kb_id_ or "").startswith("country:")
                    and not self.is_party(ent.kb_id_)
                ):
                    found.append(actor_record("launcher", ent))
                    break
        return found


def used_after_transfer(trigger: Token, spec: IncidentKind, transfer: IncidentKind) -> bool:
    """Whether the trigger tells what weapons did after a transfer the sentence reports ("supplied missiles,
    some of which have hit targets in Ukraine", "shells it sent that were fired at Kharkiv"): the transfer
    is the act told, the strike is the taker's."""
    if trigger.dep_ not in ("relcl", "acl"):
        return False
    weapons = trigger.head
    return weapons.lower_ in spec.requires and weapons.head.lemma_.lower() in transfer.lemmas


def _the_weapons(trigger: Token, weapons: frozenset[str]) -> bool:
    """Whether the trigger's verb fires weapons named before: "fired the missiles", "one of these"."""
    verb = clause_head(trigger)
    # "the missiles launched on Tuesday": a participle's weapons are the noun it modifies
    tokens = [verb.head, *verb.subtree] if verb.dep_ == "acl" else list(verb.subtree)
    for token in tokens:
        if token.lower_ in weapons and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
            return True
    return False
