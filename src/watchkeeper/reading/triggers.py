"""The words that report an incident of each kind in a sentence: lemma triggers and phrases.

A kind's ``lemmas`` match a token's lemma when one of its ``requires`` words is near and none of its
``excludes``; its ``phrases`` match the lower-cased sentence as whole words. A trigger that its own modifier
or verb makes another act ("nuclear test", "fired 100 artillery shells", "munitions enterprises") is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from watchkeeper.reading.knowledge import IncidentKind
from watchkeeper.reading.roles import char_token, clause_head
from watchkeeper.reading.votes import body_acts


@dataclass(frozen=True)
class TriggerWords:
    """One kind's trigger words as sets and compiled patterns."""

    lemmas: frozenset[str]
    requires: frozenset[str]
    excludes: frozenset[str]
    phrases: tuple[tuple[str, re.Pattern[str]], ...]
    requires_phrases: re.Pattern[str] | None

    @classmethod
    def of(cls, spec: IncidentKind) -> TriggerWords:
        """The sets and patterns of ``spec``'s words."""
        required = "|".join(re.escape(p) for p in spec.requires_phrases)
        return cls(
            frozenset(spec.lemmas),
            frozenset(spec.requires),
            frozenset(spec.excludes),
            tuple((p, re.compile(rf"(?<!\w){re.escape(p)}")) for p in spec.phrases),
            re.compile(rf"\b(?:{required})\b") if required else None,
        )


def other_act(token: Token, spec: IncidentKind) -> bool:
    """A trigger its own modifier makes another act: "nuclear test", "engine test", "artillery fire"."""
    if token.dep_ in ("compound", "poss", "amod") and token.head.lemma_.lower() in spec.other_heads:
        return True  # "munitions enterprises": where arms are made, not a transfer; "stolen identities"
    if token.tag_ == "VBN" and _participle_of(token) in spec.other_heads:
        return True  # "stolen or invented identities", however the parser hangs the participle
    if token.pos_ == "NOUN" and clause_head(token).lemma_.lower() in spec.other_verbs:
        return True  # "fired 100 artillery shells": shelling, not a transfer
    return any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in spec.other_acts for c in token.children)


def _participle_of(token: Token) -> str | None:
    """The noun (lemma) a participle stands before as an adjective ("stolen or invented identities")."""
    for after in token.doc[token.i + 1 : min(token.sent.end, token.i + 4)]:
        if after.pos_ in ("NOUN", "PROPN"):
            return after.lemma_.lower()
        if after.pos_ not in ("CCONJ", "ADJ", "VERB"):
            return None
    return None


def find_triggers(
    sent: Span, spec: IncidentKind, words: TriggerWords, text: str, lemmas: list[str]
) -> list[Token]:
    """The tokens of ``sent`` that report an act of ``spec``'s kind (``text`` and ``lemmas``: the sentence
    lower-cased and its tokens' lemmas, computed once per sentence)."""
    found: list[Token] = []
    if words.requires_phrases is not None and not words.requires_phrases.search(text):
        return []  # whole words: "shipped" is not "ship"
    for token, lemma in zip(sent, lemmas, strict=True):
        if lemma not in words.lemmas:
            continue
        window = sent.doc[max(sent.start, token.i - spec.window) : min(sent.end, token.i + spec.window + 1)]
        others = [t for t in window if t.i != token.i]  # a trigger does not vouch for itself
        near = {t.lemma_.lower() for t in others} | {t.lower_ for t in others} | {t.ent_type_ for t in others}
        if (
            (not words.requires or near & words.requires)
            and not near & words.excludes
            and not other_act(token, spec)
            and body_acts(token, spec)
        ):
            found.append(token)
    for phrase, pattern in words.phrases:
        if phrase not in text:
            continue  # a substring test first: most sentences hold none of a kind's phrases
        for m in pattern.finditer(text):  # "munitions", not "submunitions"
            at = char_token(sent.doc, sent.start_char + m.start())
            if at is None or at in found or other_act(at, spec):
                continue
            last = char_token(sent.doc, sent.start_char + m.end() - 1) if spec.other_heads else None
            if last is not None and other_act(last, spec):
                continue
            found.append(at)
    return sorted(found, key=lambda t: t.i)
