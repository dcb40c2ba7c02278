"""A report that reads like the panel's: facts from the regime data, counted nouns in their number, the
rule's reason once (its trace in annex IV), distinct section titles, a linked contents list, cells that do
not break inside a value, ranges drawn as bars in a colour-blind-safe timeline."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from matplotlib.axes import Axes
from pypdf import PdfReader

from tests.report.test_report import END, START
from watchkeeper.reading.kinds import kind_ids
from watchkeeper.regime import load_regime
from watchkeeper.report import build_report, render_html, render_markdown, write_report
from watchkeeper.report.charts import KIND_COLOURS, timeline_svg
from watchkeeper.report.model import ReportData
from watchkeeper.report.words import count, plural, settle_plurals
from watchkeeper.store import Store


@pytest.fixture
def data(gold_store: Store) -> ReportData:
    with gold_store.session() as session:
        report = build_report(session, load_regime(), START, END)
    report.charts = {"timeline": "<svg></svg>", "ledger": "<svg></svg>"}
    return report


def _text(html: str) -> str:
    return " ".join(lxml_html.fromstring(html).text_content().split())


def test_counted_nouns_take_their_number() -> None:
    assert count(1, "incident") == "1 incident" and count(2, "incident") == "2 incidents"
    assert count(0, "alleged delivery") == "0 alleged deliveries" and plural("entity", 3) == "entities"
    assert count(1, "well-corroborated incident") == "1 well-corroborated incident"
    assert settle_plurals("1 independent source(s): Japan; 2 government(s) assert it") == (
        "1 independent source: Japan; 2 governments assert it"
    )
    assert settle_plurals("3 entity(ies)") == "3 entities"


def test_no_machine_plurals_in_the_report(data: ReportData) -> None:
    text = _text(render_html(data))
    assert not re.search(r"\w\((s|ies|es)\)", text), "machine plural"
    assert re.search(r"Why this grade: 1 independent source reports it ", text)
    assert not re.search(r"\b1 incidents\b|\b1 measures\b", text)
    single = [s for s in data.sections if len(s.incidents) == 1]
    assert single, "the gold period has a section with one incident"
    assert all(f"{s.title} (" in text and ": 1 incident, " in text for s in single)


def test_resolutions_are_cited_with_their_adoption_year(data: ReportData) -> None:
    regime = load_regime()
    cap = regime.measure("2397-op5")
    assert regime.resolution(2397).adopted == date(2017, 12, 22) and cap.effective_from.year == 2018
    labels = {m["id"]: m["label"] for s in data.sections for m in s.measures}
    assert labels["2397-op5"] == "resolution 2397 (2017), paragraph 5"
    html, markdown = _text(render_html(data)), render_markdown(data, {"timeline": "t", "ledger": "l"})
    for text in (html, markdown):
        assert "resolution 2397 (2017)" in text and "resolution 2397 (2018)" not in text


def test_why_a_measure_applies_in_one_sentence_with_the_trace_in_annex_iv(data: ReportData) -> None:
    tree = lxml_html.fromstring(render_html(data))
    launches = [
        i
        for s in data.sections
        for i in s.incidents
        if i.kind == "missile_launch" and any(m.get("rule") == "missile-launch" for m in i.measures)
    ]
    assert launches and any(len(i.measures) > 1 for i in launches)  # several measures, one sentence
    rule = next(r for r in data.rules if r["id"] == "missile-launch")
    whys = [" ".join(p.text_content().split()) for p in tree.xpath("//p[@class='why']")]
    launch_whys = [w for w in whys if rule["why"] in w]
    assert len(launch_whys) >= len(launches)
    assert all(w.count(rule["why"]) == 1 and "in force on" not in w for w in launch_whys)
    assert not any("country:north-korea" in w for w in whys)  # the trace is annex IV's
    annex = _text(render_html(data)).split("Annex IV. How each incident was linked to its measures")[-1]
    assert "actor: launcher is country:north-korea" in annex and "1695-op2" in annex
    for view in launches:
        (row,) = tree.xpath(f"//tr[@id='trace-{view.id}']")
        assert row.xpath("string(td[1])") == str(view.paragraph.number)
        assert tree.xpath(f"//a[@href='#trace-{view.id}']")


def test_no_two_sections_share_a_title(data: ReportData) -> None:
    titles = [s.title for s in data.sections]
    assert len(set(titles)) == len(titles)
    tree = lxml_html.fromstring(render_html(data))
    headings = [" ".join(h.text_content().split()) for h in tree.xpath("//h2 | //h3")]
    assert len(set(headings)) == len(headings), headings


def _targets(tree: Any) -> tuple[list[str], set[str]]:
    links = [a.get("href")[1:] for a in tree.xpath("//nav[@class='contents']//a")]
    return links, {e.get("id") for e in tree.xpath("//*[@id]")}


def test_the_contents_list_links_every_section(data: ReportData) -> None:
    tree = lxml_html.fromstring(render_html(data))
    links, ids = _targets(tree)
    assert links and set(links) <= ids, set(links) - ids
    linked_headings = {tree.get_element_by_id(target).tag for target in links}
    assert linked_headings == {"h2", "h3"}
    assert {s.anchor for s in data.sections} <= set(links)
    assert len([h for h in tree.xpath("//h2") if h.get("id")]) == len(tree.xpath("//h2"))
    markdown = render_markdown(data, {"timeline": "t", "ledger": "l"})
    md_links = re.findall(r"\]\(#([\w-]+)\)", markdown.split("\n## I.")[0])
    md_ids = set(re.findall(r'<a id="([\w-]+)"></a>', markdown))
    assert md_links and set(md_links) <= md_ids


@pytest.mark.slow
def test_the_pdf_contents_list_is_linked(gold_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    write_report(gold_store, date(2024, 3, 1), date(2024, 3, 31), "pdf", out)
    reader = PdfReader(out)
    internal = [
        annotation.get_object()
        for annotation in reader.pages[0].get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    goto = [a for a in internal if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    assert len(goto) >= 9  # five parts and four annexes at least, on page 1


def test_cells_hold_labels_and_never_break_inside_a_value(data: ReportData) -> None:
    html = render_html(data)
    tree = lxml_html.fromstring(html)
    cells = " ".join(td.text_content() for td in tree.xpath("//td"))
    shown = [kind for kind in kind_ids() if re.search(rf"\b{kind}\b", cells)]
    assert not shown, f"kind ids instead of labels in a table: {shown}"
    css = html.split("<style>", 1)[1].split("</style>", 1)[0]
    rule = re.search(r"\btd \{([^}]*)\}", css)
    assert rule and "overflow-wrap: normal" in rule.group(1) and "hyphens: manual" in rule.group(1)
    assert "anywhere" not in rule.group(1)


def test_sources_give_outlet_title_date_and_url(data: ReportData) -> None:
    tree = lxml_html.fromstring(render_html(data))
    entries = tree.xpath("//ol[@class='sources']/li")
    first = next(s for s in data.sources if s.kind == "document" and s.url and s.title and s.published)
    entry = " ".join(entries[first.number - 1].text_content().split())
    day = date.fromisoformat(first.published or "")
    assert entry.startswith(f"{first.label}, \u201c{first.title}\u201d, {day:%-d %B %Y}. {first.url}.")
    assert entries[first.number - 1].xpath("string(.//span[@class='stored']/code)") == first.id


def test_the_timeline_draws_ranges_as_bars_in_safe_colours(
    data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> None:
    bars: list[Any] = []
    original = Axes.broken_barh

    def spy(self: Axes, xranges: Any, yrange: Any, **kwargs: Any) -> Any:
        bars.append((xranges, kwargs))
        return original(self, xranges, yrange, **kwargs)

    monkeypatch.setattr(Axes, "broken_barh", spy)
    long = [i for i in data.incidents if i.start and i.end and (i.end - i.start).days >= 10]
    svg = timeline_svg(data.incidents, data.start, data.end)
    assert long and len(bars) == len(long)
    widths = sorted(round(x[0][0][1]) for x in bars)
    clipped = [(min(i.end, END) - max(i.start, START)).days + 1 for i in long if i.start and i.end]
    assert widths == sorted(clipped)
    colours = {c.upper() for c in re.findall(r"#[0-9a-fA-F]{6}", svg)}
    greys = {c for c in colours if c[1:3] == c[3:5] == c[5:7]}
    assert colours - greys <= {c.upper() for c in KIND_COLOURS}, colours - greys
