"""Incidents in the workbench: lists, the incident page with review actions, claims, quotes, the timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from watchkeeper.assess import grade_meanings
from watchkeeper.reading.kinds import kind_ids, kind_label
from watchkeeper.reading.queries import list_claims, list_quotes
from watchkeeper.store import Store
from watchkeeper.web import review
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import form_date, templates
from watchkeeper.web.timeline import default_window, in_window, timeline_svg

api_router = APIRouter(prefix="/api/v1", tags=["incidents"])
page_router = APIRouter(include_in_schema=False)


class Reason(BaseModel):
    reason: str = ""


class MergeIn(Reason):
    into: str = Field(description="The id of the incident this one is the same event as.")


class SplitIn(Reason):
    evidence_ids: list[str] = Field(description="Evidence ids that report a separate event.")


class EditIn(Reason):
    kind: str | None = None
    date: str | None = None
    place_text: str | None = None
    summary: str | None = None
    grade: str | None = Field(None, description="An analyst's grade (A-D); needs a reason.")


class NoteIn(BaseModel):
    text: str


@api_router.get("/incidents")
def incidents_api(
    kind: str | None = None,
    grade: str | None = None,
    review_status: str | None = Query(None, alias="review", description="awaiting, confirmed, rejected, ..."),
    date_from: date | None = Query(None, alias="from"),
    date_to: date | None = Query(None, alias="to"),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    """Assessed incidents in date order with grade, measures and review status."""
    with store.session() as session:
        return review.incident_rows(
            session, kind=kind, grade=grade, review=review_status, start=date_from, end=date_to
        )


@api_router.get("/incidents/{incident_id}")
def incident_api(
    incident_id: str, caller: Caller = Depends(api_caller()), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """One incident: evidence, grade and why, measures and why, denials, review and notes."""
    return _detail(store, incident_id)


def _detail(store: Store, incident_id: str) -> dict[str, Any]:
    with store.session() as session:
        return review.incident_detail(session, incident_id)


@api_router.post("/incidents/{incident_id}/confirm")
def confirm_api(
    incident_id: str,
    body: Reason,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Confirm an incident (analysts; audited)."""
    with store.session() as session:
        review.confirm(session, incident_id, caller.principal.username, body.reason)
    return _detail(store, incident_id)


