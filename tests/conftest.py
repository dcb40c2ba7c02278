"""Fixtures shared by the whole suite: real databases (SQLite and PostgreSQL), workspaces, the CLI.

``store`` runs a test on both backends. PostgreSQL comes from ``WATCHKEEPER_TEST_POSTGRES_URL`` (default: the
server ``scripts/start-test-postgres.sh`` starts on 127.0.0.1:55432); it is skipped when unreachable, except
under CI=true, where an unreachable server fails the run.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from watchkeeper.config import Settings, default_database_url
from watchkeeper.store import Store

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:55432/postgres"
IN_CI = os.environ.get("CI", "").lower() == "true"


def shared_file(relative: str) -> Path:
    """A file of ../shared/data, or a clean skip when the shared folder is not beside the repo."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


def _template_name() -> str:
    # One template per test process: xdist workers and concurrent pytest runs must not share (and drop) it.
    return f"wk_template_{os.getpid()}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database, copied for each test (faster than migrating every time)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite"
    store = Store(f"sqlite:///{path}")
    store.migrate()
    store.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """URL of a reachable PostgreSQL server with a migrated template database for this worker."""
    url = os.environ.get("WATCHKEEPER_TEST_POSTGRES_URL", DEFAULT_PG_URL)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure to connect means: no server here
        admin.dispose()
        if IN_CI:
            pytest.fail(f"CI=true but PostgreSQL is not reachable at {url}: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {url}")
    template = _template_name()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{template}"'))
    template_store = Store(make_url(url).set(database=template).render_as_string(hide_password=False))
    template_store.migrate()
    template_store.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)'))
    admin.dispose()


def _new_postgres_database(admin_url: str) -> tuple[str, str]:
    name = f"wk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_template_name()}"'))
    admin.dispose()
    return name, make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@dataclass
class Backend:
    """A fresh, migrated database for one test and the settings of a workspace using it."""

    name: str
    settings: Settings
    store: Store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """A fresh migrated database on each backend (the test runs once per backend)."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    if request.param == "sqlite":
        shutil.copy(request.getfixturevalue("sqlite_template"), workspace / "watchkeeper.sqlite")
        url = default_database_url(workspace)
        store = Store(url)
        yield Backend("sqlite", Settings(workspace=workspace, database_url=url), store)
        store.dispose()
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    name, url = _new_postgres_database(admin_url)
    store = Store(url)
    yield Backend("postgres", Settings(workspace=workspace, database_url=url), store)
    store.dispose()
    _drop_postgres_database(admin_url, name)


@pytest.fixture
def store(backend: Backend) -> Store:
    """A fresh migrated Store, once on SQLite and once on PostgreSQL."""
    return backend.store


@pytest.fixture
def sqlite_store(tmp_path: Path, sqlite_template: Path) -> Iterator[Store]:
    """A fresh migrated SQLite Store only, for tests whose subject is not the database."""
    path = tmp_path / "watchkeeper.sqlite"
    shutil.copy(sqlite_template, path)
    store = Store(f"sqlite:///{path}")
    yield store
    store.dispose()


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


class Cli:
    """Runs ``watchkeeper`` commands in-process against one workspace and database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, *args: str, input: str | None = None) -> CliResult:
        from watchkeeper.cli import app

        runner = CliRunner()
        env = {
            "WATCHKEEPER_WORKSPACE": str(self.settings.workspace),
            "WATCHKEEPER_DATABASE_URL": self.settings.database_url,
            "COLUMNS": "200",
        }
        result = runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, input: str | None = None) -> CliResult:
        """Run and assert exit code 0."""
        result = self(*args, input=input)
        assert result.exit_code == 0, (
            f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        return result

    def fails(self, *args: str, expect: str) -> CliResult:
        """Run and assert a user error: exit code 1 and ``expect`` in the one-line message on stderr."""
        result = self(*args)
        assert result.exit_code == 1 and expect in result.stderr, (
            f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        return result


@pytest.fixture
def cli(backend: Backend) -> Cli:
    """The CLI bound to a fresh workspace, once per backend."""
    return Cli(backend.settings)


@pytest.fixture
def sqlite_cli(tmp_path: Path, sqlite_template: Path) -> Cli:
    """The CLI bound to a fresh SQLite workspace only."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    shutil.copy(sqlite_template, workspace / "watchkeeper.sqlite")
    return Cli(Settings(workspace=workspace, database_url=default_database_url(workspace)))


@pytest.fixture(scope="session")
def assessed_gold_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gold corpus read and assessed once per session (tests of assess and report copy it)."""
    from tests.assess.gold import cached_assessed_gold

    return cached_assessed_gold(tmp_path_factory.mktemp("gold"))


@pytest.fixture
def gold_workspace(tmp_path: Path, assessed_gold_db: Path) -> Settings:
    """A workspace with its own copy of the assessed gold database."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    shutil.copy(assessed_gold_db, workspace / "watchkeeper.sqlite")
    return Settings(workspace=workspace, database_url=default_database_url(workspace))


@pytest.fixture
def gold_store(gold_workspace: Settings) -> Iterator[Store]:
    store = Store(gold_workspace.database_url)
    yield store
    store.dispose()


@pytest.fixture
def gold_cli(gold_workspace: Settings) -> Cli:
    return Cli(gold_workspace)
