"""The assessment's data files are strict and cross-checked: a broken file names the file and the field."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from tests.assess.conftest import DataOverride
from watchkeeper.assess import assess
from watchkeeper.assess.config import commodity_config, grading_config, ledger_config, merging_config
from watchkeeper.assess.grading import grade_evidence
from watchkeeper.assess.rules import load_rules
from watchkeeper.datafiles import ENV_VAR, clear_caches, data_file, packaged_data_dir
from watchkeeper.errors import ConfigError, InputFileError, WatchkeeperError
from watchkeeper.reading.kinds import incident_kinds
from watchkeeper.regime import load_regime
from watchkeeper.store import Store
from watchkeeper.store.models.reading import Incident

RULES = "assess/measure_rules.yaml"


def _refused(load: Callable[[], Any], path: Path, field: str, words: str) -> None:
    """Loading fails with an error naming the file, the field path and saying ``words``."""
    with pytest.raises(InputFileError) as caught:
        load()
    error = caught.value
    assert (error.path, error.field) == (str(path), field), str(error)
    assert str(path) in str(error) and repr(field) in str(error) and words in str(error), str(error)


def _rules() -> Any:
    return load_rules(load_regime())


def test_a_rule_naming_an_unknown_kind_is_refused(data_override: DataOverride) -> None:
    path = data_override.edit(RULES, "kind: missile_launch", "kind: missle_launch")
    _refused(_rules, path, "rules.3.kind", "unknown incident kind 'missle_launch'")


def test_a_rule_naming_a_role_its_kind_lacks_is_refused(data_override: DataOverride) -> None:
    path = data_override.edit(RULES, "roles: [launcher]", "roles: [launchers]")
    _refused(_rules, path, "rules.3.when.actor.roles", "'missile_launch' has no actor role 'launchers'")
    # a role of another kind is no better: a cyber theft has no launcher
    path = data_override.edit(RULES, "roles: [perpetrator]", "roles: [launcher]")
    _refused(_rules, path, "rules.9.when.actor.roles", "'cyber_theft' has no actor role 'launcher'")


def test_a_rule_with_a_misspelt_key_is_refused(data_override: DataOverride) -> None:
    path = data_override.edit(RULES, "      vessel_flag: [PRK]", "      vesel_flag: [PRK]")
    _refused(_rules, path, "rules.7.when.vesel_flag", "Extra inputs are not permitted")


def test_a_rule_selecting_a_tag_its_kind_does_not_bear_on_is_refused(data_override: DataOverride) -> None:
    old = "measures: {kind: [obligation, ban], commodity: ballistic_missile, direction: [none]}"
    path = data_override.edit(RULES, old, old.replace("ballistic_missile", "coal"))
    _refused(
        _rules,
        path,
        "rules.3.measures.commodity",
        "'coal' is not one of the measure_tags of 'missile_launch'",
    )


def test_a_grade_band_that_is_no_grade_is_refused(data_override: DataOverride) -> None:
    path = data_override.edit("assess/grading.yaml", "{grade: D,", "{grade: E,")
    _refused(grading_config, path, "grades.3.grade", "Input should be 'A', 'B', 'C' or 'D'")


def test_grading_keys_and_features_are_checked(data_override: DataOverride) -> None:
    path = data_override.edit("assess/grading.yaml", "anonymous_cues:", "anonymus_cues:")
    _refused(grading_config, path, "anonymus_cues", "Extra inputs are not permitted")
    path = data_override.edit(
        "assess/grading.yaml",
        "  denials: {weight: 0.0}",
        "  denials: {weight: 0.0}\n  rumours: {weight: 1.0}",
    )
    _refused(lambda: grade_evidence([]), path, "features.rumours", "no grading feature 'rumours'")


def test_merging_names_kinds_and_roles_that_exist(data_override: DataOverride) -> None:
    path = data_override.edit(
        "assess/merging.yaml",
        "designated_vessel_port_entry: port_call",
        "designated_vessel_port_entry: port_visit",
    )
    _refused(
        merging_config,
        path,
        "maritime_kinds.designated_vessel_port_entry",
        "unknown incident kind 'port_visit'",
    )
    path = data_override.edit("assess/merging.yaml", "  supplier: from", "  suplier: from")
    _refused(merging_config, path, "role_aliases.suplier", "'suplier' is no incident kind's actor role")


def test_commodity_words_name_kinds_and_their_tags(data_override: DataOverride) -> None:
    path = data_override.edit("assess/commodities.yaml", "banned_export:", "banned_exports:")
    _refused(commodity_config, path, "banned_exports", "unknown incident kind 'banned_exports'")
    path = data_override.edit("assess/commodities.yaml", "    arms: [artillery", "    coal: [artillery")
    _refused(
        commodity_config, path, "arms_transfer.terms.coal", "'coal' is not one of the kind's measure_tags"
    )


def test_the_ledger_converts_only_regime_commodities(data_override: DataOverride) -> None:
    path = data_override.edit("assess/ledger.yaml", "  crude_oil: 7.619", "  crude: 7.619")
    _refused(ledger_config, path, "barrels_per_tonne.crude", "unknown commodity tag 'crude'")


def test_the_registry_checks_measure_tags_and_roles(data_override: DataOverride) -> None:
    path = data_override.edit("reading/incidents.yaml", "measure_tags: [workers]", "measure_tags: [worker]")
    _refused(incident_kinds, path, "kinds.overseas_workers.measure_tags", "unknown measure tag 'worker'")
    path = data_override.edit(
        "reading/incidents.yaml", "actor_roles: [perpetrator, victim]", "actor_roles: [perpetrator]"
    )
    _refused(
        incident_kinds, path, "kinds.cyber_theft", "roles victim are filled but not listed in actor_roles"
    )


def test_the_override_replaces_only_the_files_it_holds(data_override: DataOverride) -> None:
    data_override.edit("assess/merging.yaml", "day_slack: 1", "day_slack: 2")
    assert merging_config().day_slack == 2
    assert data_file("assess", "grading.yaml") == packaged_data_dir() / "assess" / "grading.yaml"
    assert grading_config().features["denials"].weight == 0.0


def test_an_override_that_is_no_directory_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing"))
    clear_caches()
    try:
        with pytest.raises(ConfigError, match=ENV_VAR):
            data_file("assess", "grading.yaml")
    finally:
        monkeypatch.delenv(ENV_VAR)
        clear_caches()


def test_an_incident_of_a_kind_the_registry_lacks_is_not_assessed(gold_store: Store) -> None:
    with gold_store.session() as session:
        first = session.scalars(select(Incident.id).order_by(Incident.id).limit(1)).one()
        session.execute(update(Incident).where(Incident.id == first).values(kind="missle_launch"))
    with pytest.raises(
        WatchkeeperError,
        match=re.escape("'missle_launch', which data/reading/incidents.yaml does not define"),
    ):
        assess(gold_store)


def test_listing_an_unknown_kind_is_an_error_not_an_empty_list(gold_cli: Any) -> None:
    gold_cli.fails(
        "incidents", "list", "--kind", "missle_launch", expect="unknown incident kind 'missle_launch'"
    )
