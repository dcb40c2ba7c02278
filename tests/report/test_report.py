"""The panel report: HTML that parses and cites only stored documents, Markdown, and a PDF that renders."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from tests.conftest import Cli
from watchkeeper.regime import load_regime
from watchkeeper.report import build_report, render_html, with_charts, write_report
from watchkeeper.store import Store
from watchkeeper.store.models.evidence import Document
from watchkeeper.store.models.maritime import MaritimeEvent

START, END = date(2023, 7, 1), date(2025, 6, 30)


@pytest.fixture
def report_html(gold_store: Store) -> str:
    with gold_store.session() as session:
        data = with_charts(build_report(session, load_regime(), START, END))
    return render_html(data)


def test_html_parses_and_cites_only_stored_documents(report_html: str, gold_store: Store) -> None:
    tree = lxml_html.fromstring(report_html)
    anchors = {a.get("href")[1:] for a in tree.xpath("//a[starts-with(@href, '#src-')]")}
    annex = {li.get("id"): li for li in tree.xpath("//ol[@class='sources']/li")}
    assert anchors and anchors <= set(annex), f"citations without an annex entry: {anchors - set(annex)}"
    with gold_store.session() as session:
        for entry in annex.values():
            stored_id = entry.xpath("string(.//code)")
            assert session.get(Document, stored_id) or session.get(MaritimeEvent, stored_id), stored_id
    assert len(tree.xpath("//svg")) == 2
    headings = [h.text_content() for h in tree.xpath("//h2")]
    for expected in (
        "Summary of findings",
        "Incidents by measure",
        "petroleum caps",
        "Recommendations",
        "Annex I",
    ):
        assert any(expected in h for h in headings), headings


def test_report_says_what_the_evidence_shows(report_html: str) -> None:
    text = " ".join(lxml_html.fromstring(report_html).text_content().split())
    assert "2397-op5" in text and "1718-op8b" in text and "1695-op2" in text
    assert "Denial or reply" in text
    assert re.search(r"Consider designating Lazarus Group", text)
    assert not re.search(r"Consider designating (UN|Multilateral|Global Press|GPA|Panel)", text)
    assert re.search(r"Ask Russia to account for deliveries of refined petroleum in 2024", text)
    assert "168,679" in text  # 2024 notified total (Russia January + China January-August)
    tree = lxml_html.fromstring(report_html)
    numbers = [int(span.text.rstrip(".")) for span in tree.xpath("//p[@class='para']/span[@class='n']")]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 20


def test_markdown_report_with_its_figures(gold_cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    gold_cli.ok(
        "report", "--from", START.isoformat(), "--to", END.isoformat(), "--format", "md", "--out", str(out)
    )
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Implementation of the Security Council measures")
    assert "## V. Recommendations" in text and "## Annex I. Sources" in text
    assert re.search(r"\[\[\d+\]\]\(#src-\d+\)", text)
    for figure in ("report-charts/timeline.svg", "report-charts/ledger.svg"):
        assert f"({figure})" in text and (tmp_path / figure).read_text().startswith("<svg")
    args = ["--from", "2024-01-01", "--to", "2024-03-31", "--format", "md", "--out", str(out), "--json"]
    written = json.loads(gold_cli.ok("report", *args).stdout)
    assert sorted(Path(p).name for p in written["extra_files"]) == ["ledger.svg", "timeline.svg"]


@pytest.mark.slow
def test_pdf_renders_with_text(gold_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_report(gold_store, date(2024, 3, 1), date(2024, 3, 31), "pdf", out)
    reader = PdfReader(out)
    assert len(reader.pages) > 1
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Summary of findings" in text and "Annex I. Sources" in text and "2397-op5" in text
    assert "Storeddocument" in "".join(text.split())  # pypdf spaces out some runs; the words are there


def test_an_empty_period_says_so(gold_store: Store) -> None:
    with gold_store.session() as session:
        data = with_charts(build_report(session, load_regime(), date(1990, 1, 1), date(1990, 12, 31)))
    text = lxml_html.fromstring(render_html(data)).text_content()
    assert "No incident in the evidence falls between 1990-01-01 and 1990-12-31" in text


def test_bad_period_is_a_user_error(gold_cli: Cli, tmp_path: Path) -> None:
    result = gold_cli(
        "report", "--from", "2025-01-01", "--to", "2024-01-01", "--out", str(tmp_path / "r.html")
    )
    assert result.exit_code == 1 and "before" in result.stderr
