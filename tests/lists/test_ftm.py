"""FollowTheMoney: our designations out and back in unchanged, and other producers' entities in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.lists.conftest import BUNDLED_VESSELS
from watchkeeper.errors import InputFileError
from watchkeeper.export import write_json_lines
from watchkeeper.lists.export import ftm_entities, records
from watchkeeper.lists.ftm import parse_ftm_file
from watchkeeper.lists.history import import_parsed
from watchkeeper.lists.un_xml import parse_un_xml
from watchkeeper.lists.vessels_csv import parse_vessels_csv
from watchkeeper.store import Store

COMPARED = ("id", "list_id", "reference", "schema", "name", "listed_on", "legal_basis", "imo", "mmsi")
COMPARED += ("basis_resolution", "basis_paragraph")


def _designations(store: Store) -> dict[str, dict]:
    with store.session() as session:
        return {
            r["id"]: {
                **{k: r[k] for k in COMPARED},
                "names": sorted((n["kind"], n["quality"], n["name"]) for n in r["names"]),
            }
            for r in records(session)
        }


def test_round_trip_into_a_fresh_workspace(
    store: Store, sqlite_store: Store, dprk_files: dict[str, Path], tmp_path: Path
) -> None:
    with store.session() as session:
        import_parsed(session, parse_un_xml(dprk_files["2024"]))
        import_parsed(session, parse_vessels_csv(BUNDLED_VESSELS))
    path = tmp_path / "out.ftm.json"
    with store.session() as session, path.open("w", encoding="utf-8") as fh:
        write_json_lines(ftm_entities(session), fh)
    with sqlite_store.session() as session:
        result = import_parsed(session, parse_ftm_file(path))
    assert result.added == 155 + 59
    original, copy = _designations(store), _designations(sqlite_store)
    assert copy == original
    assert copy["un-1718:IMO9562233"]["imo"] == "9562233"


def test_our_own_export_into_the_same_workspace_takes_nothing_over(
    sqlite_store: Store, dprk_files: dict[str, Path], tmp_path: Path
) -> None:
    with sqlite_store.session() as session:
        import_parsed(session, parse_un_xml(dprk_files["2024"]))
    path = tmp_path / "out.ftm.json"
    with sqlite_store.session() as session, path.open("w", encoding="utf-8") as fh:
        write_json_lines(ftm_entities(session), fh)
    before = _designations(sqlite_store)
    with sqlite_store.session() as session:
        result = import_parsed(session, parse_ftm_file(path))
    assert (result.added, len(result.held_elsewhere)) == (0, 155)
    assert _designations(sqlite_store) == before


OPEN_SANCTIONS_STYLE = [
    {
        "id": "NK-abc",
        "schema": "Company",
        "properties": {
            "name": ["Korea Example Shipping Co"],
            "alias": ["Example Shipping"],
            "weakAlias": ["KES"],
            "previousName": ["Old Example Trading"],
            "imoNumber": ["5342883"],
        },
    },
    {
        "id": "NK-abc-un",
        "schema": "Sanction",
        "properties": {
            "entity": ["NK-abc"],
            "programId": ["UN-SC1718"],
            "unscId": ["KPe.999"],
            "listingDate": ["2018-03-30"],
            "provisions": ["Asset freeze"],
        },
    },
    {
        "id": "NK-old",
        "schema": "Sanction",
        "properties": {"entity": ["NK-person"], "endDate": ["2020-01-01"]},
    },
    {"id": "NK-person", "schema": "Person", "properties": {"name": ["Ri Example"], "birthDate": ["1970"]}},
    {
        "id": "NK-ship",
        "schema": "Vessel",
        "properties": {"name": ["EXAMPLE STAR"], "imoNumber": ["IMO9562233"], "flag": ["km"]},
    },
    {"id": "NK-addr", "schema": "Address", "properties": {"full": ["Pyongyang"]}},
]


def test_import_of_another_producers_entities(sqlite_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(json.dumps(e) for e in OPEN_SANCTIONS_STYLE) + "\n", encoding="utf-8")
    parsed = parse_ftm_file(path)
    assert parsed.source == "ftm:entities.ftm"
    by_id = parsed.by_id()
    assert set(by_id) == {"UN-SC1718:KPe.999", "ftm:NK-person", "ftm:NK-ship"}
    company = by_id["UN-SC1718:KPe.999"]
    assert company.schema == "Organization" and company.details["ftm_schema"] == "Company"
    assert [(n.kind, n.quality, n.name) for n in company.names] == [
        ("primary", "good", "Korea Example Shipping Co"),
        ("alias", "good", "Example Shipping"),
        ("alias", "low", "KES"),
        ("former", "good", "Old Example Trading"),
    ]
    assert company.listed_on is not None and company.listed_on.isoformat() == "2018-03-30"
    assert company.details["imo_company_numbers"] == ["5342883"]
    ship = by_id["ftm:NK-ship"]
    assert (ship.schema, ship.imo, ship.details["flag"]) == ("Vessel", "9562233", "km")
    with sqlite_store.session() as session:
        assert import_parsed(session, parsed).added == 3


def test_broken_json_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(OPEN_SANCTIONS_STYLE[0]) + "\n{not json\n")
    with pytest.raises(InputFileError, match="line 2"):
        parse_ftm_file(path)
    path.write_text(json.dumps({"id": "x", "schema": "NoSuchSchema", "properties": {}}) + "\n")
    with pytest.raises(InputFileError, match="line 1"):
        parse_ftm_file(path)
