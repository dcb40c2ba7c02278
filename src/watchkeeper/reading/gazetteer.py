"""The gazetteer component: names we know, overriding the statistical NER where it knows better.

The small English model tags "Vassily Nebenzia" as an organisation at times, tankers as persons and ports as
organisations (measured when this stage was built); this component matches the names of
``data/reading/gazetteer.yaml`` (and, when given, the designated names of the sanctions lists) with a
PhraseMatcher and replaces any overlapping statistical entity. Every span it sets carries the canonical id in
``kb_id_``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from watchkeeper.reading.knowledge import GazetteerEntry, load_knowledge, slug
from watchkeeper.reading.orgnames import acronyms_linked, full_org_names

LABEL_BY_TYPE = {
    "person": "PERSON",
    "org": "ORG",
    "country": "GPE",
    "place": "LOC",
    "vessel": "VESSEL",
    "port": "PORT",
    "program": "PROGRAM",
}
# A wire's or outlet's code in a dateline or credit: a mention of the press, never an actor.
PRESS_LABEL = "PRESS"
TYPE_BY_LABEL = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "VESSEL": "vessel",
    "PORT": "port",
    "PROGRAM": "program",
}
# Words before a capital that make it the city rather than the government: "in Pyongyang", "near Pyongyang".
LOCATIVE_BEFORE = frozenset({"in", "at", "near", "outside", "around", "across", "inside"})
LOCATIVE_AFTER = frozenset({"area", "-based", "suburbs", "outskirts", "airport"})
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
REGION_WORDS = frozenset({"region", "province", "oblast", "krai", "prefecture", "county"})
# Tags of a lone word that is a common noun or adjective in title case ("Photographs released").
COMMON_WORD_TAGS = frozenset({"NN", "NNS", "JJ", "JJR", "JJS", "VBN", "VBD", "VBG", "RB"})
HEADLINE_END = frozenset(".?!\"”’'")


def entity_type(span: Span) -> str:
    """Our entity type of a span: "press" for a wire's code (no actor type, so no component takes it for an
    actor), else from its canonical id when it has one, else from its NER label."""
    if span.label_ == PRESS_LABEL:
        return "press"
    if span.kb_id_ and ":" in span.kb_id_:
        return span.kb_id_.partition(":")[0]
    return TYPE_BY_LABEL.get(span.label_, span.label_.lower())


class GazetteerComponent:
    """Matches known names and metonyms; sets them as entities with their canonical ids."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        entries: Iterable[GazetteerEntry],
        link_surnames: bool,
        press_names: Iterable[str] = (),
        not_names: Iterable[str] = (),
        kind_nouns: Iterable[str] = (),
        act_nouns: Iterable[str] = (),
        body_nouns: Iterable[str] = (),
        state_nouns: Iterable[str] = (),
    ) -> None:
        self.name = name
        self.nlp = nlp
        self.link_surnames = link_surnames
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.press = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.press.add("press", [nlp.make_doc(n) for n in press_names if n.strip()])
        self.not_names = frozenset(not_names)
        self.kind_nouns = frozenset(kind_nouns)
        # a name on an act names a party to it ("the Bybit hack"): the incident kinds' trigger lemmas
        self.act_nouns = frozenset(act_nouns)
        self.body_nouns = frozenset(body_nouns)
        self.state_nouns = frozenset(state_nouns)
        self.targets: dict[str, tuple[str, str, str | None]] = {}
        self._text_of: tuple[Doc | None, str] = (None, "")
        self.add_entries(entries)

    def document_text(self, doc: Doc) -> str:
        """The document's text, built once per document (``Doc.text`` joins every token on each call)."""
        if self._text_of[0] is not doc:
            self._text_of = (doc, doc.text)
        return self._text_of[1]

    def add_entries(self, entries: Iterable[GazetteerEntry]) -> int:
        """Add names (e.g. the sanctions lists' designated names); returns how many were added."""
        added = 0
        for entry in entries:
            named = "press" if entry.press else "name"
            for kind, names in ((named, entry.names), ("metonym", entry.metonyms), ("name", entry.demonyms)):
                key = f"{kind}|{entry.id}"
                self.targets[key] = (entry.id, kind, entry.place)
                if names:
                    self.matcher.add(key, [self.nlp.make_doc(n) for n in names if n.strip()])
                added += len(names)
        return added

    def _span(self, doc: Doc, match_id: int, start: int, end: int) -> Span:
        canonical, kind, place = self.targets[self.nlp.vocab.strings[match_id]]
        if kind == "metonym" and place and self._is_city(doc, start, end):
            canonical = place
        label = PRESS_LABEL if kind == "press" else LABEL_BY_TYPE[canonical.partition(":")[0]]
        return Span(doc, start, end, label=label, kb_id=canonical)

    def _is_city(self, doc: Doc, start: int, end: int) -> bool:
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if after in ("'s", "’s"):  # "Pyongyang's weapons programmes": the state
            return False
        if before == "in" and start > 1 and doc[start - 2].lower_ in self.state_nouns:
            return False  # "the defence ministry in Seoul said": the state's organ
        return before in LOCATIVE_BEFORE or after in LOCATIVE_AFTER or doc[start:end].text.isupper()

    def __call__(self, doc: Doc) -> Doc:
        # the press that publishes ("Harbour Ledger", "Global Press Agency") is no mention of its own
        press = {i for _, s, e in self.press(doc) for i in range(s, e)}
        ours = filter_spans(
            [
                span
                for m, s, e in self.matcher(doc)
                if not any(i in press for i in range(s, e))
                and (span := self._span(doc, m, s, e))
                and not self._modifier(span)
            ]
        )
        taken = press | {i for span in ours for i in range(span.start, span.end)}
        theirs = [
            tidied
            for e in doc.ents
            if not any(i in taken for i in range(e.start, e.end))
            and (tidied := _tidy(e)) is not None
            and self._is_name(tidied)
        ]
        ents = full_org_names(doc, filter_spans([*ours, *theirs]), self.body_nouns, self._is_name)
        ents = acronyms_linked(doc, ents)
        if self.link_surnames:
            ents = self._link_surnames(doc, ents)
        doc.ents = ents
        return doc

    def _modifier(self, span: Span) -> bool:
        """A known one-word body name modifying a noun that is no kind of body ("UN sanctions", not "the KCNA
        news agency"): a phrase about something else, as for the statistical entities (``_tidy``)."""
        word = span[0]
        return (
            len(span) == 1
            and span.label_ == "ORG"
            and modifies_noun(word)
            and word.head.lemma_.lower() not in self.kind_nouns
            and word.head.lemma_.lower() not in self.act_nouns
        )

    def _is_name(self, span: Span) -> bool:
        """Whether a statistical entity the gazetteer does not know can be a name (see NAME_CHECKS)."""
        return not any(check(self, span) for check in NAME_CHECKS)

    @staticmethod
    def _link_surnames(doc: Doc, ents: list[Span]) -> list[Span]:
        """A one-word PERSON after a person whose name contains it is that person ("Kim", "Kirby")."""
        out: list[Span] = []
        known: list[Span] = []
        for span in ents:
            # the statistical model also reads a lone surname as a place or body ("Kirby said", "Kostin")
            lone = len(span) == 1 and not span.kb_id_ and span.label_ in ("PERSON", "GPE", "ORG", "LOC")
            if lone and span.text[:1].isupper() and not span.text.isupper():
                earlier = next((k for k in reversed(known) if span.text in {t.text for t in k}), None)
                if earlier is not None:
                    kb_id = earlier.kb_id_ or f"person:{slug(earlier.text)}"
                    span = Span(doc, span.start, span.end, label="PERSON", kb_id=kb_id)
            if span.label_ == "PERSON" and len(span) > 1:
                known.append(span)
            out.append(span)
        return out


