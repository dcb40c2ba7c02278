"""The workbench reads other stages through their functions: one story record for CLI and API, case pages."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from tests.conftest import Cli
from tests.web.conftest import Workbench

TIMES = ("first_at", "last_at", "published_at")


def _same_instants(record: Any) -> Any:
    """The record with its times parsed: the CLI writes UTC as +00:00, the API as Z."""
    if isinstance(record, list):
        return [_same_instants(r) for r in record]
    if isinstance(record, dict):
        return {
            k: datetime.fromisoformat(v) if k in TIMES and v else _same_instants(v) for k, v in record.items()
        }
    return record


def test_story_records_are_the_same_in_the_cli_and_the_api(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("viewer")
    cli = Cli(sample_bench.backend.settings)
    shown = json.loads(cli.ok("stories", "show", "story-missile", "--json").stdout)
    served = client.get("/api/v1/stories/story-missile", headers=headers).json()
    assert _same_instants(shown) == _same_instants(served)
    assert served["document_count"] == len(served["documents"]) == 2
    assert {d["copies_in_group"] for d in served["documents"]} == {2}
    assert {"id", "title", "outlet_id", "outlet_name", "published_at", "copy_group_id"} <= set(
        served["documents"][0]
    )
    listed = [json.loads(line) for line in cli.ok("stories", "list", "--json").stdout.splitlines()]
    paged = client.get("/api/v1/stories", headers=headers).json()
    by_id = lambda s: s["id"]  # noqa: E731
    assert _same_instants(sorted(listed, key=by_id)) == _same_instants(sorted(paged, key=by_id))
    summary = next(s for s in paged if s["id"] == "story-missile")
    assert summary == {k: v for k, v in served.items() if k != "documents"}


def test_a_case_page_shows_its_items_and_notes(sample_bench: Workbench) -> None:
    sample = sample_bench.sample
    assert sample is not None
    client, headers = sample_bench.client(), sample_bench.headers("analyst")
    case = client.post("/api/v1/cases", json={"title": "Launch follow-up"}, headers=headers).json()
    base = f"/api/v1/cases/{case['id']}"
    items = [
        ("incident", sample.missile_incident),
        ("entity", sample.yoon),
        ("document", "doc-missile"),
        ("designation", sample.designation_id),
    ]
    for item_type, item_id in items:
        body = {"item_type": item_type, "item_id": item_id}
        added = client.post(f"{base}/items", json=body, headers=headers)
        assert added.status_code == 201, (item_type, added.text)
    client.post(f"{base}/notes", json={"text": "ask the panel about <b>this</b>"}, headers=headers)
    labels = {i["item_type"]: i["label"] for i in client.get(base, headers=headers).json()["items"]}
    assert labels["entity"] == "Yoon Suk Yeol" and labels["document"] == "North Korea fires ballistic missile"
    assert all(label and label != item_id for label, (_, item_id) in zip(labels.values(), items, strict=True))

    viewer, _ = sample_bench.signed_in("viewer")
    page = viewer.get(f"/cases/{case['id']}")
    assert page.status_code == 200, page.text
    assert "Items (4)" in page.text and "Notes (1)" in page.text
    for _, item_id in items:
        assert item_id in page.text
    assert "Yoon Suk Yeol" in page.text and "North Korea fires ballistic missile" in page.text
    assert "&lt;b&gt;this&lt;/b&gt;" in page.text


def test_the_kind_select_offers_every_kind_of_the_registry(sample_bench: Workbench) -> None:
    from watchkeeper.reading.kinds import kind_ids, kind_label

    viewer, _ = sample_bench.signed_in("viewer")
    page = viewer.get("/incidents").text
    offered = re.findall(r'<option value="([a-z_]+)" ?[^>]*>([^<]*)</option>', page.split('name="kind"')[1])
    kinds = list(kind_ids())
    assert [k for k, _ in offered][: len(kinds)] == kinds
    assert dict(offered)[kinds[0]] == kind_label(kinds[0])
    assert len(kinds) > len({r["kind"] for r in viewer.get("/api/v1/incidents").json()})
