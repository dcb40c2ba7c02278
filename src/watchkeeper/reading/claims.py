"""The claims component: who accuses whom of what, and who denies it.

A claim is a cue verb (``data/reading/cues.yaml``: accuse, allege, condemn ... asserts; deny, reject, dismiss
... denies) with its subject as claimant and its object as the accused; a denial's accused is the claimant
itself unless it names another. "say"-type verbs make a claim only when their clause carries an accusation
word, or a denial word ("groundless", "fabrication"). The act is an incident kind when an incident trigger is
in the clause, the act of the last asserted claim for "denied the accusations", else the clause's words.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import watchkeeper.reading.extensions  # noqa: F401  (registers the Doc attributes)
from watchkeeper.reading.extensions import text_of
from watchkeeper.reading.gazetteer import entity_type
from watchkeeper.reading.knowledge import Cues, IncidentLexicon, load_knowledge
from watchkeeper.reading.records import ActorRecord, ClaimRecord, IncidentRecord, SpanRecord
from watchkeeper.reading.roles import (
    clause_head,
    direct_objects,
    entity_of,
    phrase_entities,
    span_record,
    subject_of,
)
from watchkeeper.vocabulary import IncidentStatus, Polarity

# Who a claim accuses: entity spans it names, or actors of the incident it reports.
Accused = list[Span] | list[ActorRecord]

ANAPHORIC_ACTS = frozenset(
    {
        "accusation",
        "accusations",
        "allegation",
        "allegations",
        "charge",
        "charges",
        "claims",
        "report",
        "reports",
    }
)
MAX_ACT_WORDS = 14
# Verbs that make a claim of an alleged incident reported in their sentence, and who is accused of it.
REPORTS_INCIDENT = frozenset(
    {"say", "tell", "report", "estimate", "attribute", "show", "add", "believe", "find"}
)
PRINCIPAL_ROLES = ("perpetrator", "from", "supplier", "launcher", "vessel")
# Objects that turn "call" / "describe" into a denial: "Moscow calls the accusations Western propaganda".
DISMISSED = frozenset(
    {"accusation", "accusations", "allegation", "allegations", "report", "reports", "claim", "claims"}
)
PARTNER = frozenset({"with", "alongside"})
# Children of a subject's head that name it: "KCNA news agency", "the state news agency, KCNA".
NAMING_DEPS = frozenset({"compound", "appos"})
MISSILE_WORDS = frozenset({"missile", "missiles", "launch", "launches"})


class ClaimsComponent:
    """Finds accusations and denials; sets ``doc._.claims`` (plain dicts with character spans)."""

    def __init__(self, name: str, cues: Cues, incidents: IncidentLexicon, states: dict[str, str]) -> None:
        self.name = name
        self.states = states
        self.role_nouns = frozenset(cues.role_nouns)
        self.reporting = frozenset(cues.claims.reporting)
        self.collective = frozenset(cues.claims.collective_nouns)
        self.anaphoric = frozenset(cues.claims.anaphoric_nouns)
        self.asserts = frozenset(cues.claims.asserts)
        self.denies = frozenset(cues.claims.denies)
        self.denial_phrases = [p.lower() for p in cues.claims.denial_phrases]
        self.dismissal_words = frozenset(p.rstrip("s") for p in self.denial_phrases if " " not in p)
        self.accusation_words = frozenset(cues.claims.accusation_words)
        self.accusation_lemmas = self.accusation_words | {
            lemma for spec in incidents.kinds.values() for lemma in spec.lemmas
        }
        self.pronouns = frozenset(cues.speaker_pronouns) | {"its", "their"}
        self.kind_phrases = {
            kind: [p.lower() for p in spec.phrases] for kind, spec in incidents.kinds.items()
        }
        self.kind_lemmas = {kind: set(spec.lemmas) for kind, spec in incidents.kinds.items()}

    def __call__(self, doc: Doc) -> Doc:
        claims: list[ClaimRecord] = []
        last_act: str | None = None
        last_subject: list[Span] = []
        previous: Span | None = None  # the state or body the previous sentence was about
        for sent in doc.sents:
            seen: set[tuple[str, str]] = set()
            reported: list[IncidentRecord] = [
                i
                for i in (doc._.incidents or [])
                if i["status"] != IncidentStatus.CONFIRMED
                and any(s < sent.end_char and sent.start_char < e for s, e in i["mentions"])
            ]
            for token in sent:
                polarity = self._polarity(token)
                if polarity is None and reported and token.lemma_.lower() in REPORTS_INCIDENT:
                    polarity = Polarity.ASSERTS  # "the White House said North Korea had delivered munitions"
                other, direct = None, True
                if polarity is None and token.pos_ == "VERB" and token.lemma_.lower() in self.reporting:
                    # "the ambassador said Russia had acted to silence the Panel": a state or body's conduct
                    found = self._reported_actor(token)
                    other, direct = found if found is not None else (None, True)
                    polarity = Polarity.ASSERTS if other is not None else None
                if polarity is None and _according_to(token) is not None:
                    polarity = Polarity.ASSERTS if reported or self._accuses(sent) else None
                if polarity is None:
                    continue
                subject = _according_to(token) or subject_of(token)
                if subject is None and token.dep_ == "acl" and token.head.dep_ in ("dobj", "pobj"):
                    subject = subject_of(clause_head(token.head))  # "issued a joint statement naming ..."
                if token.tag_ == "VBG" and token.dep_ == "advcl" and not _has_subject(token):
                    subject = subject_of(sent.root)  # "Moscow said ..., rejecting accusations that ..."
                if subject is not None and subject.dep_ == "nsubjpass":
                    # "denied by both Moscow and Pyongyang" claims for the agent; "Russia is said to have
                    # supplied ..." names the accused, not who says it
                    subject = _agent(token)
                elif subject is None and token.i > sent.start and doc[token.i - 1].pos_ in ("NOUN", "PROPN"):
                    # "..., South Korea's defence minister said" parsed as an apposition
                    subject = doc[token.i - 1]
                if subject is not None and subject.lower_ == "it" and previous is not None:
                    claimants = [previous]  # "North Korea has not commented. It routinely rejects ..."
                else:
                    claimants = self._claimants(subject, last_subject, token, sent)
                if not claimants or (other is not None and any(c.kb_id_ == other.kb_id_ for c in claimants)):
                    continue
                if other is not None and not direct and any(entity_type(c) != "country" for c in claimants):
                    continue  # a state speaking of another state's doings; a body or person needs more
                last_subject = claimants
                clause = doc[token.left_edge.i : token.right_edge.i + 1]
                act = self._act(clause, last_act if polarity == Polarity.DENIES else None)
                accused: Accused = self._accused(token, claimants, polarity, clause)
                if reported and polarity == Polarity.ASSERTS and act not in self.kind_phrases:
                    act = reported[0]["kind"]
                if reported and polarity == Polarity.ASSERTS and not accused:
                    accused = [a for a in reported[0]["actors"] if a["role"] in PRINCIPAL_ROLES][:1]
                if polarity == Polarity.ASSERTS and _ids(accused) and _ids(accused) <= _ids(claimants):
                    continue  # "North Korea said it had tested a missile" reports itself; it accuses no one
                if polarity == Polarity.ASSERTS:
                    last_act = act
                start, end = self._span(token, subject)
                sides: list[tuple[list[Span], Polarity, Accused]] = [(claimants, polarity, accused)]
                sources = self._dismissed_sources(token, claimants) if polarity == Polarity.DENIES else []
                if sources and subject is not None:
                    # "KCNA dismissed the reports as a US fabrication": KCNA accuses the US; its state denies
                    deniers = self._represented_states(subject) or claimants
                    sides = [(claimants, Polarity.ASSERTS, sources), (deniers, Polarity.DENIES, [])]
                for who, side, against in sides:
                    for claimant in who:
                        key = (claimant.kb_id_ or claimant.text, side)
                        if key not in seen:
                            seen.add(key)
                            claims.append(
                                {
                                    "start": start,
                                    "end": end,
                                    "text": text_of(doc)[start:end],
                                    "sent_start": sent.start_char,
                                    "sent_end": sent.end_char,
                                    "cue": token.text,
                                    "act": act,
                                    "polarity": side,
                                    "claimant": span_record(claimant),
                                    "accused": _accused_records(claimant, side, against),
                                }
                            )
            about = subject_of(sent.root)
            about_ent = entity_of(about) if about is not None else None
            if about_ent is not None and entity_type(about_ent) in ("country", "org"):
                previous = about_ent
            elif about is None or about.lower_ != "it":
                previous = None
        doc._.claims = claims
        return doc

    def _polarity(self, token: Token) -> Polarity | None:
        if token.pos_ not in ("VERB", "AUX"):
            return None
        lemma = token.lemma_.lower()
        clause_words = {t.lower_ for t in token.subtree}
        clause_text = " ".join(t.lower_ for t in token.subtree)
        if lemma in self.denies:
            return Polarity.DENIES
        if lemma in self.reporting:
            objects = {c.lower_ for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
            if any(p in clause_text for p in self.denial_phrases) or objects & DISMISSED:
                return Polarity.DENIES
            if self._negated_act(token):
                return (
                    Polarity.DENIES
                )  # "Pyongyang says it has never sent arms", "ties that breach no obligation"
            return Polarity.ASSERTS if clause_words & self.accusation_words else None
        return Polarity.ASSERTS if lemma in self.asserts else None

    def _reported_actor(self, verb: Token) -> tuple[Span, bool] | None:
        """The state or body whose conduct a reported clause states ("said Russia had acted ..."), and whether
        it is the clause's subject (else a state named inside it: "say the proceeds help pay for Pyongyang's
        weapons")."""
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            subject = subject_of(clause)
            ent = entity_of(subject) if subject is not None else None
            if ent is not None and entity_type(ent) in ("country", "org"):
                return ent, True
            if subject is not None and subject.lower_ in self.pronouns:
                continue  # "Seoul said it would work with Washington": the speaker on itself
            for inner in clause.subtree:
                ent = entity_of(inner)
                # "discussions had begun with the United States and Japan": partners, not the accused
                if ent is not None and entity_type(ent) == "country" and not _within(inner, verb, PARTNER):
                    return ent, False
        return None

    def _dismissed_sources(self, verb: Token, claimants: list[Span]) -> list[Span]:
        """Who a dismissal blames: "a US fabrication", "fabrications spread by Washington and Seoul"."""
        mine = {c.kb_id_ for c in claimants}
        found: list[Span] = []
        for word in verb.subtree:
            if word.pos_ != "NOUN" or word.lower_.rstrip("s") not in self.dismissal_words:
                continue  # a fabrication, a smear: what someone made up
            for token in word.subtree:
                ent = entity_of(token)
                if (
                    ent is not None
                    and entity_type(ent) in ("country", "org")
                    and ent.kb_id_ not in mine
                    and not _within(token, word, DISMISSED)  # "reports of deliveries from North Korea"
                    and all(f.kb_id_ != ent.kb_id_ for f in found)
                ):
                    found.append(ent)
        return found

    def _accuses(self, sent: Span) -> bool:
        return any(t.lower_ in self.accusation_words for t in sent)

    def _negated_act(self, verb: Token) -> bool:
        """Whether the verb's clause negates an accused act: "never sent", "do not break", "breach no"."""
        for token in verb.subtree:
            if token.i == verb.i or not (token.dep_ == "neg" or token.lower_ in ("never", "no")):
                continue
            target = token.head.head if token.lower_ == "no" else token.head
            predicate = target.pos_ == "VERB" or target.dep_ in ("ROOT", "ccomp", "conj")
            if (
                predicate
                and target.i != verb.i
                and (
                    target.lemma_.lower() in self.accusation_lemmas or target.lower_ in self.accusation_words
                )
            ):
                return True
        return False

    def _claimants(self, subject: Token | None, last: list[Span], verb: Token, sent: Span) -> list[Span]:
        if subject is None:
            return []
        if subject.lower_ in self.pronouns:
            return last[:1]
        if subject.lemma_.lower() in self.anaphoric and any(
            c.lower_ in ("the", "its", "their", "this") for c in subject.children
        ):
            # "the bureau attributed ...", "according to the report": the last body that claimed
            return [c for c in last if entity_type(c) == "org"][:1]
        if subject.lemma_.lower() in self.collective and any(
            c.lower_ in ("both", "two") for c in subject.children
        ):
            # "Both countries have denied that Pyongyang supplies weapons to Moscow"
            clause = verb.doc[verb.left_edge.i : verb.right_edge.i + 1]
            named = [e for e in clause.ents if entity_type(e) == "country"]
            states: list[Span] = []
            for ent in named:
                if all(s.kb_id_ != ent.kb_id_ for s in states):
                    states.append(ent)
            return states if len(states) >= 2 else []
        naming = [entity_of(t) for t in (subject, *subject.children) if t is subject or t.dep_ in NAMING_DEPS]
        represented = self._represented_states(subject)
        if represented and not any(e is not None and entity_type(e) == "org" for e in naming):
            # "Russia's ambassador, Vassily Nebenzia"; not "North Korea's KCNA news agency"
            return represented
        # "a UK-based research group" is not the United Kingdom
        ents = [e for e in phrase_entities(subject) if not _qualifier(e)]
        # "Both Russia and North Korea", "Washington and Seoul": every conjunct claims
        heads = {subject.i, *(c.i for c in subject.conjuncts)}
        conj = [e for e in ents if e.root.i in heads or (e.root.head.i in heads and e.root.dep_ == "appos")]
        return [self._for_state(e) for e in conj or ents[:1]]

    def _for_state(self, ent: Span) -> Span:
        """The state a claimant speaks for ("the White House" → the United States), else itself."""
        state = self.states.get(ent.kb_id_)
        return Span(ent.doc, ent.start, ent.end, label="GPE", kb_id=state) if state else ent

    def _represented_states(self, subject: Token) -> list[Span]:
        """The states a role noun of the subject phrase names: "Russia's ambassador, Vassily Nebenzia",
        "US and South Korean officials", "the defence ministry in Seoul"."""
        found: list[Span] = []
        for token in subject.subtree:
            if token.lower_ not in self.role_nouns or entity_of(token) is not None:
                continue
            for child in token.children:
                slots = [child] if child.dep_ in ("poss", "compound", "amod", "nmod") else []
                if child.dep_ == "prep" and child.lower_ in ("in", "of", "from"):
                    slots = [c for c in child.children if c.dep_ == "pobj"]
                for slot in slots:
                    for head in (slot, *slot.conjuncts):
                        ent = entity_of(head)
                        if ent is None:
                            continue
                        state = self._for_state(ent)
                        if entity_type(state) == "country" and all(f.kb_id_ != state.kb_id_ for f in found):
                            found.append(state)
        return found

    def _accused(self, verb: Token, claimants: list[Span], polarity: Polarity, clause: Span) -> list[Span]:
        named = {(c.start, c.end) for c in claimants}
        objects = [
            o for o in direct_objects(verb) if (o.start, o.end) not in named and entity_type(o) != "place"
        ]
        if objects or polarity == Polarity.DENIES:
            return objects
        claimant_ids = {c.kb_id_ or c.text for c in claimants}
        for ent in clause.ents:
            if entity_type(ent) == "country" and (ent.kb_id_ or ent.text) not in claimant_ids:
                return [ent]
        return []

    def _act(self, clause: Span, previous: str | None) -> str:
        text = clause.text.lower()
        words = {t.lower_ for t in clause}
        for kind, phrases in self.kind_phrases.items():
            named = any(p in text for p in phrases) or any(
                t.lemma_.lower() in self.kind_lemmas[kind] for t in clause
            )
            if named and (kind != "missile_launch" or words & MISSILE_WORDS):
                return kind
        if previous and any(t.lower_ in ANAPHORIC_ACTS for t in clause):
            return previous
        kept = [t.text for t in clause if not t.is_punct]
        return " ".join(kept[:MAX_ACT_WORDS])

    @staticmethod
    def _span(verb: Token, subject: Token | None) -> tuple[int, int]:
        first = min(verb.left_edge.i, subject.left_edge.i if subject is not None else verb.i)
        last = verb.right_edge.i
        doc = verb.doc
        while last > first and doc[last].is_punct and doc[last].text not in ".":
            last -= 1
        return doc[first].idx, doc[last].idx + len(doc[last].text)