def common_word(gazetteer: GazetteerComponent, span: Span) -> bool:
    """A lone word the tagger reads as a common noun or adjective, or one the data lists ("the Panel")."""
    return len(span) == 1 and (span[0].tag_ in COMMON_WORD_TAGS or span.text in gazetteer.not_names)


HEADLINE_MAX_CHARS = 200  # longer lines are paragraphs (the corpus's headlines are under 100 characters)


def headline_line(text: str, start_char: int, end_char: int) -> bool:
    """Whether the line holding these characters is a headline: three or more words, mostly capitalised, no
    closing punctuation ("Stolen Coins, Funded Missiles: The DPRK's Crypto Theft after Bybit")."""
    start = text.rfind("\n", 0, start_char) + 1
    end = text.find("\n", end_char)
    end = end if end >= 0 else len(text)
    if end - start > HEADLINE_MAX_CHARS:
        return False  # a paragraph (splitting one for each of its entities made reading quadratic)
    line = text[start:end].strip()
    words = [w for w in line.split() if w[:1].isalpha()]
    if not words or line[-1:] in HEADLINE_END or len(words) < 3:
        return False
    return sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def in_headline(gazetteer: GazetteerComponent, span: Span) -> bool:
    """A title-case run in a headline line: capitals are style there, not a name."""
    return headline_line(gazetteer.document_text(span.doc), span.start_char, span.end_char)


