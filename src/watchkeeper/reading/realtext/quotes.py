"""Scoring quotes and speakers against PolNeAR attribution relations (eval-dev ``quotes/``).

A gold relation's content is its ``fragments`` when it has them, else its one ``content`` span; only the
characters that are neither spaces nor quotation marks count, so a prediction without the marks loses nothing.
- *Direct-quote recall*: a gold ``direct`` relation is found when one predicted quote covers at least half of
  its content characters (each prediction serves one gold relation).
  A looser row lets the predicted quotes cover the half together (a split quote read as two quotes).
- *Precision against all relations*: a predicted quote is right when at least half of its characters lie in
  the content of one gold relation, direct or not (several pieces of one split quote may share a relation).
- *Speaker accuracy* on found direct quotes, by ``source_kind``: the predicted speaker is right when its span
  overlaps the gold source or its words name the same person (one name's words contain the other's, titles
  and "the" aside). A pronoun source ("he") stands for its antecedent, taken as the nearest earlier named gold
  source in the article that can be that pronoun: for he/she/his/her/him a person (PolNeAR's automatic person
  label, or a name whose gender the text tells) whose gender, when the text tells it, agrees ("she" is never
  "Barack Obama"). The gender of a name comes from its own first name or title, else from every place the
  text writes its surname after a first name or an honorific ("Mr. Tribe"); two different answers ("Bill
  Clinton" and "Hillary Clinton") leave it unknown. A definite description ("the mayor") may stand for that
  antecedent too, or be kept as it is. The data has no coreference, so when two people alternate, that
  antecedent can itself be wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from watchkeeper.reading.knowledge import load_knowledge
from watchkeeper.reading.pipeline import Reading
from watchkeeper.reading.realtext.sets import GoldArticle, Row
from watchkeeper.reading.scoring import Score, matching

QUOTE_MARKS = frozenset("\"'“”‘’«»„")
MIN_SHARE = 0.5
SPEAKER_KINDS = ("named", "pronoun", "nominal")
PERSONAL = frozenset({"he", "she", "his", "her", "him"})
PRONOUN_GENDER = {"he": "male", "his": "male", "him": "male", "she": "female", "her": "female"}
DEFINITE = ("the ", "this ", "that ")
# Words that do not tell two speakers apart ("Sen. Smith" is "Smith").
TITLES = frozenset(
    {"the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "senator", "rep", "gov", "president", "vice", "former"}
    | {"retired", "lt", "gen", "general", "u.s.", "us"}
)

Spans = list[tuple[int, int]]


def content_spans(relation: Mapping[str, Any]) -> Spans:
    """The character spans a gold relation's content covers (its fragments when discontinuous)."""
    content = relation.get("content")
    if not content:
        return []
    pieces = content.get("fragments") or [content]
    return [(int(p["start"]), int(p["end"])) for p in pieces]


def predicted_spans(quote: Mapping[str, Any]) -> Spans:
    """A predicted quote's spans: its ``fragments`` when the reader gives them, else its one span."""
    pieces = quote.get("fragments") or [quote]
    return [(int(p["start"]), int(p["end"])) for p in pieces]


def letters(text: str, spans: Spans) -> set[int]:
    """Offsets inside ``spans`` that hold neither a space nor a quotation mark."""
    return {
        i
        for s, e in spans
        for i in range(s, min(e, len(text)))
        if not text[i].isspace() and text[i] not in QUOTE_MARKS
    }


def covers(text: str, outer: Spans, inner: Spans) -> bool:
    """Whether ``outer`` holds at least half of ``inner``'s letters."""
    want = letters(text, inner)
    return bool(want) and len(want & letters(text, outer)) >= MIN_SHARE * len(want)


def name_words(name: str) -> frozenset[str]:
    """The words of a name that identify its bearer (lower case, no possessive, no titles)."""
    words = re.findall(r"[\w.'’-]+", name.lower())
    return frozenset(w.removesuffix("'s").removesuffix("’s").strip(".'’") for w in words) - TITLES - {""}


def same_name(a: str, b: str) -> bool:
    """Two names agree when the words of one include all the words of the other."""
    x, y = name_words(a), name_words(b)
    return bool(x) and bool(y) and (x <= y or y <= x)


def speaker_names(quote: Mapping[str, Any]) -> list[str]:
    """What a predicted quote says its speaker is called: the span's words and the entity id's slug."""
    speaker = quote.get("speaker") or {}
    names = [str(speaker["text"])] if speaker.get("text") else []
    if speaker.get("entity_id"):
        names.append(str(speaker["entity_id"]).partition(":")[2].replace("-", " "))
    return names


def name_gender(name: str, text: str = "") -> str | None:
    """``male``/``female`` from a name's own first name or title, else from the words before its capitalised
    words wherever ``text`` writes them ("Mr. Tribe", "Hillary Clinton"); None when unknown or in conflict."""
    cues = load_knowledge().cues
    male = set(cues.male_names) | set(cues.male_titles)
    female = set(cues.female_names) | set(cues.female_titles)

    def genders(words: Iterable[str]) -> set[str]:
        return {"male" if w.lower() in male else "female" for w in words if w.lower() in male | female}

    words = re.findall(r"[A-Za-z]+", name)
    found = genders(words[:-1] or words)  # a one-word name may itself be a first name ("Melanie")
    if not found and text:
        capitalised = {w for w in words if w[:1].isupper() and w.lower() not in male | female}
        found = genders(
            before
            for word in capitalised
            for before in re.findall(rf"\b([A-Za-z]+)\.? +{re.escape(word)}\b", text)
        )
    return found.pop() if len(found) == 1 else None


