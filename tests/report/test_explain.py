"""Figures anyone can trace: each numbered paragraph has one number in every format, and
``report --explain N`` names the stored incidents, sources, rule and parameters behind each of its figures."""

from __future__ import annotations

import json
import re

import pytest
from lxml import html as lxml_html
from sqlalchemy import select

from tests.conftest import Cli
from tests.report.test_report import END, START
from watchkeeper.errors import NotFoundError
from watchkeeper.regime import load_regime
from watchkeeper.report import build_report, render_html, render_markdown
from watchkeeper.report.explain import explain_paragraph
from watchkeeper.report.model import Paragraph, ReportData
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident, CapNotification, MeasureLink
from watchkeeper.store.models.evidence import Document

ARGS = ("report", "--from", START.isoformat(), "--to", END.isoformat())


@pytest.fixture
def data(gold_store: Store) -> ReportData:
    with gold_store.session() as session:
        return build_report(session, load_regime(), START, END)


def _numbered(data: ReportData, match: str) -> Paragraph:
    return next(p for p in data.paragraphs() if re.search(match, p.text))


def test_paragraphs_have_one_number_in_html_and_markdown(data: ReportData) -> None:
    paragraphs = data.paragraphs()
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    data.charts = {"timeline": "<svg></svg>", "ledger": "<svg></svg>"}
    tree = lxml_html.fromstring(render_html(data))
    html = {
        int(p.xpath("string(span[@class='n'])").rstrip(".")): " ".join(p.text_content().split())
        for p in tree.xpath("//p[@class='para']")
    }
    markdown = render_markdown(data, {"timeline": "t.svg", "ledger": "l.svg"})
    md = {int(n): text for n, text in re.findall(r"^(\d+)\. (.+)$", markdown, flags=re.M)}
    assert sorted(html) == sorted(md) == [p.number for p in paragraphs]
    for paragraph in paragraphs:
        opening = " ".join(paragraph.text.split())[:40]
        assert opening in html[paragraph.number], (paragraph.number, opening)
        # Markdown bolds an incident's heading; compare the words only
        assert opening.split(". ")[0] in md[paragraph.number].replace("**", ""), (paragraph.number, opening)


def test_summary_counts_name_the_stored_incidents(data: ReportData, gold_store: Store) -> None:
    record = explain_paragraph(data, 1)
    figures = {f["what"]: f for f in record["figures"]}
    counted = figures["incidents in the period"]
    assert counted["value"] == len(data.incidents) == len(counted["incidents"]) > 20
    assert f"reports {counted['value']} distinct incidents" in record["text"]
    linked = figures["incidents that may breach a measure"]
    assert set(linked["incidents"]) < set(counted["incidents"])
    by_grade = [f for f in record["figures"] if f["what"].startswith("incidents graded ")]
    assert sum(f["value"] for f in by_grade) == linked["value"]
    assert figures["incidents graded A"]["parameters"] == {"min_score": 6.5}
    with gold_store.session() as session:
        stored = session.scalars(
            select(AssessedIncident).where(AssessedIncident.id.in_(counted["incidents"]))
        )
        grades = {row.id: row.grade for row in stored}
        assert set(grades) == set(counted["incidents"])
        for figure in by_grade:
            assert {grades[i] for i in figure["incidents"]} == {figure["what"][-1]}
        rules = set(
            session.scalars(
                select(MeasureLink.rule_id).where(MeasureLink.assessed_incident_id.in_(linked["incidents"]))
            )
        )
    assert set(linked["parameters"]["rules"]) == rules


