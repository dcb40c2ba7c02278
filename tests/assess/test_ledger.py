"""The cap ledger: notified deliveries per year in barrels, alleged ones from incidents, % of the cap."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import Cli
from watchkeeper.assess import cap_ledger, import_notifications
from watchkeeper.errors import InputFileError
from watchkeeper.regime import load_regime
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident, CapNotification

HEADER = "year,month,period,reporting_state,commodity,quantity,unit,reported_on,source\n"
ROWS = (
    "2017,11,2017-11,China,refined_petroleum,1000,barrels,2017-12-20,test row\n"
    "2019,,2019,China,refined_petroleum,22730,tonnes,2020-02-21,test row\n"
    "2019,,2019,Russia,refined_petroleum,277365,barrels,2024-02-21,test row\n"
    "2023,1,2023-01,Russia,refined_petroleum,44655,barrels,2024-02-21,test row\n"
    "2023,2,2023-02,Russia,refined_petroleum,10666,barrels,2024-02-21,test row\n"
    "2023,,2023-03/2023-12,Russia,refined_petroleum,50523,barrels,2024-02-21,test row\n"
    "2023,,2023,China,crude_oil,52500,tonnes,,test row\n"
)


def _csv(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "notes.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_ledger_sums_years_and_measures_against_the_cap_in_force(store: Store, tmp_path: Path) -> None:
    with store.session() as session:
        result = import_notifications(session, _csv(tmp_path, ROWS))
        assert (result.rows, result.inserted) == (7, 7)
    with store.session() as session:
        again = import_notifications(session, _csv(tmp_path, ROWS))
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 7)
        years = {(y.year, y.commodity): y for y in cap_ledger(session, load_regime())}
    y2023 = years[(2023, "refined_petroleum")]
    assert y2023.reported == pytest.approx(44655 + 10666 + 50523)
    assert y2023.measure_id == "2397-op5" and y2023.cap_barrels == 500000
    assert y2023.as_dict()["reported_percent"] == pytest.approx(21.2)
    assert y2023.as_dict()["reported_thresholds_crossed"] == []
    y2019 = years[(2019, "refined_petroleum")]
    assert y2019.reported == pytest.approx(22730 * 8.33 + 277365, abs=0.5)
    assert y2019.crossed(y2019.reported) == [75, 90]
    assert y2019.reported_by_state["China"] == pytest.approx(22730 * 8.33, abs=0.5)
    # the 2017 deliveries fall under 2375 OP14's October-December window, not under 2397
    assert years[(2017, "refined_petroleum")].measure_id == "2375-op14"
    crude = years[(2023, "crude_oil")]
    assert crude.measure_id == "2397-op4" and crude.cap_barrels == 4_000_000
    assert crude.reported == pytest.approx(52500 * 7.619, abs=1)


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("2023,13,,Russia,refined_petroleum,10,barrels,,src\n", "month"),
        ("2023,1,,Russia,refined_petroleum,10,litres,,src\n", "unit"),
        ("2023,1,,Russia,diesel,10,barrels,,src\n", "commodity"),
        ("2023,1,,Russia,refined_petroleum,ten,barrels,,src\n", "quantity"),
        ("2023,1,,Russia,refined_petroleum,10,barrels,,\n", "source"),
    ],
)
def test_a_bad_row_names_line_and_field_and_stores_nothing(
    sqlite_store: Store, tmp_path: Path, row: str, field: str
) -> None:
    path = _csv(tmp_path, ROWS + row)
    with pytest.raises(InputFileError, match=rf"line 9, field '{field}'"), sqlite_store.session() as session:
        import_notifications(session, path)
    with sqlite_store.session() as session:
        assert session.scalar(select(func.count()).select_from(CapNotification)) == 0


def test_alleged_series_points_at_incidents(gold_store: Store) -> None:
    with gold_store.session() as session:
        years = {(y.year, y.commodity): y for y in cap_ledger(session, load_regime())}
        alleged = [e for e in years[(2024, "refined_petroleum")].entries if e.series == "alleged"]
        assert alleged
        for entry in alleged:
            incident = session.get(AssessedIncident, entry.incident_id)
            assert incident is not None and incident.kind == "petroleum_delivery"
    y2024 = years[(2024, "refined_petroleum")]
    assert y2024.alleged >= 1_000_000 and y2024.crossed(y2024.alleged) == [75, 90, 95]
    assert y2024.reported == pytest.approx(15279 + 153400)


def test_caps_cli(sqlite_cli: Cli, tmp_path: Path) -> None:
    imported = json.loads(sqlite_cli.ok("caps", "import", str(_csv(tmp_path, ROWS)), "--json").stdout)
    assert imported["inserted"] == 7
    rows = [
        json.loads(line) for line in sqlite_cli.ok("caps", "--year", "2023", "--json").stdout.splitlines()
    ]
    refined = next(r for r in rows if r["commodity"] == "refined_petroleum")
    assert refined["reported_barrels"] == pytest.approx(105844) and refined[
        "reported_percent"
    ] == pytest.approx(21.2)
    bad = sqlite_cli(
        "caps", "import", str(_csv(tmp_path, "2023,1,,Russia,refined_petroleum,10,gallons,,s\n"))
    )
    assert bad.exit_code == 1 and "field 'unit'" in bad.stderr


def _delivery(
    incident_id: str, start: date, end: date | None, quantities: list[tuple[float, str]]
) -> AssessedIncident:
    return AssessedIncident(
        id=incident_id,
        kind="petroleum_delivery",
        date=start,
        date_end=end,
        precision="range" if end else "day",
        actors=[
            {"role": "supplier", "entity_id": "country:russia", "name": "Russia", "designation_id": None},
            {
                "role": "recipient",
                "entity_id": "country:north-korea",
                "name": "North Korea",
                "designation_id": None,
            },
        ],
        quantities=[
            {"text": f"{v:,.0f} barrels", "value": v, "unit": "barrel", "document_id": doc}
            for v, doc in quantities
        ],
        commodity="refined_petroleum",
        status="alleged",
        summary=incident_id,
        grade="B",
        computed_grade="B",
        grade_score=5.0,
        grade_features=[],
        source_count=2,
    )


def test_alleged_series_skips_cap_figures_and_counts_one_flow_once(sqlite_store: Store) -> None:
    with sqlite_store.session() as session:
        session.add(
            _delivery("a", date(2024, 3, 1), date(2024, 11, 10), [(1_000_000, "doc-x"), (500_000, "doc-x")])
        )
        session.add(
            _delivery("b", date(2024, 11, 22), None, [(1_000_000, "doc-x")])
        )  # the same study, retold
        session.add(_delivery("c", date(2024, 12, 20), None, [(10_000, "doc-y")]))
    with sqlite_store.session() as session:
        year = cap_ledger(session, load_regime(), years=[2024])[0]
    assert year.alleged == pytest.approx(1_010_000)  # 500,000 is the cap quoted, not a delivery
    entries = {e.incident_id: e for e in year.entries if e.series == "alleged"}
    assert sum(e.counted for e in entries.values()) == 2
    assert not entries["a"].counted or not entries["b"].counted
