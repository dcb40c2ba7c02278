"""Server-rendered pages: sign-in, dashboard, audit log, users."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode, urlparse

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from watchkeeper.audit import audit_entries, entry_record
from watchkeeper.store import Store
from watchkeeper.store.models.web import User
from watchkeeper.vocabulary import ReviewState
from watchkeeper.web import accounts
from watchkeeper.web.security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Caller,
    CredentialCache,
    client_address,
    get_store,
    page_caller,
)
from watchkeeper.web.templating import templates

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    # Only same-site paths, so the sign-in form cannot be used to redirect elsewhere.
    if not target or not target.startswith("/") or target.startswith("//") or urlparse(target).netloc:
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str = "/", error: str | None = None) -> Response:
    token = secrets.token_urlsafe(32)
    response = templates.TemplateResponse(
        request, "login.html", {"caller": None, "next": _safe_next(next), "csrf": token, "error": error}
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.app.state.secure_cookies,
        max_age=3600,
    )
    return response


@router.post("/login")
def login(
    request: Request,
    username: str = Form(...),
    password: str = Form(...),
    csrf_token: str = Form(...),
    next: str = Form("/"),
    store: Store = Depends(get_store),
) -> Response:
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, csrf_token):
        return templates.TemplateResponse(
            request,
            "login.html",
            {
                "caller": None,
                "next": _safe_next(next),
                "csrf": cookie,
                "error": "Your form expired; try again.",
            },
            status_code=403,
        )
    client = client_address(request)
    with store.session() as session:
        if accounts.login_throttled(session, username, client):
            return templates.TemplateResponse(
                request,
                "login.html",
                {
                    "caller": None,
                    "next": _safe_next(next),
                    "csrf": cookie,
                    "error": "Too many failed sign-ins; wait 15 minutes.",
                },
                status_code=429,
            )
        principal = accounts.authenticate(session, username, password, client)
        secret = accounts.start_session(session, principal)[0] if principal else None
    if secret is None:
        return templates.TemplateResponse(
            request,
            "login.html",
            {
                "caller": None,
                "next": _safe_next(next),
                "csrf": cookie,
                "error": "Wrong username or password.",
            },
            status_code=401,
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        httponly=True,
        samesite="lax",
        secure=request.app.state.secure_cookies,
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.get("/favicon.ico")
def favicon() -> Response:
    # Browsers and tools ask for /favicon.ico before reading the page's <link rel="icon">.
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.post("/logout")
def logout(
    request: Request, caller: Caller = Depends(page_caller()), store: Store = Depends(get_store)
) -> Response:
    secret = request.cookies.get(SESSION_COOKIE, "")
    with store.session() as session:
        accounts.end_session(session, secret, client=client_address(request))
    request.app.state.credentials.forget(CredentialCache.key("session", secret))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


DASHBOARD_TABLES = {
    "document": "documents",
    "story": "stories",
    "entity": "entities",
    "assessed_incident": "incidents",
    "maritime_event": "maritime events",
    "designation": "designations",
    "measure": "measures",
    "case": "cases",
}


def table_counts(store: Store) -> dict[str, int]:
    """Rows in the tables the dashboard counts, by their label (one query for all of them)."""
    counts = store.row_counts(DASHBOARD_TABLES)
    return {label: counts[table] for table, label in DASHBOARD_TABLES.items() if table in counts}


def dashboard_data(store: Store) -> dict[str, object]:
    """What the dashboard shows: new evidence, incidents awaiting review, the cap ledger, recent changes."""
    from watchkeeper.assess import cap_ledger
    from watchkeeper.evidence.search import SearchFilters, search_documents
    from watchkeeper.regime import load_regime
    from watchkeeper.web.review import incident_rows

    with store.session() as session:
        latest = search_documents(session, SearchFilters(), limit=8).hits
        awaiting = incident_rows(session, review=ReviewState.AWAITING)
        ledger = [year.as_dict() for year in cap_ledger(session, load_regime())]
        recent = [entry_record(e) for e in audit_entries(session, limit=10)]
    awaiting.sort(key=lambda r: (r["grade"], str(r["date"] or "")))
    return {
        "latest": latest,
        "awaiting": awaiting[:10],
        "awaiting_total": len(awaiting),
        "ledger": sorted(ledger, key=lambda y: (-y["year"], y["commodity"]))[:6],
        "recent": recent,
    }


@router.get("/")
def dashboard(
    request: Request, caller: Caller = Depends(page_caller()), store: Store = Depends(get_store)
) -> Response:
    return templates.TemplateResponse(
        request, "dashboard.html", {"caller": caller, "counts": table_counts(store), **dashboard_data(store)}
    )


@router.get("/audit")
def audit_page(
    request: Request, caller: Caller = Depends(page_caller("admin")), store: Store = Depends(get_store)
) -> Response:
    with store.session() as session:
        entries = [entry_record(e) for e in audit_entries(session, limit=500)]
    return templates.TemplateResponse(request, "audit.html", {"caller": caller, "entries": entries})


@router.get("/users")
def users_page(
    request: Request,
    message: str | None = None,
    caller: Caller = Depends(page_caller("admin")),
    store: Store = Depends(get_store),
) -> Response:
    """Users with their state and API tokens, and the forms that take an account back (admins)."""
    with store.session() as session:
        users = [
            {
                "username": u.username,
                "role": u.role,
                "disabled": u.disabled,
                "tokens": accounts.list_api_tokens(session, u.username),
            }
            for u in accounts.list_users(session)
        ]
    return templates.TemplateResponse(
        request, "users.html", {"caller": caller, "users": users, "message": message}
    )


def _back_to_users(request: Request, username: str, message: str) -> Response:
    # This process forgets the user's remembered credentials now; other workers within CREDENTIAL_TTL.
    request.app.state.credentials.forget_user(username)
    return RedirectResponse(f"/users?{urlencode({'message': message})}", status_code=303)


def _set_disabled(
    request: Request, username: str, caller: Caller, store: Store, *, disabled: bool
) -> Response:
    """Disable or enable a user from the admin page, audited under the admin's name."""
    with store.session() as session:
        accounts.set_disabled(session, username, disabled, actor=caller.principal.username)
    return _back_to_users(request, username, f"{username} is {'disabled' if disabled else 'enabled'}.")


@router.post("/users/{username}/disable")
def disable_user(
    request: Request,
    username: str,
    caller: Caller = Depends(page_caller("admin")),
    store: Store = Depends(get_store),
) -> Response:
    return _set_disabled(request, username, caller, store, disabled=True)


@router.post("/users/{username}/enable")
def enable_user(
    request: Request,
    username: str,
    caller: Caller = Depends(page_caller("admin")),
    store: Store = Depends(get_store),
) -> Response:
    return _set_disabled(request, username, caller, store, disabled=False)


@router.post("/users/{username}/password")
def reset_user_password(
    request: Request,
    username: str,
    password: str = Form(...),
    caller: Caller = Depends(page_caller("admin")),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        accounts.reset_password(session, username, password, actor=caller.principal.username)
    return _back_to_users(request, username, f"New password set for {username}; their sessions are ended.")


@router.post("/users/tokens/{token_id}/revoke")
def revoke_token(
    request: Request,
    token_id: int,
    caller: Caller = Depends(page_caller("admin")),
    store: Store = Depends(get_store),
) -> Response:
    with store.session() as session:
        row = accounts.revoke_api_token(session, token_id, actor=caller.principal.username)
        name, owner = row.name, session.get(User, row.user_id)
        username = owner.username if owner is not None else ""
    return _back_to_users(request, username, f"API token {token_id} ({name}) is revoked.")
