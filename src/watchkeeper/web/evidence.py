"""The evidence in the workbench: full-text search, the document reader with highlights, stories."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from watchkeeper.evidence import document_sources
from watchkeeper.evidence.queries import document_facets, get_document
from watchkeeper.evidence.search import SearchFilters, SearchPage, search_documents
from watchkeeper.evidence.stories import list_stories, show_story, story_title
from watchkeeper.reading.export import document_reading
from watchkeeper.store import Store
from watchkeeper.web.highlight import highlighted_html, reading_highlights, snippet_html
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import form_date, templates

api_router = APIRouter(prefix="/api/v1", tags=["evidence"])
page_router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


def document_record(session: Session, document_id: str) -> dict[str, Any]:
    """A document with its metadata, sources and everything read in it."""
    document = get_document(session, document_id)
    reading = document_reading(session, document_id)
    return {
        "id": document.id,
        "title": document.title,
        "author": document.author,
        "url": document.url,
        "outlet_id": document.outlet_id,
        "outlet_name": document.outlet_name,
        "wire_id": document.wire_id,
        "published_at": document.published_at,
        "published_precision": document.published_precision,
        "language": document.language,
        "story_id": document.story_id,
        "copy_group_id": document.copy_group_id,
        "content_type": document.content_type,
        "text": document.text,
        "sources": [{"locator": s.locator, "kind": s.kind} for s in document_sources(session, document_id)],
        **{k: reading[k] for k in ("mentions", "quotes", "claims", "incidents")},
    }


def search_with_html(session: Session, filters: SearchFilters, *, limit: int, offset: int) -> SearchPage:
    """The evidence stage's search, each hit's snippet also as safe HTML with its matches marked."""
    page = search_documents(session, filters, limit=limit, offset=offset)
    for hit in page.hits:
        hit["snippet_html"] = snippet_html(hit.pop("snippet_marked"))
    return page


def _filters(
    q: str | None,
    outlet: str | None,
    story: str | None,
    date_from: date | None,
    date_to: date | None,
    language: str | None,
) -> SearchFilters:
    return SearchFilters(q or None, outlet or None, story or None, date_from, date_to, language or None)


@api_router.get("/documents")
def documents_api(
    q: str | None = Query(None, description='Words, "phrases", OR, -excluded (web-search syntax).'),
    outlet: str | None = Query(None, description="An outlet id."),
    story: str | None = Query(None, description="A story id."),
    date_from: date | None = Query(None, alias="from", description="Published on or after (YYYY-MM-DD)."),
    date_to: date | None = Query(None, alias="to", description="Published on or before (YYYY-MM-DD)."),
    language: str | None = Query(None, description="An ISO 639-1 language code."),
    limit: int = Query(PAGE_SIZE, ge=1, le=200),
    offset: int = Query(0, ge=0),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Documents matching a full-text query and filters, best first, with a snippet; ``total`` counts all."""
    with store.session() as session:
        page = search_documents(
            session, _filters(q, outlet, story, date_from, date_to, language), limit=limit, offset=offset
        )
    hits = [{k: v for k, v in h.items() if k != "snippet_marked"} for h in page.hits]
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "documents": hits}


@api_router.get("/documents/{document_id}")
def document_api(
    document_id: str, caller: Caller = Depends(api_caller()), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """One document: metadata, sources, clean text, and its mentions, quotes, claims and incidents (spans)."""
    with store.session() as session:
        return document_record(session, document_id)


@api_router.get("/stories")
def stories_api(
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    """Stories (all reports of one event), newest first."""
    with store.session() as session:
        return list_stories(session, newest_first=True, limit=limit, offset=offset)


@api_router.get("/stories/{story_id}")
def story_api(
    story_id: str, caller: Caller = Depends(api_caller()), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """One story with its documents and their copy groups (as `watchkeeper stories show --json` gives it)."""
    with store.session() as session:
        return show_story(session, story_id)


@page_router.get("/search")
def search_page(
    request: Request,
    q: str | None = None,
    outlet: str | None = None,
    story: str | None = None,
    date_from: str | None = Query(None, alias="from"),
    date_to: str | None = Query(None, alias="to"),
    language: str | None = None,
    offset: int = Query(0, ge=0),
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    start, end = form_date(date_from), form_date(date_to)
    with store.session() as session:
        page = search_with_html(
            session, _filters(q, outlet, story, start, end, language), limit=PAGE_SIZE, offset=offset
        )
        options = document_facets(session)
    form = {"q": q or "", "outlet": outlet or "", "story": story or "", "from": date_from or "",
            "to": date_to or "", "language": language or ""}  # fmt: skip
    return templates.TemplateResponse(
        request, "search.html", {"caller": caller, "page": page, "form": form, **options}
    )


@page_router.get("/documents/{document_id}")
def document_page(
    request: Request,
    document_id: str,
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        record = document_record(session, document_id)
        title = story_title(session, record["story_id"]) if record["story_id"] else None
    body = highlighted_html(record["text"], reading_highlights(record))
    named: dict[str, dict[str, Any]] = {}
    for mention in record["mentions"]:
        key = mention["entity_id"] or f"text:{mention['text']}"
        seen = named.setdefault(key, {**mention, "count": 0, "forms": []})
        seen["count"] += 1
        if mention["text"] not in seen["forms"]:
            seen["forms"].append(mention["text"])
    return templates.TemplateResponse(
        request,
        "document.html",
        {
            "caller": caller,
            "d": record,
            "body": body,
            "story_title": title,
            "named": sorted(named.values(), key=lambda m: (-m["count"], m["start"])),
        },
    )


@page_router.get("/stories")
def stories_page(
    request: Request, caller: Caller = Depends(page_caller()), store: Store = Depends(get_store)
) -> Response:
    with store.session() as session:
        rows = list_stories(session, newest_first=True, limit=500)
    return templates.TemplateResponse(request, "stories.html", {"caller": caller, "rows": rows})


@page_router.get("/stories/{story_id}")
def story_page(
    request: Request,
    story_id: str,
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        record = show_story(session, story_id)
    return templates.TemplateResponse(request, "story.html", {"caller": caller, "s": record})
