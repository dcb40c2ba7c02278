"""Council votes: who voted for, against (a veto) or abstained, the tally, and whether the body voted.

Used by the incidents component for ``council_vote``: a vote is reported as the Council's act ("the Council
adopted", "the resolution was adopted", "13 members voted in favour"); a state's own measures ("the US imposed
sanctions") are no Council vote.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

from watchkeeper.reading.gazetteer import entity_type
from watchkeeper.reading.knowledge import IncidentKind
from watchkeeper.reading.records import ActorRecord, IncidentRecord
from watchkeeper.reading.roles import actor_record, clause_head, phrase_entities, subject_of
from watchkeeper.vocabulary import DatePrecision

_COARSE = frozenset({DatePrecision.MONTH, DatePrecision.QUARTER, DatePrecision.YEAR})

_TALLY = {
    "for": re.compile(
        r"(?P<n>\w+)(?: of the [\w' ]+?members| members| countries| states)?"
        r" (?:voted for|voted in favou?r|in favou?r)",
        re.I,
    ),
    "against": re.compile(r"(?P<n>\w+) (?:against|votes? against)", re.I),
    "abstain": re.compile(r"(?P<n>\w+) abstentions?", re.I),
}


def body_acts(trigger: Token, spec: IncidentKind) -> bool:
    """Whether a vote verb's act is the body's: its subject names the Council, a resolution or its members, or
    the verb is passive ("was adopted unanimously"); other triggers (a veto, "in favour") always are."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in spec.body_lemmas:
        return True
    if trigger.dep_ in ("acl", "relcl") and _describes(trigger, spec):
        return False  # "the arms embargo the Council imposed in 2006": the measure, not its vote
    subject = subject_of(trigger)
    if subject is None and trigger.tag_ == "VBN" and trigger.dep_ in ("acl", "relcl", "amod"):
        # "the resolution, adopted by the 15-member council"; not "sanctions imposed by Japan"
        agents = [t.lower_ for c in trigger.children if c.dep_ == "agent" for t in c.subtree]
        return bool({trigger.head.lower_, *agents} & set(spec.body_words))
    if subject is None:
        return False
    if subject.dep_ == "nsubjpass":
        return subject.lower_ in spec.body_words
    return bool({t.lower_ for t in subject.subtree} & set(spec.body_words))


def cited_vote(trigger: Token, record: IncidentRecord, published: str, spec: IncidentKind) -> bool:
    """Whether a vote is the history of a resolution or measure the text cites, not a vote it reports: a
    clause describing the measure ("an embargo it once voted for"), a parenthesis after a resolution's name
    ("resolution 2375, adopted three months earlier, ..."), or a month or year long before publication
    ("was adopted in December 2017" in a 2024 text). A vote dated to its day is reported, wherever it sits
    ("Resolution 2371, unanimously adopted on 5 August 2017")."""
    if not spec.cited_nouns or record["precision"] == DatePrecision.DAY:
        return False
    if trigger.dep_ in ("acl", "relcl") and _describes(trigger, spec):
        return True
    if _after_resolution_name(trigger):
        return True
    if spec.cited_after_days is None or record["precision"] not in _COARSE:
        return False
    end = date.fromisoformat((record["date_end"] or record["date"])[:10])
    return (date.fromisoformat(published[:10]) - end).days > spec.cited_after_days


def _after_resolution_name(trigger: Token) -> bool:
    """Whether the trigger sits in the comma clause right after a resolution's name and number ("resolutions
    1718 (2006) and 1874 (2009), both adopted with ...")."""
    sent = trigger.sent
    comma = next((t for t in reversed(sent[: trigger.i - sent.start]) if t.text == ","), None)
    if comma is None:
        return False
    name = sent.doc[max(sent.start, comma.i - 12) : comma.i]
    if not name or not (name[-1].like_num or name[-1].text == ")"):
        return False
    numbered = any(t.like_num and len(t.text) in (3, 4) for t in name)
    return numbered and any(t.lower_.startswith("resolution") for t in name)


def _describes(clause: Token, spec: IncidentKind) -> bool:
    """Whether a relative clause describes a measure: its head, the head's head, or the noun just before the
    clause ("the arms embargo the Security Council imposed")."""
    left = clause.head.left_edge.i - 1
    words = [clause.head, clause.head.head, *([clause.doc[left]] if left >= 0 else [])]
    return any(w.lemma_.lower() in spec.cited_nouns for w in words)


def voters(sent: Span, vote_roles: dict[str, list[str]]) -> list[ActorRecord]:
    """The states a sentence names as voting for, against (a veto) or abstaining."""
    actors: list[ActorRecord] = []
    for token in sent:
        word = token.lemma_.lower()
        for role, cues in vote_roles.items():
            hit = word in cues or (
                token.lower_ in cues and token.dep_ in ("prep", "advmod", "pobj", "acomp", "advcl")
            )
            if not hit:
                continue
            verb = clause_head(token)
            subject = subject_of(verb) if token.pos_ != "VERB" or token.dep_ == "advcl" else subject_of(token)
            if token.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
                # "Russia voted against it and China abstained": the parser hangs China on "it"
                before = sent.doc[token.i - 1] if token.i > sent.start else None
                if before is not None and before.ent_type_ and before.dep_ in ("conj", "nsubj", "appos"):
                    subject = before
            if token.pos_ != "VERB" and token.i > sent.start and sent.doc[token.i - 1].ent_type_ == "GPE":
                subject = sent.doc[token.i - 1]  # "with Russia against and China abstaining"
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ in ("its", "their"):
                owner = speaker_of(token)  # "Moscow said that its veto was a principled response"
            if token.pos_ == "NOUN" and owner is not None and owner.ent_type_ == "GPE":
                subject = owner  # "Russia's veto ended the work of the panel"
            ents = phrase_entities(subject, deep=False) if subject is not None else []
            if subject is not None and subject.dep_ == "conj" and role != "voters_against":
                ents = (
                    ents[:1]
                    if ents and ents[0].root.i == subject.i
                    else [e for e in ents if e.root.i == subject.i]
                )
            for ent in ents:
                if entity_type(ent) == "country" and not any(
                    a.get("entity_id") == ent.kb_id_ and a["role"] == role for a in actors
                ):
                    actors.append(actor_record(role, ent))
    return actors


def tally(sent: Span, actors: list[ActorRecord], numbers: dict[str, int]) -> dict[str, int]:
    """Votes for, against and abstaining: the figures a sentence gives, else the states it names."""
    counts: dict[str, int] = {}
    for key, pattern in _TALLY.items():
        m = pattern.search(sent.text)
        if m is not None:
            word = m.group("n").lower()
            value = int(word) if word.isdigit() else numbers.get(word)
            if value is not None:
                counts[key] = value
    roles = {"against": "voters_against", "abstain": "abstaining", "for": "voters_for"}
    for key, role in roles.items():
        named = [a for a in actors if a["role"] == role]
        if key not in counts and named:
            counts[key] = len(named)
    return counts


def speaker_of(token: Token) -> Token | None:
    """The named subject of the nearest verb above ``token`` ("Moscow said that its veto ...")."""
    for ancestor in token.ancestors:
        subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.ent_type_:
            return subject
    return None
