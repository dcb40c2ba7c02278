"""Adding an incident kind costs one block of data and one rule: read, assessed, linked, reported, offered.

The kind and its rule live in a temporary data directory (``WATCHKEEPER_DATA_DIR``); nothing in the code
names it.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.assess.conftest import DataOverride
from tests.conftest import Backend, Cli
from tests.web.conftest import _make
from watchkeeper.store import Store

KIND_BLOCK = """\
  luxury_goods_import:
    label: Luxury-goods import
    plural: Luxury-goods imports
    description: "Luxury goods (cars, watches, spirits) supplied to the DPRK, which 1718 OP8 (a) (iii) bans."
    actor_roles: [supplier, recipient]
    measure_tags: [luxury_goods]
    status: alleged
    lemmas: []
    phrases: [luxury cars, luxury vehicles, luxury watches, luxury goods]
    roles: {subject: supplier, from: supplier, to: recipient}
    default: {recipient: country:north-korea}
"""
RULE_BLOCK = """\
  - id: luxury-goods-to-dprk
    kind: luxury_goods_import
    when:
      actor: {roles: [recipient], entities: ["country:north-korea"]}
    measures: {kind: [ban], commodity: luxury_goods, direction: [to_dprk]}
    why: Luxury goods may not be supplied to the DPRK (1718 OP8 (a) (iii), its list widened by 2094 OP23).
"""
ARTICLE = """\
Title: Armoured limousines reach Pyongyang by way of a bonded warehouse
Outlet: Meridian Courier
Date: March 14, 2024

SEOUL, March 14 - A trading house registered in Dalian shipped luxury cars to North Korea in February 2024, \
South Korea's customs service said on Thursday, citing invoices it had seized.

The vehicles left the bonded zone in two consignments, according to the customs service.
"""


def test_a_new_kind_is_read_assessed_linked_reported_and_offered(
    data_override: DataOverride, sqlite_cli: Cli, tmp_path: Path
) -> None:
    data_override.edit("reading/incidents.yaml", "# Vote roles:", KIND_BLOCK + "# Vote roles:")
    data_override.append("assess/measure_rules.yaml", RULE_BLOCK)
    article = tmp_path / "inbox" / "luxury-cars.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")

    sqlite_cli.ok("ingest", str(article))
    sqlite_cli.ok("read", "--all")
    sqlite_cli.ok("assess")
    listed = sqlite_cli.ok("incidents", "list", "--kind", "luxury_goods_import", "--json").stdout
    incidents = [json.loads(line) for line in listed.splitlines() if line.strip()]
    assert len(incidents) == 1, listed
    incident = incidents[0]
    assert incident["kind"] == "luxury_goods_import" and incident["date"].startswith("2024-02")
    assert "recipient: North Korea" in incident["actors"]
    assert "1718-op8a-iii" in incident["measure_ids"], incident

    report = tmp_path / "report.md"
    sqlite_cli.ok(
        "report", "--from", "2024-01-01", "--to", "2024-06-30", "--format", "md", "--out", str(report)
    )
    assert "**Luxury-goods import, " in report.read_text(encoding="utf-8")

    store = Store(sqlite_cli.settings.database_url)
    try:
        client, _ = _make(Backend("sqlite", sqlite_cli.settings, store)).signed_in("viewer")
        page = client.get("/incidents").text
    finally:
        store.dispose()
    assert '<option value="luxury_goods_import"' in page
    assert '<option value="missile_launch"' in page  # every kind is offered, not only those assessed
