"""Cases: investigations gathering incidents, entities, documents and notes; every change audited."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.audit import record_change
from watchkeeper.errors import NotFoundError, WatchkeeperError
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.lists import Designation
from watchkeeper.store.models.reading import Entity
from watchkeeper.store.models.web import Case, CaseItem, CaseNote
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import templates

api_router = APIRouter(prefix="/api/v1/cases", tags=["cases"])
page_router = APIRouter(include_in_schema=False)
ITEM_MODELS = {
    "incident": AssessedIncident,
    "entity": Entity,
    "document": Document,
    "designation": Designation,
}
STATUSES = ("open", "closed")


class CaseError(WatchkeeperError):
    """A case cannot be changed as asked."""


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


def _fields(case: Case) -> dict[str, Any]:
    return {"title": case.title, "summary": case.summary, "status": case.status}


def _audit(session: Session, actor: str, action: str, case_id: int, **kwargs: Any) -> None:
    record_change(
        session, actor=actor, action=f"case.{action}", record_type="case", record_id=str(case_id), **kwargs
    )


def get_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(f"no case {case_id}")
    return case


def create_case(session: Session, title: str, summary: str, actor: str) -> Case:
    """Open a new case."""
    if not title.strip():
        raise CaseError("a case needs a title")
    case = Case(title=title.strip(), summary=summary.strip(), status="open", created_by=actor)
    session.add(case)
    session.flush()
    _audit(session, actor, "create", case.id, after=_fields(case))
    return case


def update_case(session: Session, case_id: int, actor: str, **changes: str | None) -> Case:
    """Change a case's title, summary or status."""
    case = get_case(session, case_id)
    if changes.get("status") and changes["status"] not in STATUSES:
        raise CaseError(f"status must be one of {', '.join(STATUSES)}")
    before = _fields(case)
    for name, value in changes.items():
        if value is not None:
            setattr(case, name, value.strip() if name != "status" else value)
    session.flush()
    _audit(session, actor, "update", case.id, before=before, after=_fields(case))
    return case


def delete_case(session: Session, case_id: int, actor: str) -> None:
    """Delete a case with its items and notes (the audit log keeps what it was)."""
    case = get_case(session, case_id)
    before = case_record(session, case)
    session.delete(case)
    session.flush()
    _audit(session, actor, "delete", case_id, before={k: before[k] for k in ("title", "summary", "status")})


def add_item(session: Session, case_id: int, item_type: str, item_id: str, actor: str) -> CaseItem:
    """Gather an existing incident, entity, document or designation into a case (once)."""
    case = get_case(session, case_id)
    model = ITEM_MODELS.get(item_type)
    if model is None:
        raise CaseError(f"item type must be one of {', '.join(ITEM_MODELS)}")
    if session.get(model, item_id) is None:
        raise NotFoundError(f"no {item_type} with id {item_id!r}")
    existing = session.scalar(
        select(CaseItem).where(
            CaseItem.case_id == case.id, CaseItem.item_type == item_type, CaseItem.item_id == item_id
        )
    )
    if existing is not None:
        return existing
    item = CaseItem(case_id=case.id, item_type=item_type, item_id=item_id, added_by=actor)
    session.add(item)
    session.flush()
    _audit(session, actor, "add_item", case.id, after={"item_type": item_type, "item_id": item_id})
    return item


def remove_item(session: Session, case_id: int, item_id: int, actor: str) -> None:
    """Take an item out of a case."""
    item = session.get(CaseItem, item_id)
    if item is None or item.case_id != case_id:
        raise NotFoundError(f"case {case_id} has no item {item_id}")
    before = {"item_type": item.item_type, "item_id": item.item_id}
    session.delete(item)
    session.flush()
    _audit(session, actor, "remove_item", case_id, before=before)


def add_note(session: Session, case_id: int, text: str, actor: str) -> CaseNote:
    """Append a note to a case."""
    case = get_case(session, case_id)
    if not text.strip():
        raise CaseError("a note cannot be empty")
    note = CaseNote(case_id=case.id, author=actor, text=text.strip())
    session.add(note)
    session.flush()
    _audit(session, actor, "note", case.id, after={"note_id": note.id, "text": note.text})
    return note


def _label(session: Session, item: CaseItem) -> str:
    row = session.get(ITEM_MODELS[item.item_type], item.item_id)
    if row is None:
        return item.item_id
    return str(
        getattr(row, "summary", None)
        or getattr(row, "title", None)
        or getattr(row, "name", None)
        or item.item_id
    )


def case_record(session: Session, case: Case) -> dict[str, Any]:
    """A case with its items (labelled) and notes."""
    items = session.scalars(select(CaseItem).where(CaseItem.case_id == case.id).order_by(CaseItem.id))
    notes = session.scalars(select(CaseNote).where(CaseNote.case_id == case.id).order_by(CaseNote.id))
    return {
        "id": case.id, "title": case.title, "summary": case.summary, "status": case.status,
        "created_by": case.created_by, "created_at": case.created_at, "updated_at": case.updated_at,
        "items": [{"id": i.id, "item_type": i.item_type, "item_id": i.item_id, "label": _label(session, i),
                   "added_by": i.added_by, "added_at": i.added_at} for i in items],
        "notes": [{"id": n.id, "author": n.author, "text": n.text, "at": n.at} for n in notes],
    }  # fmt: skip


def case_list(session: Session) -> list[dict[str, Any]]:
    """Every case, open ones first, newest first."""
    cases = session.scalars(select(Case).order_by(Case.status.desc(), Case.id.desc()))
    return [{"id": c.id, "title": c.title, "status": c.status, "created_by": c.created_by,
             "created_at": c.created_at, "updated_at": c.updated_at} for c in cases]  # fmt: skip


def open_cases(session: Session) -> list[dict[str, Any]]:
    """Open cases, for the "add to case" forms."""
    return [c for c in case_list(session) if c["status"] == "open"]


@api_router.get("")
def cases_api(
    caller: Caller = Depends(api_caller()), store: Store = Depends(get_store)
) -> list[dict[str, Any]]:
    """Every case, open first."""
    with store.session() as session:
        return case_list(session)


@api_router.post("", status_code=201)
def create_api(
    body: CaseIn, caller: Caller = Depends(api_caller("analyst")), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """Open a case (analysts; audited)."""
    with store.session() as session:
        return case_record(session, create_case(session, body.title, body.summary, caller.principal.username))


@api_router.get("/{case_id}")
def case_api(
    case_id: int, caller: Caller = Depends(api_caller()), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """One case with its items and notes."""
    with store.session() as session:
        return case_record(session, get_case(session, case_id))


@api_router.patch("/{case_id}")
def update_api(
    case_id: int,
    body: CasePatch,
    caller: Caller = Depends(api_caller("analyst")),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Change title, summary or status (analysts; audited)."""
    with store.session() as session:
        case = update_case(session, case_id, caller.principal.username, **body.model_dump())
        return case_record(session, case)


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
        return case_record(session, get_case(session, case_id))


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
        return case_record(session, get_case(session, case_id))


@page_router.get("/cases")
def cases_page(
    request: Request, caller: Caller = Depends(page_caller()), store: Store = Depends(get_store)
) -> Response:
    with store.session() as session:
        rows = case_list(session)
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
        record = case_record(session, get_case(session, case_id))
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
