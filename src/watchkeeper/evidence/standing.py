"""An outlet's standing text: paragraphs it puts on article after article that no chrome cue removes.

An "about us" paragraph or a disclaimer at the foot of every article stays in the stored text, but it says
nothing about the event: two one-paragraph briefs of one outlet on different events would share most of their
words through it, count as copies and look alike as stories: signatures and story vectors leave it out.

A paragraph is standing text when it sits in the run of paragraphs at the start or the end of the document,
has at least ``min_words`` words, and appears verbatim in a stored document of the same outlet among its
candidate copies (the documents sharing an LSH band with it: shared standing text makes them candidates, and
the look-up stays as cheap as copy detection however large the outlet's archive). When those paragraphs would
make up more than ``max_share`` of the document's words, the document is a re-post of the other one, and
nothing is left out (settings: ``data/evidence/stories.yaml``, ``standing``).
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.evidence.settings import story_settings
from watchkeeper.store.models.evidence import Document


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a stored clean text (blank-line separated)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def edge_run(parts: list[str], shared: set[str]) -> set[str]:
    """The shared paragraphs in the unbroken runs at the start and at the end of the document."""
    out: set[str] = set()
    for ordered in (parts, parts[::-1]):
        for part in ordered:
            if part not in shared:
                break
            out.add(part)
    return out


def standing_paragraphs(session: Session, document: Document, candidate_ids: Collection[str]) -> set[str]:
    """The document's paragraphs that are its outlet's standing text (kept on the session for its story)."""
    cache: dict[str, set[str]] = session.info.setdefault("standing_paragraphs", {})
    settings = story_settings().standing
    parts = paragraphs(document.text or "")
    found: set[str] = set()
    long_parts = {p for p in parts if len(p.split()) >= settings.min_words}
    outlet = (document.outlet_id, document.outlet_name if document.outlet_id is None else None)
    if outlet != (None, None) and len(parts) > 1 and long_parts and candidate_ids:
        rows = session.execute(
            select(Document.outlet_id, Document.outlet_name, Document.text).where(
                Document.id.in_(sorted(candidate_ids))
            )
        )
        seen = {
            p
            for outlet_id, outlet_name, text in rows
            if (outlet_id, outlet_name if outlet_id is None else None) == outlet
            for p in paragraphs(text or "")
        }
        found = edge_run(parts, long_parts & seen)
        words = sum(len(p.split()) for p in parts)
        if sum(len(p.split()) for p in found) > settings.max_share * words:
            found = set()
    cache[document.id] = found
    return found


def cached_standing(session: Session, document: Document) -> set[str]:
    """The standing paragraphs copy detection found for the document in this session (none when not run)."""
    return session.info.get("standing_paragraphs", {}).get(document.id, set())


def without(text: str, standing: set[str]) -> str:
    """The text with the standing paragraphs left out."""
    return "\n\n".join(p for p in paragraphs(text) if p not in standing)
