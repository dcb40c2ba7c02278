"""Accounts that can be taken back: disable, enable, reset a password, list and revoke API tokens."""

from __future__ import annotations

import json

from tests.web.conftest import PASSWORD, Workbench
from watchkeeper.audit import audit_entries
from watchkeeper.store import Store
from watchkeeper.web import accounts


def _sign_in(workbench: Workbench, username: str, password: str = PASSWORD) -> int:
    client = workbench.client()
    csrf = client.get("/login").cookies.get("wk_login_csrf") or client.cookies.get("wk_login_csrf")
    data = {"username": username, "password": password, "csrf_token": csrf, "next": "/"}
    return client.post("/login", data=data, follow_redirects=False).status_code


def test_a_disabled_user_cannot_sign_in_or_use_a_token_until_enabled(workbench: Workbench) -> None:
    client, _ = workbench.signed_in("analyst")
    store = workbench.backend.store
    with store.session() as session:
        accounts.set_disabled(session, "analyst", True, actor="admin")
    assert _sign_in(workbench, "analyst") == 401
    assert workbench.client().get("/api/v1/me", headers=workbench.headers("analyst")).status_code == 401
    # The open session ended with the disabling.
    with store.session() as session:
        assert accounts.session_principal(session, client.cookies["wk_session"]) is None
    with store.session() as session:
        accounts.set_disabled(session, "analyst", False, actor="admin")
    assert _sign_in(workbench, "analyst") == 303
    assert workbench.client().get("/api/v1/me", headers=workbench.headers("analyst")).status_code == 200


def test_a_reset_password_replaces_the_old_one(sqlite_store: Store) -> None:
    with sqlite_store.session() as session:
        accounts.create_user(session, "kim", "first password", "viewer")
        principal = accounts.authenticate(session, "kim", "first password", "c")
        assert principal is not None
        secret = accounts.start_session(session, principal)[0]
        accounts.reset_password(session, "kim", "second password", actor="cli")
    with sqlite_store.session() as session:
        assert accounts.authenticate(session, "kim", "first password", "c") is None
        assert accounts.authenticate(session, "kim", "second password", "c") is not None
        assert accounts.session_principal(session, secret) is None
        entry = next(e for e in audit_entries(session) if e.action == "user.reset_password")
        assert "second password" not in json.dumps([entry.before, entry.after, entry.reason])


def test_a_revoked_token_is_refused_and_the_other_tokens_still_work(workbench: Workbench) -> None:
    store = workbench.backend.store
    with store.session() as session:
        second = accounts.create_api_token(session, "viewer", "second")
        listed = accounts.list_api_tokens(session, "viewer")
        assert [t.name for t in listed] == ["tests", "second"]
        accounts.revoke_api_token(session, listed[0].id, actor="admin")
    refused = workbench.client().get("/api/v1/me", headers=workbench.headers("viewer"))
    assert refused.status_code == 401
    kept = workbench.client().get("/api/v1/me", headers={"Authorization": f"Bearer {second}"})
    assert kept.status_code == 200
    with store.session() as session:
        assert [t.name for t in accounts.list_api_tokens(session, "viewer")] == ["second"]
        assert "token.revoke" in [e.action for e in audit_entries(session, record_id="viewer")]


def test_users_cli_disables_resets_lists_and_revokes(cli) -> None:
    cli.ok("users", "add", "bob", "--role", "analyst", "--password-stdin", input="a long password\n")
    cli.ok("users", "token", "bob", "--name", "nightly")
    cli.ok("users", "disable", "bob")
    assert '"disabled": true' in cli.ok("users", "list", "--json").stdout
    cli.ok("users", "enable", "bob")
    assert '"disabled": false' in cli.ok("users", "list", "--json").stdout
    cli.ok("users", "reset-password", "bob", "--password-stdin", input="another long one\n")
    tokens = [json.loads(line) for line in cli.ok("users", "tokens", "bob", "--json").stdout.splitlines()]
    assert [t["name"] for t in tokens] == ["nightly"]
    cli.ok("users", "revoke", str(tokens[0]["id"]))
    assert cli.ok("users", "tokens", "bob", "--json").stdout.strip() == ""
    cli.fails("users", "revoke", str(tokens[0]["id"]), expect="no API token")
    cli.fails("users", "disable", "nobody", expect="no user")


def test_the_users_page_takes_accounts_back_for_admins_only(workbench: Workbench) -> None:
    viewer, _ = workbench.signed_in("viewer")
    assert viewer.get("/users").status_code == 403
    admin, csrf = workbench.signed_in("admin")
    page = admin.get("/users")
    assert page.status_code == 200 and "analyst" in page.text and "Revoke" in page.text
    assert admin.post("/users/analyst/disable", data={}, follow_redirects=False).status_code == 403  # no CSRF
    done = admin.post("/users/analyst/disable", data={"csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303
    assert _sign_in(workbench, "analyst") == 401
    admin.post("/users/analyst/enable", data={"csrf_token": csrf})
    admin.post("/users/analyst/password", data={"csrf_token": csrf, "password": "a brand new secret"})
    assert _sign_in(workbench, "analyst") == 401
    assert _sign_in(workbench, "analyst", "a brand new secret") == 303
    with workbench.backend.store.session() as session:
        token_id = accounts.list_api_tokens(session, "viewer")[0].id
    # Used (and so remembered by this server process) just before: the revocation still applies at once.
    assert workbench.client().get("/api/v1/me", headers=workbench.headers("viewer")).status_code == 200
    admin.post(f"/users/tokens/{token_id}/revoke", data={"csrf_token": csrf})
    assert workbench.client().get("/api/v1/me", headers=workbench.headers("viewer")).status_code == 401
    with workbench.backend.store.session() as session:
        actors = {e.actor for e in audit_entries(session) if e.action in ("user.disable", "token.revoke")}
    assert actors == {"admin"}
