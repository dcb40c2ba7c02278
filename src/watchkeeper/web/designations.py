"""Designated persons, entities and vessels in the workbench: API under /api/v1/designations and pages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from watchkeeper.lists.queries import (
    designation_record,
    find_designation,
    list_designations,
    search_designations,
)
from watchkeeper.store import Store
from watchkeeper.web.security import Caller, api_caller, get_store, page_caller
from watchkeeper.web.templating import templates

api_router = APIRouter(prefix="/api/v1/designations", tags=["designations"])
page_router = APIRouter(include_in_schema=False)

SCHEMAS = ("Person", "Organization", "Vessel")


def _find(store: Store, q: str | None, schema: str | None, list_id: str | None) -> list[dict[str, Any]]:
    with store.session() as session:
        if q:
            return search_designations(session, q, schema=schema)
        return list_designations(session, schema=schema, list_id=list_id)


@api_router.get("")
def designations_api(
    q: str | None = Query(None, description="Words that must all appear in one of the names."),
    schema: str | None = Query(None, description="Person, Organization or Vessel."),
    list_id: str | None = Query(None, description="A list id such as un-1718."),
    caller: Caller = Depends(api_caller()),
    store: Store = Depends(get_store),
) -> list[dict[str, Any]]:
    """Designations in force, optionally filtered by a plain-text name search, schema and list."""
    return _find(store, q, schema, list_id)


@api_router.get("/{designation_id}")
def designation_api(
    designation_id: str, caller: Caller = Depends(api_caller()), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """One designation with every name, its details, legal basis and history (id or reference)."""
    with store.session() as session:
        return designation_record(session, find_designation(session, designation_id))


@page_router.get("/designations")
def designations_page(
    request: Request,
    q: str | None = None,
    schema: str | None = None,
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    schema = schema if schema in SCHEMAS else None
    rows = _find(store, q, schema, None)
    return templates.TemplateResponse(
        request,
        "designations.html",
        {"caller": caller, "rows": rows, "q": q or "", "schema": schema, "schemas": SCHEMAS},
    )


@page_router.get("/designations/{designation_id}")
def designation_page(
    request: Request,
    designation_id: str,
    caller: Caller = Depends(page_caller()),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        record = designation_record(session, find_designation(session, designation_id))
    return templates.TemplateResponse(request, "designation.html", {"caller": caller, "d": record})