def test_an_incident_paragraph_names_its_grade_rule_and_sources(data: ReportData, gold_store: Store) -> None:
    view = next(i for s in data.sections for i in s.incidents if i.denials and len(i.measures) > 1)
    record = explain_paragraph(data, view.paragraph.number)
    assert record["section"].startswith("Incidents by measure")
    grade = record["figures"][0]
    assert grade["what"] == "grade" and grade["value"] == view.grade and grade["incidents"] == [view.id]
    features = grade["parameters"]["features"]
    assert round(sum(f["points"] for f in features.values()), 2) == grade["parameters"]["score"]
    with gold_store.session() as session:
        row = session.get(AssessedIncident, view.id)
        assert row is not None and grade["parameters"]["score"] == row.grade_score
        links = session.scalars(select(MeasureLink).where(MeasureLink.assessed_incident_id == view.id)).all()
        measures = {f["value"]: f for f in record["figures"] if f["what"].startswith("may breach")}
        assert set(measures) == {link.measure_id for link in links}
        for link in links:
            assert link.rule_id in measures[link.measure_id]["rule"]
        for source in record["sources"]:
            assert source["kind"] != "document" or session.get(Document, source["id"]) is not None
    denials = next(f for f in record["figures"] if f["what"] == "denials or replies")
    assert denials["value"] == len(view.denials) and denials["parameters"] == {"weight": 0.0}
    assert {s["number"] for s in record["sources"]} >= set(view.refs) | set(denials["sources"])


def test_ledger_figures_add_up_to_their_notifications(data: ReportData, gold_store: Store) -> None:
    paragraph = _numbered(data, r"^2024: notified deliveries")
    figures = {f["what"]: f for f in explain_paragraph(data, paragraph.number)["figures"]}
    notified = figures["barrels notified in 2024"]
    assert notified["value"] == "168,679"
    with gold_store.session() as session:
        rows = session.scalars(select(CapNotification).where(CapNotification.year == 2024)).all()
        alleged = [session.get(AssessedIncident, i) for i in figures["barrels alleged in 2024"]["incidents"]]
    listed = notified["parameters"]["notifications"]
    assert {n["id"] for n in listed} == {r.id for r in rows}
    assert round(sum(n["barrels"] for n in listed)) == 168679
    assert alleged and all(row is not None and row.kind == "petroleum_delivery" for row in alleged)
    share = figures["notified share of the cap (%)"]
    assert share["value"] == 33.7 and share["parameters"] == {"cap_barrels": 500000.0, "measure": "2397-op5"}
    assert figures["highest alert threshold the alleged volume passes (%)"]["parameters"][
        "thresholds_percent"
    ] == [
        75,
        90,
        95,
    ]


def test_notification_days_come_from_the_regime(data: ReportData) -> None:
    paragraph = _numbered(data, r"^Ask Russia to account")
    days = next(f for f in paragraph.figures if f.what == "days to notify a delivery")
    duty = next(r for r in load_regime().measure("2397-op5").reporting if r.every_days)
    assert days.value == duty.every_days == 30 and "within 30 days" in paragraph.text
    assert days.parameters == {"measure": "2397-op5", "every_days": 30}


def test_explain_on_the_command_line(gold_cli: Cli, data: ReportData) -> None:
    paragraph = _numbered(data, r"^Consider designating Lazarus Group")
    text = gold_cli.ok(*ARGS, "--explain", str(paragraph.number)).stdout
    assert text.startswith(f"Paragraph {paragraph.number} of {len(data.paragraphs())} (Recommendations)")
    assert "- well-corroborated incidents with Lazarus Group as perpetrator: 1" in text
    assert 'well_corroborated: ["A", "B"]' in text and "Sources:" in text
    record = json.loads(gold_cli.ok(*ARGS, "--explain", str(paragraph.number), "--json").stdout)
    assert record == json.loads(json.dumps(explain_paragraph(data, paragraph.number)))
    (figure,) = record["figures"]
    assert figure["incidents"] and set(figure["sources"]) == set(paragraph.refs)


def test_a_paragraph_out_of_range_is_a_user_error(gold_cli: Cli, data: ReportData) -> None:
    last = len(data.paragraphs())
    gold_cli.fails(
        *ARGS, "--explain", str(last + 1), expect=f"has paragraphs 1 to {last}; there is no paragraph"
    )
    gold_cli.fails(*ARGS, "--explain", "0", expect="there is no paragraph 0")
    with pytest.raises(NotFoundError):
        data.paragraph(last + 1)
    empty = gold_cli.ok("report", "--from", "1990-01-01", "--to", "1990-12-31", "--explain", "1").stdout
    assert "No incident in the evidence falls between 1990-01-01 and 1990-12-31" in empty
    assert "It states no figure drawn from the records." in empty


def test_writing_still_needs_a_file(gold_cli: Cli) -> None:
    result = gold_cli(*ARGS)
    assert result.exit_code == 2 and "--out" in result.stderr
