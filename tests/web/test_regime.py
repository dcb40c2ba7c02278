"""The regime in the workbench: measures in force, caps, amendment chains."""

from __future__ import annotations

from tests.web.conftest import Workbench


def test_measures_in_force_api(workbench: Workbench) -> None:
    client = workbench.client()
    headers = {"Authorization": f"Bearer {workbench.tokens['viewer']}"}
    caps = client.get(
        "/api/v1/measures",
        params={"in_force_on": "2018-06-01", "kind": "cap", "commodity": "refined_petroleum"},
        headers=headers,
    ).json()
    assert [m["id"] for m in caps] == ["2397-op5"]
    assert caps[0]["limit_on_date"]["value"] == 500000 and caps[0]["in_force"] is True
    one = client.get("/api/v1/measures/2397-op5", headers=headers).json()
    assert any(link["measure_id"] == "2375-op14" for link in one["chain"])
    assert client.get("/api/v1/measures/9999-op1", headers=headers).status_code == 404
    assert client.get("/api/v1/measures", params={"kind": "bogus"}, headers=headers).status_code == 400
    res = client.get("/api/v1/resolutions/2397", headers=headers).json()
    assert res["number"] == 2397 and any(m["id"] == "2397-op5" for m in res["measures"])
    assert client.get("/api/v1/measures").status_code == 401


def test_regime_pages(workbench: Workbench) -> None:
    client, _ = workbench.signed_in("viewer")
    page = client.get("/regime", params={"in_force_on": "2018-06-01", "kind": "cap"})
    assert page.status_code == 200 and "2397 OP5" in page.text and "500,000 barrels" in page.text
    detail = client.get("/regime/2397-op5")
    assert detail.status_code == 200 and "Amendment chain" in detail.text
    assert client.get("/regime", params={"in_force_on": "June"}).status_code == 400
