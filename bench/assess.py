"""Findings against real events: the chain (ingest → read → assess) scored at the level of events.

Run: PYTHONPATH=src .venv/bin/python bench/assess.py [--set corpus|realnews|all] [--errors] [--keep DIR]
     (a quick loop over assess alone: --keep DIR once, then --workspace DIR/corpus --reassess)

corpus: the sample corpus is ingested, read and assessed in a temporary workspace (as scripts/demo.sh does,
without the synthetic maritime scenario) and its assessed incidents are matched to the event gold of
data/corpus/events.yaml (watchkeeper.assess.evaluation): event P/R/F1, duplicate rate, measure accuracy (exact
set and Jaccard) and grade agreement (exact and within one grade) on matched events.

realnews: ../shared/data/eval-dev/realnews has gold incidents per document, no grouping of documents into
events, no measures and no grades. Its excerpts are ingested as text files (publication date in the header,
the annotator's date where the page gave none), read and assessed; then each document's assessed incidents
(those with evidence in it) are scored per (document, kind) and (document, kind, date) as the set's README
says. The number of assessed incidents that merge several documents is shown; nothing else can be scored.
"""

from __future__ import annotations

import argparse
import functools
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from watchkeeper.assess import assess, import_notifications, sample_notifications_path
from watchkeeper.assess.evaluation import (
    AssessedRecord,
    EventScore,
    assessed_records,
    load_events,
    score_events,
)
from watchkeeper.config import Settings, default_database_url
from watchkeeper.datafiles import data_file
from watchkeeper.evidence.ingest import ingest
from watchkeeper.reading.reader import read_documents
from watchkeeper.reading.realtext.incidents import best_matching, date_ok
from watchkeeper.reading.realtext.sets import eval_dev_dir, load_realnews
from watchkeeper.scoring import PRF
from watchkeeper.store import Store, open_store

REPO = Path(__file__).resolve().parent.parent


def run_chain(workspace: Path, targets: list[Path], notifications: bool) -> Store:
    """A fresh workspace with ``targets`` ingested, read and assessed; its store (the caller disposes it)."""
    settings = Settings(workspace=workspace, database_url=default_database_url(workspace))
    store = open_store(settings)
    ingest(store, settings, [str(t) for t in targets])
    read_documents(store)
    if notifications:
        with store.session() as session:
            import_notifications(session, sample_notifications_path())
    assess(store)
    return store


def _when(r: AssessedRecord) -> str:
    end = f"..{r.date_end}" if r.date_end else ""
    return f"{r.date}{end} ({r.precision})"


def _line(r: AssessedRecord) -> str:
    articles = ", ".join(sorted(a.split("-")[0] + "-" + a.split("-")[1] for a in r.articles))
    return f"{r.kind} {_when(r)} grade {r.grade} [{articles}]"


def print_corpus(score: EventScore) -> None:
    """The event table of the sample corpus."""
    prf = score.prf
    print(f"{'measure':34} {'value':>7}  counts")
    print(f"{'event precision':34} {prf.precision:7.3f}  {prf.tp} of {prf.predicted} assessed incidents")
    print(f"{'event recall':34} {prf.recall:7.3f}  {prf.tp} of {prf.gold} events")
    print(f"{'event F1':34} {prf.f1:7.3f}")
    dup, matched = len(score.duplicates), len(score.matches)
    print(
        f"{'duplicate rate (events)':34} {score.duplicate_rate:7.3f}  {dup} of {matched} matched events, "
        f"{score.duplicate_incidents} extra incidents"
    )
    print(f"{'measure accuracy, exact set':34} {score.measures_exact:7.3f}  on {matched} matched events")
    print(f"{'measure accuracy, Jaccard':34} {score.measures_jaccard:7.3f}")
    print(f"{'grade agreement, exact':34} {score.grade_exact:7.3f}")
    print(f"{'grade agreement, within one':34} {score.grade_within_one:7.3f}")
    classes = Counter({k: len(v) for k, v in score.unmatched.items()})
    classes["duplicate"] = score.duplicate_incidents
    print("false positives by class: " + ", ".join(f"{k} {n}" for k, n in classes.most_common()))
    by_kind: dict[str, PRF] = {}
    for event in score.events:
        by_kind.setdefault(event.kind, PRF()).fn += 1
    for record in score.records:
        by_kind.setdefault(record.kind, PRF()).fp += 1
    for event, record in score.matches:
        by_kind[event.kind].fn -= 1
        by_kind[record.kind].fp -= 1
        by_kind[event.kind].tp += 1
    print(f"\n{'kind':24} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'pred':>5} {'gold':>5}")
    for kind, k in sorted(by_kind.items()):
        print(
            f"{kind:24} {k.precision:6.3f} {k.recall:6.3f} {k.f1:6.3f} {k.tp:4d} {k.predicted:5d} {k.gold:5d}"
        )


