"""Fixtures: the gold corpus loaded into the reading tables and assessed once per session, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.assess.gold import cached_assessed_gold
from tests.conftest import Cli
from watchkeeper.config import Settings, default_database_url
from watchkeeper.store import Store


@pytest.fixture(scope="session")
def assessed_gold_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return cached_assessed_gold(tmp_path_factory.mktemp("gold"))


@pytest.fixture
def gold_workspace(tmp_path: Path, assessed_gold_db: Path) -> Settings:
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
