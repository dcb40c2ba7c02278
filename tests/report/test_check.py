"""``watchkeeper report --check``: a report built from the gold fixtures with a planted duplicate and a
planted A grade on a single source is told so, one problem a line; each other check finds what it is for."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import Cli
from tests.report.test_report import END, START
from watchkeeper.regime import load_regime
from watchkeeper.report import build_report
from watchkeeper.report.check import (
    CheckContext,
    Problem,
    check,
    check_report,
    duplicates,
    independent_sources,
    synthetic_events,
)
from watchkeeper.report.model import EvidenceRow, IncidentView, Paragraph, ReportData
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident, AssessedIncidentEvidence, MeasureLink
from watchkeeper.store.models.maritime import MaritimeImport

ARGS = ("report", "--from", START.isoformat(), "--to", END.isoformat(), "--check")


def _columns(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


def _linked(session: Session) -> list[AssessedIncident]:
    """Incidents of the period with a measure link and a day's date, oldest first."""
    linked = set(session.scalars(select(MeasureLink.assessed_incident_id)))
    rows = session.scalars(
        select(AssessedIncident)
        .where(AssessedIncident.date.between(START, END), AssessedIncident.precision == "day")
        .order_by(AssessedIncident.date, AssessedIncident.id)
    )
    return [r for r in rows if r.id in linked]


def plant_duplicate(session: Session) -> tuple[str, str]:
    """A second copy of a dated, measure-linked incident, with its evidence and links: one event twice."""
    original = next(r for r in _linked(session) if r.date_end in (None, r.date) and r.actors)
    copy_id = "aincident-planted-copy"
    session.add(AssessedIncident(**{**_columns(original), "id": copy_id}))
    session.flush()
    for model in (AssessedIncidentEvidence, MeasureLink):
        rows = session.scalars(select(model).where(model.assessed_incident_id == original.id)).all()
        for n, row in enumerate(rows):
            session.add(
                model(
                    **{
                        **_columns(row),
                        "id": f"planted-{model.__name__}-{n}",
                        "assessed_incident_id": copy_id,
                    }
                )
            )
    return original.id, copy_id


def plant_single_source_a(session: Session, avoid: set[str]) -> str:
    """A measure-linked incident left with one source's reports, graded A as if by an analyst's override."""
    for row in _linked(session):
        if row.id in avoid:
            continue
        evidence = session.scalars(
            select(AssessedIncidentEvidence)
            .where(
                AssessedIncidentEvidence.assessed_incident_id == row.id,
                AssessedIncidentEvidence.stance == "reports",
            )
            .order_by(AssessedIncidentEvidence.id)
        ).all()
        if not evidence:
            continue
        kept = evidence[0].source_key
        for item in evidence:
            if item.source_key != kept:
                session.delete(item)  # the other newsrooms' reports go: one source is left
        row.grade, row.grade_override, row.override_by = "A", "A", "test"
        row.override_reason = "planted"
        return row.id
    raise AssertionError("the gold fixtures have no linked incident with a report")


@pytest.fixture
def planted(gold_store: Store) -> dict[str, Any]:
    with gold_store.session() as session:
        original, copy = plant_duplicate(session)
        single = plant_single_source_a(session, {original, copy})
    with gold_store.session() as session:
        data = build_report(session, load_regime(), START, END)
    return {"original": original, "copy": copy, "single": single, "data": data}


def _context(events: frozenset[str] | None = frozenset()) -> CheckContext:
    return CheckContext(load_regime(), events)


def test_a_planted_duplicate_and_a_single_source_a_are_found(
    planted: dict[str, Any], gold_store: Store
) -> None:
    problems = check(gold_store, START, END)
    duplicates = [p for p in problems if p.check == "duplicate"]
    assert any(set(p.incidents) == {planted["original"], planted["copy"]} for p in duplicates), duplicates
    thin = [p for p in problems if p.check == "corroboration"]
    assert [p.incidents for p in thin if planted["single"] in p.incidents] == [[planted["single"]]]
    view = next(i for i in planted["data"].incidents if i.id == planted["single"])
    message = next(p.line() for p in thin if planted["single"] in p.incidents)
    assert f"paragraph {view.paragraph.number}: " in message
    assert "is graded A on 1 independent source (" in message and "needs at least 2" in message


