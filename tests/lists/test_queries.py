"""The interface other stages use: names for screening, vessels for ship tracking, the IMO check digit."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import watchkeeper.lists as lists
from tests.lists.conftest import BUNDLED_VESSELS
from watchkeeper.lists.history import import_parsed
from watchkeeper.lists.un_xml import parse_un_xml
from watchkeeper.lists.vessels_csv import parse_vessels_csv
from watchkeeper.store import Store


def test_interface_is_exported() -> None:
    assert {"iter_designated_names", "designated_vessels", "valid_imo"} <= set(lists.__all__)


def test_designated_names_and_vessels(store: Store, dprk_files: dict[str, Path]) -> None:
    with store.session() as session:
        import_parsed(session, parse_un_xml(dprk_files["2024"]))
        import_parsed(session, parse_vessels_csv(BUNDLED_VESSELS))
    with store.session() as session:
        names = list(lists.iter_designated_names(session, list_id="un-1718"))
        vessels = lists.designated_vessels(session)
        assert list(lists.iter_designated_names(session, list_id="un-1267")) == []
    assert Counter(n.kind for n in names)["primary"] == 155 + 59
    assert {n.schema for n in names} == {"Person", "Organization", "Vessel"}
    komid = [n for n in names if n.reference == "KPe.001"]
    assert komid[0].kind == "primary" and komid[0].designation_id == "un-1718:KPe.001"
    assert all(n.quality in ("good", "low") for n in names)
    assert len(vessels) == 59
    petrel = next(v for v in vessels if v.imo == "9562233")
    assert (petrel.name, petrel.flag, petrel.vessel_type) == ("PETREL 8", "km", "cargo ship")
    assert petrel.listed_on is not None and petrel.listed_on.isoformat() == "2017-10-03"
    assert all(lists.valid_imo(v.imo) for v in vessels if v.imo)
