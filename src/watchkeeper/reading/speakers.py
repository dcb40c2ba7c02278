"""Who a quote's attribution names: a named entity, a description ("a spokeswoman") or a pronoun resolved to
the most salient earlier person it agrees with in gender.

A "he"/"she" goes to the person the last few sentences made most salient (after Lappin and Leass 1994): each
mention outside quotes weighs more as a subject (or a name introduced with its role), more again as the
subject of the main clause or of a speech verb ("according to X" too), and half as much with every sentence
back; a person counts their strongest mention. A subject pronoun already resolved is a mention of its person,
so "Smith arrived. He spoke. 'X,' he said" chains back to Smith. With no such person the pronoun takes the
nearest earlier speaker it agrees with; "I said" outside quotes is the writer. Gender comes from honorifics
before a name (Mr., Ms.) and first-name lists in ``data/reading/cues.yaml``; an unknown gender agrees with
both "he" and "she".
"It" goes the same way to the most salient organisation (named, or a subject such as "the campaign");
"they" and an "it" with no organisation in reach take the nearest earlier body that spoke.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from watchkeeper.reading.knowledge import Cues
from watchkeeper.reading.records import SpanRecord
from watchkeeper.reading.roles import SUBJECT_DEPS, phrase_entities, span_record

DESCRIPTION = "description"
PERSONAL = {"he": "male", "she": "female"}
BODY = "body"
FIRST_PERSON = frozenset({"i", "we"})
# Salience weights (Lappin and Leass 1994, simplified): how many sentences back a mention counts, its base
# weight in the pronoun's own sentence (halved per sentence back), and what its role adds.
SALIENCE_SENTENCES = 4
MENTION_WEIGHT = 100.0
SUBJECT_WEIGHT = 80.0
MAIN_CLAUSE_WEIGHT = 50.0  # the subject of the sentence's main verb
SPEAKER_WEIGHT = 100.0  # the subject of a speech verb: the person the text is quoting
# Dependents that end a description before its relative clauses and long modifiers.
TRIMMED_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "appos"})


@dataclass
class Speaker:
    """A resolved speaker: its record, the words that name it in the attribution and how they name it."""

    record: SpanRecord
    source: Span
    kind: str  # named, pronoun or description


@dataclass
class Discourse:
    """The speakers met so far in a document (named ones, in order) and what is known of their gender."""

    cues: Cues
    named: list[tuple[int, Span, str]] = field(default_factory=list)  # (character, name, entity type)
    names: dict[str, Span] = field(default_factory=dict)  # actors by their words, first mention
    bodies: list[Span] = field(default_factory=list)  # organisations named in the text, in order
    people: list[Span] = field(
        default_factory=list
    )  # every person named in the text, the fallback antecedents
    genders: dict[str, str] = field(default_factory=dict)
    # people mentioned outside quotes: (character, sentence number, weight, the name), in text order
    mentions: list[tuple[int, int, float, Span]] = field(default_factory=list)
    body_mentions: list[tuple[int, int, float, Span]] = field(default_factory=list)  # the same for bodies
    resolved: dict[int, Span] = field(default_factory=dict)  # subject pronoun's token → its person
    sentences: list[int] = field(default_factory=list)  # each token's sentence number

    def learn(self, at: int, span: Span, kind: str) -> None:
        """Remember a named speaker at character ``at`` (and its gender, when a title or first name tells)."""
        self.named.append((at, span, kind))
        gender = self.gender_of(span)
        if gender:
            self.genders[_key(span)] = gender

    def know_genders(self) -> None:
        """What the text tells of each person's gender: a full name or title once tells it for the surname."""
        for span in self.people:
            gender = self.gender_of(span)
            if gender and _key(span) not in self.genders:
                self.genders[_key(span)] = gender

    def record_of(self, span: Span) -> SpanRecord:
        """An antecedent as a record (its entity type kept when it was a name the recogniser missed)."""
        record = span_record(span) if span.label_ else description_record(span)
        for _, named, kind in self.named:
            if named.start_char == span.start_char and named.end_char == span.end_char:
                record["type"] = kind
        return record

    def gender_of(self, span: Span) -> str | None:
        """``male``/``female`` from an honorific before the name or its first name, else from what another
        mention of the surname told ("Trump" after "Donald Trump"); None when unknown."""
        before = span.doc[span.start - 1].lower_.rstrip(".") if span.start > 0 else ""
        first = span[0].lower_.rstrip(".")
        for word in (before, first):
            if word in self.cues.male_titles:
                return "male"
            if word in self.cues.female_titles:
                return "female"
        names = [t.lower_ for t in span if t.is_alpha and t.lower_.rstrip(".") not in self.cues.male_titles]
        if before in self.cues.male_names or before in self.cues.female_names:
            names.insert(0, before)  # a first name the recogniser left out ("Ivanka" before "Trump")
        if names and names[0] in self.cues.male_names:
            return "male"
        if names and names[0] in self.cues.female_names:
            return "female"
        # a surname alone is the person the text named in full; a first name we do not know keeps its own
        # bearer ("Rakeyia Scott" is not the "Keith Scott" named before)
        return self.genders.get(_key(span)) if len(names) <= 1 else None

    def note_mentions(self, doc: Doc, speech: frozenset[str], inside: list[tuple[int, int]]) -> None:
        """Weigh every person named outside quotes, then resolve the subject pronouns "he"/"she" in text
        order (each one a mention of its person for the pronouns after it)."""
        number = 0
        for sent in doc.sents:  # a sentence wholly inside a quotation adds no distance
            if any(not _inside(t.idx, inside) for t in sent if not t.is_space):
                number += 1
            self.sentences.extend([number] * len(sent))
        for span in self.people + self._surnames(doc, inside):
            self.mentions.append(
                (span.start_char, self.sentence(span.root), _weight(span.root, speech), span)
            )
        self.mentions.sort(key=lambda m: m[0])
        described = [
            description_span(t)
            for t in doc
            if t.dep_ in SUBJECT_DEPS
            and t.pos_ == "NOUN"
            and t.ent_iob_ == "O"
            and t.lemma_.lower() in self.cues.body_nouns
            and not _inside(t.idx, inside)
        ]
        for span in self.bodies + described:
            weight = _weight(span.root, speech)
            self.body_mentions.append((span.start_char, self.sentence(span.root), weight, span))
        self.body_mentions.sort(key=lambda m: m[0])
        for token in doc:
            if token.lower_ not in PERSONAL or token.dep_ not in SUBJECT_DEPS:
                continue
            if _inside(token.idx, inside):
                continue
            found = self.salient(token)
            if found is not None:
                self.resolved[token.i] = found
                mention = (token.idx, self.sentence(token), _weight(token, speech), found)
                self.mentions.insert(sum(m[0] < token.idx for m in self.mentions), mention)

    def _surnames(self, doc: Doc, inside: list[tuple[int, int]]) -> list[Span]:
        """A person's surname where the entity recogniser missed it ("Ham also noted" after "Gen. Norman
        Ham"): a proper noun outside any entity and quote that is the last word of a person named before."""
        known: set[str] = set()
        found: list[Span] = []
        people = iter(sorted(self.people, key=lambda s: s.start))
        upcoming = next(people, None)
        for token in doc:
            while upcoming is not None and upcoming.end <= token.i:
                known.add(_key(upcoming))
                upcoming = next(people, None)
            if (
                token.pos_ == "PROPN"
                and token.ent_iob_ == "O"
                and token.dep_ != "compound"
                and token.lower_ in known
                and not _inside(token.idx, inside)
            ):
                found.append(doc[token.i : token.i + 1])
        return found

    def sentence(self, token: Token) -> int:
        """The number of the token's sentence in its document."""
        return self.sentences[token.i] if token.i < len(self.sentences) else 0

    def salient(self, pronoun: Token) -> Span | None:
        """The person of the pronoun's gender ("it": the organisation) the last sentences made most salient
        (None when none)."""
        if pronoun.i in self.resolved:
            return self.resolved[pronoun.i]
        if pronoun.lower_ in PERSONAL:
            return self.most_salient(pronoun, PERSONAL[pronoun.lower_])
        return self.most_salient(pronoun, BODY) if pronoun.lower_ == "it" else None

    def titled(self, role: Token) -> Span | None:
        """The nearest earlier person the text gave the role as a capitalised title ("the president" after
        "President Ann Lee"), None when none did."""
        for start, _, _, span in reversed(self.mentions):
            if start >= role.idx:
                continue
            words = [span.doc[span.start - 1]] if span.start > 0 else []
            if any(w.lower_ == role.lower_ and w.text[:1].isupper() for w in [*words, span[0]]):
                return span
        return None

    def most_salient(self, at: Token, wanted: str, *, named: bool = False) -> Span | None:
        """The most salient mention before ``at`` of a ``male``/``female``/``person`` (either gender) or a
        ``body`` (only names with ``named``), within the last sentences; None when there is none."""
        here = self.sentence(at)
        totals: dict[str, float] = {}
        latest: dict[str, tuple[int, Span]] = {}
        for start, sentence, weight, span in self.body_mentions if wanted == BODY else self.mentions:
            if start >= at.idx:
                break
            if here - sentence > SALIENCE_SENTENCES or span.start <= at.i < span.end:
                continue
            if named and not span.label_:
                continue
            gender = self.gender_of(span) if wanted in PERSONAL.values() else None
            if gender is not None and gender != wanted:
                continue
            key = _key(span)
            totals[key] = max(totals.get(key, 0.0), weight * 0.5 ** (here - sentence))
            if span.root.pos_ == "PROPN" or key not in latest:
                latest[key] = (start, span)
        if not totals:
            return None
        best = max(totals, key=lambda k: (totals[k], latest[k][0]))
        return latest[best][1]

    def antecedent(self, pronoun: str, at: int, *, any_gender: bool = False) -> Span | None:
        """The nearest earlier speaker a pronoun agrees with (either gender with ``any_gender``)."""
        earlier = [(s, kind) for a, s, kind in sorted(self.named, key=lambda n: -n[0]) if a < at]
        if pronoun in ("he", "she"):
            wanted = "male" if pronoun == "he" else "female"
            mentioned = [s for s in reversed(self.people) if s.start_char < at]
            for candidates in ([s for s, kind in earlier if kind == "person"], mentioned):
                for span in candidates:
                    gender = self.gender_of(span)
                    if gender is None or gender == wanted or any_gender:
                        return span
            return None
        if pronoun in ("they", "it"):
            bodies = [s for s, kind in earlier if kind != "person"]
            if bodies:
                return bodies[0]
            if pronoun == "they" and earlier:
                return earlier[0][0]
            # no body has spoken yet: the nearest organisation the text named
            named = [s for s in reversed(self.bodies) if s.start_char < at]
            return named[0] if named else None
        return earlier[0][0] if earlier else None


