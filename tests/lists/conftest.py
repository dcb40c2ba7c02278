"""Fixtures of the lists tests: the real UN snapshots parsed once per session, and small DPRK-only copies."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, shared_file
from watchkeeper.lists.records import ParsedList
from watchkeeper.lists.un_xml import parse_un_xml

BUNDLED_XML = REPO_ROOT / "src/watchkeeper/data/lists/un_consolidated_2024-09-26.xml"
BUNDLED_VESSELS = REPO_ROOT / "src/watchkeeper/data/lists/un_1718_vessels.csv"
SNAPSHOT_DATES = ("2018-10-29", "2020-03-20", "2024-09-26")

_parsed: dict[str, ParsedList] = {}


def parsed_snapshot(day: str) -> ParsedList:
    """A real snapshot from ../shared, parsed once per session (skips when ../shared is absent)."""
    if day not in _parsed:
        _parsed[day] = parse_un_xml(shared_file(f"un/consolidated_{day}.xml"))
    return _parsed[day]


@pytest.fixture(scope="session")
def bundled_2024() -> ParsedList:
    """The bundled 2024 snapshot, parsed once (works without ../shared)."""
    return parse_un_xml(BUNDLED_XML)


def write_dprk_subset(source: Path, target: Path, *, drop: frozenset[str] = frozenset()) -> Path:
    """A copy of a UN XML holding only its DPRK entries, minus the references in ``drop``."""
    tree = ET.parse(source)
    for group in tree.getroot():
        for entry in list(group):
            reference = (entry.findtext("REFERENCE_NUMBER") or "").strip()
            if entry.findtext("UN_LIST_TYPE") != "DPRK" or reference in drop:
                group.remove(entry)
    tree.write(target, encoding="utf-8", xml_declaration=True)
    return target


@pytest.fixture(scope="session")
def dprk_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """DPRK-only copies of the 2018 snapshot and of the bundled 2024 one (155 entries each)."""
    folder = tmp_path_factory.mktemp("dprk")
    files = {"2024": write_dprk_subset(BUNDLED_XML, folder / "dprk_2024.xml")}
    files["2024-without-KPe.020"] = write_dprk_subset(
        BUNDLED_XML, folder / "dprk_2024b.xml", drop=frozenset({"KPe.020"})
    )
    return files


@pytest.fixture(scope="session")
def dprk_2018(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DPRK-only copy of the real 2018 snapshot (skips when ../shared is absent)."""
    source = shared_file("un/consolidated_2018-10-29.xml")
    return write_dprk_subset(source, tmp_path_factory.mktemp("dprk2018") / "dprk_2018.xml")
