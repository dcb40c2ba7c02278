"""Every JSON Watchkeeper writes is strict JSON: no NaN or Infinity, which jq and JSON.parse reject.

A small workspace holds a list and a maritime event whose port distance is infinite (no port in range);
every export, ``--json`` listing and API answer of it must parse with a parser that refuses NaN/Infinity.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Cli
from tests.lists.conftest import BUNDLED_VESSELS
from watchkeeper import serialization
from watchkeeper.store import Store
from watchkeeper.store.models.maritime import MaritimeEvent
from watchkeeper.web import accounts
from watchkeeper.web.api import StrictJSONResponse
from watchkeeper.web.app import create_app


def _refuse(constant: str) -> Any:
    raise ValueError(f"not strict JSON: {constant}")


def strict_loads(text: str) -> Any:
    """Parse JSON the way jq and JSON.parse do: NaN, Infinity and -Infinity are errors."""
    return json.loads(text, parse_constant=_refuse)


def strict_lines(text: str) -> list[Any]:
    return [strict_loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture
def workspace(sqlite_cli: Cli) -> Cli:
    """A workspace with the bundled vessel list and one encounter far from any port."""
    sqlite_cli.ok("lists", "import-vessels", str(BUNDLED_VESSELS))
    store = Store(sqlite_cli.settings.database_url)
    with store.session() as session:
        session.add(
            MaritimeEvent(
                id="me-test-open-sea",
                kind="encounter",
                mmsis=[412000001, 412000002],
                start_at=datetime(2024, 3, 1, 2, tzinfo=UTC),
                end_at=datetime(2024, 3, 1, 6, tzinfo=UTC),
                lat=38.5,
                lon=124.2,
                details={"hours": 4.0, "port_distance_km": math.inf, "median_speed_knots": math.nan},
            )
        )
    store.dispose()
    return sqlite_cli


def test_strict_dumps_writes_null_for_non_finite_numbers() -> None:
    value = {"a": math.inf, "b": [-math.inf, (math.nan, 1.5)], "c": Decimal("NaN"), "d": {1.0, 2.0}}
    assert strict_loads(serialization.dumps(value)) == {
        "a": None,
        "b": [None, [None, 1.5]],
        "c": None,
        "d": [1.0, 2.0],
    }


def test_api_response_class_is_strict() -> None:
    body = StrictJSONResponse({"port_distance_km": math.inf}).body
    assert strict_loads(bytes(body).decode()) == {"port_distance_km": None}


def test_every_export_and_json_listing_is_strict(workspace: Cli, tmp_path: Path) -> None:
    exported = strict_lines(workspace.ok("export", "--format", "json").stdout)
    (event,) = [r for r in exported if r["type"] == "maritime_event"]
    assert event["details"]["port_distance_km"] is None and event["details"]["hours"] == 4.0
    assert strict_lines(workspace.ok("export", "--format", "ftm").stdout)
    assert strict_lines(workspace.ok("lists", "export-ftm").stdout)
    for command in (("lists", "list"), ("lists", "snapshots"), ("maritime", "events")):
        assert strict_lines(workspace.ok(*command, "--json").stdout), command
    assert strict_loads(workspace.ok("lists", "show", "IMO9562233", "--json").stdout)["imo"] == "9562233"
    assert strict_loads(workspace.ok("screen", "PETREL 8", "--format", "json").stdout)
    out = tmp_path / "csv"
    workspace.ok("export", "--format", "csv", "--out", str(out))
    assert "Infinity" not in (out / "maritime_event.csv").read_text(encoding="utf-8")


def test_api_answers_are_strict(workspace: Cli) -> None:
    store = Store(workspace.settings.database_url)
    with store.session() as session:
        accounts.create_user(session, "viewer", "correct horse battery", "viewer")
        token = accounts.create_api_token(session, "viewer", "tests")
    client = TestClient(create_app(workspace.settings, store=store), base_url="http://127.0.0.1")
    response = client.get("/api/v1/maritime/events", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    (event,) = strict_loads(response.text)
    assert event["details"]["port_distance_km"] is None
    store.dispose()
