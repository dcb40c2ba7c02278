"""The one place that opens the database: engines, sessions, migrations.

A workspace is a real database a user can open with other tools: SQLite by default, any SQLAlchemy URL
(PostgreSQL with ``postgresql+psycopg://``) otherwise. The schema is owned by Alembic migrations.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from watchkeeper.config import Settings
from watchkeeper.errors import StoreError
from watchkeeper.store.base import Base, is_modelled

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["Base", "Store", "open_store"]


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine with the settings Watchkeeper relies on (foreign keys and WAL on SQLite)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def alembic_config(url: str) -> Config:
    """Alembic configuration pointing at the migrations shipped inside the package."""
    from alembic.config import Config  # Alembic is only needed when migrating: keep start-up light

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("watchkeeper.store") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class Store:
    """A database of one workspace. Use :meth:`session` for one unit of work (one transaction)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._tables: frozenset[str] | None = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends normally, rolled back on any exception."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def migrate(self) -> None:
        """Bring the schema to the newest revision."""
        from alembic import command

        self._tables = None
        cfg = alembic_config(self.url)
        try:
            with self.engine.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "heads")
        except OperationalError as exc:
            raise StoreError(f"cannot reach the database at {self.safe_url}: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"migrating the database at {self.safe_url} failed: {exc}") from exc

    def pending_migrations(self) -> set[str]:
        """Head revisions not yet applied (empty when the schema is current)."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(alembic_config(self.url))
        with self.engine.connect() as connection:
            current = tuple(MigrationContext.configure(connection).get_current_heads())
        if not current:
            return set(script.get_heads())
        applied = {r.revision for r in script.revision_map.iterate_revisions(current, "base")}
        return set(script.get_heads()) - applied

    def table_names(self) -> frozenset[str]:
        """The tables the database holds (reflected once: the schema only changes when migrating)."""
        if self._tables is None:
            self._tables = frozenset(inspect(self.engine).get_table_names())
        return self._tables

    def row_counts(self, tables: Iterable[str] | None = None) -> dict[str, int]:
        """Rows per table in one query: of ``tables`` those the database holds, else every modelled table."""
        present = self.table_names()
        if tables is None:
            wanted = sorted(t for t in present if t != "alembic_version" and is_modelled(t, "table", None))
        else:
            wanted = [t for t in tables if t in present]
        if not wanted:
            return {}
        quote = self.engine.dialect.identifier_preparer.quote
        counts = [select(func.count()).select_from(text(quote(t))).scalar_subquery() for t in wanted]
        with self.engine.connect() as connection:
            row = connection.execute(select(*counts)).one()
        return dict(zip(wanted, row, strict=True))

    @property
    def safe_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(settings: Settings, *, migrate: bool = True) -> Store:
    """Open the workspace's database, creating the workspace directory and schema when needed."""
    if settings.is_sqlite:
        Path(settings.workspace).mkdir(parents=True, exist_ok=True)
    store = Store(settings.database_url)
    if migrate:
        store.migrate()
    return store
