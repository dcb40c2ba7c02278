"""Reading on real third-party news: quotes, dates and incidents against the eval-dev sets, beside the corpus.

Run: PYTHONPATH=src .venv/bin/python bench/realtext.py [--set quotes|dates|realnews|corpus|all] [--errors]
     [--limit N]
Reads ``../shared/data/eval-dev`` (or ``$WATCHKEEPER_EVAL_DEV``): PolNeAR dev quotes, TempEval-3 TBAQ dates
and the DPRK real-news excerpts, each with its publication date, and prints one table per set (definitions in
watchkeeper.reading.realtext and docs/reading.md, "Real text"). ``corpus`` is bench/accuracy.py's table.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language

from watchkeeper.reading.corpus import load_corpus
from watchkeeper.reading.pipeline import Reading, build_pipeline, read_texts
from watchkeeper.reading.realtext.incidents import IncidentErrors, predicted_date, score_incidents
from watchkeeper.reading.realtext.quotes import QuoteErrors, score_quotes
from watchkeeper.reading.realtext.sets import (
    GoldArticle,
    Row,
    eval_dev_dir,
    load_dates,
    load_quotes,
    load_realnews,
)
from watchkeeper.reading.realtext.timex import TimexErrors, score_dates, timeml_value
from watchkeeper.reading.scoring import score_corpus

PROGRESS_EVERY = 20


def _short(text: object, width: int = 60) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _read(name: str, items: list[tuple[str, Any]], nlp: Language) -> tuple[list[Reading], float]:
    """Readings of (text, date) pairs with progress on stderr, and the seconds they took."""
    started = time.perf_counter()
    readings: list[Reading] = []
    for i, reading in enumerate(read_texts(items, nlp=nlp), start=1):
        readings.append(reading)
        if i % PROGRESS_EVERY == 0 or i == len(items):
            print(f"  {name}: {i}/{len(items)} read", file=sys.stderr, flush=True)
    return readings, time.perf_counter() - started


def print_table(title: str, rows: list[Row]) -> None:
    """A table of P/R/F1 and counts; a side that means nothing for a row shows as a dash."""
    print(f"\n{title}")
    print(f"{'measure':36} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'pred':>5} {'gold':>5}")
    for row in rows:
        s = row.score
        p = f"{s.precision:6.3f}" if row.only != "recall" else f"{'—':>6}"
        r = f"{s.recall:6.3f}" if row.only != "precision" else f"{'—':>6}"
        f = f"{s.f1:6.3f}" if row.only is None else f"{'—':>6}"
        pred = f"{s.predicted:5d}" if row.only != "recall" else f"{'—':>5}"
        print(f"{s.name:36} {p} {r} {f} {s.tp:5d} {pred} {s.gold:5d}")


def _quote_errors(errors: dict[str, QuoteErrors]) -> Iterator[str]:
    for doc, e in errors.items():
        if e.missed or e.spurious or e.wrong_speaker:
            yield f"\n## quotes {doc}"
            for g in e.missed:
                source = _short((g["source"] or {}).get("text"), 25)
                yield f"  - [{g['source_kind']}] {source}: {_short(g['content']['text'])!r}"
            for p in e.spurious:
                yield f"  + {_short(p['speaker']['text'], 25)}: {_short(p['text'])!r}"
            for g, p in e.wrong_speaker:
                yield (
                    f"  ≠ [{g['source_kind']}] ours {_short(p['speaker']['text'], 25)!r} "
                    f"gold {_short(g['source']['text'], 25)!r} cue {p['cue']!r}: {_short(p['text'], 40)!r}"
                )


def _date_errors(errors: dict[str, TimexErrors]) -> Iterator[str]:
    for doc, e in errors.items():
        if e.missed or e.spurious or e.wrong_value:
            yield f"\n## dates {doc}"
            yield from (f"  - {g['type']} {g['text']!r} = {g['value']}" for g in e.missed)
            yield from (f"  + {p['text']!r} = {timeml_value(p)}" for p in e.spurious)
            yield from (
                f"  ≠ {g['text']!r}: ours {p['text']!r} = {timeml_value(p)}, gold {g['value']}"
                for g, p in e.wrong_value
            )


def _incident_errors(errors: dict[str, IncidentErrors], texts: dict[str, str]) -> Iterator[str]:
    for doc, e in errors.items():
        text = texts[doc]
        if e.missed or e.spurious or e.wrong_actors:
            yield f"\n## realnews {doc}"
            for g in e.missed:
                when = f"{g.get('date')} ({g['date_precision']})"
                yield f"  - {g['kind']} {when}: {_short(g.get('evidence'))!r}"
            for p in e.spurious:
                when = f"{predicted_date(p) or '?'} ({p['precision']}, {p.get('date_text')!r})"
                words = _short(text[p["start"] : p["end"]], 50)
                yield f"  + {p['kind']} {when} trigger={p['trigger']!r}: {words!r}"
            for g, p, role in e.wrong_actors:
                ours = sorted({(a["role"], a.get("text") or a.get("entity_id")) for a in p["actors"]})
                yield f"  ≠ {g['kind']} {role}: ours {ours}"


def run_quotes(root: Path, nlp: Language, limit: int | None, show: bool) -> None:
    """The quotes table (PolNeAR dev), after each article's errors when ``show``."""
    articles = load_quotes(root)[:limit]
    readings, seconds = _read("quotes", [(a.text, a.published) for a in articles], nlp)
    scores, errors = score_quotes(zip(articles, readings, strict=True))
    if show:
        print("\n".join(_quote_errors(errors)))
    n = sum(len(a.gold) for a in articles)
    print_table(
        f"quotes: PolNeAR dev, {len(articles)} articles, {n} relations, read in {seconds:.1f}s", scores.rows()
    )


