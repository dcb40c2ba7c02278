"""The declarative base every model derives from, and column types shared by all stages."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import ClassVar

from sqlalchemy import JSON, MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so Alembic migrations are the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of all Watchkeeper tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[type, type]] = {dict: JSON, list: JSON}


def utcnow() -> datetime:
    """Timezone-aware now, for created/updated columns."""
    return datetime.now(UTC)


def content_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A stable id derived from content: the same parts always give the same id, so reruns upsert."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:length]}"


# Schema objects migrations create that are not models (the full-text index of web_0002: an FTS5 table and its
# shadow tables on SQLite, a GIN expression index on PostgreSQL). Autogenerate and the schema test skip them.
UNMODELLED_PREFIXES = ("document_fts",)


def is_modelled(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: False for the unmodelled objects above."""
    return not (name or "").startswith(UNMODELLED_PREFIXES)
