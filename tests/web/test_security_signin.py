"""Sign-ins in the audit log, no caching of signed-in pages, the API spec behind sign-in, proxies trusted only
when named."""

from __future__ import annotations

import asyncio

import uvicorn
from starlette.types import Message, Receive, Scope, Send

from tests.web.conftest import PASSWORD, Workbench
from watchkeeper.audit import audit_entries
from watchkeeper.cli.web import proxy_options


def _actions(workbench: Workbench, username: str) -> list[str]:
    with workbench.backend.store.session() as session:
        return [e.action for e in reversed(audit_entries(session, record_id=username))]


def test_sign_in_sign_out_and_a_failed_sign_in_are_audited(workbench: Workbench) -> None:
    client = workbench.client()
    csrf = client.get("/login").cookies.get("wk_login_csrf") or client.cookies.get("wk_login_csrf")
    wrong = {"username": "analyst", "password": "not the password", "csrf_token": csrf, "next": "/"}
    assert client.post("/login", data=wrong, follow_redirects=False).status_code == 401
    signed, page_csrf = workbench.signed_in("analyst")
    signed.post("/logout", data={"csrf_token": page_csrf}, follow_redirects=False)
    actions = _actions(workbench, "analyst")
    assert actions[-3:] == ["user.sign_in_failed", "user.sign_in", "user.sign_out"]
    with workbench.backend.store.session() as session:
        failed = next(e for e in audit_entries(session) if e.action == "user.sign_in_failed")
    assert PASSWORD not in str(failed.after) and "not the password" not in str(failed.after)


def test_signed_in_pages_and_api_answers_are_not_cached(workbench: Workbench) -> None:
    client, _ = workbench.signed_in("viewer")
    assert client.get("/").headers["cache-control"] == "no-store"
    api = workbench.client().get("/api/v1/me", headers=workbench.headers("viewer"))
    assert api.headers["cache-control"] == "no-store"
    assert "no-store" not in workbench.client().get("/static/favicon.svg").headers.get("cache-control", "")


def test_the_api_spec_and_docs_need_a_signed_in_caller(workbench: Workbench) -> None:
    anonymous = workbench.client()
    assert anonymous.get("/api/v1/openapi.json").status_code == 401
    assert anonymous.get("/api/v1/docs", follow_redirects=False).status_code == 303
    spec = anonymous.get("/api/v1/openapi.json", headers=workbench.headers("viewer"))
    assert spec.status_code == 200 and "/api/v1/me" in spec.json()["paths"]
    client, _ = workbench.signed_in("viewer")
    assert "swagger" in client.get("/api/v1/docs").text.lower()


async def _nothing(message: Message | None = None) -> Message:
    return {}


def _client_seen(trusted: str, peer: str, forwarded: str) -> str:
    """The client address an app behind uvicorn, set up as ``serve`` sets it up, sees for one request."""
    seen: dict[str, str] = {}

    async def inner(scope: Scope, receive: Receive, send: Send) -> None:
        seen["host"] = scope["client"][0]

    config = uvicorn.Config(inner, **proxy_options(trusted))
    config.load()
    scope = {
        "type": "http",
        "client": (peer, 5000),
        "headers": [(b"x-forwarded-for", forwarded.encode())],
    }
    asyncio.run(config.loaded_app(scope, _nothing, _nothing))
    return seen["host"]


def test_x_forwarded_for_is_believed_only_from_a_configured_proxy() -> None:
    # By default no proxy: a local client naming another address is still counted as itself.
    assert _client_seen("", "127.0.0.1", "203.0.113.9") == "127.0.0.1"
    assert _client_seen("10.0.0.2", "10.0.0.2", "203.0.113.9") == "203.0.113.9"
    assert _client_seen("10.0.0.2", "127.0.0.1", "203.0.113.9") == "127.0.0.1"
