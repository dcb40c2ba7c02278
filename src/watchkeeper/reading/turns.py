"""Speech set out by the speaker's name rather than a verb: transcript turns inside a quoted transcript
(`"SMITH: ... JONES: ..."`, each turn a quote of its own) and signatures after a dash (`"..." ― Name`)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from watchkeeper.reading.extensions import text_of
from watchkeeper.reading.gazetteer import entity_type
from watchkeeper.reading.quotemarks import QuoteMarks
from watchkeeper.reading.records import QuoteRecord
from watchkeeper.reading.roles import ACTOR_TYPES, entity_of, span_record
from watchkeeper.reading.speakers import Speaker, description_record

DASHES = "―—–-"
# A turn opens a paragraph of the transcript with the speaker's name in capitals and a colon.
TURN = re.compile(r"(?:^|\n)[ \t\"“]*([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):[ \t]+")
QUOTE_MARKS = '"“”«» \n\t\u00a0'


def transcript_turns(doc: Doc, mark: QuoteMarks) -> list[QuoteRecord]:
    """The turns of a quoted transcript, one quote each, spoken by the name before the colon (none when the
    quoted passage does not open with a turn)."""
    inner_start = mark.open + 1
    inner = text_of(doc)[inner_start : mark.close]
    found = list(TURN.finditer(inner))
    if not found or found[0].start() != 0:
        return []
    turns: list[QuoteRecord] = []
    for k, match in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(inner)
        words = inner[match.end() : end].rstrip(QUOTE_MARKS)
        start = inner_start + match.end()
        name = doc.char_span(
            inner_start + match.start(1), inner_start + match.end(1), alignment_mode="expand"
        )
        if not words or name is None:
            continue
        sent = doc.char_span(start, start + 1, alignment_mode="expand")
        turns.append(
            {
                "start": start,
                "end": start + len(words),
                "text": words,
                "sent_start": sent[0].sent.start_char if sent is not None else start,
                "sent_end": sent[0].sent.end_char if sent is not None else start + len(words),
                "cue": ":",
                "speaker": {**description_record(name), "type": "person"},
                "fragments": [{"start": start, "end": start + len(words), "text": words}],
                "source": {
                    "start": name.start_char,
                    "end": name.end_char,
                    "text": name.text,
                    "kind": "named",
                },
            }
        )
    return turns


def signature(doc: Doc, close: int) -> Speaker | None:
    """`"..." ― Name`: a name after a dash that follows the closing mark signs the quote (a run of proper
    nouns when the entity recogniser missed the name)."""
    rest = text_of(doc)[close + 1 : close + 6]
    if not rest.strip() or rest.lstrip()[0] not in DASHES:
        return None
    at = close + 1 + len(rest) - len(rest.lstrip()) + 1
    while at < len(text_of(doc)) and text_of(doc)[at] in DASHES + " \u00a0":
        at += 1
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    ent = entity_of(span[0])
    if ent is not None and entity_type(ent) in ACTOR_TYPES:
        return Speaker(span_record(ent), ent, "named")
    if ent is not None or span[0].pos_ != "PROPN":
        return None
    end = span[0].i
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and not doc[end + 1].is_sent_start:
        end += 1
    name: Span = doc[span[0].i : end + 1]
    return Speaker({**description_record(name), "type": "person"}, name, "named")
