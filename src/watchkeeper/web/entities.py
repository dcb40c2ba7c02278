"""Entities across the evidence: names, designation status, mentions, quotes, claims, incidents, peers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from watchkeeper.evidence.queries import document_titles
from watchkeeper.lists.lookup import designation_brief
from watchkeeper.reading.export import entity_list, entity_profile
from watchkeeper.reading.queries import get_entity, related_entities
from watchkeeper.store import Store
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import templates

api_router = APIRouter(prefix="/api/v1/entities", tags=["entities"])
page_router = APIRouter(include_in_schema=False)
TYPES = ("person", "org", "vessel", "country", "place")


def entity_page_record(session: Session, entity_id: str) -> dict[str, Any]:
    """The reading stage's entity profile plus designation status, document titles and related entities."""
    entity = get_entity(session, entity_id)
    profile = entity_profile(session, entity)
    titles = document_titles(session, [m["document_id"] for m in profile["mentions"]])
    for mention in profile["mentions"]:
        mention["title"] = titles.get(mention["document_id"])
    profile["designation"] = (
        designation_brief(session, entity.designation_id) if entity.designation_id else None
    )
    profile["related"] = related_entities(session, entity.id)
    return profile


def _listing(session: Session, q: str | None, entity_type: str | None) -> list[dict[str, Any]]:
    rows = entity_list(session)
    if entity_type:
        rows = [r for r in rows if r["entity_type"] == entity_type]
    if q:
        needle = q.casefold()
        rows = [r for r in rows if any(needle in n.casefold() for n in [r["name"], r["id"], *r["aliases"]])]
    return sorted(rows, key=lambda r: (-r["documents"], r["id"]))


@api_router.get("")
def entities_api(
    q: str | None = Query(None, description="Part of a name, alias or id."),
    type: str | None = Query(None, description="person, org, vessel, country or place."),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    """Entities with their mention and document counts, most documented first."""
    with store.session() as session:
        return _listing(session, q, type)


@api_router.get("/{entity_id}")
def entity_api(
    entity_id: str, caller: Caller = Depends(api_caller()), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """One entity: aliases seen, designation, mentions per document, quotes, claims, incidents, related."""
    with store.session() as session:
        return entity_page_record(session, entity_id)


@page_router.get("/entities")
def entities_page(
    request: Request,
    q: str | None = None,
    type: str | None = None,
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        rows = _listing(session, q, type if type in TYPES else None)
    return templates.TemplateResponse(
        request, "entities.html", {"caller": caller, "rows": rows, "q": q or "", "type": type, "types": TYPES}
    )


@page_router.get("/entities/{entity_id}")
def entity_page(
    request: Request,
    entity_id: str,
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    from watchkeeper.assess.cases import open_cases

    with store.session() as session:
        record = entity_page_record(session, entity_id)
        cases = open_cases(session)
    return templates.TemplateResponse(request, "entity.html", {"caller": caller, "e": record, "cases": cases})