def _accused_records(claimant: Span, polarity: Polarity, accused: Accused) -> list[SpanRecord | ActorRecord]:
    """Who a claim accuses, as records: a denial with no one else named accuses the claimant itself."""
    if not accused:
        return [span_record(claimant)] if polarity == Polarity.DENIES else []
    return [a if isinstance(a, dict) else span_record(a) for a in accused]


def _within(token: Token, top: Token, words: frozenset[str]) -> bool:
    """Whether one of ``words`` lies on the path from ``token`` up to ``top``."""
    for ancestor in token.ancestors:
        if ancestor.i == top.i:
            return False
        if ancestor.lower_ in words:
            return True
    return False


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _ids(entities: Accused) -> set[str]:
    return {str(e["entity_id"] if isinstance(e, dict) else e.kb_id_ or e.text) for e in entities}


def _qualifier(ent: Span) -> bool:
    """Whether an entity only qualifies a noun: "UK-based", "London-based"."""
    after = ent.doc[ent.end : ent.end + 2]
    return after.text.replace(" ", "").lower().startswith(("-based", "based"))


def _according_to(token: Token) -> Token | None:
    """The object of "according to" when ``token`` is its "according"."""
    if token.lower_ != "according":
        return None
    for to in (c for c in token.children if c.lower_ == "to"):
        for pobj in (c for c in to.children if c.dep_ == "pobj"):
            return pobj
    return None


def _agent(verb: Token) -> Token | None:
    """The agent of a passive verb: "denied by both Moscow and Pyongyang"."""
    for by in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in (c for c in by.children if c.dep_ == "pobj"):
            return pobj
    return None


@Language.factory(
    "wk_claims",
    default_config={"data_dir": None},
    requires=[
        "doc._.incidents",
        "doc.sents",
        "doc.ents",
        "token.dep",
        "token.head",
        "token.lemma",
        "token.tag",
    ],
    assigns=["doc._.claims"],
)
def make_claims(nlp: Language, name: str, data_dir: str | None) -> ClaimsComponent:
    """The claims component with the cue and incident lexicons of ``data_dir`` (default: packaged)."""
    knowledge = load_knowledge(data_dir)
    return ClaimsComponent(name, knowledge.cues, knowledge.incidents, knowledge.gazetteer.states())
