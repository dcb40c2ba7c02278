"""Designations in the workbench: the API and pages over a store holding the bundled vessel list."""

from __future__ import annotations

from importlib import resources

import pytest

from tests.web.conftest import Workbench
from watchkeeper.lists.history import import_parsed
from watchkeeper.lists.vessels_csv import parse_vessels_csv


@pytest.fixture
def listed(workbench: Workbench) -> Workbench:
    path = resources.files("watchkeeper") / "data" / "lists" / "un_1718_vessels.csv"
    with workbench.backend.store.session() as session:
        import_parsed(session, parse_vessels_csv(str(path)))
    return workbench


def test_api_lists_searches_and_shows(listed: Workbench) -> None:
    client = listed.client()
    headers = {"Authorization": f"Bearer {listed.tokens['viewer']}"}
    rows = client.get("/api/v1/designations", params={"schema": "Vessel"}, headers=headers).json()
    assert len(rows) >= 5 and all(r["schema"] == "Vessel" for r in rows)
    first = rows[0]
    found = client.get("/api/v1/designations", params={"q": first["name"].lower()}, headers=headers).json()
    assert first["id"] in {r["id"] for r in found}
    one = client.get(f"/api/v1/designations/{first['id']}", headers=headers).json()
    assert one["reference"] == first["reference"] and one["names"]
    missing = client.get("/api/v1/designations/un-1718:XX.999", headers=headers)
    assert missing.status_code == 404
    assert client.get("/api/v1/designations").status_code == 401


def test_pages(listed: Workbench) -> None:
    client, _ = listed.signed_in("viewer")
    page = client.get("/designations", params={"schema": "Vessel"})
    assert page.status_code == 200 and "<table" in page.text
    first = client.get("/api/v1/designations", params={"schema": "Vessel"}).json()[0]
    detail = client.get(f"/designations/{first['id']}")
    assert detail.status_code == 200 and first["name"] in detail.text
    assert client.get("/designations/nothing-here").status_code == 404
