"""The quotes component: direct and partial quotes and who said them.

Quotation marks are paired in the text (straight and curly; a quote left open at a paragraph's end continues
when the next paragraph opens with a quotation mark). A quote's cue is found from the sentence's structure:
- an attribution clause right after the closing mark (`"...," X said`, `"...," said X`, `"..." X quipped`),
  whatever the verb, when it has a subject;
- a clause ending in a colon or comma right before the opening mark (`X said: "..."`, `X told reporters,
  "..."`, a bare `X: "..."`);
- a speech verb of ``data/reading/cues.yaml`` in the quote's sentence or a bare attribution in the next one
  (`"..." He said.`), or "according to X";
- a name after a dash (`"..." ― X`), or a transcript's `NAME:` turns inside a quoted transcript
  (``reading.turns``).
A quote with no cue of its own continues the speaker's quote before it: in the same paragraph it is a further
fragment of that quote (`"A," X said. "B"`), at the start of the next paragraph a quote of its own. Short
capitalised spans with no cue of their own (titles, programmes, nicknames) and the objects of naming verbs
("a show called") are not quotes. Speakers are resolved in ``reading.speakers``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import watchkeeper.reading.extensions  # noqa: F401  (registers the Doc attributes)
from watchkeeper.reading.extensions import text_of
from watchkeeper.reading.gazetteer import entity_type
from watchkeeper.reading.knowledge import Cues, load_knowledge
from watchkeeper.reading.quotemarks import (
    QuoteMarks,
    continues,
    find_quote_marks,
    in_quote,
    quoted_words,
    same_paragraph,
)
from watchkeeper.reading.records import QuoteRecord
from watchkeeper.reading.roles import ACTOR_TYPES, SUBJECT_DEPS, entity_of, span_record, subject_of
from watchkeeper.reading.speakers import Discourse, Speaker, resolve
from watchkeeper.reading.turns import signature, transcript_turns

MIN_WORDS = 1
# A quoted span this short, capitalised and with no cue of its own, names a work or a programme.
TITLE_MAX_WORDS = 6
# How far an attribution clause may run after a closing mark before its verb (`"...," Senate leader X said`).
ATTRIBUTION_WINDOW = 12
# After a quote that ends its sentence, a bare attribution (`"...." He said.`) within so many tokens.
BARE_WINDOW = 4
FUNCTION_WORDS = frozenset({"a", "an", "the", "of", "and", "on", "in", "for", "to", "at", "with", "or", "&"})


@dataclass
class Attribution:
    """Who said a quoted passage, and the words that say so."""

    cue: str
    speaker: Speaker
    adjacent: bool  # the cue touches the quote (a speech clause beside it), not just the same sentence
    verb: int = -1  # the cue verb's token index (`"A," X said, "B"`: both pieces share it)


class QuotesComponent:
    """Finds quotes and their speakers; sets ``doc._.quotes`` (plain dicts with character spans)."""

    def __init__(self, nlp: Language, name: str, cues: Cues) -> None:
        self.name = name
        self.cues = cues
        self.speech = frozenset(cues.speech_verbs)
        self.naming = frozenset(cues.naming_verbs)
        self.title_words = frozenset(cues.title_prepositions)
        self.pronouns = frozenset(cues.speaker_pronouns)
        self.attributions = [p.split() for p in cues.attribution_phrases]
        self.attribution_starts = frozenset(p[0] for p in self.attributions)

    def __call__(self, doc: Doc) -> Doc:
        marks = [m for m in find_quote_marks(text_of(doc)) if len(quoted_words(doc, m).split()) >= MIN_WORDS]
        inside = [(m.open, m.close) for m in marks]
        discourse = self._discourse(doc, inside)
        quotes: list[QuoteRecord] = []
        previous: tuple[QuoteMarks, Attribution] | None = None
        for mark in marks:
            turns = transcript_turns(doc, mark)
            if turns:
                quotes.extend(turns)
                previous = None
                continue
            found = self._attribute(doc, mark, inside, discourse)
            if (
                found is not None
                and previous is not None
                and found.verb >= 0
                and found.verb == previous[1].verb
            ):
                _add_fragment(quotes[-1], doc, mark)  # `"A," X said, "B"`: one quote around its attribution
                continue
            if found is None and previous is not None:
                quote = quotes[-1]
                if same_paragraph(text_of(doc), previous[0], mark):
                    if not self._is_title(doc, mark):
                        _add_fragment(quote, doc, mark)
                        previous = (mark, previous[1])
                    continue
                if continues(text_of(doc), previous[0], mark):
                    found = Attribution("continued", previous[1].speaker, adjacent=False)
            if found is None or (not _spoken(doc, mark, found) and self._is_title(doc, mark)):
                continue
            quotes.append(self._record(doc, mark, found))
            previous = (mark, found)
            if found.speaker.kind == "named" and found.speaker.source.start_char > mark.close:
                discourse.learn(
                    found.speaker.source.start_char, found.speaker.source, found.speaker.record["type"]
                )
        doc._.quotes = quotes
        return doc

    def _discourse(self, doc: Doc, inside: list[tuple[int, int]]) -> Discourse:
        """The people and bodies the text names outside quotes, and the speakers its speech verbs name."""
        discourse = Discourse(self.cues)
        outside = [e for e in doc.ents if not in_quote(e.start_char, inside)]
        discourse.people = [e for e in outside if entity_type(e) == "person"]
        discourse.bodies = [e for e in outside if entity_type(e) == "org"]
        discourse.know_genders()
        for ent in reversed(doc.ents):
            if entity_type(ent) in ACTOR_TYPES:
                discourse.names[ent.text] = ent
        self._learn_speakers(doc, inside, discourse)
        discourse.note_mentions(doc, self.speech, inside)
        return discourse

    def _record(self, doc: Doc, mark: QuoteMarks, found: Attribution) -> QuoteRecord:
        words = quoted_words(doc, mark)
        start = mark.open + 1
        first = doc.char_span(mark.open, mark.open + 1, alignment_mode="expand")
        final = doc.char_span(mark.close, mark.close + 1, alignment_mode="expand")
        sent_start = first[0].sent.start_char if first is not None else start
        sent_end = final[0].sent.end_char if final is not None else mark.close
        source = found.speaker.source
        return {
            "start": start,
            "end": start + len(words),
            "text": words,
            "sent_start": sent_start,
            "sent_end": sent_end,
            "cue": found.cue,
            "speaker": found.speaker.record,
            "fragments": [{"start": start, "end": start + len(words), "text": words}],
            "source": {
                "start": source.start_char,
                "end": source.end_char,
                "text": source.text,
                "kind": found.speaker.kind,
            },
        }

    def _learn_speakers(self, doc: Doc, inside: list[tuple[int, int]], discourse: Discourse) -> None:
        """Named subjects of speech verbs outside quotes, in order: the antecedents pronouns may take."""
        for token in doc:
            if not self._is_cue(token, inside):
                continue
            subject = subject_of(token)
            if subject is None or subject.lower_ in self.pronouns:
                continue
            speaker = resolve(subject, discourse, self.pronouns)
            if speaker is not None and speaker.kind == "named":
                discourse.learn(token.idx, speaker.source, speaker.record["type"])

    def _is_cue(self, token: Token, inside: list[tuple[int, int]]) -> bool:
        if in_quote(token.idx, inside):
            return False
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in self.speech

    def _attribute(
        self, doc: Doc, mark: QuoteMarks, inside: list[tuple[int, int]], discourse: Discourse
    ) -> Attribution | None:
        first = doc.char_span(mark.open, mark.open + 1, alignment_mode="expand")
        final = doc.char_span(mark.close, mark.close + 1, alignment_mode="expand")
        if first is None or final is None:
            return None
        for verb in (self._verb_after(doc, final[0], inside), self._verb_before(doc, first[0], inside)):
            if verb is not None and not (verb.lemma_.lower() in self.naming and self._is_title(doc, mark)):
                speaker = self._speaker_of(verb, discourse, inside)
                if speaker is not None:
                    spoken = verb.lemma_.lower() in self.speech  # a verb outside the lexicon may still name
                    return Attribution(_cue_words(verb, speaker), speaker, adjacent=spoken, verb=verb.i)
        colon = self._colon_speaker(doc, first[0], discourse, inside)
        if colon is not None:
            return Attribution(":", colon, adjacent=True)
        signed = signature(doc, mark.close)
        if signed is not None:
            return Attribution("―", signed, adjacent=True)
        return self._attribute_in_sentence(doc, mark, first[0], final[0], inside, discourse)

    def _verb_after(self, doc: Doc, close: Token, inside: list[tuple[int, int]]) -> Token | None:
        """The verb of an attribution clause right after the closing mark (`"...," X said.`)."""
        before = doc[close.i - 1] if close.i > 0 else None
        i = close.i + 1
        if i < len(doc) and doc[i].text == ",":
            i += 1
        elif before is None or before.text not in (",", "?", "!", ".", "—", "-", "…"):
            return None
        # after a quote that ends its sentence only a bare attribution counts: `"...." Smith said.`
        ended = doc[i - 1].text != "," and before is not None and before.text in (".", "…")
        if i < len(doc) and (
            doc[i].tag_ in ("WDT", "WP", "WP$", "WRB", "IN", "CC") or doc[i].lower_ == "that"
        ):
            return None  # `"X", which ... know`: a relative or subordinate clause, not an attribution
        for j in range(i, min(len(doc), i + (BARE_WINDOW if ended else ATTRIBUTION_WINDOW))):
            token = doc[j]
            # a sentence start the parser put before a lower-case word ("(D-Md.) said") is no sentence start
            new_sentence = token.is_sent_start and j > i and not token.text[:1].islower()
            if in_quote(token.idx, inside) or new_sentence or token.text in (";", ":"):
                return None
            if token.text == "." and (j + 1 >= len(doc) or doc[j + 1].is_sent_start or doc[j + 1].is_space):
                return None  # the sentence ended (a dot inside "D-Md." does not end it)
            if token.lower_ in self.attribution_starts:
                return None  # `"...," according to X`: the attribution phrase's business
            if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.lemma_ == "say"):
                if ended and not _ends_clause(doc, j):
                    return None
                return token
        return None

    def _verb_before(self, doc: Doc, opening: Token, inside: list[tuple[int, int]]) -> Token | None:
        """The speech verb of a clause introducing the quote (`X said, "..."`, `X told reporters "..."`)."""
        i = _before(doc, opening.i)
        if i >= 0 and doc[i].text in (",", ":"):
            i -= 1
        for j in range(i, max(-1, i - 4), -1):
            token = doc[j]
            if in_quote(token.idx, inside) or token.is_punct:
                return None
            if token.pos_ in ("VERB", "AUX"):
                return token if token.lemma_.lower() in self.speech else None
        return None

    def _colon_speaker(
        self, doc: Doc, opening: Token, discourse: Discourse, inside: list[tuple[int, int]]
    ) -> Speaker | None:
        """`In a statement, X wrote: "..."` or a bare `X: "..."`: the speaker named before the colon."""
        at = _before(doc, opening.i)
        if at < 0 or doc[at].text != ":":
            return None
        colon = doc[at]
        sent = colon.sent
        verbs = [t for t in doc[sent.start : colon.i] if t.pos_ in ("VERB", "AUX")]
        for verb in reversed(verbs):
            speaker = self._speaker_of(verb, discourse, inside)
            if speaker is not None:
                return speaker
        if colon.i > 0:
            ent = entity_of(doc[colon.i - 1])
            if ent is not None and entity_type(ent) in ACTOR_TYPES:
                return Speaker(span_record(ent), ent, "named")
        return None

    def _speaker_of(self, verb: Token, discourse: Discourse, inside: list[tuple[int, int]]) -> Speaker | None:
        """Who a cue verb's clause names as speaking: its subject (or the subject of the clause it hangs on,
        `..., saying "..."`), else a name right after it (`Said X: "..."`); never words inside a quote."""
        current = verb
        for _ in range(3):
            # a parse may give the verb a second subject inside the quote ("One of ...," X said)
            own = [c for c in current.children if c.dep_ in SUBJECT_DEPS and not in_quote(c.idx, inside)]
            subject = own[0] if own else subject_of(current)
            if subject is not None:
                if in_quote(subject.idx, inside):
                    return None
                return resolve(subject, discourse, self.pronouns)
            if current.head.i == current.i or current.head.pos_ not in ("VERB", "AUX", "ADP", "SCONJ"):
                break
            current = current.head if current.head.pos_ in ("VERB", "AUX") else current.head.head
        after = verb.i + 1
        if after < len(verb.doc) and not in_quote(verb.doc[after].idx, inside):
            ent = entity_of(verb.doc[after])
            if ent is not None and entity_type(ent) in ACTOR_TYPES:
                return Speaker(span_record(ent), ent, "named")
        return None

    def _attribute_in_sentence(
        self,
        doc: Doc,
        mark: QuoteMarks,
        first: Token,
        final: Token,
        inside: list[tuple[int, int]],
        discourse: Discourse,
    ) -> Attribution | None:
        """A speech verb elsewhere in the quote's sentence, a bare attribution after it, or "according to"."""
        sents = [first.sent] if first.sent == final.sent else [first.sent, final.sent]
        following = doc[sents[-1].end].sent if sents[-1].end < len(doc) else None
        if following is not None and "\n" in text_of(doc)[mark.close : following.start_char]:
            following = None  # a bare attribution stays in the quote's paragraph
        if following is not None and not in_quote(following.start_char, inside):
            sents.append(following)
        cues = [
            t for s in sents for t in s if self._is_cue(t, inside) and not (mark.open <= t.idx <= mark.close)
        ]
        # the quote's own sentences first; the next one only as a bare attribution, not one that introduces
        # a further quote (`X continued: "..."`)
        if following is not None and following.text.rstrip().endswith(":"):
            cues = [t for t in cues if t.sent != following]
        cues.sort(key=lambda t: (t.sent == following, min(abs(t.idx - mark.open), abs(t.idx - mark.close))))
        # `"...," when X blasted him`: the clause a subordinator opens after the quote is not its attribution
        after = final.i + 1 + (final.i + 1 < len(doc) and doc[final.i + 1].text == ",")
        if after < len(doc) and doc[after].dep_ in ("advmod", "mark") and doc[after].tag_ in ("WRB", "IN"):
            cues = [t for t in cues if t.i != doc[after].head.i]
        for verb in cues:
            if following is not None and verb.sent == following and verb.i - following.start > 3:
                continue  # the next sentence only counts as a bare attribution: `"..." He said.`
            if verb.lemma_.lower() in self.naming and _object_of(verb, doc, mark):
                continue
            speaker = self._speaker_of(verb, discourse, inside)
            if speaker is not None:
                adjacent = following is not None and verb.sent == following
                return Attribution(_cue_words(verb, speaker), speaker, adjacent=adjacent, verb=verb.i)
        for sent in sents[:2]:
            attributed = self._according_to(sent)
            if attributed is not None:
                return Attribution(
                    "according to", Speaker(span_record(attributed), attributed, "named"), False
                )
        return None

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

    def _is_title(self, doc: Doc, mark: QuoteMarks) -> bool:
        """A short capitalised span (a work, a programme, a nickname) or the object of "called"/"on"."""
        words = text_of(doc)[mark.open + 1 : mark.close].strip(" ,.?!'’").split()
        if not words or len(words) > TITLE_MAX_WORDS:
            return False
        content = [w for w in words if w.lower() not in FUNCTION_WORDS]
        capitalised = all(w[:1].isupper() or w[:1].isdigit() for w in content)
        before = text_of(doc)[max(0, mark.open - 20) : mark.open].split()
        after_word = bool(before) and before[-1].lower().strip(",") in self.title_words
        return capitalised or (after_word and len(words) <= 2)


