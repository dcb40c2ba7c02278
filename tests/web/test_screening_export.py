"""Screening in the workbench and the API by IMO number alone, and its results downloaded as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from tests.web.conftest import Workbench


def test_api_screens_an_imo_number_alone(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("viewer")
    body = {"queries": [{"imo": "9114555"}, {"name": "Ul Ji Bong 6", "imo": "9020534"}]}
    results = client.post("/api/v1/screen", json=body, headers=headers).json()
    assert results[0]["hits"][0]["name"] == "UL JI BONG 6"
    assert "UL JI BONG 6" not in [h["name"] for h in results[1]["hits"]]  # another hull's number


def test_api_answers_with_a_csv_or_json_file(sample_bench: Workbench) -> None:
    client, headers = sample_bench.client(), sample_bench.headers("viewer")
    body = {"names": ["Rung Ra 2", "Sunny Bakery"]}
    as_csv = client.post("/api/v1/screen", params={"format": "csv"}, json=body, headers=headers)
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert rows[0]["designated_name"] == "RUNG RA 2" and rows[-1]["decision"] == "no_match"
    as_json = client.post("/api/v1/screen", params={"format": "json"}, json=body, headers=headers)
    assert json.loads(as_json.text)["results"][0]["name"] == "Rung Ra 2"
    wrong = client.post("/api/v1/screen", params={"format": "xml"}, json=body, headers=headers)
    assert wrong.status_code == 422


def test_page_screens_imo_lines_and_offers_downloads(sample_bench: Workbench) -> None:
    viewer, csrf = sample_bench.signed_in("viewer")
    page = viewer.post("/screen", data={"names": "IMO 9114555\nRung Ra 2", "csrf_token": csrf})
    assert page.status_code == 200 and "UL JI BONG 6" in page.text and "IMO 9114555" in page.text
    assert 'action="/screen/export"' in page.text and 'value="csv"' in page.text
    queries = json.dumps([["", "9114555"], ["Rung Ra 2", None]])
    form = {"queries": queries, "format": "csv", "csrf_token": csrf}
    download = viewer.post("/screen/export", data=form)
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert [r["designated_name"] for r in rows[:1]] == ["UL JI BONG 6"]
    as_json = viewer.post("/screen/export", data={**form, "format": "json"})
    assert json.loads(as_json.text)["results"][1]["hits"][0]["name"] == "RUNG RA 2"
    assert viewer.post("/screen/export", data={**form, "format": "pdf"}).status_code == 400
    assert viewer.post("/screen/export", data={**form, "queries": "not json"}).status_code == 400
    assert viewer.post("/screen/export", data={"queries": queries, "format": "csv"}).status_code == 403
