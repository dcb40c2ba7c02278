"""The schema: migrations build exactly what the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import watchkeeper.store.models  # noqa: F401
from watchkeeper.store import Store
from watchkeeper.store.base import Base, is_modelled


def test_migrations_match_models(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": is_modelled}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations disagree; add a migration: {diff}"


def test_no_pending_migrations_after_migrate(store: Store) -> None:
    assert store.pending_migrations() == set()


def test_migrate_is_idempotent(store: Store) -> None:
    store.migrate()
    store.migrate()
    assert store.pending_migrations() == set()


def test_history_is_one_line() -> None:
    """One head: a new migration chains onto the newest one (down_revision = the current head)."""
    from alembic.script import ScriptDirectory

    from watchkeeper.store import alembic_config

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    heads = script.get_heads()
    assert len(heads) == 1, (
        f"migration history has several heads {heads}: set the new revision's down_revision to the "
        "previous head (see docs/architecture.md)"
    )
    for revision in script.walk_revisions():
        assert not revision.dependencies, f"{revision.revision}: use down_revision, not depends_on"


def test_downgrade_to_base_and_back(sqlite_store: Store) -> None:
    from alembic import command

    from watchkeeper.store import alembic_config

    cfg = alembic_config(sqlite_store.url)
    with sqlite_store.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "base")
    sqlite_store.migrate()
    assert sqlite_store.pending_migrations() == set()
