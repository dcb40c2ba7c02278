"""Generic mentions that are not incidents: a practice or a habit.

"The panel documented ship-to-ship transfers" names a kind of act, not one act with a time, a place or an
amount. Each check below looks at one candidate record (with the trigger words of its kind in the sentence)
and returns True when it is such a mention; ``generic`` holds when any does. Measured one by one on the
annotated corpus (docs/reading.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from watchkeeper.reading.extensions import text_of
from watchkeeper.reading.knowledge import GenericCues
from watchkeeper.reading.records import IncidentRecord
from watchkeeper.vocabulary import DatePrecision

NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
NOUNS = frozenset({"NOUN", "PROPN"})


def _unanchored(record: IncidentRecord, cues: GenericCues, sent: Span) -> bool:
    """No date and no amount of its own (a duration, "over fifteen years", is no amount; nor is the number
    of a compound modifier, "the 15-member Council")."""
    if record["precision"] != DatePrecision.PUBLICATION:
        return False
    amounts = [
        q
        for q in record["quantities"]
        if q.get("unit") not in cues.duration_units
        and (q.get("unit") or "").lower() not in cues.tally_units
        and (q.get("unit") or text_of(sent.doc)[q["end"] : q["end"] + 1] != "-")
    ]
    return not amounts


def _noun_of(token: Token) -> Token:
    """The noun a trigger modifies ("ship" in "ship-to-ship transfers" is "transfers")."""
    while token.dep_ in NOUN_MODIFIER_DEPS and token.head.i > token.i and token.head.pos_ in NOUNS:
        token = token.head
    return token


def _named_doer(noun: Token) -> bool:
    """Whether a named state or body does it: the subject of the verb over the noun ("North Korea has sent
    artillery shells"), its possessor ("Russia's deliveries") or its agent ("deliveries by Russia")."""
    verb = next((h for h in noun.ancestors if h.pos_ in ("VERB", "AUX")), None)
    if verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.ent_type_ for c in verb.children):
        return True
    if any(c.dep_ == "poss" and c.ent_type_ for c in noun.children):
        return True
    return any(
        c.dep_ in ("prep", "agent") and c.lower_ == "by" and any(g.ent_type_ for g in c.children)
        for head in (noun, verb)
        if head is not None
        for c in head.children
    )


def plural_practice(record: IncidentRecord, triggers: Sequence[Token], sent: Span, cues: GenericCues) -> bool:
    """Only plural triggers, no named doer, no date or amount: a practice ("documented oil transfers")."""
    nouns = [_noun_of(t) for t in triggers]
    return _unanchored(record, cues, sent) and all(n.tag_ == "NNS" and not _named_doer(n) for n in nouns)


def habitual_statement(
    record: IncidentRecord, triggers: Sequence[Token], sent: Span, cues: GenericCues
) -> bool:
    """A habitual or documenting statement without a date or amount ("the panel documented", "has long")."""
    text = f" {sent.text.lower()} "
    return _unanchored(record, cues, sent) and any(f" {cue} " in text for cue in cues.habitual)


def explainer(record: IncidentRecord, triggers: Sequence[Token], sent: Span, cues: GenericCues) -> bool:
    """A present-tense statement naming no one, with no date or amount: how things work ("A veto by any
    permanent member blocks a resolution"; "Ship-to-ship transfers hide the origin of cargo")."""
    named = [a for a in record["actors"] if not a.get("implied")]
    return _unanchored(record, cues, sent) and not named and sent.root.tag_ in ("VBZ", "VBP")


def doers_not_act(record: IncidentRecord, triggers: Sequence[Token], sent: Span, cues: GenericCues) -> bool:
    """Only the doers are named ("the hackers created ransomware"), doing no act of the kind and taking no
    sum of money."""
    if any(t.lower_ not in cues.agent_nouns for t in triggers):
        return False
    if any(q.get("currency") for q in record["quantities"]):
        return False
    return all(t.head.pos_ in ("VERB", "AUX") and t.dep_ in ("nsubj", "nsubjpass") for t in triggers)


def acts_as_agents(record: IncidentRecord, triggers: Sequence[Token], sent: Span, cues: GenericCues) -> bool:
    """Plural acts told as the doers of something else, with no date or amount ("its cyberattacks were
    generating revenue", "the launches drew condemnation"): what a class of acts does, not one act."""
    return _unanchored(record, cues, sent) and all(
        t.tag_ == "NNS" and t.dep_ == "nsubj" and t.head.pos_ in ("VERB", "AUX") for t in triggers
    )


def debut(record: IncidentRecord, triggers: Sequence[Token], sent: Span, cues: GenericCues) -> bool:
    """A system's debut told as its history, dated by no more than a year ("the KN-23 was first tested in
    2019", "a related design was first tested a few months later"): a description of the weapon, not a
    launch ("first tested in April" is a recent flight)."""
    if record["precision"] not in (DatePrecision.YEAR, DatePrecision.PUBLICATION):
        return False
    return any(
        c.dep_ == "advmod" and c.lower_ in cues.debut_words
        for t in triggers
        if t.pos_ == "VERB"
        for c in t.children
    )


# Each returns True when a candidate record is a generic mention, not an incident.
GENERIC_CHECKS: list[Callable[[IncidentRecord, Sequence[Token], Span, GenericCues], bool]] = [
    plural_practice,
    habitual_statement,
    explainer,
    doers_not_act,
    acts_as_agents,
    debut,
]


def generic(record: IncidentRecord, triggers: Sequence[Token], sent: Span, cues: GenericCues) -> bool:
    """Whether any check calls the record a generic mention."""
    return any(check(record, triggers, sent, cues) for check in GENERIC_CHECKS)
