"""Users, roles, sessions, API tokens and login throttling: the workbench's security as library functions."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from watchkeeper.audit import record_change
from watchkeeper.errors import NotFoundError, WatchkeeperError
from watchkeeper.store.models.web import ApiToken, LoginAttempt, User, WebSession

ROLES = ("viewer", "analyst", "admin")
# A role may do what every role before it may do.
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}

SESSION_LIFETIME = timedelta(hours=12)
# Failed sign-ins allowed per username (or per client address) within the window before refusing.
MAX_FAILED_LOGINS = 5
LOGIN_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
TOKEN_USE_RESOLUTION = timedelta(minutes=1)

_hasher = PasswordHasher()


class AccountError(WatchkeeperError):
    """A user account cannot be created or changed as asked."""


@dataclass(frozen=True)
class Principal:
    """Who is making a request: enough to authorise and to audit."""

    user_id: int
    username: str
    role: str

    def can(self, role: str) -> bool:
        """True when this principal's role includes ``role``."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


def secret_digest(secret: str) -> str:
    """The SHA-256 of a session secret or API token: all that is stored, and what caches key on."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    # SQLite returns naive datetimes for timezone-aware columns; they were stored as UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def create_user(session: Session, username: str, password: str, role: str, *, actor: str = "cli") -> User:
    """Add a user with an argon2-hashed password."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if (
        not username
        or len(username) > 100
        or not username.replace("-", "").replace("_", "").replace(".", "").isalnum()
    ):
        raise AccountError("a username is 1-100 letters, digits, '.', '-' or '_'")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise AccountError(f"user {username!r} already exists")
    user = User(username=username, password_hash=_hasher.hash(password), role=role, disabled=False)
    session.add(user)
    session.flush()
    record_change(
        session,
        actor=actor,
        action="user.create",
        record_type="user",
        record_id=username,
        after={"username": username, "role": role},
    )
    return user


def set_role(session: Session, username: str, role: str, *, actor: str) -> User:
    """Change a user's role (audited)."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    user = get_user(session, username)
    before = {"role": user.role}
    user.role = role
    record_change(
        session,
        actor=actor,
        action="user.role",
        record_type="user",
        record_id=username,
        before=before,
        after={"role": role},
    )
    return user


def set_disabled(session: Session, username: str, disabled: bool, *, actor: str) -> User:
    """Disable or enable a user (audited); disabling ends the user's browser sessions at once."""
    user = get_user(session, username)
    before = {"disabled": user.disabled}
    user.disabled = disabled
    if disabled:
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    record_change(
        session,
        actor=actor,
        action="user.disable" if disabled else "user.enable",
        record_type="user",
        record_id=username,
        before=before,
        after={"disabled": disabled},
    )
    return user


def reset_password(session: Session, username: str, password: str, *, actor: str) -> User:
    """Set a new password (audited, without the password) and end the user's browser sessions."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    user = get_user(session, username)
    user.password_hash = _hasher.hash(password)
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    record_change(session, actor=actor, action="user.reset_password", record_type="user", record_id=username)
    return user


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFoundError(f"no user {username!r}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def principal_of(user: User) -> Principal:
    return Principal(user_id=user.id, username=user.username, role=user.role)


def login_throttled(session: Session, username: str, client: str) -> bool:
    """True when too many sign-ins failed recently for this username or from this client."""
    since = _now() - LOGIN_WINDOW
    by_user = session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.username == username, LoginAttempt.at >= since)
    )
    by_client = session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.client == client, LoginAttempt.at >= since)
    )
    return (by_user or 0) >= MAX_FAILED_LOGINS or (by_client or 0) >= MAX_FAILED_LOGINS * 4


def authenticate(session: Session, username: str, password: str, client: str) -> Principal | None:
    """Check a password; a failure is recorded for throttling. Returns None when it does not match."""
    user = session.scalar(select(User).where(User.username == username))
    ok = False
    if user is not None and not user.disabled:
        try:
            ok = _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        # Same work as a real check, so timing does not tell which usernames exist.
        _hasher.hash(password)
    if not ok or user is None:
        session.add(LoginAttempt(username=username[:100], client=client[:100]))
        record_change(
            session,
            actor=f"client {client[:100]}",
            action="user.sign_in_failed",
            record_type="user",
            record_id=username[:100],
            after={"client": client[:100]},
        )
        return None
    session.execute(delete(LoginAttempt).where(LoginAttempt.username == username))
    record_change(
        session,
        actor=user.username,
        action="user.sign_in",
        record_type="user",
        record_id=user.username,
        after={"client": client[:100]},
    )
    return principal_of(user)


def start_session(session: Session, principal: Principal) -> tuple[str, str]:
    """Create a browser session; returns (cookie secret, CSRF token). Only the secret's hash is stored."""
    secret = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            id=secret_digest(secret),
            user_id=principal.user_id,
            csrf_token=csrf,
            expires_at=_now() + SESSION_LIFETIME,
        )
    )
    return secret, csrf


def session_principal(session: Session, secret: str) -> tuple[Principal, str] | None:
    """The principal and CSRF token of a live session cookie, or None."""
    row = session.get(WebSession, secret_digest(secret))
    if row is None or _aware(row.expires_at) <= _now():
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    return principal_of(user), row.csrf_token


def end_session(session: Session, secret: str, *, client: str = "unknown") -> None:
    """Sign a browser session out (audited when the session existed)."""
    row = session.get(WebSession, secret_digest(secret))
    if row is None:
        return
    user = session.get(User, row.user_id)
    session.delete(row)
    if user is not None:
        record_change(
            session,
            actor=user.username,
            action="user.sign_out",
            record_type="user",
            record_id=user.username,
            after={"client": client[:100]},
        )


def create_api_token(session: Session, username: str, name: str, *, actor: str = "cli") -> str:
    """A new bearer token for scripts; the clear token is returned once and never stored."""
    user = get_user(session, username)
    token = "wk_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name, token_hash=secret_digest(token)))
    record_change(
        session,
        actor=actor,
        action="token.create",
        record_type="user",
        record_id=username,
        after={"token": name},
    )
    return token


def token_principal(session: Session, token: str) -> Principal | None:
    """The principal a bearer token belongs to, or None."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == secret_digest(token)))
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    # Record use at most once a minute: a write on every API call would serialise readers behind it.
    if row.last_used_at is None or _now() - _aware(row.last_used_at) > TOKEN_USE_RESOLUTION:
        row.last_used_at = _now()
    return principal_of(user)


def list_api_tokens(session: Session, username: str) -> list[ApiToken]:
    """A user's live API tokens, oldest first (the tokens themselves are never stored)."""
    user = get_user(session, username)
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)))


def revoke_api_token(session: Session, token_id: int, *, actor: str) -> ApiToken:
    """Revoke a token by its id (audited): the row goes, so the token matches nothing from now on."""
    row = session.get(ApiToken, token_id)
    if row is None:
        raise NotFoundError(f"no API token {token_id}; 'watchkeeper users tokens USER' lists them")
    user = session.get(User, row.user_id)
    username = user.username if user is not None else str(row.user_id)
    session.delete(row)
    record_change(
        session,
        actor=actor,
        action="token.revoke",
        record_type="user",
        record_id=username,
        before={"token": row.name, "token_id": token_id},
    )
    return row
