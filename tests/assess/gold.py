"""Load the corpus gold annotations into the evidence and reading tables, as the reading stage stores them.

Lets the assess and report tests run on realistic incidents, claims and documents without spaCy.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from watchkeeper.reading.corpus import Article, load_corpus
from watchkeeper.store.base import content_id
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.reading import Claim, Entity, Incident, IncidentActor

_ARTICLES: list[Article] | None = None


def articles() -> list[Article]:
    global _ARTICLES
    if _ARTICLES is None:
        _ARTICLES = load_corpus()
    return _ARTICLES


def _published(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, 12, tzinfo=UTC)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _entity(
    session: Session, seen: set[str], entity_id: str | None, name: str | None, designations: dict[str, str]
) -> str | None:
    if not entity_id:
        return None
    if entity_id not in seen:
        seen.add(entity_id)
        session.merge(
            Entity(
                id=entity_id,
                type=entity_id.partition(":")[0],
                name=_name(entity_id),
                aliases=[],
                designation_id=designations.get(entity_id),
                source="gold",
            )
        )
    return entity_id


def _name(entity_id: str) -> str:
    """The preferred name the reading stage would give: the canonical slug in words."""
    return entity_id.partition(":")[2].replace("-", " ").title()


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.find(words)
    if start < 0:
        start = text.lower().find(words.lower())
    return (start, start + len(words)) if start >= 0 else (0, min(len(text), 1))


def load_gold(
    session: Session,
    ids: list[str] | None = None,
    *,
    designations: dict[str, str] | None = None,
    url_prefix: str = "https://corpus.example/",
) -> list[str]:
    """Store the chosen gold articles (all relevant ones by default); returns the document ids."""
    designations = designations or {}
    seen: set[str] = set()
    stored = []
    for article in articles():
        gold = article.gold
        if (ids is not None and article.id not in ids) or (ids is None and not gold.get("relevant", True)):
            continue
        text = article.text
        names = {e["canonical"]: e["text"] for e in gold.get("entities") or [] if e.get("canonical")}
        session.merge(
            Document(
                id=article.id,
                text=text,
                title=article.id.replace("-", " "),
                url=f"{url_prefix}{gold['file']}",
                outlet_id=gold["outlet"],
                outlet_name=gold["outlet"].replace("-", " ").title(),
                wire_id=gold.get("wire"),
                published_at=_published(gold["published"]),
                published_precision="day",
                language="en",
                copy_group_id=gold.get("copy_group"),
                story_id=gold.get("story"),
                content_type="text/plain",
            )
        )
        session.flush()
        for claim in gold.get("claims") or []:
            start, end = _span(text, claim["text"])
            claimant = _entity(
                session, seen, claim.get("claimant"), names.get(claim.get("claimant")), designations
            )
            accused_list = claim.get("accused")
            for accused_raw in accused_list if isinstance(accused_list, list) else [accused_list]:
                accused = _entity(session, seen, accused_raw, names.get(accused_raw), designations)
                session.merge(
                    Claim(
                        id=content_id("claim", article.id, start, end, claimant, accused, claim["polarity"]),
                        document_id=article.id,
                        start=start,
                        end=end,
                        sent_start=start,
                        sent_end=end,
                        cue="said",
                        polarity=claim["polarity"],
                        act=str(claim["act"]),
                        claimant_text=names.get(claimant or ""),
                        claimant_id=claimant,
                        accused_text=names.get(accused or ""),
                        accused_id=accused,
                    )
                )
        for n, incident in enumerate(gold.get("incidents") or []):
            start, end = _span(text, incident["text"])
            incident_id = content_id("incident", article.id, n, incident["kind"])
            place = _entity(
                session, seen, incident.get("place"), names.get(incident.get("place")), designations
            )
            quantities = [
                {"text": q["text"], "value": q["value"], "unit": q.get("unit")}
                for q in incident.get("quantities") or []
            ]
            session.add(
                Incident(
                    id=incident_id,
                    document_id=article.id,
                    start=start,
                    end=end,
                    sent_start=start,
                    sent_end=end,
                    kind=incident["kind"],
                    trigger=incident["kind"],
                    date=incident.get("date"),
                    date_end=incident.get("date_end"),
                    precision=incident.get("precision") or "day",
                    place_id=place,
                    place_text=names.get(place or ""),
                    quantities=quantities,
                    tally=incident.get("tally"),
                    mentions=[],
                    status=incident.get("status") or "alleged",
                )
            )
            session.flush()
            added: set[tuple[str, str]] = set()
            for role, who in (incident.get("actors") or {}).items():
                for entity_id in who if isinstance(who, list) else [who]:
                    if not entity_id or (role, entity_id) in added:
                        continue
                    added.add((role, entity_id))
                    _entity(session, seen, entity_id, names.get(entity_id), designations)
                    session.add(
                        IncidentActor(
                            incident_id=incident_id,
                            role=role,
                            entity_id=entity_id,
                            text=names.get(entity_id),
                            implied=False,
                        )
                    )
        session.flush()
        stored.append(article.id)
    return stored


# A vessel given a (test) designation, so port-entry and asset-freeze rules have something to link.
TEST_DESIGNATIONS = {"vessel:angara": "un-1718:TEST.001"}


def build_assessed_gold(path: Path) -> Path:
    """A migrated SQLite database holding every relevant gold article, the sample notifications, assessed."""
    from watchkeeper.assess import assess, import_notifications, sample_notifications_path
    from watchkeeper.store import Store

    store = Store(f"sqlite:///{path}")
    store.migrate()
    with store.session() as session:
        load_gold(session, designations=TEST_DESIGNATIONS)
        import_notifications(session, sample_notifications_path())
    assess(store)
    store.dispose()
    return path


_BUILT: Path | None = None


def cached_assessed_gold(directory: Path) -> Path:
    """``build_assessed_gold`` once per test process (assess and report tests share it)."""
    global _BUILT
    if _BUILT is None or not _BUILT.exists():
        _BUILT = build_assessed_gold(directory / "gold.sqlite")
    return _BUILT