@api_router.post("/incidents/{incident_id}/reject")
def reject_api(
    incident_id: str,
    body: Reason,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Reject an incident with a reason (analysts; audited)."""
    with store.session() as session:
        review.reject(session, incident_id, caller.principal.username, body.reason)
    return _detail(store, incident_id)


@api_router.post("/incidents/{incident_id}/merge")
def merge_api(
    incident_id: str,
    body: MergeIn,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Merge an incident into another describing the same event (analysts; audited)."""
    with store.session() as session:
        review.merge(session, incident_id, body.into, caller.principal.username, body.reason)
    return _detail(store, incident_id)


@api_router.post("/incidents/{incident_id}/split")
def split_api(
    incident_id: str,
    body: SplitIn,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Split evidence reporting a separate event off an incident (analysts; audited)."""
    with store.session() as session:
        review.split(session, incident_id, body.evidence_ids, caller.principal.username, body.reason)
    return _detail(store, incident_id)


@api_router.post("/incidents/{incident_id}/edit")
def edit_api(
    incident_id: str,
    body: EditIn,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Correct kind, date, place or summary, or override the grade (analysts; reason required; audited)."""
    fields = {k: v for k, v in body.model_dump().items() if k in review.EDITABLE and v}
    with store.session() as session:
        review.edit(session, incident_id, caller.principal.username, body.reason, fields, body.grade)
    return _detail(store, incident_id)


@api_router.post("/incidents/{incident_id}/notes", status_code=201)
def note_api(
    incident_id: str,
    body: NoteIn,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Add a note to an incident (analysts; audited)."""
    with store.session() as session:
        review.add_note(session, incident_id, caller.principal.username, body.text)
    return _detail(store, incident_id)


@api_router.get("/claims")
def claims_api(
    document_id: str | None = None,
    entity_id: str | None = Query(None, description="Claims made by or about this entity."),
    polarity: str | None = Query(None, description="asserts or denies."),
    limit: int = Query(200, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    """Accusations and denials read in the documents, with claimant and accused."""
    with store.session() as session:
        return list_claims(
            session,
            document_id=document_id,
            entity_id=entity_id,
            polarity=polarity,
            limit=limit,
            offset=offset,
        )


@api_router.get("/quotes")
def quotes_api(
    document_id: str | None = None,
    speaker_id: str | None = None,
    limit: int = Query(200, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    """Quoted words read in the documents, with their speaker."""
    with store.session() as session:
        return list_quotes(
            session, document_id=document_id, speaker_id=speaker_id, limit=limit, offset=offset
        )


@page_router.get("/incidents")
def incidents_page(
    request: Request,
    kind: str | None = None,
    grade: str | None = None,
    review_status: str | None = Query(None, alias="review"),
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        rows = review.incident_rows(
            session, kind=kind or None, grade=grade or None, review=review_status or None
        )
        kinds = [(k, kind_label(k)) for k in kind_ids()]
    form = {"kind": kind or "", "grade": grade or "", "review": review_status or ""}
    return templates.TemplateResponse(
        request,
        "incidents.html",
        {
            "caller": caller,
            "rows": rows,
            "form": form,
            "kinds": kinds,
            "grades": list(grade_meanings()),
            "states": review.REVIEW_STATES,
        },
    )


@page_router.get("/incidents/{incident_id}")
def incident_page(
    request: Request,
    incident_id: str,
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    from watchkeeper.assess.cases import open_cases

    with store.session() as session:
        record = review.incident_detail(session, incident_id)
        cases = open_cases(session)
    return templates.TemplateResponse(
        request,
        "incident.html",
        {
            "caller": caller,
            "i": record,
            "cases": cases,
            "grades": grade_meanings(),
            "editable": review.EDITABLE,
        },
    )


@page_router.post("/incidents/{incident_id}/review")
def review_form(
    incident_id: str,
    action: str = Form(...),
    reason: str = Form(""),
    into: str = Form(""),
    evidence_ids: list[str] = Form([]),
    kind: str = Form(""),
    date: str = Form(""),
    place_text: str = Form(""),
    summary: str = Form(""),
    grade: str = Form(""),
    text: str = Form(""),
    caller: Caller = Depends(page_caller("analyst")),
    store: Store = Depends(get_store),
) -> Response:
    actor = caller.principal.username
    with store.session() as session:
        match action:
            case "confirm":
                review.confirm(session, incident_id, actor, reason)
            case "reject":
                review.reject(session, incident_id, actor, reason)
            case "merge":
                review.merge(session, incident_id, into.strip(), actor, reason)
            case "split":
                review.split(session, incident_id, evidence_ids, actor, reason)
            case "edit":
                fields = {"kind": kind, "date": date, "place_text": place_text, "summary": summary}
                review.edit(
                    session, incident_id, actor, reason, {k: v for k, v in fields.items() if v}, grade or None
                )
            case "note":
                review.add_note(session, incident_id, actor, text)
            case _:
                raise review.ReviewError(f"unknown review action {action!r}")
    return RedirectResponse(f"/incidents/{incident_id}", status_code=303)


@page_router.get("/timeline")
def timeline_page(
    request: Request,
    date_from: str | None = Query(None, alias="from"),
    date_to: str | None = Query(None, alias="to"),
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        rows = review.incident_rows(session)
    start, end = form_date(date_from), form_date(date_to)
    if date_from is None and date_to is None:
        start, end = default_window(rows)
    shown = in_window(rows, start, end)
    context = {
        "caller": caller,
        "svg": timeline_svg(shown),
        "rows": rows,
        "shown": len(shown),
        "dated": sum(1 for r in rows if r.get("date")),
        "form": {"from": start.isoformat() if start else "", "to": end.isoformat() if end else ""},
    }
    return templates.TemplateResponse(request, "timeline.html", context)
