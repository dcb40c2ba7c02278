"""The report's maritime pages, from a workspace built here: the AIS scenario imported (once as if real, once
as the demonstration data it is), detected and assessed; then the map, a track excerpt per cited event and the
vessel table in HTML, Markdown and PDF."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from tests.conftest import REPO_ROOT, Cli
from watchkeeper.config import Settings, default_database_url
from watchkeeper.maritime.maps import balanced_view
from watchkeeper.maritime.scenario import write_scenario
from watchkeeper.regime import load_regime
from watchkeeper.report import build_report, render_html, with_charts, write_report
from watchkeeper.report.charts import KIND_COLOURS, maritime_map_svg
from watchkeeper.report.maritime import event_place, how_many_rest
from watchkeeper.report.model import MaritimeEventView, MaritimeSection, ReportData
from watchkeeper.store import Store, open_store
from watchkeeper.store.models.maritime import MaritimeEvent, VesselIdentity

START, END = date(2024, 1, 1), date(2024, 12, 31)
TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def _workspace(root: Path, scenario: Path, *flags: str) -> Settings:
    workspace = root / "workspace"
    workspace.mkdir(parents=True)
    shutil.copy(root.parent / "template.sqlite", workspace / "watchkeeper.sqlite")
    settings = Settings(workspace=workspace, database_url=default_database_url(workspace))
    cli = Cli(settings)
    cli.ok("lists", "import-vessels", str(REPO_ROOT / "src/watchkeeper/data/lists/un_1718_vessels.csv"))
    cli.ok("maritime", "import", str(scenario / "scenario.nmea"), *flags)
    cli.ok("maritime", "detect")
    cli.ok("assess")
    return settings


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> dict[str, Settings]:
    """The same scenario imported as real AIS (``--real``) and, elsewhere, as demonstration data."""
    root = tmp_path_factory.mktemp("maritime-pages")
    shutil.copy(sqlite_template, root / "template.sqlite")
    write_scenario(root / "scenario", seed=7)
    return {
        "real": _workspace(root / "real", root / "scenario", "--real"),
        "demo": _workspace(root / "demo", root / "scenario"),
    }


def _report(settings: Settings, *, positions: bool = True, include_synthetic: bool = False) -> ReportData:
    with open_store(settings).session() as session:
        return build_report(
            session,
            load_regime(),
            START,
            END,
            include_synthetic=include_synthetic,
            maritime_dir=settings.maritime_dir if positions else None,
        )


def test_each_cited_event_has_a_track_excerpt_with_speed_course_and_source(workspaces) -> None:
    data = _report(workspaces["real"])
    assert data.maritime is not None and not data.maritime.synthetic
    events = data.maritime.events
    assert [e.label for e in events] == [f"M{n}" for n in range(1, len(events) + 1)] and len(events) >= 2
    cited = {row.maritime_event for i in data.incidents for row in i.evidence if row.maritime_event}
    assert {e.id for e in events} == cited
    for event in events:
        assert event.kind == "ship-to-ship encounter" and event.ref and "scenario.nmea" in event.ais_source
        assert {t.phase for t in event.track} == {"before", "during", "after"}
        assert all(TIME.match(t.time) and t.speed and t.course for t in event.track)
        for vessel in event.vessels.split(", "):  # each vessel's approach, stop and departure, briefly
            phases = [t.phase for t in event.track if t.vessel == vessel]
            assert (phases.count("before"), phases.count("during"), phases.count("after")) == (2, 4, 2)
    assert "speed and course as broadcast" in data.maritime.intro


def test_the_vessel_table_names_imo_mmsi_flag_and_designation(workspaces) -> None:
    data = _report(workspaces["real"])
    assert data.maritime is not None
    vessels = {v.mmsi: v for v in data.maritime.vessels}
    tanker = vessels["445201000"]  # DPRK-flagged and on the 1718 list by its IMO
    assert (tanker.name, tanker.imo, tanker.flag) == (
        "KUM UN SAN 3",
        "8705539",
        "PRK (Democratic People's Republic of Korea)",
    )
    assert "8705539" in tanker.designated and not tanker.synthetic
    assert vessels["511003456"].designated == "no"  # a vessel not on the list says so


def test_name_and_flag_history_come_from_the_stored_identities(workspaces, tmp_path: Path) -> None:
    settings = workspaces["real"]
    copy = Settings(workspace=tmp_path / "ws", database_url=default_database_url(tmp_path / "ws"))
    shutil.copytree(settings.workspace, copy.workspace)
    seen = datetime(2023, 5, 2, tzinfo=UTC)
    with open_store(copy).session() as session:
        # the same hull under an earlier name, and its IMO once broadcast from a Togolese MMSI
        for mmsi, name in (("511003456", "OCEAN STAR"), ("671009999", "OCEAN STAR")):
            session.add(
                VesselIdentity(
                    id=f"vid-test-{mmsi}",
                    mmsi=mmsi,
                    name=name,
                    imo="9234111",
                    first_seen=seen,
                    last_seen=seen,
                )
            )
    data = _report(copy)
    assert data.maritime is not None
    (row,) = [v for v in data.maritime.vessels if v.mmsi == "511003456"]
    history = [f"{h['identity']}, {h['seen']}" for h in row.history]
    assert history[0] == "OCEAN STAR (PLW), 2023-05-02"  # oldest first
    assert "OCEAN STAR (TGO, MMSI 671009999), 2023-05-02" in history
    assert history[-1].startswith("SEA HARMONY (PLW), 2024-03-") and len(history) == 3
    assert row.name == "SEA HARMONY"  # the latest broadcast name heads the row


def test_without_the_workspace_positions_the_excerpt_is_the_events_own_points(workspaces) -> None:
    data = _report(workspaces["real"], positions=False)
    assert data.maritime is not None and not data.maritime.positions_stored
    event = data.maritime.events[0]
    assert event.track and all(t.speed == "" for t in event.track)
    assert "stored with AIS event" in event.ais_source and "were not available" in data.maritime.intro


def test_html_has_the_map_the_excerpts_and_the_vessels_under_a_linked_heading(workspaces) -> None:
    data = with_charts(_report(workspaces["real"]))
    assert data.maritime is not None
    tree = lxml_html.fromstring(render_html(data))
    assert len(tree.xpath("//svg")) == 3  # timeline, maritime map, ledger
    assert tree.xpath("//nav//a[@href='#section-2-maritime']") and tree.xpath(
        "//h3[@id='section-2-maritime']"
    )
    assert len(tree.xpath("//table[@class='track']")) == len(data.maritime.events)
    vessels = tree.xpath("//table[@class='vessels']//tr/td[3]/text()")
    assert {"352001234", "445201000"} <= set(vessels)
    text = " ".join(tree.text_content().split())
    assert "demonstration data" not in text and "Figure 3. Refined-petroleum" in text
    for event in data.maritime.events:  # the sources annex leads from each AIS record to its excerpt
        (entry,) = tree.xpath(f"//li[@id='src-{event.ref}']")
        assert entry.xpath(f".//a[@href='#maritime-{event.label}']") and tree.xpath(
            f"//h4[@id='maritime-{event.label}']"
        )
    assert "KUM UN SAN 3" in data.charts["maritime_map"]  # the vessels are named in the map's legend


def test_markdown_gets_the_tables_and_a_link_to_the_map_file(workspaces, tmp_path: Path) -> None:
    settings = workspaces["real"]
    out = tmp_path / "report.md"
    written = write_report(
        Store(settings.database_url), START, END, "md", out, maritime_dir=settings.maritime_dir
    )
    text = out.read_text(encoding="utf-8")
    assert any(p.name == "maritime_map.svg" for p in written.extra_files)
    assert "(report-charts/maritime_map.svg)" in text and "Maritime events in ship-tracking data" in text
    track = [line for line in text.splitlines() if re.match(r"\| \d{4}-\d{2}-\d{2} \d{2}:\d{2} \|", line)]
    assert track and all(line.count("|") == 8 for line in track)  # seven cells, none split by a stray bar
    vessels = [line for line in text.splitlines() if line.startswith("| KUM UN SAN 3 |")]
    assert len(vessels) == 1 and vessels[0].count("|") == 9  # eight cells: the Markdown keeps a Data column


def test_pdf_tables_never_break_inside_a_value(workspaces, tmp_path: Path) -> None:
    settings = workspaces["real"]
    data = _report(settings)
    assert data.maritime is not None
    out = tmp_path / "report.pdf"
    write_report(Store(settings.database_url), START, END, "pdf", out, maritime_dir=settings.maritime_dir)
    lines = [line.strip() for page in PdfReader(out).pages for line in page.extract_text().splitlines()]
    text = "\n".join(lines)
    assert "Maritime events in ship-tracking data" in text and "Vessels in these events" in text
    for event in data.maritime.events:
        for row in event.track:
            assert row.time in text and row.lat in text and row.lon in text, row
    for vessel in data.maritime.vessels:
        assert vessel.imo in text and vessel.mmsi in text, vessel


def test_demonstration_events_stay_out_unless_asked_and_are_labelled_when_in(workspaces) -> None:
    assert _report(workspaces["demo"]).maritime is None
    data = with_charts(_report(workspaces["demo"], include_synthetic=True))
    assert data.maritime is not None and data.maritime.synthetic
    assert all(e.synthetic for e in data.maritime.events) and all(v.synthetic for v in data.maritime.vessels)
    assert "demonstration data" in data.maritime.intro
    tree = lxml_html.fromstring(render_html(data))
    headings = [
        " ".join(h.text_content().split()) for h in tree.xpath("//h4[starts-with(@id, 'maritime-M')]")
    ]
    assert headings and all(h.endswith("demonstration data") for h in headings)
    names = tree.xpath("//table[@class='vessels']//tr/td[1]")
    assert names and all(
        td.xpath("string(span[@class='demonstration-tag'])") == "demonstration data" for td in names
    )
    assert "Demonstration data: synthetic tracks" in tree.xpath("string(//figure[@class='map']/figcaption)")
    text = " ".join(tree.text_content().split())
    assert "demonstration data))" not in text and "demonstration data) (" not in text  # no nested brackets


def test_a_page_map_keeps_a_readable_shape() -> None:
    west, south, east, north = balanced_view((123.0, 33.0, 124.0, 38.0))  # a north-south sliver
    height, width = north - south, (east - west) * np.cos(np.radians((south + north) / 2))
    assert 0.74 <= height / width <= 1.26 and (west + east) / 2 == 123.5
    assert balanced_view((120.0, 34.0, 126.0, 38.8)) == (120.0, 34.0, 126.0, 38.8)  # already fine


def test_how_many_events_rest_on_demonstration_data_reads_as_words() -> None:
    assert how_many_rest(1, 1) == "It rests" and how_many_rest(3, 3) == "All of them rest"
    assert how_many_rest(1, 4) == "1 of them rests" and how_many_rest(2, 4) == "2 of them rest"


def test_a_dark_period_says_where_ais_stopped_and_resumed() -> None:
    gap = MaritimeEvent(
        kind="gap", lat=38.15, lon=121.75, details={"end_lat": 37.73, "end_lon": 124.27, "distance_km": 226.0}
    )
    assert event_place(gap) == (
        "AIS stopped at 38.15\u00b0 N, 121.75\u00b0 E and resumed at 37.73\u00b0 N, 124.27\u00b0 E, "
        "226 km away"
    )
    assert event_place(MaritimeEvent(kind="port_call", lat=38.73, lon=125.38, port="Nampo", details={})) == (
        "Nampo (38.73\u00b0 N, 125.38\u00b0 E)"
    )


def test_the_map_draws_each_vessel_in_an_okabe_ito_colour() -> None:
    tracks = [
        {"name": "FIRST HULL", "ts": [0, 600, 9000], "lat": [34.0, 34.1, 34.5], "lon": [124.0, 124.1, 124.3]},
        {"name": "SECOND HULL", "ts": [0, 600], "lat": [34.2, 34.1], "lon": [124.4, 124.1]},
    ]
    event = MaritimeEventView(
        "M1",
        "mev-x",
        "ship-to-ship encounter",
        "M1. Encounter",
        "",
        "",
        "",
        "",
        None,
        [],
        False,
        "",
        [],
        34.1,
        124.1,
        "encounter",
    )
    svg = maritime_map_svg(MaritimeSection([event], [], tracks=tracks)).lower()
    assert KIND_COLOURS[0].lower() in svg and KIND_COLOURS[1].lower() in svg
    assert "#d62728" not in svg and "first hull" in svg and "ship-to-ship encounter" in svg
