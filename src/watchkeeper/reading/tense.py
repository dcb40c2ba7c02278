"""The tense of the clause a date sits in: does it speak of the future, the past, or neither?

A yearless date ("on Friday", "in May", "Nov. 16") lies after publication in a preview or schedule and
before it in a report. The clause says which: a future auxiliary ("will", "'ll", "going to"), a plan word in
the present ("plans to", "is scheduled for", "upcoming"), a cue just before the date ("as soon as", "payable",
"effective"), else a verb in the past ("met", "has met"). A clause that looks ahead from a past moment ("would
travel", "planned to leave") is ``prospective``: its weekday is the nearest one, on either side. The cue words
live in ``data/reading/dates.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from watchkeeper.reading.extensions import text_of
from watchkeeper.reading.knowledge import DateLexicon


def tense_of(doc: Doc, lex: DateLexicon) -> Callable[[int, int], str | None]:
    """Whether the clause governing a character span speaks of the ``future``, the ``past``, in the simple
    ``present`` (a schedule, for a weekday), looks ahead from the past (``prospective``), or says nothing
    (None)."""
    future_aux = {w.lower() for w in lex.future_auxiliaries}
    future_words = {w.lower() for w in lex.future_words}
    future_before = tuple(w.lower() for w in lex.future_before)
    deadline_before = tuple(w.lower() for w in lex.deadline_before)

    def tense(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        if span.root.dep_ in ("poss", "compound", "amod", "nmod"):
            return None  # "Tuesday's ruling": the date names a thing, not the clause's time
        before = text_of(doc)[max(0, start - 16) : start].lower().rstrip()
        ancestors = list(span.root.ancestors)
        if before.endswith(future_before) and not (before.endswith("until") and _negated_past(ancestors)):
            return "future"  # but "had not called him a suspect until Thursday" tells when it happened
        if _ends_with_word(before, deadline_before) and not _past(ancestors):
            return "future"  # "to finish by May"; "had risen by Tuesday" is a report
        infinitive = False
        for token in ancestors:
            if token.lemma_.lower() in future_words:
                if _planned(token):
                    return "future"  # "plans to meet on Friday", "is scheduled for May"
                if token.tag_ in ("VBD", "VBN") and (infinitive or token.dep_ == "acl"):
                    # "planned to leave on Thursday", "a service planned for Saturday was cancelled": the
                    # plan is past, the day it names may lie on either side
                    return "prospective"
            if token.pos_ not in ("VERB", "AUX"):
                continue
            verdict = _verb_tense(token, future_aux, future_words)
            if verdict != "infinitive":
                return verdict
            infinitive = True
        return None

    return tense


def _planned(token: Token) -> bool:
    """A plan word in the present ("plans", "is scheduled", "upcoming"), not a past act ("planned", "set")."""
    if token.tag_ == "VBD":
        return False
    if token.tag_ == "VBN":
        return any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP", "VB", "MD") for c in token.children
        )
    return True


def _verb_tense(verb: Token, future_aux: set[str], future_words: set[str]) -> str | None:
    """``future``/``past``/None for one verb; ``infinitive`` when its governor decides ("plans to meet")."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in future_aux for a in aux) or any(
        c.lower_ in future_words and not _place(c) for c in verb.children if c.dep_ == "advmod"
    ):
        return "future"
    if any(a.lower_ == "would" for a in aux) and not any(a.lower_ == "have" for a in aux):
        return (
            "prospective"  # "said he would travel Thursday"; "would have met" is a past that did not happen
        )
    if any(a.tag_ == "TO" for a in aux) or (verb.tag_ == "VB" and not aux):
        return "infinitive"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "had") for a in aux):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") and not aux:
        return "present"  # "they meet Monday": news writes schedules in the simple present
    return None


def _place(word: Token) -> bool:
    """A future word that is a preposition of place ("next to the embassy"), not of time."""
    return word.i + 1 < len(word.doc) and word.nbor().lower_ == "to"


def _negated_past(ancestors: list[Token]) -> bool:
    """The first verb over a date is negated and in the past ("had not ... until", "it was not until")."""
    verb = next((t for t in ancestors if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and any(c.dep_ == "neg" for c in verb.children) and _past(ancestors)


def _ends_with_word(text: str, words: tuple[str, ...]) -> bool:
    """``text`` ends with one of ``words`` as a whole word ("by", not "nearby")."""
    return any(text == w or text.endswith(" " + w) for w in words)


def _past(ancestors: list[Token]) -> bool:
    """The first verb over a date is in the past ("rose", "had risen", "was cut")."""
    verb = next((t for t in ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "had") for a in aux)
