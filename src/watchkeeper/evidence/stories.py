"""Stories: documents reporting the same event, clustered incrementally against stored story centroids.

A new document joins the story of its copy group when it has one (copy groups are never split), else the
most similar story active within the time window when the similarity clears the threshold, else starts a
story. Only stories whose time span lies within the window are compared: the blocking that keeps intake
near-linear however large the evidence base grows. A story fades: past a few days beyond its span, the
similarity a document needs to join it rises with every day (``data/evidence/stories.yaml``).

A document with no publication date has no place in time: it is compared with every story and joins one by
content alone, without widening its time span; a story of undated documents only has no span and stays open
to dated documents of any time. An unknown date never splits a story.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from watchkeeper.errors import NotFoundError
from watchkeeper.evidence.settings import StorySettings, story_settings
from watchkeeper.evidence.standing import cached_standing, without
from watchkeeper.evidence.vectors import VECTOR_MODEL, SparseVector, cosine, mean_vector, story_vectors
from watchkeeper.store.base import content_id
from watchkeeper.store.models.evidence import Document, DocumentSignature, Story


def days_off_span(story: Story, at: datetime | None) -> float:
    """How many days the date lies outside the story's time span (0 inside it, or when either is undated)."""
    if at is None or story.first_at is None or story.last_at is None:
        return 0.0
    at = as_utc(at)
    before = (as_utc(story.first_at) - at).total_seconds()
    after = (at - as_utc(story.last_at)).total_seconds()
    return max(0.0, before, after) / 86400


def join_threshold(settings: StorySettings, days_off: float) -> float:
    """The similarity a document needs to join a story whose span lies ``days_off`` days away."""
    return settings.threshold + settings.decay.per_day * max(0.0, days_off - settings.decay.grace_days)


@dataclass(frozen=True)
class StoryChoice:
    """Which story a document joined and why."""

    story_id: str
    reason: str  # copy_group | similar | new
    similarity: float | None = None


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime (SQLite hands stored datetimes back naive, in UTC as we wrote them)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _when(document: Document) -> datetime | None:
    return as_utc(document.published_at) if document.published_at is not None else None


def _widen(story: Story, at: datetime | None) -> None:
    if at is None:
        return
    at = as_utc(at)
    story.first_at = min(as_utc(story.first_at), at) if story.first_at else at
    story.last_at = max(as_utc(story.last_at), at) if story.last_at else at


def _join(story: Story, document: Document, vector: SparseVector) -> None:
    centroid = SparseVector.from_bytes(story.centroid)
    story.centroid = mean_vector(centroid, story.size, vector, 1).to_bytes()
    story.size += 1
    _widen(story, _when(document))
    document.story_id = story.id


def _merge(session: Session, keep: Story, gone: Story) -> None:
    centroid = mean_vector(
        SparseVector.from_bytes(keep.centroid), keep.size, SparseVector.from_bytes(gone.centroid), gone.size
    )
    keep.centroid = centroid.to_bytes()
    keep.size += gone.size
    for at in (gone.first_at, gone.last_at):
        if at is not None:
            _widen(keep, at)
    session.execute(update(Document).where(Document.story_id == gone.id).values(story_id=keep.id))
    session.delete(gone)


