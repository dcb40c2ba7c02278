"""Scoring the evidence stage against the corpus gold: B-cubed for copy groups and stories, field accuracy."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.evidence.stories import as_utc
from watchkeeper.scoring import f1_score
from watchkeeper.store.models.evidence import Document, DocumentSource


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)


def corpus_dir() -> Path:
    return Path(str(resources.files("watchkeeper.data") / "corpus"))


def load_gold(corpus: Path | None = None) -> dict[str, dict]:
    """The gold annotations by article id (file stem)."""
    corpus = corpus or corpus_dir()
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((corpus / "gold").glob("*.yaml"))
    }


def bcubed(predicted: Mapping[str, str | None], truth: Mapping[str, str | None]) -> BCubed:
    """B-cubed precision and recall; an item with no cluster (None) is a cluster of its own."""
    items = sorted(set(predicted) & set(truth))
    if not items:
        return BCubed(0.0, 0.0)

    def clusters(labels: Mapping[str, str | None]) -> dict[str, set[str]]:
        groups: dict[str, set[str]] = {}
        for item in items:
            groups.setdefault(labels[item] or f"\x00{item}", set()).add(item)
        return {item: groups[labels[item] or f"\x00{item}"] for item in items}

    pred, gold = clusters(predicted), clusters(truth)
    precision = sum(len(pred[i] & gold[i]) / len(pred[i]) for i in items) / len(items)
    recall = sum(len(pred[i] & gold[i]) / len(gold[i]) for i in items) / len(items)
    return BCubed(precision, recall)


def stored_by_article(session: Session) -> dict[str, Document]:
    """Stored documents keyed by the corpus article id of the file they came from."""
    out: dict[str, Document] = {}
    for locator, document in session.execute(
        select(DocumentSource.locator, Document).join(Document, Document.id == DocumentSource.document_id)
    ):
        out[Path(locator.split("!", 1)[0]).stem] = document
    return out


def _gold_day(value: object) -> date:
    if isinstance(value, datetime):
        return as_utc(value).date()
    if isinstance(value, date):
        return value
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return as_utc(parsed).date() if parsed.tzinfo else parsed.date()


def score_corpus(session: Session, gold: Mapping[str, dict]) -> dict[str, object]:
    """Copy-group and story B-cubed, and the share of documents with the gold outlet, wire, date, language."""
    stored = stored_by_article(session)
    ids = [a for a in gold if a in stored]
    copies = bcubed({a: stored[a].copy_group_id for a in ids}, {a: gold[a].get("copy_group") for a in ids})
    stories = bcubed({a: stored[a].story_id for a in ids}, {a: gold[a].get("story") for a in ids})

    def share(check: Callable[[Document, dict], bool]) -> float:
        return sum(1 for a in ids if check(stored[a], gold[a])) / len(ids) if ids else 0.0

    def same_day(d: Document, g: dict) -> bool:
        if d.published_at is None:
            return False
        published = as_utc(d.published_at)
        gold_value = g["published"]
        if isinstance(gold_value, datetime) or "T" in str(gold_value):
            moment = (
                gold_value
                if isinstance(gold_value, datetime)
                else datetime.fromisoformat(str(gold_value).replace("Z", "+00:00"))
            )
            return published == as_utc(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
        return published.date() == _gold_day(gold_value)

    return {
        "documents": len(ids),
        "copy_groups": copies,
        "stories": stories,
        "outlet": share(lambda d, g: d.outlet_id == g.get("outlet")),
        "wire": share(lambda d, g: d.wire_id == g.get("wire")),
        "published": share(same_day),
        "language": share(lambda d, g: d.language == g.get("language")),
    }
