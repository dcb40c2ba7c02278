"""Precision, recall and F1 of readings against the sample corpus's gold annotations (docs/corpus.md).

Matching rules, one small function per record type: entities by exact surface text and type (and by
canonical id); quotes by words (one containing the other) and speaker; claims by claimant and polarity
where the gold words lie in the claim's sentence; incidents by kind where the gold sentence is one of the
incident's mentions, then also by actors (every gold actor found in its role) and by date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from watchkeeper.reading.corpus import Article
from watchkeeper.reading.knowledge import slug
from watchkeeper.reading.pipeline import Reading
from watchkeeper.reading.records import (
    ActorRecord,
    ClaimRecord,
    IncidentRecord,
    MentionRecord,
    QuoteRecord,
    SpanRecord,
)
from watchkeeper.scoring import PRF
from watchkeeper.vocabulary import DatePrecision

Gold = dict[str, Any]  # a gold annotation as the corpus's YAML gives it
P = TypeVar("P")  # a predicted record


@dataclass
class Score(PRF):
    """The counts and figures of one named measure."""

    name: str = ""


def predicted_id(record: SpanRecord | ActorRecord | MentionRecord) -> str | None:
    """The id the store's linker gives a record without a gazetteer id: ``<type>:<slug of its words>``."""
    if record.get("entity_id"):
        return str(record["entity_id"])
    return f"{record['type']}:{slug(str(record['text']))}" if record.get("text") else None


def _located(text: str, words: str | None) -> tuple[int, int] | None:
    if not words:
        return None
    at = text.find(words)
    return (at, at + len(words)) if at >= 0 else None


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is None or (a[0] < b[1] and b[0] < a[1])


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def matching(gold: list[Gold], predicted: list[P], same: Callable[[Gold, P], bool]) -> dict[int, int]:
    """One-to-one greedy matching: gold index to predicted index."""
    used: dict[int, int] = {}
    for gi, g in enumerate(gold):
        for i, p in enumerate(predicted):
            if i not in used.values() and same(g, p):
                used[gi] = i
                break
    return used


def _pairs(
    gold: Iterable[Gold], predicted: Iterable[P], same: Callable[[Gold, P], bool]
) -> tuple[int, int, int]:
    """One-to-one greedy matching; returns (matched, predicted, gold)."""
    golds, predictions = list(gold), list(predicted)
    return len(matching(golds, predictions, same)), len(predictions), len(golds)


def _add(score: Score, counts: tuple[int, int, int]) -> None:
    score.add(*counts)


def score_entities(article: Article, reading: Reading, typed: Score, canonical: Score) -> None:
    """Count mentions against the gold entities, by text and type and by text and canonical id."""
    gold = article.gold.get("entities") or []
    _add(
        typed,
        _set_counts(
            {(e["text"], e["type"]) for e in gold}, {(m["text"], m["type"]) for m in reading.mentions}
        ),
    )
    _add(
        canonical,
        _set_counts(
            {(e["text"], e["canonical"]) for e in gold},
            {(m["text"], predicted_id(m)) for m in reading.mentions},
        ),
    )


def _set_counts(gold: set[tuple[Any, ...]], predicted: set[tuple[Any, ...]]) -> tuple[int, int, int]:
    return len(gold & predicted), len(predicted), len(gold)


def _same_words(a: str, b: str) -> bool:
    a, b = a.strip(" ,.\n"), b.strip(" ,.\n")
    return bool(a) and bool(b) and (a in b or b in a)


def same_quote(article: Article) -> Callable[[Gold, QuoteRecord], bool]:
    """Quotes agree when their words overlap and the speaker is the gold's."""
    return lambda g, p: _same_words(g["text"], p["text"]) and predicted_id(p["speaker"]) == g["speaker"]


def score_quotes(article: Article, reading: Reading, score: Score) -> None:
    """Count quotes against the gold quotes."""
    _add(score, _pairs(article.gold.get("quotes") or [], reading.quotes, same_quote(article)))


