"""The workbench application: REST API under /api/v1 and server-rendered pages, thin over the library."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib import resources

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from watchkeeper import __version__
from watchkeeper.config import Settings
from watchkeeper.errors import NotFoundError, WatchkeeperError
from watchkeeper.store import Store, open_store
from watchkeeper.web import (
    api,
    cases,
    designations,
    entities,
    evidence,
    incidents,
    maritime,
    pages,
    regime,
    reports,
    screening,
)
from watchkeeper.web.security import (
    CREDENTIAL_TTL,
    Caller,
    CredentialCache,
    LoginRequired,
    api_caller,
    page_caller,
)
from watchkeeper.web.templating import templates

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: no per-request task as BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        # Pages and API answers may hold signed-in data: no browser or proxy keeps them; static files may.
        private = not scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                if private and b"cache-control" not in present:
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    settings: Settings,
    *,
    store: Store | None = None,
    secure_cookies: bool = False,
    credential_ttl: float = CREDENTIAL_TTL,
) -> FastAPI:
    """The FastAPI app for one workspace.

    ``secure_cookies`` marks cookies Secure (serve behind HTTPS). ``credential_ttl`` is how many seconds a
    read may rely on a session or token this process verified before (0: look every request up).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_store:
            app.state.store.dispose()

    own_store = store is None
    app = FastAPI(
        title="Watchkeeper",
        version=__version__,
        description="Monitoring of the UN sanctions on the DPRK: regime, designations, evidence, incidents.",
        # Served by api.py to signed-in callers only, as every other route.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        default_response_class=api.StrictJSONResponse,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store or open_store(settings)
    app.state.secure_cookies = secure_cookies
    app.state.credentials = CredentialCache(credential_ttl)
    app.add_middleware(SecurityHeaders)
    app.mount(
        "/static", StaticFiles(directory=str(resources.files("watchkeeper.web") / "static")), name="static"
    )
    app.include_router(api.router)
    for area in (designations, regime, evidence, entities, incidents, screening, cases, reports, maritime):
        app.include_router(area.api_router)
        app.include_router(area.page_router)
    app.include_router(pages.router)

    @app.get("/api/v1/openapi.json", include_in_schema=False)
    def _openapi(caller: Caller = Depends(api_caller())) -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/api/v1/docs", include_in_schema=False)
    def _docs(caller: Caller = Depends(page_caller())) -> Response:
        return get_swagger_ui_html(openapi_url="/api/v1/openapi.json", title="Watchkeeper API")

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(f"/login?next={exc.next_path}", status_code=303)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(WatchkeeperError)
    async def _user_error(request: Request, exc: WatchkeeperError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), exc.headers)

    return app


def app_from_environment() -> FastAPI:
    """The app for the workspace the environment names (``uvicorn --factory``, ``serve --workers``)."""
    from watchkeeper.config import load_settings

    return create_app(load_settings(), secure_cookies=os.environ.get("WATCHKEEPER_SECURE_COOKIES") == "1")


def _error(request: Request, code: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": message}, status_code=code, headers=headers)
    reason = HTTPStatus(code).phrase if code in HTTPStatus._value2member_map_ else "Error"
    return templates.TemplateResponse(
        request,
        "error.html",
        {"code": code, "reason": reason, "message": message.rstrip("."), "caller": None},
        status_code=code,
        headers=headers,
    )