def test_check_on_the_command_line(planted: dict[str, Any], gold_cli: Cli) -> None:
    result = gold_cli(*ARGS)
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("duplicate: paragraph ") for line in lines)
    assert any(line.startswith("corroboration: paragraph ") for line in lines)
    as_json = gold_cli(*ARGS, "--json")
    assert as_json.exit_code == 1
    records = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert len(records) == len(lines)
    assert {"check", "paragraphs", "incidents", "message"} == set(records[0])
    assert any(r["check"] == "duplicate" and planted["copy"] in r["incidents"] for r in records)


def test_a_clean_report_passes(gold_cli: Cli) -> None:
    result = gold_cli("report", "--from", "1990-01-01", "--to", "1990-12-31", "--check")
    assert result.exit_code == 0 and "passes every check" in result.stdout


def test_a_measure_cited_outside_its_period_in_force(planted: dict[str, Any]) -> None:
    data: ReportData = planted["data"]
    view = next(
        i for s in data.sections for i in s.incidents if any(m["id"] == "2397-op5" for m in i.measures)
    )
    view.start = view.end = date(2016, 5, 1)  # the cap of 2397 OP5 runs from 1 January 2018
    found = [p for p in check_report(data, _context()) if p.check == "out_of_force"]
    assert [p.incidents for p in found] == [[view.id]]
    assert "cites 2397-op5, in force from 2018-01-01" in found[0].message


def test_a_finding_without_a_source(planted: dict[str, Any]) -> None:
    data: ReportData = planted["data"]
    data.recommendations.append(Paragraph("Ask a state to explain a delivery nobody reported.", number=999))
    data.recommendations.append(Paragraph("A method note.", number=1000, finding=False))
    found = [p for p in check_report(data, _context()) if p.check == "unsourced"]
    assert [p.paragraphs for p in found] == [[999]]


def test_unlabelled_scenario_data(planted: dict[str, Any]) -> None:
    data: ReportData = planted["data"]
    view = data.sections[0].incidents[0]
    view.evidence = [
        EvidenceRow(
            "AIS tracking", "direct", "AIS tracking", "", "an encounter", 1, "", "tracking:ais", "mev-1"
        )
    ]
    (problem,) = [p for p in check_report(data, _context(frozenset({"mev-1"}))) if p.check == "synthetic"]
    assert problem.incidents == [view.id] and "rests only on maritime events" in problem.message
    view.summary = "Demonstration data: " + view.summary
    assert not [p for p in check_report(data, _context(frozenset({"mev-1"}))) if p.check == "synthetic"]


def test_which_maritime_events_are_synthetic(gold_store: Store) -> None:
    with gold_store.session() as session:
        assert synthetic_events(session, {"mev-1"}) == frozenset()
        session.add(MaritimeImport(id="f1", path="out/ais-scenario/scenario.nmea", format="nmea"))
        session.flush()
        assert synthetic_events(session, {"mev-1"}) == frozenset({"mev-1"})
        session.add(MaritimeImport(id="f2", path="/data/ais/2024-03.csv", format="csv"))
        session.flush()
        assert synthetic_events(session, {"mev-1"}) is None  # scenario and real AIS together: cannot tell


def test_independent_sources_count_copies_once() -> None:
    row = EvidenceRow("Own reporting", "media", "A", "", "words", 1, "", "outlet:a")
    rows = [row, replace(row, ref=2), replace(row, key="country:united-states", source="United States")]
    assert independent_sources(rows) == ["country:united-states", "outlet:a"]


def test_a_problem_is_one_line() -> None:
    problem = Problem("duplicate", "x and y are likely one event", [3, 4], ["a", "b"])
    assert problem.line() == "duplicate: paragraph 3, paragraph 4: x and y are likely one event"
    assert Problem("unsourced", "no source").line() == "unsourced: no source"


def _with_words(data: ReportData, words: dict[str, str]) -> ReportData:
    """The report with each named incident's evidence rows saying ``words`` instead."""

    def said(i: IncidentView) -> IncidentView:
        if i.id not in words:
            return i
        return replace(i, evidence=[replace(e, quoted=words[i.id]) for e in i.evidence])

    sections = [replace(s, incidents=[said(i) for i in s.incidents]) for s in data.sections]
    return replace(data, sections=sections)


def test_different_weapon_systems_days_apart_are_not_one_event(planted: dict[str, Any]) -> None:
    pair = {planted["original"], planted["copy"]}
    same = _with_words(planted["data"], dict.fromkeys(pair, "It fired an intercontinental missile."))
    assert any(set(p.incidents) == pair for p in duplicates(same, _context()))
    different = _with_words(
        planted["data"],
        {planted["original"]: "It fired an ICBM.", planted["copy"]: "It fired two short-range missiles."},
    )
    assert not any(set(p.incidents) == pair for p in duplicates(different, _context()))