def assign_story(session: Session, document: Document, vector: SparseVector) -> StoryChoice:
    """Put the document in a story and update that story's centroid and time span.

    The vector is made again without the outlet's standing text when copy detection found some.
    """
    standing = cached_standing(session, document)
    if standing:
        vector = story_vectors([f"{document.title or ''}\n{without(document.text, standing)}"])[0]
    session.execute(
        update(DocumentSignature)
        .where(DocumentSignature.document_id == document.id)
        .values(vector=vector.to_bytes(), vector_model=VECTOR_MODEL)
    )
    if document.copy_group_id:
        story_ids = sorted(
            {
                story_id
                for story_id in session.scalars(
                    select(Document.story_id).where(
                        Document.copy_group_id == document.copy_group_id,
                        Document.id != document.id,
                        Document.story_id.is_not(None),
                    )
                )
                if story_id is not None
            }
        )
        stories = [story for story in (session.get(Story, i) for i in story_ids) if story is not None]
        if stories:
            keep = stories[0]
            for other in stories[1:]:
                _merge(session, keep, other)
            _join(keep, document, vector)
            return StoryChoice(keep.id, "copy_group")
    at = _when(document)
    settings = story_settings()
    query = select(Story).where(Story.vector_model == VECTOR_MODEL)
    if at is not None:
        window = timedelta(days=settings.window_days)
        query = query.where(
            or_(
                Story.first_at.is_(None),
                (Story.last_at >= at - window) & (Story.first_at <= at + window),
            )
        )
    candidates = session.scalars(query)
    best: tuple[float, float, Story] | None = None  # margin over the story's join threshold, similarity
    for story in candidates:
        similarity = cosine(vector, SparseVector.from_bytes(story.centroid))
        margin = similarity - join_threshold(settings, days_off_span(story, at))
        if best is None or margin > best[0]:
            best = (margin, similarity, story)
    if best is not None and best[0] >= 0:
        _join(best[2], document, vector)
        return StoryChoice(best[2].id, "similar", round(best[1], 3))
    story = Story(
        id=content_id("story", document.id),
        title=document.title,
        size=1,
        centroid=vector.to_bytes(),
        vector_model=VECTOR_MODEL,
        first_at=at,
        last_at=at,
    )
    session.add(story)
    document.story_id = story.id
    return StoryChoice(story.id, "new")


def story_record(story: Story, outlets: list[str] | None = None) -> dict[str, Any]:
    """A story as a plain dict with stable keys: the summary every listing of stories gives."""
    return {
        "id": story.id,
        "title": story.title,
        "document_count": story.size,
        "first_at": as_utc(story.first_at) if story.first_at else None,
        "last_at": as_utc(story.last_at) if story.last_at else None,
        "outlets": outlets or [],
    }


def _outlets(session: Session, story_ids: list[str] | None) -> dict[str, list[str]]:
    query = select(Document.story_id, func.coalesce(Document.outlet_id, Document.outlet_name)).where(
        Document.story_id.is_not(None)
    )
    if story_ids is not None:
        query = query.where(Document.story_id.in_(story_ids))
    outlets: dict[str, set[str]] = {}
    for story_id, outlet in session.execute(query):
        if story_id and outlet:
            outlets.setdefault(story_id, set()).add(outlet)
    return {k: sorted(v) for k, v in outlets.items()}


def list_stories(
    session: Session, *, newest_first: bool = False, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Stories with the outlets that reported them: the largest first, or the latest first.

    The CLI lists the largest first; the workbench pages through the latest first. Both get the same record.
    """
    query = select(Story).limit(limit).offset(offset)
    if newest_first:
        query = query.order_by(Story.last_at.desc().nulls_last(), Story.id)
    else:
        query = query.order_by(Story.size.desc(), Story.last_at.desc(), Story.id)
    stories = list(session.scalars(query))
    paged = limit is not None or offset > 0
    outlets = _outlets(session, [s.id for s in stories] if paged else None)
    return [story_record(s, outlets.get(s.id)) for s in stories]


def show_story(session: Session, story_id: str) -> dict[str, Any]:
    """One story with its documents in publication order (undated last).

    Each document says how many documents share its copy group (``copies_in_group``, 1 for an original), so
    a reader sees at once which reports repeat the same wire text.
    """
    story = session.get(Story, story_id)
    if story is None:
        raise NotFoundError(f"no story with id {story_id!r} (see `watchkeeper stories list`)")
    documents = list(
        session.scalars(
            select(Document)
            .where(Document.story_id == story_id)
            .order_by(Document.published_at.nulls_last(), Document.id)
        )
    )
    groups = Counter(d.copy_group_id for d in documents if d.copy_group_id)
    record = story_record(story, sorted({o for d in documents if (o := d.outlet_id or d.outlet_name)}))
    record["documents"] = [
        {
            "id": d.id,
            "title": d.title,
            "outlet_id": d.outlet_id,
            "outlet_name": d.outlet_name,
            "wire_id": d.wire_id,
            "language": d.language,
            "published_at": as_utc(d.published_at) if d.published_at else None,
            "copy_group_id": d.copy_group_id,
            "copies_in_group": groups[d.copy_group_id] if d.copy_group_id else 1,
        }
        for d in documents
    ]
    return record


def story_title(session: Session, story_id: str) -> str | None:
    """A story's title (None when there is no such story or it has none)."""
    story = session.get(Story, story_id)
    return story.title if story is not None else None
