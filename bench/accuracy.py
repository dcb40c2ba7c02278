"""Accuracy of the reading stage on the annotated sample corpus: precision, recall and F1 per record type.

Run: .venv/bin/python bench/accuracy.py [--verbose] [--errors claims|incidents|quotes] [--article PREFIX]
Reads every article of src/watchkeeper/data/corpus/ that has a gold file (clean text as docs/corpus.md says),
runs the full reading pipeline on it with the gold publication date, and scores against the gold.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from watchkeeper.reading.corpus import Article, load_corpus
from watchkeeper.reading.pipeline import Reading, build_pipeline, read_texts
from watchkeeper.reading.records import ClaimRecord, IncidentRecord, QuoteRecord
from watchkeeper.reading.scoring import ERROR_VIEWS, Gold, errors, predicted_id, score_corpus


def _short(text: object, width: int = 90) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _claim_line(p: ClaimRecord) -> str:
    accused = [predicted_id(a) for a in p["accused"]]
    claimant = predicted_id(p["claimant"])
    return f"{claimant} {p['polarity']} {accused} cue={p['cue']!r} {_short(p['text'], 70)!r}"


def _incident_line(p: IncidentRecord) -> str:
    actors = [(a["role"], predicted_id(a)) for a in p["actors"]]
    return f"{p['kind']} {actors} {p['status']} trigger={p['trigger']!r}"


def _quote_line(p: QuoteRecord) -> str:
    return f"{predicted_id(p['speaker'])}: {_short(p['text'], 70)!r}"


def _predicted_line(view: str, p: Any) -> str:
    if view == "claims":
        return _claim_line(p)
    if view == "incidents":
        return _incident_line(p)
    return _quote_line(p)


def _gold_line(view: str, g: Gold) -> str:
    if view == "claims":
        return f"{g['claimant']} {g['polarity']} {g.get('accused')} {_short(g.get('text'), 70)!r}"
    if view == "incidents":
        return f"{g['kind']} {g.get('actors')} {_short(g.get('text'), 70)!r}"
    return f"{g['speaker']}: {_short(g['text'], 70)!r}"


def print_errors(view: str, pairs: list[tuple[Article, Reading]]) -> None:
    """Per article: the gold records missed (-) and the predicted records that match no gold (+)."""
    for article, reading in pairs:
        missed, spurious = errors(article, reading, view)
        if not missed and not spurious:
            continue
        print(f"\n## {article.id}")
        for g in missed:
            print(f"  - {_gold_line(view, g)}")
        for p in spurious:
            print(f"  + {_predicted_line(view, p)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each article's extractions")
    parser.add_argument(
        "--errors",
        choices=sorted(ERROR_VIEWS),
        help="print each article's missed (-) and spurious (+) records of one type",
    )
    parser.add_argument("--article", default="", help="only articles whose id starts with this")
    args = parser.parse_args()
    articles = [a for a in load_corpus() if a.id.startswith(args.article)]
    nlp = build_pipeline()
    started = time.perf_counter()
    readings = list(read_texts(((a.text, a.published) for a in articles), nlp=nlp))
    elapsed = time.perf_counter() - started
    if args.verbose:
        for article, reading in zip(articles, readings, strict=True):
            print(f"\n## {article.id}")
            for q in reading.quotes:
                print(f"  quote  {q['speaker']['entity_id']}: {q['text'][:70]!r}")
            for c in reading.claims:
                print(
                    f"  claim  {c['claimant']['entity_id']} {c['polarity']} "
                    f"{[a['entity_id'] for a in c['accused']]} {c['act'][:50]!r}"
                )
            for i in reading.incidents:
                actors = [(a["role"], a["entity_id"]) for a in i["actors"]]
                print(f"  incid  {i['kind']} {i['date']} {i['precision']} {actors} {i['status']}")
    if args.errors:
        print_errors(args.errors, list(zip(articles, readings, strict=True)))
    print(f"{len(articles)} articles read in {elapsed:.1f}s\n")
    print(f"{'measure':30} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'pred':>5} {'gold':>5}")
    for s in score_corpus(zip(articles, readings, strict=True)):
        print(
            f"{s.name:30} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.tp:5d} {s.predicted:5d} {s.gold:5d}"
        )


if __name__ == "__main__":
    main()