def print_corpus_errors(score: EventScore) -> None:
    """Duplicates, missed events, wrong measures and grades, and the other false positives by class."""
    events = {e.id: e for e in score.events}
    print("\n## duplicates (an event reported by more than one assessed incident)")
    matched = {e.id: r for e, r in score.matches}
    for event_id, repeats in sorted(score.duplicates.items()):
        print(f"  {event_id}: kept {_line(matched[event_id])}")
        for r in repeats:
            print(f"      + {_line(r)}")
    print("\n## missed events")
    for event in score.missed:
        print(f"  {event.id} ({event.kind} {event.date} {event.precision}) in {len(event.articles)} articles")
    print("\n## wrong measures (gold - missing, + extra)")
    for event, record in score.matches:
        wanted = set(event.measures)
        if record.measures != wanted:
            missing = ", ".join(sorted(wanted - record.measures)) or "-"
            extra = ", ".join(sorted(record.measures - wanted)) or "-"
            print(f"  {event.id}: - {missing}   + {extra}")
    print("\n## grades (gold vs assessed)")
    for event, record in score.matches:
        if record.grade != event.grade:
            print(f"  {event.id}: gold {event.grade}, assessed {record.grade}  ({events[event.id].why})")
    for name, records in sorted(score.unmatched.items()):
        print(f"\n## unmatched incidents: {name}")
        for r in records:
            print(f"  {_line(r)}  {r.summary[:70]!r}")


def run_corpus(
    errors: bool, keep: Path | None, scored: Path | None = None, reassess: bool = False
) -> EventScore:
    """The sample corpus through the chain (or the assessed workspace ``scored``, assessed again first when
    ``reassess``), scored against events."""
    with tempfile.TemporaryDirectory(prefix="wk-bench-assess-") as tmp:
        workspace = (keep / "corpus") if keep else Path(tmp)
        started = time.perf_counter()
        if scored is not None:
            store = Store(default_database_url(scored))
            if reassess:  # assess the workspace's reading again: a quick loop over merging and grading
                assess(store)
        else:
            store = run_chain(workspace, [data_file("corpus", "articles")], notifications=True)
        with store.session() as session:
            records = assessed_records(session)
        store.dispose()
        seconds = time.perf_counter() - started
    events = load_events()
    score = score_events(events, records)
    print(f"corpus: {len(events)} events, {len(records)} assessed incidents (chain {seconds:.0f}s)\n")
    print_corpus(score)
    if errors:
        print_corpus_errors(score)
    return score


def _realnews_files(folder: Path, root: Path) -> dict[str, dict[str, Any]]:
    """The realnews excerpts written as text files with a header block; gold by document id."""
    gold = {}
    for article in load_realnews(root):
        published = article.published.isoformat() if article.published else ""
        header = f"Title: {article.id}\nDate: {published}\n\n"
        (folder / f"{article.id}.txt").write_text(header + article.text, encoding="utf-8")
        gold[article.id] = {"incidents": article.gold, "category": article.info.get("category")}
    return gold


