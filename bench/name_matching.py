"""Precision / recall / F1 of our name matcher against nomenklatura's logic-v2 on data/resolve/name_pairs.csv.

Run: .venv/bin/python bench/name_matching.py [--errors]
Both matchers decide "same" at their default thresholds (ours: MATCH_THRESHOLD; logic-v2: 0.7, the threshold
yente and OpenSanctions use for it).
"""

from __future__ import annotations

import argparse
import time

from followthemoney import model
from nomenklatura.matching import LogicV2

from watchkeeper.resolve import MATCH_THRESHOLD, match_names
from watchkeeper.resolve.evaluation import LabelledPair, Scores, evaluate, load_name_pairs

LOGIC_V2_THRESHOLD = 0.7


def ours(pair: LabelledPair) -> bool:
    return match_names(pair.name_a, pair.name_b, pair.schema, pair.imo_a, pair.imo_b).score >= MATCH_THRESHOLD


def _proxy(name: str, schema: str, imo: str | None, key: str):  # type: ignore[no-untyped-def]
    properties: dict[str, list[str]] = {"name": [name]}
    if imo:
        properties["imoNumber"] = [f"IMO{imo}"]
    return model.get_proxy({"id": key, "schema": schema, "properties": properties})


def logic_v2(pair: LabelledPair) -> bool:
    config = LogicV2.default_config()
    a = _proxy(pair.name_a, pair.schema, pair.imo_a, "a")
    b = _proxy(pair.name_b, pair.schema, pair.imo_b, "b")
    return LogicV2.compare(a, b, config).score >= LOGIC_V2_THRESHOLD


def _row(label: str, n: int, positives: int, mine: Scores, base: Scores) -> str:
    def cells(s: Scores) -> str:
        return f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.accuracy:6.3f}"

    return f"{label:22} {n:4d} {positives:4d} | {cells(mine)} | {cells(base)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the pairs our matcher gets wrong")
    args = parser.parse_args()
    pairs = load_name_pairs()
    started = time.perf_counter()
    mine, mine_by, mine_pred = evaluate(pairs, ours)
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    base, base_by, _ = evaluate(pairs, logic_v2)
    base_seconds = time.perf_counter() - started
    same = sum(p.label for p in pairs)
    print(f"{len(pairs)} labelled pairs ({same} same, {len(pairs) - same} different)")
    print(f"{'':33} | {'ours (watchkeeper)':27} | {'nomenklatura logic-v2':27}")
    ratios = f"{'P':>6} {'R':>6} {'F1':>6} {'acc':>6}"
    print(f"{'category':22} {'n':>4} {'pos':>4} | {ratios} | {ratios}")
    for category, scores in mine_by.items():
        chosen = [p for p in pairs if p.category == category]
        print(_row(category, len(chosen), sum(p.label for p in chosen), scores, base_by[category]))
    print(_row("ALL", len(pairs), sum(p.label for p in pairs), mine, base))
    print(
        f"time: ours {ours_seconds * 1000 / len(pairs):.3f} ms/pair, "
        f"logic-v2 {base_seconds * 1000 / len(pairs):.3f} ms/pair (ratio {base_seconds / ours_seconds:.1f}x)"
    )
    if args.errors:
        for pair, guess in zip(pairs, mine_pred, strict=True):
            if guess != pair.label:
                result = match_names(pair.name_a, pair.name_b, pair.schema, pair.imo_a, pair.imo_b)
                kind = "FP" if guess else "FN"
                names = f"{pair.name_a!r} / {pair.name_b!r}"
                print(f"{kind} [{pair.category}] {names} {result.score:.2f}: {result.explain()}")


if __name__ == "__main__":
    main()
