"""What changed between the real snapshots, from the files alone (2018 -> 2020 -> 2024)."""

from __future__ import annotations

import json
from collections import Counter

from tests.conftest import Cli, shared_file
from tests.lists.conftest import parsed_snapshot
from watchkeeper.lists.diff import count_changes, diff_entries, field_changes


def _dprk(changes):
    return [c for c in changes if c.list_id == "un-1718"]


def test_2018_to_2020() -> None:
    changes = diff_entries(parsed_snapshot("2018-10-29").entries, parsed_snapshot("2020-03-20").entries)
    assert count_changes(changes) == {"added": 23, "amended": 596, "removed": 102}
    assert count_changes(_dprk(changes)) == {"added": 0, "amended": 0, "removed": 0}


def test_2020_to_2024() -> None:
    changes = diff_entries(parsed_snapshot("2020-03-20").entries, parsed_snapshot("2024-09-26").entries)
    assert count_changes(changes) == {"added": 46, "amended": 677, "removed": 185}
    dprk = _dprk(changes)
    assert count_changes(dprk) == {"added": 0, "amended": 73, "removed": 0}
    fields = Counter(f for c in dprk for f in c.changes)
    assert fields["details.last_updated"] == 65
    assert fields["details.imo_company_numbers"] == 13
    by_ref = {c.reference: c for c in dprk}
    imo = by_ref["KPe.056"].changes["details.imo_company_numbers"]
    assert imo == {"before": None, "after": ["5571322"]}
    omm_names = by_ref["KPe.020"].changes["names"]
    assert omm_names["before"] == [] and "alias/good: East Sea Shipping Company" in omm_names["after"]


def test_field_changes_of_names_show_only_what_went_and_came() -> None:
    before = {"names": ["alias/good: A", "alias/good: B"], "name": "X"}
    after = {"names": ["alias/good: B", "alias/low: C"], "name": "X"}
    assert field_changes(before, after) == {"names": {"before": ["alias/good: A"], "after": ["alias/low: C"]}}
    assert field_changes(before, before) == {}


def test_cli_diff_json_and_table(sqlite_cli: Cli) -> None:
    old = str(shared_file("un/consolidated_2020-03-20.xml"))
    new = str(shared_file("un/consolidated_2024-09-26.xml"))
    result = sqlite_cli.ok("lists", "diff", old, new, "--list", "DPRK", "--json")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 73
    assert {r["kind"] for r in records} == {"amended"}
    assert all(r["list_id"] == "un-1718" and r["fields"] for r in records)
    table = sqlite_cli.ok("lists", "diff", old, new, "--list", "un-1718")
    assert "0 added, 73 amended, 0 removed" in table.stdout