def _agrees(agree: dict[tuple[int, int], float], i: int, j: int) -> float:
    return agree.get((i, j), 0.0)


def _score_document(
    doc: str, golds: list[dict[str, Any]], ours: list[AssessedRecord], kind: PRF, dated: PRF
) -> list[str]:
    """Count one document's (kind) and (kind + date) matches; its errors as lines."""
    lines = []
    for k in sorted({g["kind"] for g in golds} | {r.kind for r in ours}):
        g_k = [g for g in golds if g["kind"] == k]
        r_k = [r for r in ours if r.kind == k]
        p_k = [{"date": str(r.date or ""), "precision": r.precision} for r in r_k]
        kind.add(min(len(g_k), len(p_k)), len(p_k), len(g_k))
        agree = {(i, j): 1.0 for i, g in enumerate(g_k) for j, p in enumerate(p_k) if date_ok(g, p)}
        pairs = best_matching(g_k, p_k, functools.partial(_agrees, agree))
        dated.add(len(pairs), len(p_k), len(g_k))
        hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
        lines += [
            f"  {doc} - {g['kind']} {g['date']} ({g['date_precision']})"
            for i, g in enumerate(g_k)
            if i not in hit_g
        ]
        lines += [f"  {doc} + {_line(r)}" for j, r in enumerate(r_k) if j not in hit_p]
    return lines


def run_realnews(errors: bool, keep: Path | None) -> None:
    """The realnews excerpts through the chain, scored per document (kind, kind + date)."""
    root = eval_dev_dir()
    if root is None or not (root / "realnews" / "docs.jsonl").exists():
        print(f"realnews: not found under {root}; skipped")
        return
    with tempfile.TemporaryDirectory(prefix="wk-bench-realnews-") as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        gold = _realnews_files(folder, root)
        workspace = (keep / "realnews") if keep else Path(tmp) / "workspace"
        started = time.perf_counter()
        store = run_chain(workspace, [folder], notifications=False)
        with store.session() as session:
            records = assessed_records(session)
        store.dispose()
        seconds = time.perf_counter() - started
    kind, dated = PRF(), PRF()
    distractor_docs = distractor_incidents = 0
    lines: list[str] = []
    for doc, entry in sorted(gold.items()):
        ours = [r for r in records if doc in r.articles]
        if entry["category"] == "distractor" and ours:
            distractor_docs += 1
            distractor_incidents += len(ours)
        lines += _score_document(doc, entry["incidents"], ours, kind, dated)
    merged = sum(len(r.articles) > 1 for r in records)
    print(
        f"\nrealnews: {len(gold)} excerpts, {len(records)} assessed incidents, {merged} of them merging "
        f"several excerpts (chain {seconds:.0f}s); scored per document, no event grouping, measures or "
        "grades in this set"
    )
    print(f"{'measure':24} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'pred':>5} {'gold':>5}")
    for name, s in (("kind", kind), ("kind + date", dated)):
        print(
            f"{name:24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4d} {s.predicted:5d} {s.gold:5d}"
        )
    print(f"distractors with output: {distractor_docs} documents, {distractor_incidents} incidents")
    if errors:
        print("\n## realnews kind + date errors (- missed gold, + unmatched assessed incident)")
        print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["corpus", "realnews", "all"], default="corpus")
    parser.add_argument(
        "--errors", action="store_true", help="list duplicates, missed events, wrong measures"
    )
    parser.add_argument("--keep", type=Path, help="keep the workspaces under this directory")
    parser.add_argument(
        "--workspace", type=Path, help="score this assessed workspace of the corpus (e.g. demo-workspace)"
    )
    parser.add_argument(
        "--reassess",
        action="store_true",
        help="with --workspace: run assess on it again before scoring (changes that workspace)",
    )
    args = parser.parse_args()
    if args.set in ("corpus", "all"):
        run_corpus(args.errors, args.keep, args.workspace, args.reassess)
    if args.set in ("realnews", "all"):
        run_realnews(args.errors, args.keep)


if __name__ == "__main__":
    main()
