"""Speed of the reading pipeline: documents/second of ours against the bare spaCy model, same texts, same run.

Run: .venv/bin/python bench/reading.py [--copies 3] [--batch-size 16]
The texts are the sample corpus's articles (repeated ``--copies`` times). Goal: ours ≥ 0.8× bare. Both are
measured with n_process=1 and n_process=2 (the machine has two cores; workers pay a start-up cost).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import spacy

from watchkeeper.reading.corpus import load_corpus
from watchkeeper.reading.pipeline import MODEL_PACKAGE, build_pipeline, make_doc, reading_of


def _rate(run: Callable[[], int]) -> float:
    started = time.perf_counter()
    count = run()
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="how many times to repeat the corpus")
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    articles = load_corpus() * args.copies
    words = sum(len(a.text.split()) for a in articles)
    bare = spacy.load(MODEL_PACKAGE)
    ours = build_pipeline()
    list(bare.pipe([a.text for a in articles[:8]]))  # warm both up
    list(ours.pipe([make_doc(ours, a.text, a.published) for a in articles[:8]]))

    def run_bare(n_process: int) -> int:
        return sum(
            1 for _ in bare.pipe((a.text for a in articles), batch_size=args.batch_size, n_process=n_process)
        )

    def run_ours(n_process: int) -> int:
        docs = (make_doc(ours, a.text, a.published) for a in articles)
        return sum(
            1 for d in ours.pipe(docs, batch_size=args.batch_size, n_process=n_process) if reading_of(d)
        )

    print(f"{len(articles)} documents, {words} words\n")
    print(f"{'n_process':>9} {'bare docs/s':>12} {'ours docs/s':>12} {'ours/bare':>10}")
    base_single = None
    for n_process in (1, 2):
        bare_rate = _rate(lambda: run_bare(n_process))  # noqa: B023
        ours_rate = _rate(lambda: run_ours(n_process))  # noqa: B023
        base_single = base_single or bare_rate
        print(f"{n_process:>9} {bare_rate:12.1f} {ours_rate:12.1f} {ours_rate / bare_rate:10.2f}")
    print(f"\n(words/s of the bare model with one process: {base_single * words / len(articles):.0f})")


if __name__ == "__main__":
    main()
