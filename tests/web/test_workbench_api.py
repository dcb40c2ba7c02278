"""The workbench API over the sample evidence base: every endpoint for every role, review, cases, reports."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import Workbench

READS = [
    ("GET", "/api/v1/documents", None),
    ("GET", "/api/v1/documents?q=missile&limit=1", None),
    ("GET", "/api/v1/documents/doc-missile", None),
    ("GET", "/api/v1/stories", None),
    ("GET", "/api/v1/stories/story-missile", None),
    ("GET", "/api/v1/entities", None),
    ("GET", "/api/v1/entities/country:north-korea", None),
    ("GET", "/api/v1/incidents", None),
    ("GET", "/api/v1/incidents/ai-missile", None),
    ("GET", "/api/v1/claims", None),
    ("GET", "/api/v1/quotes", None),
    ("GET", "/api/v1/maritime/events", None),
    ("GET", "/api/v1/cases", None),
    ("GET", "/api/v1/reports", None),
    ("POST", "/api/v1/screen", {"names": ["Ocean Maritime Management"]}),
]
CHANGES = [
    ("POST", "/api/v1/incidents/ai-oil/confirm", {"reason": "seen"}),
    ("POST", "/api/v1/incidents/ai-oil/reject", {"reason": "misread"}),
    ("POST", "/api/v1/incidents/ai-oil/merge", {"into": "ai-missile"}),
    ("POST", "/api/v1/incidents/ai-oil/split", {"evidence_ids": ["x"]}),
    ("POST", "/api/v1/incidents/ai-oil/edit", {"reason": "typo", "summary": "x"}),
    ("POST", "/api/v1/incidents/ai-oil/notes", {"text": "note"}),
    ("POST", "/api/v1/cases", {"title": "t"}),
    ("PATCH", "/api/v1/cases/1", {"status": "closed"}),
    ("DELETE", "/api/v1/cases/1", None),
    ("POST", "/api/v1/cases/1/items", {"item_type": "incident", "item_id": "ai-oil"}),
    ("DELETE", "/api/v1/cases/1/items/1", None),
    ("POST", "/api/v1/cases/1/notes", {"text": "note"}),
    ("POST", "/api/v1/reports", {"start": "2024-01-01", "end": "2024-12-31", "format": "html"}),
]
ADMIN = [("GET", "/api/v1/users", None), ("GET", "/api/v1/audit", None)]


def _call(bench: Workbench, method: str, path: str, body: object, role: str | None) -> int:
    headers = bench.headers(role) if role else {}
    return bench.client().request(method, path, json=body, headers=headers).status_code


def test_anonymous_callers_get_401_everywhere(sample_bench: Workbench) -> None:
    for method, path, body in READS + CHANGES + ADMIN:
        assert _call(sample_bench, method, path, body, None) == 401, (method, path)


def test_viewer_reads_everything_and_changes_nothing(sample_bench: Workbench) -> None:
    for method, path, body in READS:
        assert _call(sample_bench, method, path, body, "viewer") == 200, (method, path)
    for method, path, body in CHANGES + ADMIN:
        assert _call(sample_bench, method, path, body, "viewer") == 403, (method, path)
    for method, path, body in ADMIN:
        assert _call(sample_bench, method, path, body, "analyst") == 403, (method, path)
        assert _call(sample_bench, method, path, body, "admin") == 200, (method, path)


def test_documents_search_filters_and_pages(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("viewer")

    def ids(**params: object) -> tuple[int, list[str]]:
        page = client.get("/api/v1/documents", params=params, headers=headers).json()
        return page["total"], [d["id"] for d in page["documents"]]

    assert sorted(ids(q="ballistic missile")[1]) == ["doc-copy", "doc-missile"]
    assert ids(q='"ship-to-ship transfer"')[1] == ["doc-oil"]
    assert ids(q="missile -ballistic")[0] == 0
    assert ids(q="missile OR tanker")[0] == 3
    assert ids(q="launches")[0] == 2  # stemming: "launched" and "launch" match
    assert ids(q="missile", outlet="pacific-signal") == (1, ["doc-missile"])
    assert ids(q="missile", story="story-missile")[0] == 2
    assert ids(language="ko")[1] == ["doc-hostile"]
    assert ids(**{"from": "2024-06-01", "to": "2024-06-30"})[1] == ["doc-oil"]
    total, first = ids(q="missile", limit=1)
    _, second = ids(q="missile", limit=1, offset=1)
    assert total == 2 and len(first) == len(second) == 1 and first != second
    for hostile in ('AND OR NOT ( " *', "NEAR(", "-", '""', "' ; DROP TABLE document; --"):
        response = client.get("/api/v1/documents", params={"q": hostile}, headers=headers)
        assert response.status_code == 200, hostile
    hit = client.get("/api/v1/documents", params={"q": "tanker"}, headers=headers).json()["documents"][0]
    assert "tanker" in hit["snippet"].lower() and "\ue000" not in hit["snippet"]


def test_search_index_follows_inserts_updates_and_deletes(sample_bench: Workbench) -> None:
    from watchkeeper.store.models.evidence import Document

    client, headers = sample_bench.client(), sample_bench.headers("viewer")
    store = sample_bench.backend.store

    def total(q: str) -> int:
        return client.get("/api/v1/documents", params={"q": q}, headers=headers).json()["total"]

    with store.session() as session:
        session.add(Document(id="doc-new", title="Zebrafish", text="A quokka.", content_type="text/plain"))
    assert total("quokka") == 1 and total("zebrafish") == 1
    with store.session() as session:
        session.get(Document, "doc-new").title = "Platypus"
    assert total("zebrafish") == 0 and total("platypus") == 1
    with store.session() as session:
        session.delete(session.get(Document, "doc-new"))
    assert total("quokka") == 0


def test_document_story_entity_and_extractions(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("viewer")
    doc = client.get("/api/v1/documents/doc-missile", headers=headers).json()
    quote = doc["quotes"][0]
    assert doc["text"][quote["start"] : quote["end"]].strip('"').startswith("We will respond firmly")
    assert quote["speaker_id"] == "person:yoon-suk-yeol"
    assert {c["polarity"] for c in doc["claims"]} == {"denies"}
    assert doc["incidents"][0]["kind"] == "missile_launch"
    story = client.get("/api/v1/stories/story-missile", headers=headers).json()
    assert [d["copies_in_group"] for d in story["documents"]] == [2, 2]
    entity = client.get("/api/v1/entities/country:north-korea", headers=headers).json()
    assert {m["document_id"] for m in entity["mentions"]} == {"doc-missile", "doc-copy", "doc-oil"}
    assert "person:yoon-suk-yeol" in {r["id"] for r in entity["related"]}
    assert entity["claims"] and entity["incidents"]
    get = lambda path, **params: client.get(path, params=params, headers=headers).json()  # noqa: E731
    assert get("/api/v1/entities", q="yoon")[0]["name"] == "Yoon Suk Yeol"
    assert get("/api/v1/claims", polarity="asserts")[0]["id"] == "c-accuse"
    assert client.get("/api/v1/quotes", params={"speaker_id": "nobody"}, headers=headers).json() == []
    assert client.get("/api/v1/documents/nope", headers=headers).status_code == 404
    events = client.get("/api/v1/maritime/events", params={"designated": True}, headers=headers).json()
    assert [e["id"] for e in events] == ["ev-encounter"] and len(events[0]["track"]) == 12


def test_screening_ranks_listed_names(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("viewer")
    listed = client.get("/api/v1/designations", params={"schema": "Vessel"}, headers=headers).json()[0]
    body = {"names": [listed["name"].lower(), "Completely Unrelated Bakery"], "schema": "Vessel"}
    results = client.post("/api/v1/screen", json=body, headers=headers).json()
    assert results[0]["hits"][0]["designation_id"] == listed["id"]
    assert results[0]["hits"][0]["explanation"]
    assert results[1]["hits"] == []
    too_many = client.post("/api/v1/screen", json={"names": ["x"] * 501}, headers=headers)
    assert too_many.status_code == 422


def _audit(bench: Workbench, record_id: str) -> list[dict]:
    params = {"record_id": record_id}
    return bench.client().get("/api/v1/audit", params=params, headers=bench.headers("admin")).json()


def test_analyst_reviews_incidents_with_audit(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("analyst")
    sample = sample_bench.sample
    assert sample is not None
    post = lambda path, body: client.post(f"/api/v1/incidents/{path}", json=body, headers=headers)  # noqa: E731
    confirmed = post("ai-missile/confirm", {"reason": "two sources"}).json()
    assert confirmed["review"]["status"] == "confirmed" and confirmed["review"]["reviewed_by"] == "analyst"
    assert post("ai-missile/reject", {"reason": " "}).status_code == 400
    assert post("ai-missile/merge", {"into": "ai-missile"}).status_code == 400
    assert post("ai-missile/split", {"evidence_ids": sample.missile_evidence}).status_code == 400
    first = sample.missile_evidence[:1]
    split = post("ai-missile/split", {"evidence_ids": first, "reason": "two events"}).json()
    assert split["review"]["split_groups"] == [sample.missile_evidence[:1]]
    edited = post("ai-missile/edit", {"reason": "imagery", "grade": "B", "place_text": "Sea of Japan"}).json()
    assert edited["grade"] == "B" and edited["review"]["edits"] == {"place_text": "Sea of Japan"}
    assert post("ai-missile/edit", {"reason": "x", "date": "12/03/2024"}).status_code == 400
    assert post("ai-missile/notes", {"text": "check the imagery"}).json()["notes"][0]["author"] == "analyst"
    merged = post("ai-oil/merge", {"into": "ai-missile", "reason": "same"}).json()
    assert merged["review"] == {**merged["review"], "status": "merged", "merged_into": "ai-missile"}
    merged_ids = [r["id"] for r in client.get("/api/v1/incidents?review=merged", headers=headers).json()]
    assert merged_ids == ["ai-oil"]
    actions = {e["action"] for e in _audit(sample_bench, "ai-missile")}
    expected = {"confirm", "split", "grade_override", "edit", "note"}
    assert {f"incident.{a}" for a in expected} <= actions
    confirm = next(e for e in _audit(sample_bench, "ai-missile") if e["action"] == "incident.confirm")
    assert confirm["before"]["status"] == "awaiting" and confirm["after"]["status"] == "confirmed"
    assert confirm["actor"] == "analyst" and confirm["reason"] == "two sources"


def test_cases_crud_with_audit(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("analyst")
    new = {"title": "Oil to Nampo", "summary": "STS"}
    case = client.post("/api/v1/cases", json=new, headers=headers).json()
    base = f"/api/v1/cases/{case['id']}"

    def add(kind: str, item_id: str) -> Any:
        return client.post(f"{base}/items", json={"item_type": kind, "item_id": item_id}, headers=headers)

    assert add("incident", "ai-oil").status_code == 201
    assert add("entity", "country:north-korea").status_code == 201
    assert len(add("incident", "ai-oil").json()["items"]) == 2
    assert add("incident", "nope").status_code == 404
    assert add("boat", "x").status_code == 400
    noted = client.post(f"{base}/notes", json={"text": "ask the panel"}, headers=headers).json()
    assert noted["notes"][0]["text"] == "ask the panel"
    labels = {i["label"] for i in noted["items"]}
    assert "North Korea" in labels
    closed = client.patch(base, json={"status": "closed"}, headers=headers).json()
    assert closed["status"] == "closed"
    assert client.patch(base, json={"status": "lost"}, headers=headers).status_code == 400
    item_id = noted["items"][0]["id"]
    assert client.delete(f"{base}/items/{item_id}", headers=headers).status_code == 204
    assert client.delete(base, headers=headers).status_code == 204
    assert client.get(base, headers=headers).status_code == 404
    actions = {e["action"] for e in _audit(sample_bench, str(case["id"]))}
    expected = {"create", "add_item", "note", "update", "remove_item", "delete"}
    assert {f"case.{a}" for a in expected} <= actions


def test_reports_generate_list_and_download(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("analyst")
    body = {"start": "2024-01-01", "end": "2024-12-31", "format": "html"}
    made = client.post("/api/v1/reports", json=body, headers=headers)
    assert made.status_code == 200 and made.headers["content-type"].startswith("text/html")
    assert "North Korea launched a ballistic missile" in made.text
    listed = client.get("/api/v1/reports", headers=headers).json()
    assert listed[0]["format"] == "html"
    assert client.get(listed[0]["url"], headers=headers).content == made.content
    for bad in ("..%2F..%2Fwatchkeeper.sqlite", "report-x.json", "watchkeeper.sqlite"):
        assert client.get(f"/api/v1/reports/{bad}", headers=headers).status_code == 404
    for wrong in ({**body, "end": "2023-01-01"}, {**body, "format": "exe"}):
        assert client.post("/api/v1/reports", json=wrong, headers=headers).status_code == 400
    assert any(e["action"] == "report.generate" for e in _audit(sample_bench, listed[0]["name"]))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_openapi_covers_every_area(workbench: Workbench) -> None:
    from openapi_spec_validator import validate

    spec = workbench.client().get("/api/v1/openapi.json", headers=workbench.headers("viewer")).json()
    validate(spec)
    wanted = {"/api/v1/documents", "/api/v1/entities/{entity_id}", "/api/v1/incidents/{incident_id}/confirm",
              "/api/v1/claims", "/api/v1/quotes", "/api/v1/screen", "/api/v1/cases/{case_id}/items",
              "/api/v1/reports", "/api/v1/maritime/events", "/api/v1/stories/{story_id}"}  # fmt: skip
    assert wanted <= set(spec["paths"])
