"""Request authentication and authorisation: session cookies with CSRF, bearer tokens, roles."""

from __future__ import annotations

import hmac
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request, status
from starlette.concurrency import run_in_threadpool

from watchkeeper.store import Store
from watchkeeper.web import accounts
from watchkeeper.web.accounts import Principal

SESSION_COOKIE = "wk_session"
LOGIN_CSRF_COOKIE = "wk_login_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CREDENTIAL_TTL = 5.0  # seconds a read may rely on a credential verified earlier by this process


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
    store: Store = request.app.state.store
    return store


class CredentialCache:
    """Credentials this process verified recently, so that reads skip the database lookup.

    Only GET and HEAD requests use a remembered caller. Every change (POST, PUT, PATCH, DELETE) looks the
    credential up again, so a disabled user, a revoked token or an ended session can change nothing from the
    moment it is recorded, and can read for at most ``ttl`` seconds more. Keys are SHA-256 digests of the
    credentials; the least recently used entries go first when ``size`` is reached.
    """

    def __init__(
        self, ttl: float = CREDENTIAL_TTL, size: int = 4096, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.size = size
        self.clock = clock
        self._entries: OrderedDict[str, tuple[float, Caller]] = OrderedDict()

    @staticmethod
    def key(kind: str, secret: str) -> str:
        return kind + ":" + accounts.secret_digest(secret)

    def get(self, key: str) -> Caller | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] <= self.clock():
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return entry[1]

    def put(self, key: str, caller: Caller) -> None:
        if self.ttl <= 0:
            return
        self._entries[key] = (self.clock() + self.ttl, caller)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def forget(self, key: str) -> None:
        self._entries.pop(key, None)

    def forget_user(self, username: str) -> None:
        """Drop every remembered credential of one user (disabled, new password, a token revoked)."""
        for key in [k for k, (_, caller) in self._entries.items() if caller.principal.username == username]:
            del self._entries[key]


def _credential(request: Request) -> tuple[str, str] | None:
    """The credential a request carries: ("token", secret) or ("session", secret)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return "token", header[7:].strip()
    secret = request.cookies.get(SESSION_COOKIE)
    return ("session", secret) if secret else None


def _look_up(store: Store, kind: str, secret: str) -> Caller | None:
    with store.session() as session:
        if kind == "token":
            principal = accounts.token_principal(session, secret)
            return Caller(principal, "token") if principal is not None else None
        found = accounts.session_principal(session, secret)
    return Caller(found[0], "session", found[1]) if found is not None else None


async def _authenticate(request: Request, store: Store) -> Caller | None:
    credential = _credential(request)
    if credential is None:
        return None
    kind, secret = credential
    cache: CredentialCache = request.app.state.credentials
    key = CredentialCache.key(kind, secret)
    reading = request.method in ("GET", "HEAD")
    caller = cache.get(key) if reading else None
    if caller is None:
        # The lookup is blocking database work: keep it off the event loop.
        caller = await run_in_threadpool(_look_up, store, kind, secret)
        if caller is None:
            cache.forget(key)
        else:
            cache.put(key, caller)
    if caller is None and kind == "token":
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "invalid API token", headers={"WWW-Authenticate": "Bearer"}
        )
    return caller


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
        caller = await _authenticate(request, store)
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
        caller = await _authenticate(request, store)
        if caller is None:
            raise LoginRequired(request.url.path)
        if not caller.principal.can(role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"this page needs the {role} role")
        await _check_csrf(request, caller)
        return caller

    return dependency


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
