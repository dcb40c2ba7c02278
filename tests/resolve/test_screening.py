"""Screening against the whole UN list: real designated names found from aliases, spellings and scripts."""

from __future__ import annotations

import pytest

from watchkeeper.resolve.names import name_form
from watchkeeper.resolve.screening import CANDIDATES, ListedName, ScreeningIndex, split_listed_name


@pytest.mark.parametrize(
    ("query", "schema", "reference"),
    [
        ("Korea Mining Development Trading Corp", None, "KPe.001"),
        ("KOMID", "Organization", "KPe.001"),
        ("Changgwang Sinyong Corp", None, "KPe.001"),  # a listed alias, company word abbreviated
        ("Korea Ryonbong General Corp", None, "KPe.002"),
        ("Reconnaissance General Bureau", None, "KPe.031"),
        ("리병철", None, "KPi.076"),  # Hangul against Latin-only listings
        ("Ri Pyong Chol", "Person", "KPi.076"),
        ("Lee Byung-chul", "Person", "KPi.076"),
        ("Choi Chun Yong", None, "KPi.054"),
        ("Kim Young-Cheol", None, "KPi.024"),
        ("Yong Chol Kim", "Person", "KPi.024"),  # family name last
        ("Jang Myong Jin", None, "KPi.007"),
        ("Paek Chang Ho", None, "KPi.006"),
    ],
)
def test_finds_designated_names(
    un_index: ScreeningIndex, query: str, schema: str | None, reference: str
) -> None:
    hits = un_index.screen(query, schema=schema)
    assert hits, f"nothing found for {query!r}"
    assert hits[0].reference == reference, [(h.reference, h.score) for h in hits]
    assert hits[0].decision == "match"
    assert hits[0].matched_name in hits[0].explanation


def test_hits_say_which_alias_matched(un_index: ScreeningIndex) -> None:
    hit = un_index.screen("Ri Pyo'ng-ch'o'l")[0]
    assert hit.reference == "KPi.076"
    record = hit.to_dict()
    assert record["matched_kind"] == "alias"
    keys = {"designation_id", "name", "matched_name", "score", "decision", "explanation", "features"}
    assert keys <= set(record)


def test_different_people_are_not_hits(un_index: ScreeningIndex) -> None:
    assert not [h for h in un_index.screen("Kim Jong Un") if h.decision == "match"]
    assert all(h.reference != "KPi.045" for h in un_index.screen("Kim Kyong Il") if h.decision == "match")


def test_candidates_come_from_the_index_not_a_scan(un_index: ScreeningIndex) -> None:
    candidates = un_index.candidates([name_form("Ri Pyong Chol")], None, None)
    assert 0 < len(candidates) <= CANDIDATES < len(un_index) / 10


def test_vessel_imo_decides() -> None:
    index = ScreeningIndex(
        [
            ListedName("v:1", "IMO8660313", "Vessel", "CHON MA SAN", "primary", imo="8660313"),
            ListedName("v:2", "IMO9562233", "Vessel", "PETREL 8", "primary", imo="9562233"),
        ]
    )
    assert index.screen("Chon Ma San", imo="8660313")[0].reference == "IMO8660313"
    assert index.screen("Chon Ma San", imo="9562233", schema="Vessel")[0].reference == "IMO9562233"
    assert not [h for h in index.screen("Chon Ma San", imo="9138501") if h.reference == "IMO8660313"]


def test_listed_names_with_parentheses() -> None:
    assert split_listed_name("Jin Tiesan (金铁三)", "alias") == [
        ("Jin Tiesan", "alias"),
        ("金铁三", "original_script"),
    ]
    assert split_listed_name("OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM)", "primary") == [
        ("OCEAN MARITIME MANAGEMENT COMPANY, LIMITED", "primary"),
        ("OMM", "alias"),
    ]
    assert split_listed_name("SECOND ACADEMY OF NATURAL SCIENCES (KPE.018)", "alias") == [
        ("SECOND ACADEMY OF NATURAL SCIENCES", "alias")
    ]
    assert split_listed_name("LEADER (HONG KONG) INTERNATIONAL", "primary") == [
        ("LEADER HONG KONG INTERNATIONAL", "primary")
    ]
