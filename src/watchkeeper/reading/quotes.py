"""The quotes component: direct and partial quotes and who said them.

Quotation marks are paired in the text (straight and curly; a quote left open at a paragraph's end continues
when the next paragraph opens with a quotation mark). The speaker is the subject of the nearest speech verb
in the quote's sentences (``data/reading/cues.yaml``) or the object of "according to"; an appositive names the
person ("Russia's UN ambassador, Vassily Nebenzia, said"); pronouns and role nouns ("he said", "the ambassador
added") resolve to the last named speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import watchkeeper.reading.extensions  # noqa: F401  (registers the Doc attributes)
from watchkeeper.reading.gazetteer import entity_type
from watchkeeper.reading.knowledge import Cues, load_knowledge
from watchkeeper.reading.records import QuoteRecord
from watchkeeper.reading.roles import ACTOR_TYPES, entity_of, phrase_entities, span_record, subject_of

OPENING = {"“": "”", '"': '"', "«": "»"}
MIN_WORDS = 1


@dataclass(frozen=True)
class QuoteMarks:
    """A quoted passage: offsets of the opening and closing marks."""

    open: int
    close: int


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Balanced quoted passages, multi-paragraph ones included."""
    found: list[QuoteMarks] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in OPENING and (char != '"' or i == 0 or not text[i - 1].isalnum()):
            closing = OPENING[char]
            j = i + 1
            while j < n:
                if text[j] == closing and (closing != '"' or j + 1 >= n or not text[j + 1].isalnum()):
                    break
                if text[j] == "\n":
                    k = j
                    while k < n and text[k].isspace():
                        k += 1
                    if k < n and text[k] == char and text.count(closing, i + 1, j) == 0:
                        j = k + 1  # the quote runs on into the next paragraph
                        continue
                    j = n
                    break
                j += 1
            if j < n:
                found.append(QuoteMarks(i, j))
                i = j + 1
                continue
        i += 1
    return found


class QuotesComponent:
    """Finds quotes and their speakers; sets ``doc._.quotes`` (plain dicts with character spans)."""

    def __init__(self, nlp: Language, name: str, cues: Cues) -> None:
        self.name = name
        self.speech = frozenset(cues.speech_verbs)
        self.pronouns = frozenset(cues.speaker_pronouns)
        self.roles = frozenset(cues.role_nouns)
        self.attributions = [p.split() for p in cues.attribution_phrases]

    def __call__(self, doc: Doc) -> Doc:
        last_speaker: Span | None = None
        marks = find_quote_marks(doc.text)
        inside = [(m.open, m.close) for m in marks]
        quotes: list[QuoteRecord] = []
        speakers_by_cue: dict[int, Span] = {}
        for sent in doc.sents:
            for token in sent:  # named speakers outside quotes update the discourse's last speaker
                if self._is_cue(token, inside):
                    speaker = self._named(token)
                    if speaker is not None:
                        speakers_by_cue[token.i] = speaker
        cue_positions = sorted(speakers_by_cue)
        for mark in marks:
            words = doc.text[mark.open + 1 : mark.close].rstrip(",")
            if len(words.split()) < MIN_WORDS:
                continue
            last_speaker = (
                self._last_named_before(doc, mark.open, speakers_by_cue, cue_positions) or last_speaker
            )
            found = self._attribute(doc, mark, inside, last_speaker)
            if found is None:
                continue
            cue, speaker, sentences = found
            quotes.append(
                {
                    "start": mark.open + 1,
                    "end": mark.open + 1 + len(words),
                    "text": words,
                    "sent_start": sentences[0],
                    "sent_end": sentences[1],
                    "cue": cue,
                    "speaker": span_record(speaker),
                }
            )
            last_speaker = speaker
        doc._.quotes = quotes
        return doc

    def _is_cue(self, token: Token, inside: list[tuple[int, int]]) -> bool:
        if any(a <= token.idx <= b for a, b in inside):
            return False
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.speech

    def _named(self, verb: Token) -> Span | None:
        subject = subject_of(verb)
        if subject is None or subject.lower_ in self.pronouns:
            return None
        ents = phrase_entities(subject)
        return ents[0] if ents else None

    @staticmethod
    def _last_named_before(
        doc: Doc, char: int, speakers: dict[int, Span], positions: list[int]
    ) -> Span | None:
        before = [i for i in positions if doc[i].idx < char]
        return speakers[before[-1]] if before else None

    def _attribute(
        self, doc: Doc, mark: QuoteMarks, inside: list[tuple[int, int]], last: Span | None
    ) -> tuple[str, Span, tuple[int, int]] | None:
        first = doc.char_span(mark.open, mark.open + 1, alignment_mode="expand")
        final = doc.char_span(mark.close, mark.close + 1, alignment_mode="expand")
        if first is None or final is None:
            return None
        sents = [first[0].sent] if first[0].sent == final[0].sent else [first[0].sent, final[0].sent]
        sent_span = (sents[0].start_char, sents[-1].end_char)
        # a closing mark that ends its sentence may be attributed in the next one: `"..." he said.`
        following = doc[sents[-1].end].sent if sents[-1].end < len(doc) else None
        if following is not None and not any(a <= following.start_char <= b for a, b in inside):
            sents.append(following)
        cues = [
            t for s in sents for t in s if self._is_cue(t, inside) and not (mark.open <= t.idx <= mark.close)
        ]
        cues.sort(key=lambda t: min(abs(t.idx - mark.open), abs(t.idx - mark.close)))
        for verb in cues:
            if (
                following is not None
                and verb.sent == following
                and not self._starts_with_attribution(following, verb)
            ):
                continue
            subject = subject_of(verb)
            if subject is None:
                continue
            ents = [] if subject.lower_ in self.pronouns else phrase_entities(subject)
            if ents:
                return verb.text, ents[0], sent_span
            if (subject.lower_ in self.pronouns or subject.lemma_.lower() in self.roles) and last is not None:
                return f"{subject.text} {verb.text}", last, sent_span
        for sent in sents[:2]:
            attributed = self._according_to(sent)
            if attributed is not None:
                return "according to", attributed, sent_span
        return None

    @staticmethod
    def _starts_with_attribution(sent: Span, verb: Token) -> bool:
        """`"..." He said.`: the next sentence only counts when it is a bare attribution."""
        return verb.i - sent.start <= 3

    def _according_to(self, sent: Span) -> Span | None:
        for token in sent:
            for phrase in self.attributions:
                words = [t.lower_ for t in sent.doc[token.i : token.i + len(phrase)]]
                if words == phrase and token.i + len(phrase) < sent.end:
                    after = sent.doc[token.i + len(phrase)]
                    ent = entity_of(after)
                    if ent is not None and entity_type(ent) in ACTOR_TYPES:
                        return ent
        return None


@Language.factory(
    "wk_quotes",
    default_config={"data_dir": None},
    requires=["doc.sents", "doc.ents", "token.dep", "token.head", "token.lemma", "token.tag"],
    assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str, data_dir: str | None) -> QuotesComponent:
    """The quotes component with the cue lexicon of ``data_dir`` (default: the packaged one)."""
    return QuotesComponent(nlp, name, load_knowledge(data_dir).cues)
