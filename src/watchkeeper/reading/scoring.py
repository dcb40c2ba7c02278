"""Precision, recall and F1 of readings against the sample corpus's gold annotations (docs/corpus.md).

Matching rules, one small function per record type: entities by exact surface text and type (and by
canonical id); quotes by words (one containing the other) and speaker; claims by claimant and polarity
where the gold words lie in the claim's sentence; incidents by kind where the gold sentence is one of the
incident's mentions, then also by actors (every gold actor found in its role) and by date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from watchkeeper.reading.corpus import Article
from watchkeeper.reading.knowledge import slug
from watchkeeper.reading.pipeline import Reading


@dataclass
class Score:
    """Counts of one measure and the figures they give."""

    name: str
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def predicted_id(record: dict) -> str | None:
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


def matching(gold: list[dict], predicted: list[dict], same: Callable[[dict, dict], bool]) -> dict[int, int]:
    """One-to-one greedy matching: gold index to predicted index."""
    used: dict[int, int] = {}
    for gi, g in enumerate(gold):
        for i, p in enumerate(predicted):
            if i not in used.values() and same(g, p):
                used[gi] = i
                break
    return used


def _pairs(
    gold: Iterable[dict], predicted: Iterable[dict], same: Callable[[dict, dict], bool]
) -> tuple[int, int, int]:
    """One-to-one greedy matching; returns (matched, predicted, gold)."""
    gold, predicted = list(gold), list(predicted)
    return len(matching(gold, predicted, same)), len(predicted), len(gold)


def _add(score: Score, counts: tuple[int, int, int]) -> None:
    score.true_positives += counts[0]
    score.predicted += counts[1]
    score.gold += counts[2]


def score_entities(article: Article, reading: Reading, typed: Score, canonical: Score) -> None:
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


def _set_counts(gold: set, predicted: set) -> tuple[int, int, int]:
    return len(gold & predicted), len(predicted), len(gold)


def _same_words(a: str, b: str) -> bool:
    a, b = a.strip(" ,.\n"), b.strip(" ,.\n")
    return bool(a) and bool(b) and (a in b or b in a)


def same_quote(article: Article) -> Callable[[dict, dict], bool]:
    """Quotes agree when their words overlap and the speaker is the gold's."""
    return lambda g, p: _same_words(g["text"], p["text"]) and predicted_id(p["speaker"]) == g["speaker"]


def score_quotes(article: Article, reading: Reading, score: Score) -> None:
    _add(score, _pairs(article.gold.get("quotes") or [], reading.quotes, same_quote(article)))


def _unique_claims(claims: list[dict]) -> list[dict]:
    seen, out = set(), []
    for c in claims:
        key = (predicted_id(c["claimant"]), c["polarity"], c["sent_start"])
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def same_claim(article: Article) -> Callable[[dict, dict], bool]:
    """Claims agree on claimant and polarity, the gold words lying in the claim's sentence."""

    def same(g: dict, p: dict) -> bool:
        where = _located(article.text, g.get("text"))
        return (
            predicted_id(p["claimant"]) in _as_list(g["claimant"])
            and p["polarity"] == g["polarity"]
            and _overlaps(where, (p["sent_start"], p["sent_end"]))
        )

    return same


def score_claims(article: Article, reading: Reading, score: Score) -> None:
    _add(score, _pairs(article.gold.get("claims") or [], _unique_claims(reading.claims), same_claim(article)))


def _in_incident(article: Article, g: dict, p: dict) -> bool:
    where = _located(article.text, g.get("text"))
    spans = p.get("mentions") or [[p["start"], p["end"]]]
    return p["kind"] == g["kind"] and any(_overlaps(where, (s, e)) for s, e in spans)


def _actors_agree(g: dict, p: dict) -> bool:
    found = {(a["role"], predicted_id(a)) for a in p["actors"]}
    return all(
        (role, who) in found for role, value in (g.get("actors") or {}).items() for who in _as_list(value)
    )


def _dates_agree(g: dict, p: dict) -> bool:
    gold = str(g["date"]) if g.get("date") else None
    return gold == p["date"] or (gold is None and p["precision"] == "publication")


def score_incidents(article: Article, reading: Reading, kind: Score, actors: Score, dated: Score) -> None:
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


def same_incident(article: Article) -> Callable[[dict, dict], bool]:
    """Incidents agree on kind, sentence and every gold actor in its role."""
    return lambda g, p: _in_incident(article, g, p) and _actors_agree(g, p)


# Per record type shown by ``errors``: the gold key, the predicted records and how they agree.
ERROR_VIEWS: dict[str, tuple[str, Callable[[Reading], list[dict]], Callable[[Article], Callable]]] = {
    "quotes": ("quotes", lambda r: list(r.quotes), same_quote),
    "claims": ("claims", lambda r: _unique_claims(r.claims), same_claim),
    "incidents": ("incidents", lambda r: list(r.incidents), same_incident),
}


def errors(article: Article, reading: Reading, view: str) -> tuple[list[dict], list[dict]]:
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
    s = [Score(n) for n in names]
    for article, reading in pairs:
        score_entities(article, reading, s[0], s[1])
        score_quotes(article, reading, s[2])
        score_claims(article, reading, s[3])
        score_incidents(article, reading, s[4], s[5], s[6])
    return s
