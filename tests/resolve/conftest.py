"""Resolve fixtures: a screening index over the whole UN list, and a small real excerpt of the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml import ElementTree

from tests.resolve.un_names import un_listed_names
from watchkeeper.resolve.screening import ScreeningIndex

BUNDLED_UN_XML = (
    Path(__file__).resolve().parents[2] / "src/watchkeeper/data/lists/un_consolidated_2024-09-26.xml"
)
EXCERPT_REFERENCES = {"KPi.076", "KPi.054", "KPi.024", "KPi.045", "KPi.067", "KPe.001", "KPe.002"}


@pytest.fixture(scope="session")
def un_index() -> ScreeningIndex:
    """Every name of every listing (all regimes) of the bundled 2024 UN Consolidated List."""
    return ScreeningIndex(un_listed_names(BUNDLED_UN_XML))


@pytest.fixture(scope="session")
def un_excerpt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled UN list cut down to a few DPRK listings (quick to import through the lists stage)."""
    tree = ElementTree.parse(BUNDLED_UN_XML)
    root = tree.getroot()
    for group in list(root):
        for element in list(group):
            reference = " ".join((element.findtext("REFERENCE_NUMBER") or "").split())
            if reference not in EXCERPT_REFERENCES:
                group.remove(element)
    path = tmp_path_factory.mktemp("un") / "un_excerpt.xml"
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return path
