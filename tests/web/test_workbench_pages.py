"""The workbench pages over the sample evidence base: rendering, escaping, forms with CSRF, roles."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, table

from tests.web.conftest import Workbench
from watchkeeper.web.pages import DASHBOARD_TABLES, table_counts

pytestmark = pytest.mark.parametrize("sample_bench", ["sqlite"], indirect=True)

PAGES = [
    "/", "/search", "/search?q=missile&from=2024-01-01&to=bad", "/documents/doc-missile", "/stories",
    "/stories/story-missile", "/entities", "/entities?type=person&q=yoon", "/entities/country:north-korea",
    "/incidents", "/incidents?review=awaiting&grade=C", "/incidents/ai-missile", "/timeline", "/maritime",
    "/maritime?kind=encounter&designated=true", "/screen", "/cases", "/reports",
]  # fmt: skip
# Every form that changes something, with fields that would succeed given the CSRF token.
FORMS = [
    ("/incidents/ai-oil/review", {"action": "note", "text": "seen"}),
    ("/cases", {"title": "A case"}),
    ("/cases/add", {"case_id": "1", "item_type": "incident", "item_id": "ai-oil"}),
    ("/cases/1/items", {"item_type": "entity", "item_id": "country:north-korea"}),
    ("/cases/1/notes", {"text": "a note"}),
    ("/cases/1/items/1/remove", {}),
    ("/cases/1/status", {"status": "closed"}),
    ("/reports", {"start": "2024-01-01", "end": "2024-12-31", "format": "md"}),
    ("/screen", {"names": "Kim"}),
]


def test_every_page_renders_for_a_viewer(sample_bench: Workbench) -> None:
    client, _ = sample_bench.signed_in("viewer")
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "<h1>" in response.text
        assert "Traceback" not in response.text
    internal = re.compile(r'href="(/(?:regime|documents|entities|designations|stories)/[^"#]+)')
    for page in ("/incidents/ai-missile", "/entities/country:north-korea", "/documents/doc-missile"):
        for link in set(internal.findall(client.get(page).text)):
            assert client.get(link).status_code == 200, (page, link)
    assert client.get("/documents/nope").status_code == 404
    assert client.get("/incidents/nope").status_code == 404
    assert client.get("/cases/999").status_code == 404


def test_reader_highlights_spans_and_escapes_text(sample_bench: Workbench) -> None:
    client, _ = sample_bench.signed_in("viewer")
    page = client.get("/documents/doc-missile").text
    quote = re.search(r'<span class="hl hl-quote[^"]*" id="x-q-1"[^>]*>([^<]*)</span>', page)
    assert quote is not None and quote.group(1).startswith("&#34;We will respond firmly")
    assert 'class="hl hl-claim hl-denies"' in page and 'class="hl hl-entity hl-person"' in page
    assert 'href="#x-i-missile"' in page and "Yoon Suk Yeol" in page
    hostile = client.get("/documents/doc-hostile").text
    assert "<script>alert" not in hostile and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in hostile
    search = client.get("/search", params={"q": "markup"}).text
    assert "<script>alert" not in search and "<mark>" in search


def test_viewer_sees_no_actions_and_cannot_post(sample_bench: Workbench) -> None:
    viewer, csrf = sample_bench.signed_in("viewer")
    incident = viewer.get("/incidents/ai-missile").text
    assert "/review" not in incident and "Add to case" not in incident
    assert "Open case" not in viewer.get("/cases").text
    assert "Generate report" not in viewer.get("/reports").text
    for path, fields in FORMS:
        if path == "/screen":
            continue  # screening changes nothing: viewers may screen
        response = viewer.post(path, data={**fields, "csrf_token": csrf}, follow_redirects=False)
        assert response.status_code == 403, path
    analyst, _ = sample_bench.signed_in("analyst")
    page = analyst.get("/incidents/ai-missile").text
    for action in ("confirm", "reject", "merge", "split", "edit", "note"):
        assert f'name="action" value="{action}"' in page


def test_forms_need_the_csrf_token(sample_bench: Workbench) -> None:
    analyst, csrf = sample_bench.signed_in("analyst")
    for path, fields in FORMS:
        for token in (None, "forged"):
            data = fields if token is None else {**fields, "csrf_token": token}
            assert analyst.post(path, data=data, follow_redirects=False).status_code == 403, (path, token)
    for path, fields in FORMS:
        response = analyst.post(path, data={**fields, "csrf_token": csrf}, follow_redirects=False)
        assert response.status_code in (200, 303), (path, response.text[:300])
    audit = sample_bench.client().get("/api/v1/audit", headers=sample_bench.headers("admin")).json()
    actions = {e["action"] for e in audit if e["actor"] == "analyst"}
    expected = {"case.create", "case.add_item", "case.note", "case.remove_item", "case.update"}
    assert expected | {"incident.note", "report.generate"} <= actions


def test_review_forms_change_the_incident(sample_bench: Workbench) -> None:
    analyst, csrf = sample_bench.signed_in("analyst")

    def review(**fields: str) -> int:
        data = {**fields, "csrf_token": csrf}
        return analyst.post("/incidents/ai-missile/review", data=data, follow_redirects=False).status_code

    assert review(action="confirm", reason="imagery") == 303
    assert "confirmed" in analyst.get("/incidents/ai-missile").text
    assert review(action="reject", reason="") == 400
    assert review(action="explode") == 400
    summary = "Launch confirmed by imagery."
    assert review(action="edit", reason="new imagery", grade="A", summary=summary) == 303
    page = analyst.get("/incidents/ai-missile").text
    assert "Analyst override" in page and "Launch confirmed by imagery." in page
    assert review(action="merge", into="ai-oil", reason="same") == 303
    assert "merged into" in analyst.get("/incidents/ai-missile").text


def test_screening_page_takes_lines_and_csv(sample_bench: Workbench) -> None:
    viewer, csrf = sample_bench.signed_in("viewer")
    listed = viewer.get("/api/v1/designations", params={"schema": "Vessel"}).json()[0]
    lines = viewer.post("/screen", data={"names": listed["name"], "csrf_token": csrf})
    assert lines.status_code == 200 and f"/designations/{listed['id']}" in lines.text
    csv = f"name,imo\n{listed['name']},\nNobody Here,\n".encode()
    upload = viewer.post(
        "/screen", data={"csrf_token": csrf}, files={"upload": ("names.csv", csv, "text/csv")}
    )
    assert upload.status_code == 200 and "Nobody Here" in upload.text and listed["reference"] in upload.text
    binary = {"upload": ("x.csv", b"\xff\xfe\x00", "text/csv")}
    bad = viewer.post("/screen", data={"csrf_token": csrf}, files=binary)
    assert bad.status_code == 400 and "not UTF-8" in bad.text


def test_timeline_and_map_are_inline_svg(sample_bench: Workbench) -> None:
    viewer, _ = sample_bench.signed_in("viewer")
    timeline = viewer.get("/timeline").text
    assert timeline.count("<circle") == 2 and 'href="/incidents/ai-oil"' in timeline
    maritime = viewer.get("/maritime").text
    assert "<polyline" in maritime and 'href="#ev-ev-encounter"' in maritime
    dashboard = viewer.get("/").text
    assert "refined petroleum" in dashboard and "New evidence" in dashboard


def test_dashboard_counts_every_table_in_one_query(sample_bench: Workbench) -> None:
    store = sample_bench.backend.store
    counts = table_counts(store)
    assert set(counts) == set(DASHBOARD_TABLES.values())
    with store.session() as session:
        for name, label in DASHBOARD_TABLES.items():
            assert counts[label] == session.scalar(select(func.count()).select_from(table(name))), name
    assert counts["documents"] > 0 and counts["incidents"] > 0
