"""Evidence intake throughput at 1k, 10k and 100k documents: extraction, copy detection, story clustering.

Synthetic documents are variants of the bundled corpus (paragraphs reordered, trimmed, mixed with another
article's, words perturbed, outlet boilerplate added), dated along a timeline at a steady rate so that, as in
real intake, the number of stories active in the time window stays bounded while the evidence base grows.

Copy detection and clustering run the production functions (MinHash signatures, LSH band keys, containment,
story vectors, centroid similarity, the time-window blocking of ``assign_story``) over in-memory indexes that
mirror the store's tables; ``--store`` adds an end-to-end run through the real SQLite ingest at the smallest
size. Figures are documents/second (wall clock) and the CPU time per document of this process, with its ratio
against the previous size (1.0 = linear); CPU time keeps other work on a shared machine out of the ratios.

    python bench/intake.py            # 1k, 10k, 100k
    python bench/intake.py --quick    # 500, 2k, 8k
    python bench/intake.py --accuracy          # the corpus against the gold: B-cubed P/R/F1, field accuracy
    python bench/intake.py --compare-vectors   # why hashed vectors and not MiniLM (loads the packaged model)
    python bench/intake.py --real-pages        # real page dumps of ../shared/data/eval-dev: dates and chrome
    python bench/intake.py --stories-real      # stories on real news, the corpus and the wire-copy fixture
"""

from __future__ import annotations

import argparse
import bisect
import random
import re
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from watchkeeper.evidence.copies import band_keys, is_copy, signatures
from watchkeeper.evidence.scoring import corpus_dir
from watchkeeper.evidence.settings import story_settings
from watchkeeper.evidence.vectors import SparseVector, cosine, mean_vector, story_vectors
from watchkeeper.sources.reader import read_bytes

THRESHOLDS = (0.2, 0.25, 0.3, 0.33, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.75, 0.8)
DOCS_PER_DAY = 10  # a busy monitoring desk; the story window then holds ~600 documents
HTML_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | Bench Courier</title>"
    "<meta property='article:published_time' content='{date}'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{paras}</article>"
    "<aside><h2>Read more</h2><ul><li><a href='/x'>Markets slip before the holiday weekend</a></li></ul>"
    "</aside><footer>© Bench Courier</footer></body></html>"
)


def sentence_pool() -> list[str]:
    """Every sentence of the corpus articles, the material synthetic wire stories are made of."""
    pool = []
    for path in sorted((corpus_dir() / "articles").iterdir()):
        for item in read_bytes(path.read_bytes(), str(path), "file"):
            if not isinstance(item, Exception):
                pool += [s.strip() for s in re.split(r"(?<=[.!?])\s+", item.text) if len(s.split()) >= 6]
    return sorted(set(pool))


