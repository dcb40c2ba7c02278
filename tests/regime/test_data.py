"""The bundled regime data: every file validates, and the in-force questions have the right answers."""

from __future__ import annotations

from datetime import date

import pytest

from watchkeeper.errors import NotFoundError
from watchkeeper.regime import Kind, load_regime, package_data_dir
from watchkeeper.regime.loader import load_resolution_file, resolution_files

RESOLUTIONS = [1695, 1718, 1874, 2087, 2094, 2270, 2321, 2356, 2371, 2375, 2397]


@pytest.mark.parametrize("path", resolution_files(package_data_dir()), ids=lambda p: p.name)
def test_every_data_file_validates(path) -> None:
    resolution = load_resolution_file(path)
    assert resolution.measures
    for measure in resolution.measures:
        assert measure.id.startswith(f"{resolution.number}-")
        assert measure.verified


def test_all_resolutions_present_in_order() -> None:
    regime = load_regime()
    assert [r.number for r in regime.resolutions] == RESOLUTIONS
    assert all(r.vote is not None and r.vote.in_favour == 15 for r in regime.resolutions)


def test_load_is_cached_for_package_data() -> None:
    assert load_regime() is load_regime()


def test_refined_petroleum_cap_2018_is_2397_op5() -> None:
    measure = load_regime().cap_in_force("refined_petroleum", date(2018, 6, 1))
    assert measure is not None and measure.id == "2397-op5"
    limit = measure.limit_on(date(2018, 6, 1))
    assert (limit.value, limit.unit, limit.period.value) == (500_000, "barrels", "twelve_months")
    assert limit.window_on(date(2018, 6, 1)) == (date(2018, 1, 1), date(2018, 12, 31))
    assert measure.alerts is not None and measure.alerts.thresholds_percent == [75, 90, 95]
    assert any(r.to == "1718 Committee" and r.every_days == 30 for r in measure.reporting)


def test_refined_petroleum_cap_late_2017_is_2375_initial_window() -> None:
    measure = load_regime().cap_in_force("refined_petroleum", date(2017, 11, 15))
    assert measure is not None and measure.id == "2375-op14"
    limit = measure.limit_on(date(2017, 11, 15))
    assert (limit.value, limit.starts, limit.ends) == (500_000, date(2017, 10, 1), date(2017, 12, 31))
    # the standing 2018 cap, never in force because 2397 OP5 replaced it first
    assert measure.limit.value == 2_000_000


def test_no_refined_cap_before_october_2017() -> None:
    regime = load_regime()
    assert regime.cap_in_force("refined_petroleum", date(2017, 9, 20)) is None
    assert regime.cap_in_force("refined_petroleum", date(2016, 1, 1)) is None


def test_crude_cap_2019_is_4_million_barrels() -> None:
    measure = load_regime().cap_in_force("crude_oil", date(2019, 1, 1))
    assert measure is not None and measure.id == "2397-op4"
    limit = measure.limit_on(date(2019, 1, 1))
    assert (limit.value, limit.unit) == (4_000_000, "barrels")
    assert [(a.value, a.unit) for a in limit.alternatives] == [(525_000, "tonnes")]
    assert limit.window_on(date(2019, 1, 1)) == (date(2018, 12, 22), date(2019, 12, 21))


def test_crude_cap_autumn_2017_is_2375_freeze_at_prior_level() -> None:
    measure = load_regime().cap_in_force("crude_oil", date(2017, 10, 1))
    assert measure is not None and measure.id == "2375-op15"
    assert measure.limit_on(date(2017, 10, 1)).value is None
    assert "12 months" in measure.limit_on(date(2017, 10, 1)).basis


def test_coal_cap_periods_and_end() -> None:
    regime = load_regime()
    early = regime.cap_in_force("coal", date(2016, 12, 15))
    assert early is not None and early.limit_on(date(2016, 12, 15)).value == 53_495_894
    yearly = regime.cap_in_force("coal", date(2017, 3, 1)).limit_on(date(2017, 3, 1))
    assert (yearly.value, yearly.unit, yearly.alternatives[0].value) == (400_870_018, "usd", 7_500_000)
    assert regime.cap_in_force("coal", date(2017, 9, 1)) is None  # full ban from 2371
    assert [m.id for m in regime.in_force(date(2017, 9, 1), commodity="coal")] == ["2371-op8"]


def test_arms_embargo_in_force_since_2006() -> None:
    regime = load_regime()
    assert "1718-op8a-i" not in [m.id for m in regime.in_force(date(2006, 10, 13), commodity="arms")]
    for day in (date(2006, 10, 14), date(2012, 1, 1), date(2024, 6, 1)):
        assert "1718-op8a-i" in [m.id for m in regime.in_force(day, kind="ban", commodity="arms")]


def test_supersedes_chain_of_refined_petroleum() -> None:
    regime = load_regime()
    assert regime.superseded_on("2375-op14") == date(2018, 1, 1)
    assert regime.is_in_force(regime.measure("2375-op14"), date(2017, 12, 31))
    assert not regime.is_in_force(regime.measure("2375-op14"), date(2018, 1, 1))
    chain = regime.chain("2397-op5")
    assert [(c.via, c.relation, c.measure_id) for c in chain] == [("2397-op5", "supersedes", "2375-op14")]
    back = regime.chain("2375-op14")
    assert [(c.relation, c.measure_id) for c in back] == [("superseded_by", "2397-op5")]


def test_chain_is_transitive() -> None:
    chain = load_regime().chain("2270-op29")
    assert {(c.via, c.relation, c.measure_id) for c in chain} >= {
        ("2270-op29", "amended_by", "2321-op26"),
        ("2270-op29", "superseded_by", "2371-op8"),
    }


def test_panel_of_experts_ends_april_2024() -> None:
    regime = load_regime()
    panel = regime.measure("1874-op26")
    assert regime.is_in_force(panel, date(2024, 4, 30))
    assert not regime.is_in_force(panel, date(2024, 5, 1))


def test_in_force_filters_by_kind() -> None:
    caps = load_regime().in_force(date(2018, 6, 1), kind=Kind.CAP)
    assert {m.id for m in caps} == {"2397-op4", "2397-op5"}  # 2371-op11 replaced by 2375-op17


def test_lookup_errors_are_not_found() -> None:
    regime = load_regime()
    assert regime.resolution(2397).adopted == date(2017, 12, 22)
    assert regime.measure(" 2397-OP5 ").id == "2397-op5"
    with pytest.raises(NotFoundError):
        regime.measure("2397-op99")
    with pytest.raises(NotFoundError):
        regime.resolution(9999)
