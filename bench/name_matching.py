"""Precision / recall / F1 of our name matcher against nomenklatura's logic-v2, in the same run, per group,
on data/resolve/name_pairs.csv (DPRK-heavy) and general_pairs.csv (every origin; tune and held-out halves).

Run: .venv/bin/python bench/name_matching.py [--set dprk|general|both] [--errors] [--split tune] [--ours-only]
Both matchers decide "same" at their default thresholds (ours: MATCH_THRESHOLD; logic-v2: 0.7, the threshold
yente and OpenSanctions use for it). ``--ours-only`` skips logic-v2 (about 100 ms a pair) for quick loops.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable

from followthemoney import model
from nomenklatura.matching import LogicV2

from watchkeeper.resolve import MATCH_THRESHOLD, match_names
from watchkeeper.resolve.evaluation import (
    GENERAL_PAIRS,
    NAME_PAIRS,
    LabelledPair,
    Scores,
    evaluate,
    load_name_pairs,
    score_predictions,
)
from watchkeeper.resolve.matcher import POSSIBLE_THRESHOLD, MatchResult

LOGIC_V2_THRESHOLD = 0.7
# logic-v2 caches comparisons by entity id: every proxy needs an id of its own or pairs get another's score
_PROXY_IDS = itertools.count()


def _ours_result(pair: LabelledPair) -> MatchResult:
    return match_names(
        pair.name_a, pair.name_b, pair.schema, pair.imo_a, pair.imo_b, quality_b=pair.quality_b
    )


def ours(pair: LabelledPair) -> bool:
    return _ours_result(pair).score >= MATCH_THRESHOLD


def _proxy(name: str, schema: str, imo: str | None):
    properties: dict[str, list[str]] = {"name": [name]}
    if imo:
        properties["imoNumber"] = [f"IMO{imo}"]
    return model.get_proxy({"id": f"q{next(_PROXY_IDS)}", "schema": schema, "properties": properties})


def logic_v2(pair: LabelledPair) -> bool:
    config = LogicV2.default_config()
    a = _proxy(pair.name_a, pair.schema, pair.imo_a)
    b = _proxy(pair.name_b, pair.schema, pair.imo_b)
    return LogicV2.compare(a, b, config).score >= LOGIC_V2_THRESHOLD


def _cells(s: Scores | None) -> str:
    if s is None:
        return f"{'-':>6} {'-':>6} {'-':>6} {'-':>6}"
    return f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.accuracy:6.3f}"


def _row(label: str, chosen: list[LabelledPair], mine: Scores, base: Scores | None) -> str:
    return f"{label:24} {len(chosen):4d} {sum(p.label for p in chosen):4d} | {_cells(mine)} | {_cells(base)}"


def _scores(pairs: list[LabelledPair], guesses: list[bool], keep: Callable[[LabelledPair], bool]) -> Scores:
    chosen = [(p, g) for p, g in zip(pairs, guesses, strict=True) if keep(p)]
    return score_predictions([p for p, _ in chosen], [g for _, g in chosen])


def report(title: str, pairs: list[LabelledPair], with_base: bool, errors: bool) -> None:
    """Print one file's table: per group, then per split and overall."""
    started = time.perf_counter()
    _, mine_by, mine_pred = evaluate(pairs, ours)
    ours_seconds = time.perf_counter() - started
    base_pred: list[bool] | None = None
    started = time.perf_counter()
    if with_base:
        _, _, base_pred = evaluate(pairs, logic_v2)
    base_seconds = time.perf_counter() - started
    same = sum(p.label for p in pairs)
    print(f"\n{title}: {len(pairs)} labelled pairs ({same} same, {len(pairs) - same} different)")
    print(f"{'':35} | {'ours (watchkeeper)':27} | {'nomenklatura logic-v2':27}")
    ratios = f"{'P':>6} {'R':>6} {'F1':>6} {'acc':>6}"
    print(f"{'group':24} {'n':>4} {'pos':>4} | {ratios} | {ratios}")

    def line(label: str, keep: Callable[[LabelledPair], bool]) -> None:
        chosen = [p for p in pairs if keep(p)]
        if not chosen:
            return
        base = _scores(pairs, base_pred, keep) if base_pred is not None else None
        print(_row(label, chosen, _scores(pairs, mine_pred, keep), base))

    for category in mine_by:
        line(category, lambda p, c=category: p.category == c)  # type: ignore[misc]
    for split in sorted({p.split for p in pairs if p.split}):
        line(f"ALL {split}", lambda p, s=split: p.split == s)  # type: ignore[misc]
    line("ALL", lambda p: True)
    low = [p for p in pairs if p.quality_b == "low"]
    if low:
        possible = sum(_ours_result(p).score >= POSSIBLE_THRESHOLD for p in low)
        print(f"low-quality one-word aliases scored possible or better: {possible}/{len(low)}")
    rate = f"time: ours {ours_seconds * 1000 / len(pairs):.3f} ms/pair"
    if with_base:
        rate += f", logic-v2 {base_seconds * 1000 / len(pairs):.3f} ms/pair"
    print(rate)
    if errors:
        for pair, guess in zip(pairs, mine_pred, strict=True):
            if guess != pair.label:
                result = _ours_result(pair)
                kind = "FP" if guess else "FN"
                names = f"{pair.name_a!r} / {pair.name_b!r}"
                print(f"{kind} [{pair.category}] {names} {result.score:.2f}: {result.explain()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dprk", "general", "both"), default="both")
    parser.add_argument("--split", help="only this half of the general set (tune or heldout)")
    parser.add_argument("--errors", action="store_true", help="list the pairs our matcher gets wrong")
    parser.add_argument("--ours-only", action="store_true", help="skip logic-v2")
    args = parser.parse_args()
    if args.set in ("dprk", "both"):
        report("name_pairs.csv (DPRK-heavy)", load_name_pairs(NAME_PAIRS), not args.ours_only, args.errors)
    if args.set in ("general", "both"):
        general = [p for p in load_name_pairs(GENERAL_PAIRS) if not args.split or p.split == args.split]
        report("general_pairs.csv (every origin)", general, not args.ours_only, args.errors)


if __name__ == "__main__":
    main()
