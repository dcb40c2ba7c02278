"""Reports of acts that did not happen (yet): plans, hypotheticals, conditions and statements of law.

"North Korea plans to launch a satellite", "Pyongyang could transfer more shells", "if it launches",
"resolutions ban the DPRK from exporting coal", "a cap on coal exports": each names an act of an incident
kind, but none reports one. Each check looks at the trigger and the verbs above it in its sentence; the cue
words are data (``unreal`` in ``data/reading/incidents.yaml``). A report dated in the past keeps its incident
even under a modal ("it would be the fourth launch after one on April 15": April 15 happened).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from watchkeeper.reading.knowledge import UnrealCues
from watchkeeper.reading.records import IncidentRecord
from watchkeeper.vocabulary import DatePrecision


def _governors(trigger: Token) -> Iterator[Token]:
    """The trigger and the words above it within its sentence, nearest first."""
    yield trigger
    yield from trigger.ancestors


def _verbs(trigger: Token) -> Iterator[Token]:
    return (t for t in _governors(trigger) if t.pos_ in ("VERB", "AUX"))


def _clause_verbs(trigger: Token) -> list[Token]:
    """The trigger's verb and the one above it, passing over conjoined verbs, which share their head's
    auxiliaries ("would allow the missile to be hidden and launched")."""
    verbs: list[Token] = []
    counted = 0
    for verb in _verbs(trigger):
        verbs.append(verb)
        counted += verb.dep_ != "conj"
        if counted == 2:
            break
    return verbs


def _dated_past(record: IncidentRecord, published: str) -> bool:
    """A date of its own before the publication date: the act happened, whatever the clause around it says."""
    return record["precision"] != DatePrecision.PUBLICATION and record["date"] < published


def modal(trigger: Token, record: IncidentRecord, published: str, cues: UnrealCues) -> bool:
    """A modal over the trigger's verb ("could transfer", "will launch"), unless the clause is perfect
    ("may have carried" reports a past act) or the act has a past date of its own."""
    if _dated_past(record, published):
        return False
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.pos_ == "NOUN":
        return False  # "the transfer would breach the embargo": the act is given, its consequence is modal
    for verb in _clause_verbs(trigger):
        auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a in cues.modals for a in auxes) and "have" not in auxes:
            return True
        if verb.tag_ == "VBD" or {"have", "has", "had"} & set(auxes):
            return False  # "that would mean it had been procured": an inference about a past act
    return False


def planned(trigger: Token, record: IncidentRecord, published: str, cues: UnrealCues) -> bool:
    """A plan or threat over the trigger ("plans to launch", "is expected to vote on Wednesday": a weekday
    resolved into the past does not make it happen), or a date after publication ("opens on May 31")."""
    if record["date"] > published and record["precision"] != DatePrecision.PUBLICATION:
        return True
    return any(t.lemma_.lower() in cues.plan_lemmas for t in _planners(trigger))


def _planners(trigger: Token) -> Iterator[Token]:
    """The words that could make the trigger a plan: its own verb ("a launch is expected"), and the words
    whose complement that verb is ("plans to launch", "is preparing to fire", "ready to vote")."""
    verb = next(_verbs(trigger), trigger)
    yield verb
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        yield verb.head.head  # "capable of hitting Guam"
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
        yield verb


def possible(trigger: Token, record: IncidentRecord, published: str, cues: UnrealCues) -> bool:
    """A possible or coming act named by its noun ("signs of a possible launch", "an imminent test"), or
    any act of the kind ("any launch would be a violation")."""
    return any(c.dep_ in ("amod", "det") and c.lower_ in cues.possible for c in trigger.children)


def conditional(trigger: Token, record: IncidentRecord, published: str, cues: UnrealCues) -> bool:
    """A condition over the trigger's clause ("if it launches", "whether Russia delivered")."""
    for verb in list(_verbs(trigger))[:2]:
        if any(c.dep_ == "mark" and c.lower_ in cues.conditionals for c in verb.children):
            return True
    return False


def statement_of_law(trigger: Token, record: IncidentRecord, published: str, cues: UnrealCues) -> bool:
    """The trigger is what a ban, cap or prohibition is about ("banned from exporting coal", "a cap on coal
    exports", "a ban on missile launches"), not an act."""
    return any(t.lemma_.lower() in cues.law_lemmas for t in trigger.ancestors)


def negated(trigger: Token, record: IncidentRecord, published: str, cues: UnrealCues) -> bool:
    """The trigger's own verb is negated ("ships have not docked there since February", "did not launch")."""
    verb = next(_verbs(trigger), None)
    return verb is not None and any(c.dep_ == "neg" for c in verb.children)


# Each returns True when a trigger reports no act that happened.
UNREAL_CHECKS: list[Callable[[Token, IncidentRecord, str, UnrealCues], bool]] = [
    negated,
    modal,
    possible,
    planned,
    conditional,
    statement_of_law,
]


def unreal(trigger: Token, record: IncidentRecord, published: str, cues: UnrealCues) -> bool:
    """Whether any check calls the trigger's report a plan, a hypothesis, a condition or a rule."""
    return any(check(trigger, record, published, cues) for check in UNREAL_CHECKS)