def names_a_thing(gazetteer: GazetteerComponent, span: Span) -> bool:
    """A "person" modifying a following common noun is the name of a thing ("the Freedom Shield exercise")."""
    last = span[-1]
    return (
        span.label_ == "PERSON"
        and span.end < len(span.doc)
        and last.dep_ == "compound"
        and last.head.i == span.end
        and last.head.pos_ == "NOUN"
        and last.head.text.islower()
    )


# Each returns True when a statistical entity is not a name; checked in order, the first that holds drops it.
NAME_CHECKS: list[Callable[[GazetteerComponent, Span], bool]] = [common_word, in_headline, names_a_thing]


def modifies_noun(word: Token) -> bool:
    """Whether a one-word name modifies a common noun after it ("UN sanctions", "AIS data")."""
    return word.dep_ in MODIFIER_DEPS and word.head.i > word.i and word.head.pos_ == "NOUN"


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _tidy(ent: Span) -> Span | None:
    """A statistical entity without a leading article, a description before the name or a trailing
    possessive, extended over "X region"; None for lower-case phrases ("east coast")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'"):
        end -= 1
    # "blockchain analysts Elliptic", "security firm Mandiant": a description before the name is no part of it
    described = [t.i for t in doc[start:end] if t.tag_ in ("NN", "NNS") and t.text.islower()]
    if described and described[-1] + 1 < end and all(_capitalised(t) for t in doc[described[-1] + 1 : end]):
        start = described[-1] + 1
    if start == end or not any(t.text[:1].isupper() or not t.text[:1].isalpha() for t in doc[start:end]):
        return None
    if end - start == 1 and ent.label_ == "ORG" and modifies_noun(doc[start]):
        return None  # "UN sanctions", "UN ambassador", "AIS data": part of a phrase, not a body named
    if ent.label_ in ("GPE", "LOC") and end < len(doc) and doc[end].lower_ in REGION_WORDS:
        end += 1
    return Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_)


@Language.factory(
    "wk_gazetteer",
    default_config={"data_dir": None, "link_surnames": True},
    requires=["doc.ents", "token.dep", "token.head", "token.tag"],
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_kb_id"],
)
def make_gazetteer(nlp: Language, name: str, data_dir: str | None, link_surnames: bool) -> GazetteerComponent:
    """The gazetteer from the data files in ``data_dir`` (default: the packaged ones); its organisations hold
    the outlets that are bodies (a state's voice, think tanks)."""
    knowledge = load_knowledge(data_dir)
    return GazetteerComponent(
        nlp,
        name,
        knowledge.gazetteer.entries(),
        link_surnames,
        press_names=knowledge.press_names,
        not_names=knowledge.gazetteer.not_names,
        kind_nouns=knowledge.gazetteer.kind_nouns,
        act_nouns=[lemma for kind in knowledge.incidents.kinds.values() for lemma in kind.lemmas],
        body_nouns=knowledge.gazetteer.body_nouns,
        state_nouns=knowledge.gazetteer.state_nouns,
    )
