"""``watchkeeper serve``, ``watchkeeper users`` and ``watchkeeper audit``: the workbench, who may use it, and
the record of what they did."""

from __future__ import annotations

import sys
from typing import Any

import typer

from watchkeeper.audit import verify_chain
from watchkeeper.cli.context import app_context
from watchkeeper.cli.output import JSON_OPTION, console, err_console, print_json, print_records
from watchkeeper.errors import WatchkeeperError
from watchkeeper.web import accounts

users_app = typer.Typer(
    help="Manage workbench users (roles: viewer, analyst, admin) and API tokens.", no_args_is_help=True
)

audit_app = typer.Typer(help="The audit log of every change (hash-chained).", no_args_is_help=True)


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8765, help="Port to listen on."),
    secure_cookies: bool = typer.Option(False, help="Mark cookies Secure (when served behind HTTPS)."),
    workers: int = typer.Option(1, min=1, help="Worker processes (one per core serves the most requests)."),
    trusted_proxies: str = typer.Option(
        "",
        "--trusted-proxies",
        envvar="WATCHKEEPER_TRUSTED_PROXIES",
        help="Comma-separated reverse-proxy addresses whose X-Forwarded-For is believed (default: none).",
    ),
) -> None:
    """Run the analyst workbench (web UI and REST API under /api/v1)."""
    import os

    import uvicorn

    from watchkeeper.web.app import create_app

    app = app_context(ctx)
    console.print(f"Watchkeeper workbench on http://{host}:{port}/  (API docs: /api/v1/docs)")
    if workers == 1:
        web_app = create_app(app.settings, store=app.store, secure_cookies=secure_cookies)
        uvicorn.run(web_app, host=host, port=port, log_level="info", **proxy_options(trusted_proxies))
        return
    # Each worker process opens the workspace itself, from the environment (the schema is migrated already).
    os.environ["WATCHKEEPER_WORKSPACE"] = str(app.settings.workspace)
    os.environ["WATCHKEEPER_DATABASE_URL"] = app.settings.database_url
    os.environ["WATCHKEEPER_SECURE_COOKIES"] = "1" if secure_cookies else "0"
    app.store.dispose()
    uvicorn.run(
        "watchkeeper.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
        log_level="info", **proxy_options(trusted_proxies),
    )  # fmt: skip


def proxy_options(trusted_proxies: str) -> dict[str, Any]:
    """uvicorn's proxy settings: X-Forwarded-For is read only from the proxies named, none by default.

    uvicorn alone believes the header from 127.0.0.1, so any local client could pose as another address and
    escape the sign-in limit per address.
    """
    proxies = [p.strip() for p in trusted_proxies.split(",") if p.strip()]
    if not proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": proxies}


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def add(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="The new user's name."),
    role: str = typer.Option("viewer", "--role", help="viewer, analyst or admin."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from standard input."
    ),
) -> None:
    """Add a user; the password is asked for (or read from stdin) and stored as an argon2 hash."""
    if role not in accounts.ROLES:
        raise WatchkeeperError(f"unknown role {role!r}; choose one of {', '.join(accounts.ROLES)}")
    password = _read_password(password_stdin)
    with app_context(ctx).store.session() as session:
        accounts.create_user(session, username, password, role, actor="cli")
    console.print(f"Added {username} ({role}).")


@users_app.command("list")
def list_(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """List users and their roles."""
    with app_context(ctx).store.session() as session:
        rows = [
            {"username": u.username, "role": u.role, "disabled": u.disabled, "created_at": u.created_at}
            for u in accounts.list_users(session)
        ]
    print_records(
        rows,
        as_json=as_json,
        columns=[("username", "User"), ("role", "Role"), ("disabled", "Disabled"), ("created_at", "Created")],
    )


@users_app.command("set-role")
def set_role(ctx: typer.Context, username: str, role: str) -> None:
    """Change a user's role (audited)."""
    with app_context(ctx).store.session() as session:
        accounts.set_role(session, username, role, actor="cli")
    console.print(f"{username} is now {role}.")


@users_app.command("token")
def token(
    ctx: typer.Context, username: str, name: str = typer.Option("script", help="A label for the token.")
) -> None:
    """Create an API token for scripts (printed once; send it as 'Authorization: Bearer TOKEN')."""
    with app_context(ctx).store.session() as session:
        value = accounts.create_api_token(session, username, name, actor="cli")
    typer.echo(value)


@users_app.command("disable")
def disable(ctx: typer.Context, username: str) -> None:
    """Disable a user: no sign-in, no API token, browser sessions ended (audited)."""
    with app_context(ctx).store.session() as session:
        accounts.set_disabled(session, username, True, actor="cli")
    console.print(f"{username} is disabled.")


@users_app.command("enable")
def enable(ctx: typer.Context, username: str) -> None:
    """Enable a disabled user again (audited)."""
    with app_context(ctx).store.session() as session:
        accounts.set_disabled(session, username, False, actor="cli")
    console.print(f"{username} is enabled.")


@users_app.command("reset-password")
def reset_password(
    ctx: typer.Context,
    username: str,
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the new password from standard input."
    ),
) -> None:
    """Set a new password for a user; the user's browser sessions end (audited)."""
    password = _read_password(password_stdin)
    with app_context(ctx).store.session() as session:
        accounts.reset_password(session, username, password, actor="cli")
    console.print(f"New password set for {username}; their sessions are ended.")


@users_app.command("tokens")
def tokens(ctx: typer.Context, username: str, as_json: bool = JSON_OPTION) -> None:
    """List a user's API tokens (id, label, created, last used); revoke one with 'users revoke ID'."""
    with app_context(ctx).store.session() as session:
        rows = [
            {"id": t.id, "name": t.name, "created_at": t.created_at, "last_used_at": t.last_used_at}
            for t in accounts.list_api_tokens(session, username)
        ]
    print_records(
        rows,
        as_json=as_json,
        columns=[("id", "Id"), ("name", "Label"), ("created_at", "Created"), ("last_used_at", "Last used")],
    )


@users_app.command("revoke")
def revoke(
    ctx: typer.Context, token_id: int = typer.Argument(..., help="The id 'users tokens' shows.")
) -> None:
    """Revoke an API token: it is refused from now on (audited)."""
    with app_context(ctx).store.session() as session:
        row = accounts.revoke_api_token(session, token_id, actor="cli")
        name = row.name
    console.print(f"Revoked API token {token_id} ({name}).")


@audit_app.command("verify")
def audit_verify(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
    """Recompute the audit log's hash chain; exit 1 naming each entry edited, inserted or removed since."""
    with app_context(ctx).store.session() as session:
        check = verify_chain(session)
    if as_json:
        print_json({"entries": check.entries, "last_hash": check.last_hash, "breaks": check.breaks})
    elif check.intact:
        # Kept elsewhere, the last hash also shows whether the newest entries were cut off later.
        console.print(f"Audit chain intact: {check.entries} entries; last hash {check.last_hash}")
    else:
        for problem in check.breaks:
            err_console.print(problem, markup=False, highlight=False)
        err_console.print(f"Audit chain broken: {len(check.breaks)} problems in {check.entries} entries.")
    if not check.intact:
        raise typer.Exit(1)
