"""Who a sentence's report comes from, as news attributes it: the speakers of one sentence, from its words and
the entity mentions the reading stored.

The reading's claims are accusations and denials; a plain report of an act has a speaker too, and the grade
needs it. News names it in a few fixed ways, each a rule here over the sentence's words:

- the subject of a speech or finding verb: "South Korea's Joint Chiefs of Staff said ...", "..., Japan's
  defence ministry said.", "which the military said flew 1,100 km", "Russian border statistics showed ...";
- inverted after a comma: "..., said the ministry.";
- the agent of a passive: "later attributed by the FBI and Japan's police";
- "according to X".

Every state, body or person named in the speaker's phrase speaks ("Japanese police and the FBI said": both); a
place never does ("officials in Seoul" are not the city). A definite "the panel" with no name of its own is
the body of that name mentioned earlier in the document. Cue words are data: ``data/assess/attribution.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from watchkeeper.datafiles import cached, data_file, read_model
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.reading import Claim, Incident
from watchkeeper.vocabulary import Polarity

# entity types whose words can be a source; a place never speaks
_SPEAKING_TYPES = ("country", "org", "person")
_WORD = re.compile(r"\w[\w'\u2019.&-]*\w|\w|[^\w\s]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# forms of "be" before a participle make it passive: the subject is what is said, not who says it
_BE = frozenset({"is", "are", "was", "were", "be", "been"})
# shortest head noun a definite reference may match against an earlier name ("the panel", not "the un")
_MIN_HEAD = 4


class AttributionCues(BaseModel):
    """``attribution.yaml``: the verbs and phrase limits of news attribution."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    speech_verbs: list[str] = Field(min_length=1)
    finding_verbs: list[str] = []
    agent_verbs: list[str] = []
    between: list[str] = []
    prepositions: list[str] = []
    state_roles: list[str] = []
    subordinators: list[str] = []
    relatives: list[str] = []
    boundaries: list[str] = []
    max_words: int = Field(default=8, ge=1)


@cached
def attribution_cues() -> AttributionCues:
    """``data/assess/attribution.yaml``, validated."""
    return read_model(AttributionCues, data_file("assess", "attribution.yaml"))


@dataclass(frozen=True)
class Mention:
    """An entity named in a document: its characters and the entity id."""

    start: int
    end: int
    entity_id: str


@dataclass(frozen=True)
class Attribution:
    """A speaker of a sentence, the verb that makes it one, and the characters of the sentence it speaks
    for: a trailing "..., X said" or "attributed by X" covers what comes before it, a leading "X said ..." the
    whole sentence, and one opening a subordinate clause ("when X reported ...") only that clause."""

    entity_id: str
    cue: str
    start: int
    end: int

    def covers(self, at: int) -> bool:
        """Whether the act named at character ``at`` is within what this speaker says."""
        return self.start <= at < self.end


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return _POSSESSIVE.sub("", self.text.lower())

    @property
    def punct(self) -> bool:
        return not self.text[0].isalnum()


