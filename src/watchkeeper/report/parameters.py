"""Annex II's versions and parameters: the data versions and the thresholds that produced the report, each
read from where the stage that owns it defines it."""

from __future__ import annotations

import hashlib
from typing import Any

from watchkeeper.assess.config import grading_config, merging_config
from watchkeeper.assess.grading import well_corroborated
from watchkeeper.assess.ledger import barrels_per_tonne
from watchkeeper.datafiles import data_file
from watchkeeper.reading.kinds import kind_label
from watchkeeper.reading.knowledge import load_knowledge
from watchkeeper.regime import Regime
from watchkeeper.regime.models import Kind
from watchkeeper.report.model import Parameter
from watchkeeper.resolve import MATCH_THRESHOLD, POSSIBLE_THRESHOLD

ASSESS_FILES = ("measure_rules.yaml", "grading.yaml", "merging.yaml", "ledger.yaml", "commodities.yaml")


def assess_data_version() -> str:
    """A hash of the assessment data files: changes whenever a rule, weight or threshold changes."""
    digest = hashlib.sha256()
    for name in ASSESS_FILES:
        path = data_file("assess", name)
        digest.update(name.encode("utf-8") + b"\x00" + path.read_bytes() + b"\x00")
    return digest.hexdigest()[:12]


def _words(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k} \u2192 {v}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in sorted(value))
    return str(value)


def versions_and_parameters(regime: Regime) -> list[Parameter]:
    """Every version and parameter annex II lists, in the order of the pipeline."""
    grading, merging = grading_config(), merging_config().model_dump()
    rows = [
        Parameter("Versions", "Regime data", regime.version, "data/regime/*.yaml"),
        Parameter("Versions", "Reading knowledge", load_knowledge().version, "data/reading/*.yaml"),
        Parameter("Versions", "Assessment data", assess_data_version(), "data/assess/*.yaml"),
        Parameter("Name matching", "Same name at or above", str(MATCH_THRESHOLD), "resolve/matcher.py"),
        Parameter(
            "Name matching", "Worth a human look at or above", str(POSSIBLE_THRESHOLD), "resolve/matcher.py"
        ),
    ]
    for key in (
        "min_overlap",
        "day_slack",
        "coarse_days",
        "join_days",
        "publication_days",
        "role_aliases",
        "acts_for",
    ):
        rows.append(Parameter("Merging", key, _words(merging[key]), "data/assess/merging.yaml"))
    # an AIS event kind in words, the incident kind it is assessed as by its label: no ids in a table cell
    kinds = {f"AIS {k.replace('_', ' ')}": kind_label(v) for k, v in merging["maritime_kinds"].items()}
    rows.append(Parameter("Merging", "maritime_kinds", _words(kinds), "data/assess/merging.yaml"))
    bands = "; ".join(f"{b.grade} from {b.min_score}" for b in grading.grades)
    rows.append(Parameter("Grading", "Grade bands (minimum score)", bands, "data/assess/grading.yaml"))
    rows.append(
        Parameter("Grading", "Well corroborated", _words(well_corroborated()), "data/assess/grading.yaml")
    )
    for commodity, factor in barrels_per_tonne().items():
        rows.append(
            Parameter("Cap ledger", f"Barrels per tonne, {commodity}", str(factor), "data/assess/ledger.yaml")
        )
    for measure in regime.select(kind=Kind.CAP):
        if measure.alerts and measure.alerts.thresholds_percent:
            rows.append(
                Parameter(
                    "Cap ledger",
                    f"Alert thresholds of {measure.id} (per cent of the cap)",
                    _words(measure.alerts.thresholds_percent),
                    f"data/regime/{measure.resolution}.yaml",
                )
            )
    return rows
