"""Users, roles, sessions, tokens and throttling as library functions."""

from __future__ import annotations

import pytest

from watchkeeper.audit import audit_entries
from watchkeeper.store import Store
from watchkeeper.web import accounts


def test_password_is_hashed_and_checked(store: Store) -> None:
    with store.session() as session:
        user = accounts.create_user(session, "ana", "long enough pw", "analyst")
        assert user.password_hash.startswith("$argon2")
        assert "long enough pw" not in user.password_hash
    with store.session() as session:
        assert accounts.authenticate(session, "ana", "long enough pw", "1.2.3.4") is not None
        assert accounts.authenticate(session, "ana", "wrong password!", "1.2.3.4") is None
        assert accounts.authenticate(session, "nobody", "long enough pw", "1.2.3.4") is None


def test_bad_accounts_are_refused(sqlite_store: Store) -> None:
    with sqlite_store.session() as session:
        with pytest.raises(accounts.AccountError, match="role"):
            accounts.create_user(session, "x", "long enough pw", "superuser")
        with pytest.raises(accounts.AccountError, match="at least"):
            accounts.create_user(session, "x", "short", "viewer")
        accounts.create_user(session, "x", "long enough pw", "viewer")
        with pytest.raises(accounts.AccountError, match="exists"):
            accounts.create_user(session, "x", "long enough pw", "viewer")


def test_roles_are_ordered() -> None:
    admin = accounts.Principal(1, "a", "admin")
    viewer = accounts.Principal(2, "v", "viewer")
    assert admin.can("analyst") and admin.can("viewer")
    assert viewer.can("viewer") and not viewer.can("analyst")


def test_throttle_after_repeated_failures(sqlite_store: Store) -> None:
    with sqlite_store.session() as session:
        accounts.create_user(session, "ana", "long enough pw", "analyst")
    for _ in range(accounts.MAX_FAILED_LOGINS):
        with sqlite_store.session() as session:
            assert not accounts.login_throttled(session, "ana", "9.9.9.9")
            accounts.authenticate(session, "ana", "bad password!!", "9.9.9.9")
    with sqlite_store.session() as session:
        assert accounts.login_throttled(session, "ana", "9.9.9.9")


def test_sessions_and_tokens(store: Store) -> None:
    with store.session() as session:
        accounts.create_user(session, "ana", "long enough pw", "analyst")
        principal = accounts.authenticate(session, "ana", "long enough pw", "c")
        secret, csrf = accounts.start_session(session, principal)
        token = accounts.create_api_token(session, "ana", "script")
    with store.session() as session:
        found = accounts.session_principal(session, secret)
        assert found is not None and found[0].username == "ana" and found[1] == csrf
        assert accounts.token_principal(session, token).role == "analyst"
        assert accounts.token_principal(session, token + "x") is None
        accounts.end_session(session, secret)
    with store.session() as session:
        assert accounts.session_principal(session, secret) is None
        actions = [e.action for e in audit_entries(session)]
    assert "user.create" in actions and "token.create" in actions


def test_users_cli(cli) -> None:
    cli.ok("users", "add", "bob", "--role", "analyst", "--password-stdin", input="a long password\n")
    listed = cli.ok("users", "list", "--json").stdout
    assert '"username": "bob"' in listed and '"role": "analyst"' in listed
    bad = cli("users", "add", "eve", "--role", "root", "--password-stdin", input="a long password\n")
    assert bad.exit_code == 1 and "unknown role" in bad.stderr
    token = cli.ok("users", "token", "bob").stdout.strip()
    assert token.startswith("wk_")
