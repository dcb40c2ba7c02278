"""The evidence stage against the corpus gold: copy groups and stories (B-cubed), outlets, wires, dates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from watchkeeper.config import Settings, default_database_url
from watchkeeper.evidence.export import records
from watchkeeper.evidence.ingest import IngestReport, ingest
from watchkeeper.evidence.scoring import bcubed, corpus_dir, load_gold, score_corpus, stored_by_article
from watchkeeper.export import RECORD_SOURCES
from watchkeeper.store import Store

# Floors a little below what the corpus measured when they were set (copies 1.00, stories 0.90 F1,
# outlet/wire/date/language 1.00 on 66 documents); the corpus grows, the floors hold the line.
FLOORS = {
    "copies_f1": 0.95,
    "stories_f1": 0.82,
    "outlet": 0.95,
    "wire": 0.95,
    "published": 0.9,
    "language": 0.95,
}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Settings, IngestReport]]:
    workspace = tmp_path_factory.mktemp("corpus-ws")
    settings = Settings(workspace=workspace, database_url=default_database_url(workspace))
    store = Store(settings.database_url)
    store.migrate()
    report = ingest(store, settings, [str(corpus_dir() / "articles")])
    yield store, settings, report
    store.dispose()


def test_bcubed_by_hand() -> None:
    score = bcubed({"a": "x", "b": "x", "c": None}, {"a": "g", "b": None, "c": None})
    assert score.precision == pytest.approx((0.5 + 0.5 + 1) / 3)
    assert score.recall == 1.0


def test_every_corpus_article_ingested(corpus_store: tuple[Store, Settings, IngestReport]) -> None:
    store, _, report = corpus_store
    errors = [i for i in report.items if i.status == "error"]
    assert not errors, errors
    with store.session() as session:
        assert set(load_gold()) <= set(stored_by_article(session))


def test_scores_hold_their_floors(corpus_store: tuple[Store, Settings, IngestReport]) -> None:
    store, _, _ = corpus_store
    with store.session() as session:
        scores = score_corpus(session, load_gold())
    measured = {
        "copies_f1": scores["copy_groups"].f1,
        "stories_f1": scores["stories"].f1,
        **{k: scores[k] for k in ("outlet", "wire", "published", "language")},
    }
    low = {k: round(v, 3) for k, v in measured.items() if v < FLOORS[k]}
    assert not low, f"below the floor: {low} (floors {FLOORS})"


def test_copy_groups_never_split_across_stories(corpus_store: tuple[Store, Settings, IngestReport]) -> None:
    store, _, _ = corpus_store
    with store.session() as session:
        stories: dict[str, set[str]] = {}
        for document in stored_by_article(session).values():
            if document.copy_group_id:
                stories.setdefault(document.copy_group_id, set()).add(document.story_id)
    assert stories and all(len(s) == 1 for s in stories.values())


def test_gold_spans_are_in_the_clean_text(corpus_store: tuple[Store, Settings, IngestReport]) -> None:
    store, _, _ = corpus_store
    with store.session() as session:
        stored = stored_by_article(session)
        texts = {a: " ".join(d.text.split()) for a, d in stored.items()}
    missing, total = [], 0
    for article, gold in load_gold().items():
        for kind in ("quotes", "claims", "incidents"):
            for item in gold.get(kind) or []:
                total += 1
                if " ".join(item["text"].split()) not in texts[article]:
                    missing.append((article, item["text"][:60]))
    assert total and len(missing) / total <= 0.02, missing


def test_raw_bytes_kept_by_content(corpus_store: tuple[Store, Settings, IngestReport]) -> None:
    store, settings, _ = corpus_store
    with store.session() as session:
        document = next(iter(stored_by_article(session).values()))
        raw = Path(settings.workspace) / document.raw_path
    assert raw.exists() and raw.name == document.raw_sha256


def test_export_records(corpus_store: tuple[Store, Settings, IngestReport]) -> None:
    store, _, report = corpus_store
    with store.session() as session:
        exported = list(records(session))
    documents = [r for r in exported if r["type"] == "document"]
    stories = [r for r in exported if r["type"] == "story"]
    assert len(documents) == report.documents and len(stories) == report.stories
    assert all(r["text"] and r["sources"] for r in documents)
    assert "watchkeeper.evidence.export:records" in RECORD_SOURCES
