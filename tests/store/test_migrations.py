"""The schema: migrations build exactly what the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import watchkeeper.store.models  # noqa: F401
from watchkeeper.store import Store
from watchkeeper.store.base import Base


def test_migrations_match_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations disagree; add a migration: {diff}"


def test_no_pending_migrations_after_migrate(store: Store) -> None:
    assert store.pending_migrations() == set()


def test_migrate_is_idempotent(store: Store) -> None:
    store.migrate()
    store.migrate()
    assert store.pending_migrations() == set()
