"""Workbench fixtures: an app over a fresh store with one user per role, and a live server for the browser."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import Backend, _drop_postgres_database, _new_postgres_database
from tests.web.sample import Sample, fill_sample
from watchkeeper.config import Settings, default_database_url
from watchkeeper.store import Store
from watchkeeper.web import accounts
from watchkeeper.web.app import create_app

PASSWORD = "correct horse battery"
ROLES = ("viewer", "analyst", "admin")


@dataclass
class Workbench:
    app: FastAPI
    backend: Backend
    tokens: dict[str, str]
    sample: Sample | None = None

    def headers(self, role: str) -> dict[str, str]:
        """Bearer-token headers of the user of ``role``."""
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def client(self) -> TestClient:
        return TestClient(self.app, base_url="http://127.0.0.1")

    def signed_in(self, role: str) -> tuple[TestClient, str]:
        """A client with a session cookie for the user of ``role``, and its CSRF token."""
        client = self.client()
        page = client.get("/login")
        csrf = page.cookies.get("wk_login_csrf") or client.cookies.get("wk_login_csrf")
        response = client.post(
            "/login",
            data={"username": role, "password": PASSWORD, "csrf_token": csrf, "next": "/"},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        dashboard = client.get("/")
        marker = 'name="csrf_token" value="'
        start = dashboard.text.index(marker) + len(marker)
        return client, dashboard.text[start : dashboard.text.index('"', start)]


def _make(backend: Backend) -> Workbench:
    tokens = {}
    with backend.store.session() as session:
        for role in ROLES:
            accounts.create_user(session, role, PASSWORD, role)
        for role in ROLES:
            tokens[role] = accounts.create_api_token(session, role, "tests")
    return Workbench(create_app(backend.settings, store=backend.store), backend, tokens)


@pytest.fixture
def workbench(backend: Backend) -> Workbench:
    """The app on SQLite and on PostgreSQL with users viewer/analyst/admin (password PASSWORD) and tokens."""
    return _make(backend)


@pytest.fixture
def live_server(workbench: Workbench) -> Iterator[str]:
    """The workbench served by uvicorn on 127.0.0.1 in a thread; yields its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(workbench.app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the workbench did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def sample_bench(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[Workbench]:
    """One workbench per module and backend over the hand-made evidence base (tests share its state)."""
    workspace = tmp_path_factory.mktemp("workbench")
    if request.param == "sqlite":
        shutil.copy(sqlite_template, workspace / "watchkeeper.sqlite")
        url, cleanup = default_database_url(workspace), None
    else:
        admin_url = request.getfixturevalue("postgres_admin_url")
        name, url = _new_postgres_database(admin_url)
        cleanup = (admin_url, name)
    store = Store(url)
    bench = _make(Backend(request.param, Settings(workspace=workspace, database_url=url), store))
    bench.sample = fill_sample(store)
    yield bench
    store.dispose()
    if cleanup:
        _drop_postgres_database(*cleanup)


@pytest.fixture(scope="module")
def sqlite_sample_bench(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Workbench:
    """The sample workbench on SQLite only (for the browser tests)."""
    workspace = tmp_path_factory.mktemp("browser-workbench")
    shutil.copy(sqlite_template, workspace / "watchkeeper.sqlite")
    url = default_database_url(workspace)
    store = Store(url)
    bench = _make(Backend("sqlite", Settings(workspace=workspace, database_url=url), store))
    bench.sample = fill_sample(store)
    return bench


def serve(app: FastAPI) -> tuple[str, uvicorn.Server, threading.Thread]:
    """Serve ``app`` with uvicorn on a free 127.0.0.1 port in a thread."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the workbench did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


@pytest.fixture(scope="module")
def sample_server(sqlite_sample_bench: Workbench) -> Iterator[str]:
    """The SQLite sample workbench served live for the browser; yields its base URL."""
    base, server, thread = serve(sqlite_sample_bench.app)
    yield base
    server.should_exit = True
    thread.join(timeout=10)
