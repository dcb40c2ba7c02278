"""Who does what in a clause: the entities that fill a verb's subject, object and prepositional slots.

Shared by the quotes, claims and incidents components; everything works on the dependency parse and on the
entities the gazetteer and the statistical NER set (``doc.ents``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from watchkeeper.reading.gazetteer import entity_type
from watchkeeper.reading.records import ActorRecord, SpanRecord

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
ACTOR_TYPES = frozenset({"person", "org", "country"})
# Prefer a named person over an organisation over a country when one phrase names several.
SPEAKER_RANK = {"person": 0, "org": 1, "country": 2}


def entity_of(token: Token) -> Span | None:
    """The entity span a token belongs to, if any."""
    if token.ent_iob_ == "O":
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def clause_head(token: Token) -> Token:
    """The nearest verb or auxiliary governing ``token`` (itself when it is one)."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def subject_of(verb: Token) -> Token | None:
    """The verb's grammatical subject, inherited through conjunctions, participles and xcomp."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if current.dep_ in ("conj", "xcomp", "advcl", "acl", "ccomp") and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "appos", "det", "conj"})


def _modifier_subtree(token: Token, prepositions: frozenset[str]) -> list[Token]:
    """The token and its modifiers, recursively, entering only the given prepositions' phrases ("shells to
    Russia", "the Russian army"; not the "Ukraine" of "shells for the war in Ukraine")."""
    found, todo = [], [token]
    while todo:
        t = todo.pop()
        found.append(t)
        todo.extend(
            c
            for c in t.children
            if c.dep_ in MODIFIER_DEPS or c.dep_ == "pobj" or (c.dep_ == "prep" and c.lower_ in prepositions)
        )
    return sorted(found, key=lambda t: t.i)


def phrase_entities(
    token: Token,
    *,
    types: frozenset[str] = ACTOR_TYPES,
    deep: bool = True,
    prepositions: frozenset[str] | None = None,
) -> list[Span]:
    """Entities a noun phrase names: the head, its conjuncts and appositions ("Washington and Seoul"); when
    ``deep``, failing those, any entity inside the phrase (when ``prepositions`` are given, only inside its
    modifiers and those prepositions' phrases)."""
    heads = [token, *token.conjuncts]
    found: list[Span] = []
    for head in heads:
        candidates = [head, *[c for c in head.children if c.dep_ == "appos"]]
        for cand in candidates:
            ent = entity_of(cand)
            if ent is not None and entity_type(ent) in types and ent not in found:
                found.append(ent)
    if not found and deep:
        # "a spokesperson for the JCS", "Russia's ambassador": the entity inside the phrase
        for t in token.subtree if prepositions is None else _modifier_subtree(token, prepositions):
            ent = entity_of(t)
            if ent is not None and entity_type(ent) in types and ent not in found:
                found.append(ent)
    return sorted(found, key=lambda e: SPEAKER_RANK.get(entity_type(e), 9)) if found else []


def prep_objects(
    verb: Token, prepositions: set[str], *, types: frozenset[str] = ACTOR_TYPES
) -> dict[str, list[Span]]:
    """Entities after the given prepositions in the verb's clause ("from Pyongyang", "to Russia")."""
    out: dict[str, list[Span]] = {}
    for child in verb.subtree:
        if child.dep_ == "prep" and child.lower_ in prepositions and clause_head(child.head) == verb:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                for ent in phrase_entities(pobj, types=types):
                    out.setdefault(child.lower_, []).append(ent)
    return out


def direct_objects(
    verb: Token, *, types: frozenset[str] = ACTOR_TYPES, prepositions: frozenset[str] | None = None
) -> list[Span]:
    """Entities that are the verb's direct or indirect object (inside the object phrase, only behind the
    given ``prepositions`` when they are given)."""
    found: list[Span] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj", "attr"):
            ents = phrase_entities(child, types=types, prepositions=prepositions)
            found.extend(e for e in ents if e not in found)
    return found


def span_record(span: Span) -> SpanRecord:
    """An entity span as plain data (what the components store on the Doc)."""
    return {
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "label": span.label_,
        "entity_id": span.kb_id_ or None,
        "type": entity_type(span),
    }


def actor_record(role: str, span: Span) -> ActorRecord:
    """An entity span in an incident role."""
    return {
        "role": role,
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "label": span.label_,
        "entity_id": span.kb_id_ or None,
        "type": entity_type(span),
    }


def char_token(doc: Doc, char: int) -> Token | None:
    """The token covering a character offset, if any."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
