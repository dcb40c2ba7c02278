"""Screenings per second against the whole UN Consolidated List plus synthetic names, against a naive scan.

Run: .venv/bin/python bench/screening.py [--synthetic 100000] [--queries 2000] [--scan-sample 4]

The list goes in through the lists stage (``watchkeeper lists import-un`` / ``import-vessels`` into a
temporary workspace) and the index is built with ``ScreeningIndex.from_session``; the synthetic names are
mutations of the real ones (spelling systems, hyphens, order, typos, abbreviations). Queries are other
mutations of real names, so we also count how often the designation they came from ranks first. The baseline
is the same matcher run over every indexed name (no candidate index), timed on a small sample in the same run.
Rates are per CPU second of this process (the machine is shared); wall-clock rates are printed beside them.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from watchkeeper.config import Settings, default_database_url
from watchkeeper.resolve.limits import MAX_NAME_CHARS, MAX_NAME_WORDS, NameTooLongError
from watchkeeper.resolve.matcher import POSSIBLE_THRESHOLD, match_forms
from watchkeeper.resolve.names import SCHEMAS, name_form
from watchkeeper.resolve.screening import ListedName, ScreeningIndex
from watchkeeper.store import open_store

ROOT = Path(__file__).resolve().parent.parent
UN_XML = ROOT / "src/watchkeeper/data/lists/un_consolidated_2024-09-26.xml"
VESSELS_CSV = ROOT / "src/watchkeeper/data/lists/un_1718_vessels.csv"
# spelling swaps between romanisation systems and common typing variants
SWAPS = [("o", "eo"), ("u", "oo"), ("k", "g"), ("ch", "j"), ("p", "b"), ("i", "ee"), ("ae", "e"), ("y", "i")]


def mutate(name: str, rng: random.Random) -> str:
    """One plausible variant of a name: respelled, re-hyphenated, reordered, abbreviated or mistyped."""
    tokens = name.split()
    move = rng.randrange(6)
    if move == 0 and tokens:
        i = rng.randrange(len(tokens))
        old, new = rng.choice(SWAPS)
        tokens[i] = tokens[i].lower().replace(old, new, 1)
    elif move == 1 and len(tokens) >= 3:
        tokens = [tokens[0], "-".join(tokens[1:])]
    elif move == 2 and len(tokens) >= 2:
        tokens = [*tokens[1:], tokens[0]]
    elif move == 3 and tokens:
        i = rng.randrange(len(tokens))
        word = tokens[i]
        if len(word) > 4:
            j = rng.randrange(1, len(word) - 1)
            tokens[i] = word[:j] + word[j + 1 :]
    elif move == 4:
        tokens = [re.sub(r"(?i)^corporation$", "Corp", t) for t in tokens]
        tokens = [re.sub(r"(?i)^company$", "Co", t) for t in tokens]
    else:
        tokens = [t.lower() for t in tokens]
    return " ".join(tokens)


def synthesize(real: list[ListedName], rng: random.Random) -> tuple[str, str]:
    """A new name from parts of two real ones, then one mutation: different names sharing words."""
    base, other = rng.choice(real), rng.choice(real)
    while other.schema != base.schema:
        other = rng.choice(real)
    head, tail = base.name.split(), other.name.split()
    if base.schema == "Person":
        tokens = head[:1] + (tail[1:] or tail)
    else:
        cut = rng.randrange(1, len(head) + 1)
        tokens = head[:cut] + tail[len(tail) // 2 :]
    return base.schema, mutate(" ".join(tokens), rng)


def load_list(workspace: Path) -> ScreeningIndex:
    """Import the bundled list through the lists stage and build the index from the store."""
    watchkeeper = [sys.executable, "-m", "watchkeeper", "--workspace", str(workspace)]
    steps = [["init"], ["lists", "import-un", str(UN_XML)], ["lists", "import-vessels", str(VESSELS_CSV)]]
    for step in steps:
        subprocess.run([*watchkeeper, *step], check=True, capture_output=True)
    store = open_store(Settings(workspace=workspace, database_url=default_database_url(workspace)))
    with store.session() as session:
        index = ScreeningIndex.from_session(session)
    store.dispose()
    return index


def naive_scan(index: ScreeningIndex, name: str) -> list[tuple[float, str]]:
    """The baseline: the same matcher against every indexed name, no candidate generation."""
    forms = {s: name_form(name, s) for s in SCHEMAS}
    best: dict[str, float] = {}
    for entry, form in zip(index.entries, index.forms, strict=True):
        score = match_forms(forms[entry.schema], form).score
        if score >= POSSIBLE_THRESHOLD and score > best.get(entry.designation_id, 0.0):
            best[entry.designation_id] = score
    return sorted(((s, d) for d, s in best.items()), reverse=True)


def worst_names(real: list[ListedName], rng: random.Random, count: int = 40) -> list[str]:
    """Names at the size limits, made of the list's commonest words (the most candidates per word)."""
    words = [w for e in real for w in e.name.split()]
    common = sorted(set(words), key=words.count, reverse=True)[:30]
    out = []
    for i in range(count):
        pool = common if i % 2 else words
        chosen: list[str] = []
        while len(chosen) < MAX_NAME_WORDS and len(" ".join(chosen)) < MAX_NAME_CHARS - 20:
            chosen.append(rng.choice(pool))
        out.append(" ".join(chosen)[:MAX_NAME_CHARS])
    return out


