"""The UN Consolidated List reader on the real snapshots: counts, names, quirks, IMO numbers, legal basis."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from tests.conftest import shared_file
from tests.lists.conftest import SNAPSHOT_DATES, parsed_snapshot
from watchkeeper.lists.records import ParsedList


@pytest.mark.parametrize("day", SNAPSHOT_DATES)
def test_each_snapshot_has_80_kpi_and_75_kpe(day: str) -> None:
    parsed = parsed_snapshot(day)
    counts = Counter((e.list_id, e.reference[:3], e.schema) for e in parsed.entries)
    assert counts[("un-1718", "KPi", "Person")] == 80
    assert counts[("un-1718", "KPe", "Organization")] == 75
    assert parsed.generated_at is not None and parsed.generated_at.date().isoformat() == day


def test_all_regimes_are_kept(bundled_2024: ParsedList) -> None:
    lists = Counter(e.list_id for e in bundled_2024.entries)
    assert len(bundled_2024.entries) == 875
    assert lists["un-1718"] == 155
    assert lists["un-1267"] == 255 + 89
    assert lists["un-1988"] == 140


def test_reference_whitespace_is_normalised(bundled_2024: ParsedList) -> None:
    by_id = bundled_2024.by_id()
    entry = by_id["un-1718:KPe.033"]  # the XML says "KPe.033 "
    assert entry.reference == "KPe.033"
    assert entry.name == "KOREA UNITED DEVELOPMENT BANK"
    assert all(e.reference == e.reference.strip() and " " not in e.reference for e in bundled_2024.entries)


def test_empty_placeholder_aliases_are_skipped(bundled_2024: ParsedList) -> None:
    entry = bundled_2024.by_id()["un-1718:KPi.033"]
    assert [(n.kind, n.name) for n in entry.names] == [("primary", "RI WON HO")]
    assert entry.details["documents"] == [{"type_of_document": "Passport", "number": "381310014"}]


def test_alias_quality_good_and_low(bundled_2024: ParsedList) -> None:
    names = {n.name: n for n in bundled_2024.by_id()["un-1988:TAi.005"].names}
    assert names["Mohammad Taher Anwari"].quality == "good"
    assert (names["Haji Mudir"].kind, names["Haji Mudir"].quality) == ("alias", "low")


def test_entity_aliases_aka_and_fka(bundled_2024: ParsedList) -> None:
    kinds = Counter(n.kind for e in bundled_2024.entries if e.schema == "Organization" for n in e.names)
    assert kinds["former"] == 18  # f.k.a. in the 2024 XML
    assert kinds["alias"] == 560  # a.k.a.
    komid = bundled_2024.by_id()["un-1718:KPe.001"]
    assert {n.name for n in komid.names if n.kind == "alias"} >= {'"KOMID"', "CHANGGWANG SINYONG CORPORATION"}


def test_chinese_aliases_of_dprk_entities_keep_their_script(bundled_2024: ParsedList) -> None:
    hani = {(e.reference, n.name) for e in bundled_2024.entries for n in e.names if n.script == "Hani"}
    assert ("KPe.059", "華信船務(香港)有限公司") in hani
    assert len(hani) == 4


def test_original_script_names(bundled_2024: ParsedList) -> None:
    entry = bundled_2024.by_id()["un-1988:TAi.005"]
    original = [n for n in entry.names if n.kind == "original_script"]
    assert [(n.name, n.script) for n in original] == [("محمد طاهر أنوري", "Arab")]
    scripts = Counter(n.script for e in bundled_2024.entries for n in e.names if n.kind == "original_script")
    assert scripts["Arab"] > 300 and scripts["Cyrl"] == 11


def test_imo_numbers_in_shipping_company_comments(bundled_2024: ParsedList) -> None:
    numbers = {
        e.reference: e.details["imo_company_numbers"]
        for e in bundled_2024.entries
        if "imo_company_numbers" in e.details
    }
    assert len(numbers) == 16
    assert numbers["KPe.020"] == ["1790183"]  # OMM: "(IMO) Number: 1790183."
    assert numbers["KPe.022"] == ["5342883"]  # Chongchongang Shipping: "IMO Number: 5342883."
    assert numbers["KPe.066"] == ["5434358"]  # "Company Number IMO 5434358."


def test_older_snapshot_had_fewer_imo_numbers() -> None:
    parsed = parsed_snapshot("2018-10-29")
    assert sum("imo_company_numbers" in e.details for e in parsed.entries) == 3


def test_dprk_legal_basis_from_listing_date(bundled_2024: ParsedList) -> None:
    by_id = bundled_2024.by_id()
    person = by_id["un-1718:KPi.033"]
    assert (person.basis_resolution, person.basis_paragraph) == ("2321", "annex")
    assert "travel ban" in (person.legal_basis or "")
    omm = by_id["un-1718:KPe.020"]
    assert (omm.basis_resolution, omm.basis_paragraph) == ("1718", "8(d)")
    assert all(e.legal_basis for e in bundled_2024.entries if e.list_id == "un-1718")
    assert not any(e.legal_basis for e in bundled_2024.entries if e.list_id != "un-1718")


def test_details_of_a_person(bundled_2024: ParsedList) -> None:
    entry = bundled_2024.by_id()["un-1718:KPi.001"]
    assert entry.listed_on is not None and entry.listed_on.isoformat() == "2009-07-16"
    assert entry.details["dates_of_birth"] == [{"type_of_date": "EXACT", "date": "1944-10-13"}]
    assert entry.details["nationalities"] == ["Democratic People's Republic of Korea"]
    assert entry.details["positions"] == ["Director of Namchongang Trading Corporation"]
    assert entry.details["last_updated"] == ["2022-07-26"]
    assert "\n" not in entry.details["comments"] and "  " not in entry.details["comments"]


def test_listing_dates_and_basis_agree_with_the_reference_table(bundled_2024: ParsedList) -> None:
    table = list(csv.DictReader(shared_file("reference/un_1718_designations.csv").open(encoding="utf-8")))
    assert len(table) == 155
    by_ref = {e.reference: e for e in bundled_2024.entries if e.list_id == "un-1718"}
    for row in table:
        entry = by_ref[row["reference_number"].strip()]
        assert entry.listed_on is not None and entry.listed_on.isoformat() == row["listed_on"]
        vehicle = row["listing_vehicle"]
        expected = "1718" if vehicle.startswith("1718 Committee") else vehicle.split()[1]
        assert entry.basis_resolution == expected, row["reference_number"]
