"""The eval-dev sets of real, annotated news: where they are and how to load them (texts stay where they are).

The sets live beside the repository, in ``../shared/data/eval-dev`` (``WATCHKEEPER_EVAL_DEV`` points
elsewhere). They are copyrighted news kept for research: we read them by path and copy nothing of them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from watchkeeper.reading.scoring import Score

ENV_VAR = "WATCHKEEPER_EVAL_DEV"
# src/watchkeeper/reading/realtext/sets.py → the repository root is four folders up; shared/ lies beside it.
DEFAULT_DIR = Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "eval-dev"
SETS = ("quotes", "dates", "realnews")


@dataclass(frozen=True)
class Row:
    """One line of a table: a score, and which side means nothing for it (``precision`` / ``recall`` only)."""

    score: Score
    only: str | None = None


@dataclass
class GoldArticle:
    """One article of a set: its text, the publication date the reader gets, and its gold records."""

    id: str
    text: str
    published: date | None
    gold: list[dict[str, Any]] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)


def eval_dev_dir() -> Path | None:
    """The eval-dev folder (``$WATCHKEEPER_EVAL_DEV`` or ``../shared/data/eval-dev``), or None when absent."""
    configured = os.environ.get(ENV_VAR)
    path = Path(configured) if configured else DEFAULT_DIR
    return path.resolve() if (path / "README.md").is_file() else None


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _day(value: str | None) -> date | None:
    """A full ISO day; a month alone ("2024-03") reads as its 15th, the day nearest to any day in it."""
    if not value or value == "unknown":
        return None
    if len(value) == 7:
        return date.fromisoformat(f"{value}-15")
    return date.fromisoformat(value[:10])


def load_quotes(root: Path) -> list[GoldArticle]:
    """PolNeAR's dev split: articles with their attribution relations (source, cue, content spans)."""
    folder = root / "quotes"
    relations: dict[str, list[dict[str, Any]]] = {}
    for relation in _jsonl(folder / "gold.jsonl"):
        relations.setdefault(relation["doc"], []).append(relation)
    return [
        GoldArticle(
            id=doc["doc"].removesuffix(".txt"),
            text=(folder / doc["doc"]).read_text(encoding="utf-8"),
            published=_day(doc.get("publication_date")),
            gold=relations.get(doc["doc"], []),
            info={"publisher": doc.get("publisher")},
        )
        for doc in _jsonl(folder / "docs.jsonl")
    ]


def load_dates(root: Path) -> list[GoldArticle]:
    """TempEval-3's training articles: text, document creation time (``dct``) and TIMEX3 annotations.

    One article is listed twice in the set's files (docs and gold): it counts once, as do its TIMEX3s.
    """
    folder = root / "dates"
    timexes: dict[str, dict[tuple[str, int, int], dict[str, Any]]] = {}
    for timex in _jsonl(folder / "gold.jsonl"):
        key = (str(timex.get("tid")), int(timex["start"]), int(timex["end"]))
        timexes.setdefault(timex["doc"], {}).setdefault(key, timex)
    docs = {doc["doc"]: doc for doc in _jsonl(folder / "docs.jsonl")}
    return [
        GoldArticle(
            id=name.removesuffix(".txt"),
            text=(folder / name).read_text(encoding="utf-8"),
            published=_day(doc["dct"]),
            gold=list(timexes.get(name, {}).values()),
        )
        for name, doc in docs.items()
    ]


def realnews_publication(doc: dict[str, Any]) -> tuple[date | None, str]:
    """The date the reader gets and where it came from: the given date, else the annotator's inferred one."""
    given = str(doc.get("publication_date") or "unknown")
    inferred = doc.get("publication_date_inferred")
    if len(given) == 10:
        return _day(given), "given"
    if inferred:
        return _day(str(inferred)), "inferred"
    return _day(given), "partial" if given != "unknown" else "none"


def load_realnews(root: Path) -> list[GoldArticle]:
    """The DPRK news excerpts with their gold incidents; distractors have none."""
    articles = []
    for doc in _jsonl(root / "realnews" / "docs.jsonl"):
        published, source = realnews_publication(doc)
        articles.append(
            GoldArticle(
                id=doc["id"],
                text=doc["text"],
                published=published,
                gold=list(doc.get("incidents") or []),
                info={"category": doc.get("category"), "date_source": source},
            )
        )
    return articles