def refusal_ms(index: ScreeningIndex, name: str) -> float:
    """CPU milliseconds to refuse a name over the limits."""
    started = time.process_time()
    try:
        index.screen(name)
    except NameTooLongError:
        return (time.process_time() - started) * 1000
    raise AssertionError("an over-long name was screened")


def _real(ids: list[str]) -> list[str]:
    return [d for d in ids if not d.startswith("synthetic:")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=100_000, help="synthetic names added to the index")
    parser.add_argument("--queries", type=int, default=2_000, help="screenings timed through the index")
    parser.add_argument("--scan-sample", type=int, default=4, help="screenings timed by naive scan")
    parser.add_argument("--seed", type=int, default=1718)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        real = list(load_list(Path(tmp)).entries)
        imported = time.perf_counter() - started
    designations = len({e.designation_id for e in real})
    print(f"UN list via the lists stage: {len(real)} names of {designations} designations ({imported:.1f} s)")
    people_and_entities = [e for e in real if e.schema != "Vessel" and e.name.split()]
    synthetic = []
    for i in range(args.synthetic):
        schema, name = synthesize(people_and_entities, rng)
        synthetic.append(ListedName(f"synthetic:{i}", f"SYN.{i}", schema, name, "primary"))
    started = time.perf_counter()
    index = ScreeningIndex([*real, *synthetic])
    built = time.perf_counter() - started
    print(f"index: {len(index)} names ({args.synthetic} synthetic), built in {built:.1f} s")

    primaries = [e for e in real if e.kind == "primary"]
    chosen = [rng.choice(primaries) for _ in range(args.queries)]
    queries = [(e.designation_id, mutate(e.name, rng)) for e in chosen]
    started, cpu = time.perf_counter(), time.process_time()
    found = [_real([h.designation_id for h in index.screen(q, limit=10)]) for _, q in queries]
    indexed, indexed_cpu = time.perf_counter() - started, time.process_time() - cpu
    top1 = sum(bool(ids) and ids[0] == d for (d, _), ids in zip(queries, found, strict=True))
    top10 = sum(d in ids for (d, _), ids in zip(queries, found, strict=True))

    sample = queries[: args.scan_sample]
    started, cpu = time.perf_counter(), time.process_time()
    scanned = [_real([d for _, d in naive_scan(index, q)]) for _, q in sample]
    scan, scan_cpu = time.perf_counter() - started, time.process_time() - cpu
    agree = sum(s[:1] == f[:1] for s, f in zip(scanned, found, strict=False))

    indexed_rate, scan_rate = len(queries) / indexed_cpu, len(sample) / scan_cpu
    print(
        f"indexed screening: {indexed_rate:,.0f} screenings per CPU second "
        f"({len(queries) / indexed:,.0f}/s wall clock; {len(queries)} queries, 1 process)"
    )
    print(
        f"naive scan (baseline): {scan_rate:,.3f} screenings per CPU second "
        f"({len(sample) / scan:,.3f}/s wall clock; {len(sample)} queries)"
    )
    print(f"speed-up: {indexed_rate / scan_rate:,.0f}x")
    worst = 0.0
    for name in worst_names(real, rng):
        started = time.process_time()
        index.screen(name)
        worst = max(worst, time.process_time() - started)
    print(
        f"worst name within the limits ({MAX_NAME_CHARS} characters, {MAX_NAME_WORDS} words): "
        f"{worst * 1000:.1f} ms CPU; refused: a 1 MB name in {refusal_ms(index, 'x' * 1_000_000):.3f} ms, "
        f"10,000 words in {refusal_ms(index, 'abu ' * 10_000):.3f} ms"
    )
    print(
        f"quality: the source designation ranks first in {top1 / len(queries):.1%} and in the top 10 in "
        f"{top10 / len(queries):.1%} of mutated queries; index and scan agree on the top hit in "
        f"{agree}/{len(sample)}"
    )


if __name__ == "__main__":
    main()