def _variant(rng: random.Random, paras: list[str], vocabulary: list[str]) -> list[str]:
    """A copy as outlets make them: reordered, trimmed, a few words changed."""
    paras = list(paras)
    if rng.random() < 0.3:
        paras = paras[:1] + rng.sample(paras[1:], len(paras) - 1)
    paras = paras[: max(2, int(len(paras) * rng.uniform(0.6, 1.0)))]
    words = " \n\n ".join(paras).split(" ")
    for _ in range(max(1, len(words) // 50)):
        words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words).split(" \n\n ")


def synthetic(n: int, pool: list[str], seed: int = 7) -> list[tuple[bytes, datetime]]:
    """``n`` raw documents (text with a header block, or HTML pages), stories of 1-6 copies of a wire text."""
    rng = random.Random(seed)
    vocabulary = sorted({w for sentence in pool for w in sentence.split()})
    start = datetime(2020, 1, 1, tzinfo=UTC)
    out: list[tuple[bytes, datetime]] = []
    story = 0
    while len(out) < n:
        # every fourth word drawn afresh, so each story's word 5-grams are its own, as real stories' are
        sentences = [
            " ".join(rng.choice(vocabulary) if k % 4 == 3 else w for k, w in enumerate(sentence.split()))
            for sentence in rng.sample(pool, 12)
        ]
        wire = [" ".join(sentences[i : i + 2]) for i in range(0, 12, 2)]
        event = start + timedelta(days=len(out) / DOCS_PER_DAY)
        for copy in range(rng.randint(1, 6)):
            if len(out) >= n:
                break
            if copy and rng.random() < 0.2:  # original reporting of the same event, quoting the wire's lead
                paras = [wire[0], *(" ".join(rng.sample(pool, 2)) for _ in range(4))]
            else:
                paras = _variant(rng, wire, vocabulary)
            i = len(out)
            paras.append(f"Copyright Bench Courier {i}. Share this story.")
            when = event + timedelta(hours=rng.randrange(72))
            headline = f"{sentences[0][:60]} ({story}/{copy})"
            if i % 2:
                body = "".join(f"<p>{p}</p>" for p in paras)
                page = HTML_PAGE.format(title=headline, date=when.isoformat(), paras=body)
                out.append((page.encode(), when))
            else:
                header = f"Title: {headline}\nOutlet: Bench Courier\nDate: {when.isoformat()}\n\n"
                out.append((header.encode() + "\n\n".join(paras).encode(), when))
        story += 1
    out.sort(key=lambda item: item[1])
    return out


def extract(raws: list[tuple[bytes, datetime]]) -> list[str]:
    return [read_bytes(raw, f"bench-{i}", "file")[0].text for i, (raw, _) in enumerate(raws)]  # type: ignore[union-attr]


def dedupe(texts: list[str]) -> int:
    """Copy groups found through LSH band keys and containment checks (no all-pairs comparison)."""
    sigs = signatures(texts)
    buckets: dict[tuple[int, str], list[int]] = {}
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, sig in enumerate(sigs):
        keys = band_keys(sig)
        candidates = {j for key in keys for j in buckets.get(key, ())}
        for j in candidates:
            if find(i) != find(j) and is_copy(sig, sigs[j]):
                parent[find(i)] = find(j)
        for key in keys:
            buckets.setdefault(key, []).append(i)
    return len({find(i) for i in range(len(texts))})


def cluster_vectors(
    vectors: list[SparseVector],
    dates: list[datetime],
    threshold: float | None = None,
    window_days: int | None = None,
    groups: list[str | None] | None = None,
) -> list[int]:
    """Incremental stories with time-window blocking, as ``assign_story`` does against the store.

    Documents must come in date order; ``groups`` (copy groups) keep copies in one story; threshold and
    window default to the production settings, whose story decay applies too. Returns a story number per
    document.
    """
    settings = story_settings()
    threshold = settings.threshold if threshold is None else threshold
    window = timedelta(days=settings.window_days if window_days is None else window_days)
    grace, per_day = settings.decay.grace_days, settings.decay.per_day
    stories: list[list] = []  # [story number, centroid, size], ordered by last_at like the store's index
    lasts: list[datetime] = []
    labels: list[int] = []
    group_story: dict[str, int] = {}
    for index, (vector, when) in enumerate(zip(vectors, dates, strict=True)):
        group = groups[index] if groups else None
        position = -1
        if group in group_story:
            position = next(i for i, st in enumerate(stories) if st[0] == group_story[group])
        else:
            best = -2.0  # the best margin over a story's join threshold
            for i in range(bisect.bisect_left(lasts, when - window), len(stories)):
                days_off = max(0.0, (when - lasts[i]).total_seconds() / 86400 - grace)
                margin = cosine(vector, stories[i][1]) - threshold - per_day * days_off
                if margin > best:
                    best, position = margin, i
            if best < 0:
                position = -1
        if position >= 0:
            number, centroid, size = stories.pop(position)
            lasts.pop(position)
            stories.append([number, mean_vector(centroid, size, vector, 1), size + 1])
        else:
            stories.append([len(labels) and max(labels) + 1, vector, 1])
        lasts.append(when)
        labels.append(stories[-1][0])
        if group:
            group_story[group] = stories[-1][0]
    return labels


def cluster(texts: list[str], dates: list[datetime]) -> int:
    """The number of stories the production vectors and thresholds make of the texts."""
    return len(set(cluster_vectors(story_vectors(texts), dates)))


def accuracy() -> None:
    """The whole intake on the corpus, scored against the gold (B-cubed and field accuracy)."""
    from watchkeeper.config import Settings, default_database_url
    from watchkeeper.evidence.ingest import ingest
    from watchkeeper.evidence.scoring import load_gold, score_corpus
    from watchkeeper.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(workspace=Path(tmp), database_url=default_database_url(Path(tmp)))
        store = open_store(settings)
        ingest(store, settings, [str(corpus_dir() / "articles")])
        with store.session() as session:
            scores = score_corpus(session, load_gold())
        store.dispose()
    print(f"corpus: {scores['documents']} documents")
    for key in ("copy_groups", "stories"):
        s = scores[key]
        print(f"{key:<12} B-cubed precision {s.precision:.3f} recall {s.recall:.3f} F1 {s.f1:.3f}")
    for key in ("outlet", "wire", "published", "language"):
        print(f"{key:<12} accuracy {scores[key]:.3f}")


EVAL_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "eval-dev"


def real_pages() -> None:
    """Real page excerpts (realnews, multilingual) read as text files: publication dates and page chrome.

    Dates are found as for a stored file (not a live fetch) with the page's URL, and compared with the
    annotated publication date; chrome is counted by cue, and every gold evidence sentence must survive.
    """
    import json
    from collections import Counter

    from watchkeeper.evidence.dates import publication_date
    from watchkeeper.sources.boilerplate import find_boilerplate
    from watchkeeper.sources.text import read_text

    if not EVAL_DEV.exists():
        print(f"no eval-dev data at {EVAL_DEV}")
        return
    fetched = datetime(2026, 12, 1, tzinfo=UTC)
    dates: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    kept = evidence = 0
    for name in ("realnews", "multilingual"):
        for row in (EVAL_DEV / name / "docs.jsonl").read_text(encoding="utf-8").splitlines():
            page = json.loads(row)
            cues.update(find_boilerplate([x for x in page["text"].split("\n") if x.strip()]).values())
            text = read_text(page["text"].encode(), page["id"], "file").text
            found = publication_date([], text, fetched, url=page["url"])
            got = found.at.date().isoformat() if found.known else None
            gold = page["publication_date"]
            if len(gold) == 10:
                dates["day: " + ("unknown" if got is None else "right" if got == gold else "wrong")] += 1
            else:
                agrees = got is not None and gold != "unknown" and got.startswith(gold)
                dates["partial/none: " + ("unknown" if got is None else "agrees" if agrees else "dated")] += 1
            flat = " ".join(text.split())
            for incident in page.get("incidents", []):
                evidence += 1
                kept += " ".join(incident["evidence"].split()) in flat
    print(
        "publication dates against the annotated ones:",
        ", ".join(f"{k} {v}" for k, v in sorted(dates.items())),
    )
    print(
        f"chrome lines dropped: {sum(cues.values())} ("
        + ", ".join(f"{k} {v}" for k, v in cues.most_common())
        + ")"
    )
    print(f"gold evidence sentences kept: {kept}/{evidence}")


def store_run(raws: list[tuple[bytes, datetime]]) -> float:
    """Documents/second through the real ingest into a fresh SQLite workspace."""
    from watchkeeper.config import Settings, default_database_url
    from watchkeeper.evidence.ingest import ingest
    from watchkeeper.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        folder.mkdir()
        for i, (raw, _) in enumerate(raws):
            (folder / f"{i:06d}.{'html' if i % 2 else 'txt'}").write_bytes(raw)
        settings = Settings(workspace=Path(tmp) / "ws", database_url=default_database_url(Path(tmp) / "ws"))
        store = open_store(settings)
        began = time.perf_counter()
        ingest(store, settings, [str(folder)])
        elapsed = time.perf_counter() - began
        store.dispose()
    return len(raws) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes 500, 2k, 8k instead of 1k, 10k, 100k")
    parser.add_argument("--sizes", help="comma-separated sizes instead, e.g. 1000,10000")
    parser.add_argument("--store", action="store_true", help="also ingest the smallest size through SQLite")
    parser.add_argument(
        "--accuracy", action="store_true", help="score the corpus intake against the gold, only"
    )
    parser.add_argument(
        "--compare-vectors",
        action="store_true",
        help="story B-cubed, MiniLM vs hashed vectors",
    )
    parser.add_argument(
        "--real-pages", action="store_true", help="dates and page chrome on the eval-dev page dumps, only"
    )
    parser.add_argument(
        "--stories-real", action="store_true", help="stories on annotated real news (bench/stories.py), only"
    )
    parser.add_argument(
        "--errors", action="store_true", help="with --stories-real: the pairs behind the figures"
    )
    args = parser.parse_args()
    if args.stories_real:
        from stories import stories_real  # bench/stories.py, beside this file

        stories_real(args.errors)
        return
    if args.accuracy or args.compare_vectors or args.real_pages:
        if args.accuracy:
            accuracy()
        if args.compare_vectors:
            from stories import compare_vectors  # bench/stories.py, beside this file

            compare_vectors()
        if args.real_pages:
            real_pages()
        return
    sizes = [500, 2000, 8000] if args.quick else [1000, 10_000, 100_000]
    if args.sizes:
        sizes = [int(size) for size in args.sizes.split(",")]
    pool = sentence_pool()
    print(
        f"corpus: {len(pool)} sentences; sizes {sizes}; "
        f"{DOCS_PER_DAY} documents/day, story window {story_settings().window_days} days"
    )
    header = f"{'docs':>7} {'stage':<11} {'docs/s':>9} {'cpu ms/doc':>10} {'cost/doc vs previous':>21}"
    print(f"{header} {'result':>14}")
    # one-time costs (lazy imports, parser set-up) are paid here, not charged to the baseline size
    warm = synthetic(100, pool)
    cluster(extract(warm), [when for _, when in warm])
    dedupe(extract(warm))
    previous: dict[str, float] = {}
    for n in sizes:
        raws = synthetic(n, pool)
        timings: dict[str, tuple[float, float]] = {}
        wall, cpu = time.perf_counter(), time.process_time()
        texts = extract(raws)
        timings["extraction"] = (time.perf_counter() - wall, time.process_time() - cpu)
        wall, cpu = time.perf_counter(), time.process_time()
        groups = dedupe(texts)
        timings["dedupe"] = (time.perf_counter() - wall, time.process_time() - cpu)
        wall, cpu = time.perf_counter(), time.process_time()
        stories = cluster(texts, [when for _, when in raws])
        timings["clustering"] = (time.perf_counter() - wall, time.process_time() - cpu)
        results = {
            "extraction": f"{n} texts",
            "dedupe": f"{groups} groups",
            "clustering": f"{stories} stories",
        }
        for stage, (wall, cpu) in timings.items():
            per_doc = cpu / n
            ratio = f"{per_doc / previous[stage]:.2f}x" if stage in previous else "baseline"
            previous[stage] = per_doc
            figures = f"{n:>7} {stage:<11} {n / wall:>9.0f} {1000 * per_doc:>10.2f} {ratio:>21}"
            print(f"{figures} {results[stage]:>14}")
    if args.store:
        print(
            f"end-to-end SQLite ingest at {sizes[0]}: {store_run(synthetic(sizes[0], pool)):.1f} documents/s"
        )


if __name__ == "__main__":
    main()