def _unique_claims(claims: list[ClaimRecord]) -> list[ClaimRecord]:
    seen: set[tuple[str | None, str, int]] = set()
    out: list[ClaimRecord] = []
    for c in claims:
        key = (predicted_id(c["claimant"]), c["polarity"], c["sent_start"])
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def same_claim(article: Article) -> Callable[[Gold, ClaimRecord], bool]:
    """Claims agree on claimant and polarity, the gold words lying in the claim's sentence."""

    def same(g: Gold, p: ClaimRecord) -> bool:
        where = _located(article.text, g.get("text"))
        return (
            predicted_id(p["claimant"]) in _as_list(g["claimant"])
            and p["polarity"] == g["polarity"]
            and _overlaps(where, (p["sent_start"], p["sent_end"]))
        )

    return same


def score_claims(article: Article, reading: Reading, score: Score) -> None:
    """Count claims (one per claimant, polarity and sentence) against the gold claims."""
    _add(score, _pairs(article.gold.get("claims") or [], _unique_claims(reading.claims), same_claim(article)))


def _in_incident(article: Article, g: Gold, p: IncidentRecord) -> bool:
    where = _located(article.text, g.get("text"))
    spans = p.get("mentions") or [[p["start"], p["end"]]]
    return p["kind"] == g["kind"] and any(_overlaps(where, (s, e)) for s, e in spans)


def _actors_agree(g: Gold, p: IncidentRecord) -> bool:
    found = {(a["role"], predicted_id(a)) for a in p["actors"]}
    return all(
        (role, who) in found for role, value in (g.get("actors") or {}).items() for who in _as_list(value)
    )


def _dates_agree(g: Gold, p: IncidentRecord) -> bool:
    gold = str(g["date"]) if g.get("date") else None
    return gold == p["date"] or (gold is None and p["precision"] == DatePrecision.PUBLICATION)


def score_incidents(article: Article, reading: Reading, kind: Score, actors: Score, dated: Score) -> None:
    """Count incidents against the gold incidents: by kind, by kind and actors, by kind and date."""
    gold = article.gold.get("incidents") or []
    _add(kind, _pairs(gold, reading.incidents, lambda g, p: _in_incident(article, g, p)))
    _add(
        actors,
        _pairs(gold, reading.incidents, lambda g, p: _in_incident(article, g, p) and _actors_agree(g, p)),
    )
    _add(
        dated,
        _pairs(gold, reading.incidents, lambda g, p: _in_incident(article, g, p) and _dates_agree(g, p)),
    )


def same_incident(article: Article) -> Callable[[Gold, IncidentRecord], bool]:
    """Incidents agree on kind, sentence and every gold actor in its role."""
    return lambda g, p: _in_incident(article, g, p) and _actors_agree(g, p)


# Per record type shown by ``errors``: the gold key, the predicted records and how they agree.
ERROR_VIEWS: dict[
    str, tuple[str, Callable[[Reading], list[Any]], Callable[[Article], Callable[[Gold, Any], bool]]]
] = {
    "quotes": ("quotes", lambda r: list(r.quotes), same_quote),
    "claims": ("claims", lambda r: _unique_claims(r.claims), same_claim),
    "incidents": ("incidents", lambda r: list(r.incidents), same_incident),
}


def errors(article: Article, reading: Reading, view: str) -> tuple[list[Gold], list[Any]]:
    """The gold records missed and the predicted records unmatched, for one record type of one article."""
    key, predicted_of, same_of = ERROR_VIEWS[view]
    gold, predicted = list(article.gold.get(key) or []), predicted_of(reading)
    pairs = matching(gold, predicted, same_of(article))
    used = set(pairs.values())
    return (
        [g for i, g in enumerate(gold) if i not in pairs],
        [p for i, p in enumerate(predicted) if i not in used],
    )


def score_corpus(pairs: Iterable[tuple[Article, Reading]]) -> list[Score]:
    """Every measure over (article, reading) pairs, in table order."""
    names = [
        "entities (text+type)",
        "entities (canonical id)",
        "quotes (words+speaker)",
        "claims (claimant+polarity)",
        "incidents (kind)",
        "incidents (kind+actors)",
        "incidents (kind+date)",
    ]
    s = [Score(name=n) for n in names]
    for article, reading in pairs:
        score_entities(article, reading, s[0], s[1])
        score_quotes(article, reading, s[2])
        score_claims(article, reading, s[3])
        score_incidents(article, reading, s[4], s[5], s[6])
    return s