def _ends_clause(doc: Doc, i: int) -> bool:
    """Whether the clause of the verb at ``i`` ends within a few words (`He said.`, `said Smith, a ...`)."""
    return any(t.text in (".", ",", ";", "!", "?") or t.is_sent_start for t in doc[i + 1 : i + 5])


def _before(doc: Doc, i: int) -> int:
    """The index of the last token before ``i`` that is not white space (-1 when none)."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j


def _spoken(doc: Doc, mark: QuoteMarks, found: Attribution) -> bool:
    """A quote that reads as speech whatever its length: after a colon, or ending in a comma, "?" or "!"
    beside its attribution (`"Absolutely," she said`)."""
    ending = text_of(doc)[mark.open + 1 : mark.close].rstrip()[-1:]
    return found.cue == ":" or (found.adjacent and ending in (",", "?", "!"))


def _add_fragment(quote: QuoteRecord, doc: Doc, mark: QuoteMarks) -> None:
    """Extend a quote by a further fragment (`"A," X said. "B"`)."""
    words = quoted_words(doc, mark)
    start = mark.open + 1
    quote["fragments"].append({"start": start, "end": start + len(words), "text": words})
    quote["end"] = start + len(words)
    final = doc.char_span(mark.close, mark.close + 1, alignment_mode="expand")
    if final is not None:
        quote["sent_end"] = max(quote["sent_end"], final[0].sent.end_char)
    quote["text"] = " ".join(f["text"] for f in quote["fragments"])


def _object_of(verb: Token, doc: Doc, mark: QuoteMarks) -> bool:
    """Whether the quote is what a naming verb names (`dubbed it "the deal of the century"`)."""
    quoted = doc.char_span(mark.open + 1, mark.close, alignment_mode="expand")
    return quoted is not None and any(t.head == verb or t.head.head == verb for t in quoted)


def _cue_words(verb: Token, speaker: Speaker) -> str:
    return f"{speaker.source.text} {verb.text}" if speaker.kind == "pronoun" else verb.text


@Language.factory(
    "wk_quotes",
    default_config={"data_dir": None},
    requires=["doc.sents", "doc.ents", "token.dep", "token.head", "token.lemma", "token.tag"],
    assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str, data_dir: str | None) -> QuotesComponent:
    """The quotes component with the cue lexicon of ``data_dir`` (default: the packaged one)."""
    return QuotesComponent(nlp, name, load_knowledge(data_dir).cues)