def run_dates(root: Path, nlp: Language, limit: int | None, show: bool) -> None:
    """The dates table (TempEval-3 TBAQ), after each article's errors when ``show``."""
    articles = load_dates(root)[:limit]
    readings, seconds = _read("dates", [(a.text, a.published) for a in articles], nlp)
    scores, errors = score_dates(zip(articles, readings, strict=True))
    if show:
        print("\n".join(_date_errors(errors)))
    print_table(f"dates: TempEval-3 TBAQ, {len(articles)} articles, read in {seconds:.1f}s", scores.rows())
    print(f"value accuracy on overlapping matches: {scores.value_accuracy:.3f} of {scores.matched}")


def run_realnews(root: Path, nlp: Language, limit: int | None, show: bool) -> None:
    """The incidents tables (DPRK real news), after each document's errors when ``show``."""
    articles: list[GoldArticle] = load_realnews(root)[:limit]
    readings, seconds = _read("realnews", [(a.text, a.published) for a in articles], nlp)
    scores, errors = score_incidents(zip(articles, readings, strict=True))
    if show:
        print("\n".join(_incident_errors(errors, {a.id: a.text for a in articles})))
    inferred = sum(a.info["date_source"] != "given" for a in articles)
    title = f"realnews: {len(articles)} excerpts ({inferred} dated by the annotator), read in {seconds:.1f}s"
    print_table(title, scores.rows())
    print_table("by kind (kind)", scores.kind_rows(dated=False))
    print_table("by kind (kind+date)", scores.kind_rows(dated=True))
    print(
        f"distractors: {scores.distractor_incidents} incidents on {scores.distractors_with_any} "
        f"of {scores.distractors} documents (goal: none)"
    )


def run_corpus(root: Path | None, nlp: Language, limit: int | None, show: bool) -> None:
    """bench/accuracy.py's table on the sample corpus (its ``--errors`` lists the corpus's errors)."""
    articles = load_corpus()[:limit]
    readings, seconds = _read("corpus", [(a.text, a.published) for a in articles], nlp)
    rows = [Row(s) for s in score_corpus(zip(articles, readings, strict=True))]
    print_table(f"own corpus (bench/accuracy.py), {len(articles)} articles, read in {seconds:.1f}s", rows)


RUNS: dict[str, Callable[..., None]] = {
    "quotes": run_quotes,
    "dates": run_dates,
    "realnews": run_realnews,
    "corpus": run_corpus,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", choices=[*RUNS, "all"], default="all", help="which set to score")
    parser.add_argument("--errors", action="store_true", help="list misses (-), spurious (+), wrong (≠)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of each set")
    args = parser.parse_args()
    root = eval_dev_dir()
    wanted = list(RUNS) if args.set == "all" else [args.set]
    if root is None and wanted != ["corpus"]:
        sys.exit("eval-dev not found: clone the repository beside shared/ or set WATCHKEEPER_EVAL_DEV")
    nlp = build_pipeline()
    started = time.perf_counter()
    for name in wanted:
        RUNS[name](root, nlp, args.limit, args.errors)
    print(f"\ntotal {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
