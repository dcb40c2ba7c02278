"""Review decisions taken in the workbench reach the reports it generates; a Markdown report downloads as a
zip of the .md and the chart files it references."""

from __future__ import annotations

import io
import re
import zipfile

from tests.web.conftest import Workbench

PERIOD = {"start": "2024-01-01", "end": "2024-12-31"}


def test_workbench_reviews_reach_the_markdown_report_and_its_charts(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("analyst")
    post = lambda path, body: client.post(f"/api/v1/incidents/{path}", json=body, headers=headers)  # noqa: E731
    assert post("ai-oil/reject", {"reason": "a routine bunkering"}).status_code == 200
    assert post("ai-missile/confirm", {"reason": "two sources"}).status_code == 200
    made = client.post("/api/v1/reports", json={**PERIOD, "format": "md"}, headers=headers)
    assert made.status_code == 200 and made.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(made.content))
    names = archive.namelist()
    (md_name,) = [n for n in names if n.endswith(".md")]
    markdown = archive.read(md_name).decode("utf-8")
    figures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)
    assert len(figures) == 2 and set(figures) <= set(names)
    assert all(archive.read(f).startswith(b"<svg") for f in figures)
    body, annex = markdown.split("## Annex III. Reviewed out by analysts")
    assert "NEW CONCORD transferred petroleum" not in body
    assert "`ai-oil`" in annex and "a routine bunkering" in annex
    assert "Confirmed by analyst analyst" in body and "North Korea launched a ballistic missile" in body
    listed = client.get("/api/v1/reports", headers=headers).json()
    assert listed[0]["name"] == md_name.replace(".md", ".zip") and listed[0]["format"] == "zip"
    assert client.get(listed[0]["url"], headers=headers).content == made.content
    folder = sample_bench.backend.settings.workspace / "reports"
    assert sorted(p.suffix for p in folder.iterdir()) == [".zip"]  # nothing loose left beside it