def antecedent(
    relation: Mapping[str, Any], relations: Sequence[Mapping[str, Any]], text: str = ""
) -> Mapping[str, Any] | None:
    """The nearest earlier named gold source a pronoun or description stands for (for he/she: a person of
    that gender, as far as the text tells)."""
    at = int(relation["source"]["start"])
    pronoun = relation["source"]["text"].lower()
    person = pronoun in PERSONAL or relation.get("source_kind") == "nominal"
    wanted = PRONOUN_GENDER.get(pronoun)
    earlier = []
    for r in relations:
        source = r.get("source")
        if not source or r.get("source_kind") != "named" or int(source["end"]) > at:
            continue
        gender = name_gender(str(source["text"]), text) if person else None
        if person and not (r.get("source_person") or gender):
            continue
        if wanted and gender and gender != wanted:
            continue
        earlier.append(source)
    return max(earlier, key=lambda s: int(s["end"]), default=None)


def speaker_right(
    quote: Mapping[str, Any],
    relation: Mapping[str, Any],
    relations: Sequence[Mapping[str, Any]],
    text: str = "",
) -> bool:
    """Whether a predicted quote's speaker is the gold source (for a pronoun: its antecedent)."""
    source = relation.get("source")
    if not source:
        return False
    kind = relation.get("source_kind")
    targets = [] if kind == "pronoun" else [source]
    if kind == "pronoun" or (kind == "nominal" and str(source["text"]).lower().startswith(DEFINITE)):
        targets.extend(t for t in [antecedent(relation, relations, text)] if t)
    speaker = quote.get("speaker") or {}
    for target in targets:
        placed = speaker.get("start") is not None and speaker.get("end") is not None
        if (
            placed
            and int(speaker["start"]) < int(target["end"])
            and int(target["start"]) < int(speaker["end"])
        ):
            return True
        if any(same_name(name, str(target["text"])) for name in speaker_names(quote)):
            return True
    return False


@dataclass
class QuoteErrors:
    """One article's mistakes: direct quotes missed, predictions in no relation, wrong speakers."""

    missed: list[Mapping[str, Any]] = field(default_factory=list)
    spurious: list[Mapping[str, Any]] = field(default_factory=list)
    wrong_speaker: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = field(default_factory=list)


@dataclass
class QuoteScores:
    """The quotes table's counts, summed over articles."""

    direct: Score = field(default_factory=lambda: Score(name="direct quotes (recall)"))
    direct_pieces: Score = field(default_factory=lambda: Score(name="direct quotes, pieces together"))
    supported: Score = field(default_factory=lambda: Score(name="quotes in a relation (precision)"))
    speakers: dict[str, Score] = field(
        default_factory=lambda: {k: Score(name=f"speaker on found quotes: {k}") for k in SPEAKER_KINDS}
    )

    def rows(self) -> list[Row]:
        """The table in print order (speaker rows: P = accuracy on found quotes, R = over all of a kind)."""
        return [
            Row(self.direct, only="recall"),
            Row(self.direct_pieces, only="recall"),
            Row(self.supported, only="precision"),
            *(Row(self.speakers[k]) for k in SPEAKER_KINDS),
        ]


def score_article(article: GoldArticle, reading: Reading, scores: QuoteScores) -> QuoteErrors:
    """Add one article's counts to ``scores``; returns its errors."""
    text, relations = article.text, article.gold
    predicted = list(reading.quotes)
    direct = [r for r in relations if r.get("direct") and content_spans(r)]
    found = matching(direct, predicted, lambda g, p: covers(text, predicted_spans(p), content_spans(g)))
    scores.direct.add(len(found), len(predicted), len(direct))
    together = [s for p in predicted for s in predicted_spans(p)]
    scores.direct_pieces.add(sum(covers(text, together, content_spans(g)) for g in direct), 0, 0)
    scores.direct_pieces.add(0, 0, len(direct))
    with_content = [r for r in relations if content_spans(r)]
    supported = [
        p for p in predicted if any(covers(text, content_spans(r), predicted_spans(p)) for r in with_content)
    ]
    scores.supported.add(len(supported), len(predicted), len(with_content))
    errors = QuoteErrors(
        missed=[g for i, g in enumerate(direct) if i not in found],
        spurious=[p for p in predicted if not any(p is s for s in supported)],
    )
    for gi, g in enumerate(direct):
        kind = g.get("source_kind")
        if kind not in scores.speakers:
            continue
        score = scores.speakers[kind]
        score.add(0, 0, 1)
        if gi in found:
            score.add(0, 1, 0)
            quote = predicted[found[gi]]
            if speaker_right(quote, g, relations, text):
                score.add(1, 0, 0)
            else:
                errors.wrong_speaker.append((g, quote))
    return errors


def score_quotes(pairs: Iterable[tuple[GoldArticle, Reading]]) -> tuple[QuoteScores, dict[str, QuoteErrors]]:
    """The quotes table over (article, reading) pairs, and each article's errors."""
    scores = QuoteScores()
    errors = {article.id: score_article(article, reading, scores) for article, reading in pairs}
    return scores, errors
