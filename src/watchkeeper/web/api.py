"""The REST API under /api/v1 (OpenAPI at /api/v1/openapi.json). Every route needs a signed-in caller."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from watchkeeper import serialization
from watchkeeper.audit import audit_entries, entry_record
from watchkeeper.store import Store
from watchkeeper.web import accounts
from watchkeeper.web.match import router as match_router
from watchkeeper.web.security import Caller, api_caller, get_store

router = APIRouter(prefix="/api/v1")


class StrictJSONResponse(JSONResponse):
    """Every JSON answer under the one strict policy (watchkeeper.serialization): NaN, Infinity as null."""

    def render(self, content: Any) -> bytes:
        return serialization.dumps(content).encode("utf-8")


class Me(BaseModel):
    username: str
    role: str
    via: str = Field(description="How the caller authenticated: session or token")


class UserOut(BaseModel):
    username: str
    role: str
    disabled: bool


class UserIn(BaseModel):
    username: str
    password: str = Field(min_length=accounts.MIN_PASSWORD_LENGTH)
    role: str = "viewer"


class AuditEntryOut(BaseModel):
    id: int
    at: Any
    actor: str
    action: str
    record_type: str
    record_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None


@router.get("/me", response_model=Me, tags=["account"])
def me(caller: Caller = Depends(api_caller())) -> Me:
    """Who the API sees you as."""
    return Me(username=caller.principal.username, role=caller.principal.role, via=caller.via)


@router.get("/users", response_model=list[UserOut], tags=["account"])
def users(caller: Caller = Depends(api_caller("admin")), store: Store = Depends(get_store)) -> list[UserOut]:
    """All users (admins only)."""
    with store.session() as session:
        return [
            UserOut(username=u.username, role=u.role, disabled=u.disabled)
            for u in accounts.list_users(session)
        ]


@router.post("/users", response_model=UserOut, status_code=201, tags=["account"])
def add_user(
    body: UserIn, caller: Caller = Depends(api_caller("admin")), store: Store = Depends(get_store)
) -> UserOut:
    """Create a user (admins only; audited)."""
    with store.session() as session:
        user = accounts.create_user(
            session, body.username, body.password, body.role, actor=caller.principal.username
        )
        return UserOut(username=user.username, role=user.role, disabled=user.disabled)


@router.get("/audit", response_model=list[AuditEntryOut], tags=["audit"])
def audit(
    record_id: str | None = None,
    limit: int = 200,
    caller: Caller = Depends(api_caller("admin")),
    store: Store = Depends(get_store),
) -> list[AuditEntryOut]:
    """The audit log, newest first (admins only)."""
    with store.session() as session:
        return [
            AuditEntryOut(**{k: v for k, v in entry_record(e).items() if k != "type"})
            for e in audit_entries(session, record_id=record_id, limit=min(limit, 1000))
        ]


router.include_router(match_router)  # POST /api/v1/match/{dataset}: yente's matching API (web.match)
