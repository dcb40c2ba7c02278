"""Request authentication and authorisation: session cookies with CSRF, bearer tokens, roles."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request, status

from watchkeeper.store import Store
from watchkeeper.web import accounts
from watchkeeper.web.accounts import Principal

SESSION_COOKIE = "wk_session"
LOGIN_CSRF_COOKIE = "wk_login_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class LoginRequired(Exception):
    """A page needs a signed-in user; the app turns this into a redirect to /login."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


@dataclass(frozen=True)
class Caller:
    """The authenticated caller of a request and how it authenticated."""

    principal: Principal
    via: str  # "session" or "token"
    csrf_token: str | None = None


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _authenticate(request: Request, store: Store) -> Caller | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        with store.session() as session:
            principal = accounts.token_principal(session, header[7:].strip())
        if principal is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED, "invalid API token", headers={"WWW-Authenticate": "Bearer"}
            )
        return Caller(principal, "token")
    secret = request.cookies.get(SESSION_COOKIE)
    if not secret:
        return None
    with store.session() as session:
        found = accounts.session_principal(session, secret)
    if found is None:
        return None
    return Caller(found[0], "session", found[1])


async def _check_csrf(request: Request, caller: Caller) -> None:
    # Bearer tokens are not sent by browsers on their own, so only cookie sessions need CSRF tokens.
    if caller.via != "session" or request.method not in UNSAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not caller.csrf_token or not hmac.compare_digest(sent, caller.csrf_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "missing or invalid CSRF token")


def api_caller(role: str = "viewer") -> Callable[..., object]:
    """A dependency for API routes: 401 when anonymous, 403 when the role is too low or CSRF fails."""

    async def dependency(request: Request, store: Store = Depends(get_store)) -> Caller:
        caller = _authenticate(request, store)
        if caller is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "sign in or send an API token",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not caller.principal.can(role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"this needs the {role} role")
        await _check_csrf(request, caller)
        return caller

    return dependency


def page_caller(role: str = "viewer") -> Callable[..., object]:
    """A dependency for pages: redirect to the sign-in page when anonymous, 403 when the role is too low."""

    async def dependency(request: Request, store: Store = Depends(get_store)) -> Caller:
        caller = _authenticate(request, store)
        if caller is None:
            raise LoginRequired(request.url.path)
        if not caller.principal.can(role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"this page needs the {role} role")
        await _check_csrf(request, caller)
        return caller

    return dependency


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