def _weight(token: Token, speech: frozenset[str]) -> float:
    """A mention's salience in its own sentence: more for a subject, more again for the main clause's or a
    speech verb's subject."""
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head  # "Japan's minister, Ann Lee, said": the name has the role of what it names
    if token.dep_ == "pobj" and token.head.lower_ == "with" and any(c.tag_ == "VBG" for c in token.children):
        return MENTION_WEIGHT + SUBJECT_WEIGHT  # "with Ann Lee leading the talks": Lee does the leading
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
        return MENTION_WEIGHT + SUBJECT_WEIGHT + SPEAKER_WEIGHT  # "according to X": X is quoted
    if token.dep_ not in SUBJECT_DEPS:
        # "..., which concerns Ann Lee, head of the union": a person introduced with a role is about to speak
        introduced = any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in token.children)
        return MENTION_WEIGHT + (SUBJECT_WEIGHT if introduced else 0.0)
    head = token.head
    main = head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")
    spoken = head.lemma_.lower() in speech
    weight = MENTION_WEIGHT + SUBJECT_WEIGHT + (MAIN_CLAUSE_WEIGHT if main else 0.0)
    return weight + (SPEAKER_WEIGHT if spoken else 0.0)


def _inside(char: int, inside: list[tuple[int, int]]) -> bool:
    """Whether a character lies in a quoted passage (its closing mark aside: a sentence may end on it)."""
    return any(a <= char < b for a, b in inside)


