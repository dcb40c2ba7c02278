"""Accuracy of the reading stage on the annotated sample corpus: precision, recall and F1 per record type.

Run: .venv/bin/python bench/accuracy.py [--verbose]
Reads every article of src/watchkeeper/data/corpus/ that has a gold file (clean text as docs/corpus.md says),
runs the full reading pipeline on it with the gold publication date, and scores against the gold.
"""

from __future__ import annotations

import argparse
import time

from watchkeeper.reading.corpus import load_corpus
from watchkeeper.reading.pipeline import build_pipeline, read_texts
from watchkeeper.reading.scoring import score_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each article's extractions")
    args = parser.parse_args()
    articles = load_corpus()
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
    print(f"{len(articles)} articles read in {elapsed:.1f}s\n")
    print(f"{'measure':30} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'pred':>5} {'gold':>5}")
    for s in score_corpus(zip(articles, readings, strict=True)):
        print(
            f"{s.name:30} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.true_positives:5d} {s.predicted:5d} {s.gold:5d}"
        )


if __name__ == "__main__":
    main()