def _words(text: str, offset: int) -> list[_Word]:
    return [_Word(m.group(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def _speaks(entity_id: str) -> bool:
    return entity_id.partition(":")[0] in _SPEAKING_TYPES


def _conjuncts(phrase: list[_Word]) -> list[list[_Word]]:
    """A speaker's phrase split at "and" / "or": "Japanese police and the FBI" is two speakers."""
    parts: list[list[_Word]] = [[]]
    for word in phrase:
        if word.lower in ("and", "or", "&"):
            parts.append([])
        else:
            parts[-1].append(word)
    return [p for p in parts if p]


def _one_speaker(named: list[str], roles: set[str]) -> list[str]:
    """The one speaker of a conjunct naming a state beside a person or body: the state when a role of it
    speaks ("Ukraine's prosecutor general Ivan Petrenko"), else the person or body, whose nationality the
    state's name only gives ("American analyst Jane Roe")."""
    states = [n for n in named if n.partition(":")[0] == "country"]
    others = [n for n in named if n not in states]
    if not states or not others:
        return named
    return states[:1] if roles else others


def _qualifies(text: str, mention: Mention) -> bool:
    """Whether a name only qualifies a noun: "a UK-based research group" is not the United Kingdom."""
    return text[mention.end : mention.end + 6].lower().replace(" ", "-").startswith("-based")


def speakers(
    text: str, start: int, end: int, mentions: list[Mention], earlier: dict[str, str] | None = None
) -> list[Attribution]:
    """The speakers a sentence (``text[start:end]``) attributes its report to, in order of appearance.

    ``mentions`` are the document's entity mentions; ``earlier`` maps the lowercased words of names of bodies
    mentioned before (e.g. "panel") to their entity ids, for a definite "the panel"."""
    cues = attribution_cues()
    words = _words(text[start:end], start)
    verbs = set(cues.speech_verbs) | set(cues.finding_verbs)
    stops = set(cues.boundaries) | set(cues.subordinators) | set(cues.relatives) | verbs
    prepositions = set(cues.prepositions)
    found: list[Attribution] = []

    def named_in(phrase: list[_Word]) -> list[str]:
        if not phrase or len(phrase) > cues.max_words:
            return []
        named: list[str] = []
        for part in _conjuncts(phrase):
            low, high = part[0].start, part[-1].end
            inside = [
                m.entity_id
                for m in mentions
                if low <= m.start and m.end <= high and _speaks(m.entity_id) and not _qualifies(text, m)
            ]
            named += _one_speaker(inside, {w.lower for w in part} & set(cues.state_roles))
        if not named and earlier:
            heads = [w.lower for i, w in enumerate(phrase[1:], 1) if phrase[i - 1].lower == "the"]
            named = [earlier[h] for h in heads if len(h) >= _MIN_HEAD and h in earlier][:1]
        return named

    def add(phrase: list[_Word], cue: str, low: int, high: int) -> None:
        for entity_id in named_in(phrase):
            if all(f.entity_id != entity_id or (f.start, f.end) != (low, high) for f in found):
                found.append(Attribution(entity_id, cue, low, high))

    def backward(i: int) -> tuple[list[_Word], str]:
        """The subject phrase ending before word ``i`` if a clause boundary closes it in time, and that
        boundary word ("" at the sentence start or a punctuation mark)."""
        j = i - 1
        while j >= 0 and words[j].lower in cues.between:
            if words[j].lower in _BE and not words[i].lower.endswith("ing"):
                return [], ""  # "missiles are confirmed", "Russia is said to": the subject is what is said
            j -= 1
        phrase: list[_Word] = []
        while j >= 0 and not words[j].punct and words[j].lower not in stops:
            phrase.insert(0, words[j])
            if len(phrase) > cues.max_words:
                return [], ""
            j -= 1
        return phrase, words[j].lower if j >= 0 and not words[j].punct else ""

    def forward(i: int) -> list[_Word]:
        """The phrase starting at word ``i`` up to the next clause boundary."""
        phrase: list[_Word] = []
        while i < len(words) and not words[i].punct and words[i].lower not in stops:
            phrase.append(words[i])
            i += 1
        return phrase

    def leads(i: int) -> bool:
        """Whether the verb at ``i`` is followed by what is said (not by a comma or the sentence's end)."""
        j = i + 1
        while j < len(words) and words[j].lower in {"on", "in", "that", *cues.between}:
            j += 1  # "said on Monday that ...": skip to what is said
        return j < len(words) and not words[j].punct

    named_chars = [(m.start, m.end) for m in mentions if start <= m.start < end]
    for i, word in enumerate(words):
        if any(low <= word.start < high for low, high in named_chars):
            continue  # a word of a name is no verb: "the United States"
        if word.lower in verbs:
            phrase, opener = backward(i)
            # "the panel monitoring sanctions on North Korea showed": the object of "on" is no subject
            if phrase and opener not in prepositions:
                if opener in cues.relatives:
                    add(phrase, word.text, start, end)  # "which the military said flew 1,100 km"
                elif opener in cues.subordinators:
                    add(phrase, word.text, phrase[0].start, end)  # "when X reported ...": that clause
                elif leads(i):
                    add(phrase, word.text, start, end)
                else:
                    add(phrase, word.text, start, phrase[0].start)  # "..., X said."
            if word.lower in cues.speech_verbs and i > 0 and words[i - 1].text == ",":
                add(forward(i + 1), word.text, start, word.start)  # "..., said the ministry."
        elif word.lower == "by" and i > 0 and words[i - 1].lower in cues.agent_verbs:
            add(forward(i + 1), words[i - 1].text, start, word.start)  # "..., later attributed by X"
        elif word.lower == "to" and i > 0 and words[i - 1].lower == "according":
            at_start = all(w.punct for w in words[: i - 1])
            add(forward(i + 1), "according to", start, end if at_start else words[i - 1].start)
    return found


def is_speech(cue: str) -> bool:
    """Whether a claim's cue is a speech or finding verb ("said", "found"), not an accusation ("named")."""
    cues = attribution_cues()
    return cue.lower() in {*cues.speech_verbs, *cues.finding_verbs, "according"}


def name_heads(names: dict[str, str]) -> dict[str, str]:
    """The words of bodies' names (entity id -> name) a definite reference may use: "panel" for the UN Panel
    of Experts. A word shared by two bodies names neither."""
    heads: dict[str, str] = {}
    shared: set[str] = set()
    for entity_id, name in names.items():
        if entity_id.partition(":")[0] != "org":
            continue
        for word in {w.lower for w in _words(name, 0) if not w.punct and len(w.lower) >= _MIN_HEAD}:
            if word in heads and heads[word] != entity_id:
                shared.add(word)
            heads[word] = entity_id
    return {w: e for w, e in heads.items() if w not in shared}


def _anchor(doc: Document, incident: Incident) -> int:
    """Where in its sentence the incident is named: its date's words ("in late May") tell apart two acts of
    one sentence, else its trigger word, else the sentence's start."""
    sentence = doc.text[incident.sent_start : incident.sent_end]
    for words in (incident.date_text, incident.trigger):
        at = sentence.find(words) if words else -1
        if at >= 0:
            return incident.sent_start + at
    return incident.sent_start


def attributed_claims(
    doc: Document, incident: Incident, mentions: list[Mention], name: Callable[[str], str]
) -> list[Claim]:
    """The speakers news names for an incident in its sentence, as unsaved claims (statements, not
    accusations) that the sources' checks read like the reading's own; ``name`` gives an entity's name."""
    earlier = name_heads({m.entity_id: name(m.entity_id) for m in mentions if m.end <= incident.sent_start})
    at = _anchor(doc, incident)
    out = []
    for said in speakers(doc.text, incident.sent_start, incident.sent_end, mentions, earlier):
        if not said.covers(at):
            continue
        inside = [
            m
            for m in mentions
            if m.entity_id == said.entity_id and incident.sent_start <= m.start < incident.sent_end
        ]
        out.append(
            Claim(
                document_id=doc.id,
                start=incident.sent_start,
                end=incident.sent_end,
                sent_start=incident.sent_start,
                sent_end=incident.sent_end,
                cue=said.cue,
                polarity=Polarity.ASSERTS,
                act=incident.kind,
                claimant_id=said.entity_id,
                claimant_text=doc.text[inside[0].start : inside[0].end] if inside else name(said.entity_id),
            )
        )
    return out