def _key(span: Span) -> str:
    """A person is known by the last word of the name ("Ms. Moore" and "Moore" are one)."""
    return span[-1].lower_


def _proper_name(subject: Token) -> Span:
    """A proper-noun subject with its compound words ("Gen. Smith")."""
    left = min([subject.i, *(c.i for c in subject.lefts if c.dep_ == "compound" and c.pos_ == "PROPN")])
    return subject.doc[left : subject.i + 1]


def description_span(subject: Token) -> Span:
    """The words of a description subject ("the campaign's manager"), without relative clauses."""
    doc = subject.doc
    left = subject.i
    for child in subject.lefts:
        left = min(left, child.left_edge.i)
    right = subject.i
    for child in subject.rights:
        if child.dep_ in TRIMMED_DEPS:
            break
        right = max(right, child.right_edge.i)
    return doc[left : right + 1]


def description_record(span: Span) -> SpanRecord:
    """A description speaker as a record: no entity id, type ``description``."""
    return {
        "start": span.start_char,
        "end": span.end_char,
        "text": span.text,
        "label": "",
        "entity_id": None,
        "type": DESCRIPTION,
    }


def resolve(subject: Token, discourse: Discourse, pronouns: frozenset[str]) -> Speaker | None:
    """The speaker a subject names: its entity (an apposition included; the body a description speaks for,
    "a spokesperson for the ministry"), a pronoun's or a definite role noun's antecedent, or the description
    itself; None for words that name nobody."""
    lower = subject.lower_
    if lower in FIRST_PERSON:
        # outside quotation marks "I said" is the writer, never the last person the text named
        source = subject.doc[subject.i : subject.i + 1]
        return Speaker(description_record(source), source, "pronoun")
    if lower in pronouns:
        # with no antecedent that agrees, the nearest one at all (the gender known may be wrong), else nobody
        found = (
            discourse.salient(subject)
            or discourse.antecedent(lower, subject.idx)
            or discourse.antecedent(lower, subject.idx, any_gender=True)
        )
        source = subject.doc[subject.i : subject.i + 1]
        return Speaker(discourse.record_of(found), source, "pronoun") if found is not None else None
    own = phrase_entities(subject, deep=False)
    if own:
        return Speaker(span_record(own[0]), own[0], "named")
    if subject.pos_ not in ("NOUN", "PROPN"):
        return None
    span = description_span(subject)
    inner = phrase_entities(subject)
    if subject.pos_ == "PROPN":
        if inner:
            return Speaker(span_record(inner[0]), inner[0], "named")
        name = _proper_name(subject)  # a name the entity recogniser missed: a body's or a person's
        kind = "org" if subject.lemma_.lower() in discourse.cues.body_nouns else "person"
        return Speaker({**description_record(name), "type": kind}, name, "named")
    if inner:
        return Speaker(span_record(inner[0]), span, DESCRIPTION)
    named = [discourse.names[t.text] for t in span if t.pos_ == "PROPN" and t.text in discourse.names]
    if named:  # "a KMA forecaster" where the text named the KMA before
        return Speaker(span_record(named[0]), span, DESCRIPTION)
    roles = (discourse.cues.role_nouns, discourse.cues.speaker_roles)
    if _definite(subject) and any(subject.lemma_.lower() in words for words in roles):
        # "the ambassador added": the most salient earlier person (or body) of the kind the role names, else
        # the nearest earlier speaker of that kind
        lemma = subject.lemma_.lower()
        wanted = "it" if lemma in discourse.cues.body_nouns else "he"
        salient = None
        if wanted == "he":  # a body's role ("the report") keeps the nearest body that spoke
            salient = discourse.most_salient(subject, _role_gender(lemma), named=True)
        found = (
            discourse.titled(subject) or salient or discourse.antecedent(wanted, subject.idx, any_gender=True)
        )
        if found is not None:
            return Speaker(discourse.record_of(found), span, DESCRIPTION)
    return Speaker(description_record(span), span, DESCRIPTION)


def _role_gender(lemma: str) -> str:
    """The gender a role noun names ("businessman", "chairwoman"), else ``person`` (either)."""
    if lemma.endswith("woman"):
        return "female"
    return "male" if lemma.endswith("man") else "person"


def _definite(subject: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children)
