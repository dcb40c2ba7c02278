"""Cases in the workbench: pages and API over :mod:`watchkeeper.assess.cases`, which records and audits."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from watchkeeper.assess.cases import (
    add_item,
    add_note,
    create_case,
    delete_case,
    list_cases,
    remove_item,
    show_case,
    update_case,
)
from watchkeeper.store import Store
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import templates

api_router = APIRouter(prefix="/api/v1/cases", tags=["cases"])
page_router = APIRouter(include_in_schema=False)


class CaseIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    summary: str = ""


class CasePatch(BaseModel):
    title: str | None = Field(None, min_length=1, max_length=300)
    summary: str | None = None
    status: str | None = Field(None, description="open or closed")


class ItemIn(BaseModel):
    item_type: str = Field(description="incident, entity, document or designation")
    item_id: str


class NoteIn(BaseModel):
    text: str


@api_router.get("")
def cases_api(
    caller: Caller = Depends(api_caller()), store: Store = Depends(get_store)
) -> list[dict[str, Any]]:
    """Every case, open first."""
    with store.session() as session:
        return list_cases(session)


@api_router.post("", status_code=201)
def create_api(
    body: CaseIn, caller: Caller = Depends(api_caller("analyst")), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """Open a case (analysts; audited)."""
    with store.session() as session:
        case = create_case(session, body.title, body.summary, caller.principal.username)
        return show_case(session, case.id)


@api_router.get("/{case_id}")
def case_api(
    case_id: int, caller: Caller = Depends(api_caller()), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """One case with its items and notes."""
    with store.session() as session:
        return show_case(session, case_id)


@api_router.patch("/{case_id}")
def update_api(
    case_id: int,
    body: CasePatch,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Change title, summary or status (analysts; audited)."""
    with store.session() as session:
        update_case(session, case_id, caller.principal.username, **body.model_dump())
        return show_case(session, case_id)


@api_router.delete("/{case_id}", status_code=204)
def delete_api(
    case_id: int, caller: Caller = Depends(api_caller("analyst")), store: Store = Depends(get_store)
) -> Response:
    """Delete a case (analysts; audited)."""
    with store.session() as session:
        delete_case(session, case_id, caller.principal.username)
    return Response(status_code=204)


@api_router.post("/{case_id}/items", status_code=201)
def add_item_api(
    case_id: int,
    body: ItemIn,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Add an incident, entity, document or designation to a case (analysts; audited)."""
    with store.session() as session:
        add_item(session, case_id, body.item_type, body.item_id, caller.principal.username)
        return show_case(session, case_id)


@api_router.delete("/{case_id}/items/{item_id}", status_code=204)
def remove_item_api(
    case_id: int,
    item_id: int,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> Response:
    """Take an item out of a case (analysts; audited)."""
    with store.session() as session:
        remove_item(session, case_id, item_id, caller.principal.username)
    return Response(status_code=204)


@api_router.post("/{case_id}/notes", status_code=201)
def note_api(
    case_id: int,
    body: NoteIn,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Add a note to a case (analysts; audited)."""
    with store.session() as session:
        add_note(session, case_id, body.text, caller.principal.username)
        return show_case(session, case_id)


@page_router.get("/cases")
def cases_page(
    request: Request, caller: Caller = Depends(page_caller()), store: Store = Depends(get_store)
) -> Response:
    with store.session() as session:
        rows = list_cases(session)
    return templates.TemplateResponse(request, "cases.html", {"caller": caller, "rows": rows})


@page_router.post("/cases")
def create_form(
    title: str = Form(...),
    summary: str = Form(""),
    caller: Caller = Depends(page_caller("analyst")),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        case = create_case(session, title, summary, caller.principal.username)
    return RedirectResponse(f"/cases/{case.id}", status_code=303)


@page_router.post("/cases/add")
def add_to_case_form(
    case_id: int = Form(...), item_type: str = Form(...), item_id: str = Form(...),
    caller: Caller = Depends(page_caller("analyst")), store: Store = Depends(get_store),
) -> Response:  # fmt: skip
    """The "add to case" form of incident and entity pages, which picks the case in the form."""
    with store.session() as session:
        add_item(session, case_id, item_type, item_id, caller.principal.username)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@page_router.get("/cases/{case_id}")
def case_page(
    request: Request, case_id: int, caller: Caller = Depends(page_caller()), store: Store = Depends(get_store)
) -> Response:
    with store.session() as session:
        record = show_case(session, case_id)
    return templates.TemplateResponse(request, "case.html", {"caller": caller, "c": record})


@page_router.post("/cases/{case_id}/items")
def add_item_form(
    case_id: int, item_type: str = Form(...), item_id: str = Form(...),
    caller: Caller = Depends(page_caller("analyst")), store: Store = Depends(get_store),
) -> Response:  # fmt: skip
    with store.session() as session:
        add_item(session, case_id, item_type, item_id.strip(), caller.principal.username)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@page_router.post("/cases/{case_id}/items/{item_id}/remove")
def remove_item_form(
    case_id: int,
    item_id: int,
    caller: Caller = Depends(page_caller("analyst")),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        remove_item(session, case_id, item_id, caller.principal.username)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@page_router.post("/cases/{case_id}/notes")
def note_form(
    case_id: int,
    text: str = Form(...),
    caller: Caller = Depends(page_caller("analyst")),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        add_note(session, case_id, text, caller.principal.username)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@page_router.post("/cases/{case_id}/status")
def status_form(
    case_id: int,
    status: str = Form(...),
    caller: Caller = Depends(page_caller("analyst")),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        update_case(session, case_id, caller.principal.username, status=status)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)
