"""The API and pages: every role, anonymous callers, CSRF, sessions, OpenAPI."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, Workbench
from watchkeeper.web import accounts
from watchkeeper.web.app import create_app
from watchkeeper.web.security import CREDENTIAL_TTL


def test_anonymous_sees_nothing(workbench: Workbench) -> None:
    client = workbench.client()
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/audit").status_code == 401
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer wk_nope"}).status_code == 401


def test_token_roles(workbench: Workbench) -> None:
    client = workbench.client()
    for role, token in workbench.tokens.items():
        headers = {"Authorization": f"Bearer {token}"}
        me = client.get("/api/v1/me", headers=headers).json()
        assert me == {"username": role, "role": role, "via": "token"}
        expected = 200 if role == "admin" else 403
        assert client.get("/api/v1/audit", headers=headers).status_code == expected
        assert client.get("/api/v1/users", headers=headers).status_code == expected


def test_only_admin_creates_users(workbench: Workbench) -> None:
    client = workbench.client()
    body = {"username": "newbie", "password": "another long pw", "role": "viewer"}
    for role in ("viewer", "analyst"):
        headers = {"Authorization": f"Bearer {workbench.tokens[role]}"}
        assert client.post("/api/v1/users", json=body, headers=headers).status_code == 403
    headers = {"Authorization": f"Bearer {workbench.tokens['admin']}"}
    assert client.post("/api/v1/users", json=body, headers=headers).status_code == 201
    audit = client.get("/api/v1/audit", headers=headers).json()
    assert any(
        e["action"] == "user.create" and e["record_id"] == "newbie" and e["actor"] == "admin" for e in audit
    )


def test_session_cookie_flags_and_csrf(workbench: Workbench) -> None:
    client = workbench.client()
    client.get("/login")
    csrf = client.cookies.get("wk_login_csrf")
    response = client.post(
        "/login", data={"username": "admin", "password": PASSWORD, "csrf_token": csrf}, follow_redirects=False
    )
    cookie = response.headers["set-cookie"].lower()
    assert "wk_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    # A state-changing call with the session cookie but without the CSRF token is refused.
    body = {"username": "via-cookie", "password": "another long pw", "role": "viewer"}
    assert client.post("/api/v1/users", json=body).status_code == 403
    client2, token = workbench.signed_in("admin")
    assert client2.post("/api/v1/users", json=body, headers={"X-CSRF-Token": token}).status_code == 201
    assert client2.post("/logout", data={"csrf_token": "wrong"}).status_code == 403


def test_login_needs_its_form_token(workbench: Workbench) -> None:
    client = workbench.client()
    response = client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 403


def test_wrong_password_and_open_redirect(workbench: Workbench) -> None:
    client = workbench.client()
    client.get("/login")
    csrf = client.cookies.get("wk_login_csrf")
    bad = client.post("/login", data={"username": "admin", "password": "nope nope nope", "csrf_token": csrf})
    assert bad.status_code == 401 and "Wrong username or password" in bad.text
    ok = client.post(
        "/login",
        data={"username": "admin", "password": PASSWORD, "csrf_token": csrf, "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert ok.headers["location"] == "/"


def test_logout_ends_the_session(workbench: Workbench) -> None:
    client, csrf = workbench.signed_in("viewer")
    assert client.get("/api/v1/me").status_code == 200
    client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert client.get("/api/v1/me").status_code == 401


def test_admin_pages_and_security_headers(workbench: Workbench) -> None:
    viewer, _ = workbench.signed_in("viewer")
    assert viewer.get("/audit").status_code == 403
    admin, _ = workbench.signed_in("admin")
    page = admin.get("/audit")
    assert page.status_code == 200 and "user.create" in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"


def test_openapi_is_served_and_valid(workbench: Workbench) -> None:
    from openapi_spec_validator import validate

    spec = workbench.client().get("/api/v1/openapi.json", headers=workbench.headers("viewer")).json()
    validate(spec)
    assert "/api/v1/me" in spec["paths"]


def test_remembered_credentials_serve_reads_only(workbench: Workbench) -> None:
    """A demoted or disabled user changes nothing at once and reads for CREDENTIAL_TTL seconds at most."""
    now = [1000.0]
    workbench.app.state.credentials.clock = lambda: now[0]
    client = workbench.client()
    headers = workbench.headers("analyst")
    assert client.get("/api/v1/me", headers=headers).json()["role"] == "analyst"
    with workbench.backend.store.session() as session:
        accounts.set_role(session, "analyst", "viewer", actor="admin")
    assert client.post("/api/v1/cases", headers=headers, json={"title": "t"}).status_code == 403
    now[0] += CREDENTIAL_TTL / 2
    assert client.get("/api/v1/me", headers=headers).json()["role"] == "viewer"  # the POST looked it up again
    with workbench.backend.store.session() as session:
        accounts.get_user(session, "analyst").disabled = True
    assert client.get("/api/v1/me", headers=headers).status_code == 200  # remembered, within the TTL
    now[0] += CREDENTIAL_TTL
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_no_remembered_credentials_with_zero_ttl(workbench: Workbench) -> None:
    app = create_app(workbench.backend.settings, store=workbench.backend.store, credential_ttl=0)
    client = TestClient(app, base_url="http://127.0.0.1")
    headers = workbench.headers("viewer")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with workbench.backend.store.session() as session:
        accounts.get_user(session, "viewer").disabled = True
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_favicon_is_served_to_anyone(workbench: Workbench) -> None:
    client = workbench.client()
    moved = client.get("/favicon.ico", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/static/favicon.svg"
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
