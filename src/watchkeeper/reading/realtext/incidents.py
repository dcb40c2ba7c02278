"""Scoring incidents against the real-news gold (eval-dev ``realnews/``) as its README's scoring section says.

Gold and predicted incidents are grouped by (document, kind) and matched one-to-one. *Kind*: a group's true
positives are min(#gold, #predicted). *Kind + date*: a prediction matches a gold incident only when its date
agrees at the gold precision (day, month or year; an unknown gold date accepts any), in a maximum matching
that prefers, among equal sizes, the most agreeing actors. *Main*: recall of ``is_main`` incidents in the
matching that covers most of them. *Actors*: on kind + date pairs, each core role the gold fills is right
when a predicted actor in a corresponding role of ours has the same name (normalised; one containing the
other counts). Our date keeps only the digits its precision supports ("2019" for a year, not "2019-01-01");
a range gives its first day, since the gold dates a period by its start.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from watchkeeper.reading.kinds import kind_ids
from watchkeeper.reading.pipeline import Reading
from watchkeeper.reading.realtext.sets import GoldArticle, Row
from watchkeeper.reading.scoring import Score
from watchkeeper.vocabulary import DatePrecision

# The gold's core roles per kind (realnews/README.md, "Kinds and actor roles").
CORE_ROLES = {
    "missile_launch": ("launcher",),
    "engine_test": ("tester",),
    "arms_transfer": ("supplier", "recipient"),
    "petroleum_delivery": ("supplier", "recipient"),
    "ship_to_ship_transfer": ("from_vessel", "to_vessel"),
    "banned_export": ("exporter",),
    "port_call": ("vessel", "port"),
    "cyber_theft": ("thief", "victim"),
    "overseas_workers": ("sender", "host"),
    "council_vote": ("body",),
}
# Our roles (data/reading/incidents.yaml) that fill each gold role; "place" is the incident's place.
OUR_ROLES = {
    "launcher": ("launcher",),
    "tester": ("launcher",),
    "supplier": ("from", "supplier"),
    "recipient": ("to", "recipient"),
    "from_vessel": ("vessel", "from"),
    "to_vessel": ("vessel", "to"),
    "exporter": ("from",),
    "vessel": ("vessel",),
    "port": ("place", "to"),
    "thief": ("perpetrator",),
    "victim": ("victim",),
    "sender": ("from",),
    "host": ("to",),
    "body": (),
}
ALIASES = {
    "dprk": "north korea",
    "pyongyang": "north korea",
    "democratic peoples republic of korea": "north korea",
    "moscow": "russia",
    "russian federation": "russia",
}
# The digits of an ISO date each precision supports; ``publication`` (no date in the text) stands as a day.
DIGITS = {
    DatePrecision.DAY: 10,
    DatePrecision.PUBLICATION: 10,
    DatePrecision.MONTH: 7,
    DatePrecision.QUARTER: 4,
    DatePrecision.YEAR: 4,
}


def normal_name(name: str) -> str:
    """A name as the README compares it: lower case, no bracketed part or punctuation, aliases folded."""
    plain = re.sub(r"\([^)]*\)", " ", name.lower())
    plain = " ".join(re.sub(r"[^\w\s]", "", plain).split()).removeprefix("the ")
    return ALIASES.get(plain, plain)


def same_actor(gold: str, predicted: str) -> bool:
    """Names agree when, normalised, one contains the other as whole words."""
    a, b = normal_name(gold), normal_name(predicted)
    return bool(a) and bool(b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def predicted_date(incident: Mapping[str, Any]) -> str:
    """Our incident's date cut to what its precision supports; a range or week gives its start day."""
    start = str(incident.get("date") or "")
    precision = str(incident.get("precision") or "")
    # the gold dates a period by its start; a start day agrees with a gold month or year that holds it
    return start[: DIGITS[DatePrecision(precision)]] if precision in DIGITS else start[:10]


def date_ok(gold: Mapping[str, Any], incident: Mapping[str, Any]) -> bool:
    """The README's rule: the dates agree at the gold precision (any date will do for an unknown one)."""
    precision = str(gold.get("date_precision"))
    n = DIGITS[DatePrecision(precision)] if precision in DIGITS else None
    ours = predicted_date(incident)
    return n is None or (len(ours) >= n and ours[:n] == str(gold.get("date") or "")[:n])


def actor_names(incident: Mapping[str, Any], roles: tuple[str, ...]) -> list[str]:
    """The names our incident gives in any of ``roles``: each actor's words and its entity id's slug."""
    actors = list(incident.get("actors") or [])
    if incident.get("place"):
        actors.append({"role": "place", **incident["place"]})
    names = []
    for actor in actors:
        if actor.get("role") not in roles:
            continue
        if actor.get("text"):
            names.append(str(actor["text"]))
        if actor.get("entity_id"):
            names.append(str(actor["entity_id"]).partition(":")[2].replace("-", " "))
    return names


def role_checks(gold: Mapping[str, Any], incident: Mapping[str, Any]) -> list[tuple[str, str, bool]]:
    """(role, gold name, right?) for each core role the gold incident fills."""
    out = []
    for role in CORE_ROLES.get(gold["kind"], ()):
        name = (gold.get("actors") or {}).get(role)
        if name:
            names = actor_names(incident, OUR_ROLES.get(role, ()))
            out.append((role, str(name), any(same_actor(str(name), n) for n in names)))
    return out


