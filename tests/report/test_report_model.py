"""The report's model: annex II lists what produced the report (in HTML, Markdown and PDF), templates only lay
out, the regime data decides the regime's words, and the model's modules import one way."""

from __future__ import annotations

import ast
import re
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from tests.report.test_report import END, START
from watchkeeper.assess.ledger import barrels_per_tonne
from watchkeeper.reading.knowledge import load_knowledge
from watchkeeper.regime import load_regime
from watchkeeper.regime.loader import package_data_dir
from watchkeeper.report import build_report, render_html, render_markdown, write_report
from watchkeeper.resolve import MATCH_THRESHOLD, POSSIBLE_THRESHOLD
from watchkeeper.store import Store

REPORT_DIR = Path(str(resources.files("watchkeeper.report")))
# arithmetic, number formatting and fallbacks that pick words: decided in the model, never in a template
COMPUTED = re.compile(
    r"\.format\(|percent\(|crossed\(|\|\s*(length|round|sum)\b|[-+*/]\s*\d|\bor\s+\"|\bnot in \("
)


def _annex_ii(text: str) -> str:
    return text.split("Annex II. Method", 1)[1].split("Annex III.", 1)[0]


def test_annex_ii_lists_versions_and_parameters(gold_store: Store) -> None:
    regime = load_regime()
    with gold_store.session() as session:
        data = build_report(session, regime, START, END)
    data.charts = {"timeline": "<svg></svg>", "ledger": "<svg></svg>"}
    html = " ".join(lxml_html.fromstring(render_html(data)).text_content().split())
    markdown = render_markdown(data, {"timeline": "t.svg", "ledger": "l.svg"})
    for annex in (_annex_ii(html), _annex_ii(markdown)):
        assert "Versions and parameters" in annex
        for expected in (
            regime.version,
            load_knowledge().version,
            str(MATCH_THRESHOLD),
            str(POSSIBLE_THRESHOLD),
            "A from 6.5; B from 4.5; C from 2.5; D from -100",
            str(barrels_per_tonne()["refined_petroleum"]),
            "Alert thresholds of 2397-op5",
            "data/assess/merging.yaml",
        ):
            assert expected in annex, expected
    assert "| Merging | min_overlap | 0.5 | `data/assess/merging.yaml` |" in markdown
    assert "| Grading | Well corroborated | A, B | `data/assess/grading.yaml` |" in markdown


@pytest.mark.slow
def test_annex_ii_in_the_pdf(gold_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_report(gold_store, date(2024, 3, 1), date(2024, 3, 31), "pdf", out)
    text = "".join("".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Versionsandparameters" in text and load_regime().version in text
    assert "Samenameatorabove" in text and load_knowledge().version in text


def test_templates_only_lay_out() -> None:
    for template in (REPORT_DIR / "templates").glob("*.j2"):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            for expression in re.findall(r"\{[{%](.*?)[%}]\}", line):
                assert not COMPUTED.search(expression), f"{template.name}:{number}: {expression.strip()}"


def test_build_and_findings_import_one_way() -> None:
    def imports(name: str) -> set[str]:
        tree = ast.parse((REPORT_DIR / f"{name}.py").read_text(encoding="utf-8"))
        return {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}

    assert "watchkeeper.report.findings" in imports("build")
    for name in ("findings", "recommendations", "figures", "incidents"):
        assert not {"watchkeeper.report.build", "watchkeeper.report.render"} & imports(name), name
    assert not {m for m in imports("model") if m.startswith("watchkeeper.report")}


def test_the_regime_data_decides_the_regime_words(gold_store: Store, tmp_path: Path) -> None:
    directory = tmp_path / "regime"
    shutil.copytree(package_data_dir(), directory)
    path = directory / "2397.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("every_days: 30", "every_days: 45"), encoding="utf-8"
    )
    regime = load_regime(directory)
    with gold_store.session() as session:
        data = build_report(session, regime, START, END)
    asked = next(p for p in data.recommendations if p.text.startswith("Ask Russia"))
    assert "(2397-op5 requires every delivery to be notified within 45 days)" in asked.text
    assert data.regime_version == regime.version != load_regime().version
    assert "Consider designating Lazarus Group, not on the 1718 list" in " ".join(
        p.text for p in data.recommendations
    )
    assert "notified to the 1718 Committee" in data.ledger_intro.text
    freeze_only = [s for s in data.sections if [m["id"] for m in s.measures] == ["1718-op8d"]]
    assert all({m["id"] for m in i.measures} == {"1718-op8d"} for s in freeze_only for i in s.incidents)