def best_matching(
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    weight: Callable[[int, int], float],
) -> list[tuple[int, int]]:
    """The one-to-one pairs of greatest total weight (a pair of weight 0 is no match)."""
    weights = {(i, j): weight(i, j) for i in range(len(gold)) for j in range(len(predicted))}
    edges = {pair: w for pair, w in weights.items() if w > 0}

    # groups are small (a few gold incidents of one kind in one text): search every assignment, memoised
    @cache
    def best(i: int, used: int) -> tuple[float, tuple[tuple[int, int], ...]]:
        if i == len(gold):
            return 0.0, ()
        found = best(i + 1, used)
        for j in range(len(predicted)):
            if not used >> j & 1 and (i, j) in edges:
                total, pairs = best(i + 1, used | 1 << j)
                if total + edges[i, j] > found[0]:
                    found = (total + edges[i, j], ((i, j), *pairs))
        return found

    return list(best(0, 0)[1])


@dataclass
class IncidentErrors:
    """One document's mistakes after the kind + date matching."""

    missed: list[Mapping[str, Any]] = field(default_factory=list)
    spurious: list[Mapping[str, Any]] = field(default_factory=list)
    wrong_actors: list[tuple[Mapping[str, Any], Mapping[str, Any], str]] = field(default_factory=list)


@dataclass
class IncidentScores:
    """The incidents table's counts, summed over documents."""

    kind: Score = field(default_factory=lambda: Score(name="incidents (kind)"))
    dated: Score = field(default_factory=lambda: Score(name="incidents (kind+date)"))
    main: Score = field(default_factory=lambda: Score(name="main incidents (kind+date)"))
    actors: Score = field(default_factory=lambda: Score(name="actors (core roles, dated pairs)"))
    per_kind: dict[str, Score] = field(default_factory=lambda: {k: Score(name=f"  {k}") for k in kind_ids()})
    per_kind_dated: dict[str, Score] = field(
        default_factory=lambda: {k: Score(name=f"  {k}") for k in kind_ids()}
    )
    distractor_incidents: int = 0
    distractors_with_any: int = 0
    distractors: int = 0

    def rows(self) -> list[Row]:
        """The main table, in print order (actor rows are accuracies: P = R = F1)."""
        return [Row(self.kind), Row(self.dated), Row(self.main, only="recall"), Row(self.actors)]

    def kind_rows(self, dated: bool) -> list[Row]:
        """One row per kind that has gold or predictions."""
        table = self.per_kind_dated if dated else self.per_kind
        return [Row(s) for s in table.values() if s.gold or s.predicted]


def _add(score: Score, tp: int, predicted: int, gold: int) -> None:
    score.add(tp, predicted, gold)


def _score_group(
    gold: Sequence[Mapping[str, Any]],
    predicted: Sequence[Mapping[str, Any]],
    scores: IncidentScores,
    errors: IncidentErrors,
) -> None:
    kind = (gold or predicted)[0]["kind"]
    per_kind = scores.per_kind.setdefault(kind, Score(name=f"  {kind}"))
    per_kind_dated = scores.per_kind_dated.setdefault(kind, Score(name=f"  {kind}"))
    for score in (scores.kind, per_kind):
        _add(score, min(len(gold), len(predicted)), len(predicted), len(gold))

    def agreeing(i: int, j: int) -> int:
        return sum(ok for _, _, ok in role_checks(gold[i], predicted[j]))

    dated = best_matching(
        gold, predicted, lambda i, j: 1000.0 + agreeing(i, j) if date_ok(gold[i], predicted[j]) else 0.0
    )
    for score in (scores.dated, per_kind_dated):
        _add(score, len(dated), len(predicted), len(gold))
    mains = best_matching(
        gold,
        predicted,
        lambda i, j: (1000.0 * bool(gold[i].get("is_main")) + 1) if date_ok(gold[i], predicted[j]) else 0.0,
    )
    _add(
        scores.main,
        sum(1 for i, _ in mains if gold[i].get("is_main")),
        0,
        sum(1 for g in gold if g.get("is_main")),
    )
    for i, j in dated:
        for role, name, ok in role_checks(gold[i], predicted[j]):
            _add(scores.actors, int(ok), 1, 1)
            if not ok:
                errors.wrong_actors.append((gold[i], predicted[j], f"{role}={name}"))
    errors.missed.extend(g for i, g in enumerate(gold) if i not in {i for i, _ in dated})
    errors.spurious.extend(p for j, p in enumerate(predicted) if j not in {j for _, j in dated})


def score_article(article: GoldArticle, reading: Reading, scores: IncidentScores) -> IncidentErrors:
    """Add one document's counts to ``scores``; returns its errors."""
    errors = IncidentErrors()
    predicted = list(reading.incidents)
    if article.info.get("category") == "distractor" or not article.gold:
        scores.distractors += 1
        scores.distractor_incidents += len(predicted)
        scores.distractors_with_any += bool(predicted)
    for kind in dict.fromkeys([*(g["kind"] for g in article.gold), *(str(p["kind"]) for p in predicted)]):
        gold = [g for g in article.gold if g["kind"] == kind]
        ours = [p for p in predicted if p["kind"] == kind]
        _score_group(gold, ours, scores, errors)
    return errors


def score_incidents(
    pairs: Iterable[tuple[GoldArticle, Reading]],
) -> tuple[IncidentScores, dict[str, IncidentErrors]]:
    """The incidents table over (document, reading) pairs, and each document's errors."""
    scores = IncidentScores()
    errors = {article.id: score_article(article, reading, scores) for article, reading in pairs}
    return scores, errors
