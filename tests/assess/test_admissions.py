"""A state announcing its own launch admits it; its objections to the resolutions are no denial of it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tests.conftest import Cli
from watchkeeper.assess import incident_record
from watchkeeper.store import open_store
from watchkeeper.store.models.assess import AssessedIncident

ARTICLE = """Title: Pyongyang reports a test of a new rocket
Outlet: Harbour Ledger
Date: March 4, 2026

SEOUL, March 4 (HL) - North Korea fired a ballistic missile into the sea off its east coast on Tuesday, \
its state news agency KCNA said on Wednesday, calling the flight a success.

North Korea rejects the Security Council's resolutions as hostile and says its rocket programme is a \
sovereign right.
"""


def test_a_launch_the_state_announced_is_an_admission_not_a_denial(sqlite_cli: Cli, tmp_path: Path) -> None:
    article = tmp_path / "launch-harbour-ledger.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    sqlite_cli.ok("ingest", str(article))
    sqlite_cli.ok("read", "--all")
    sqlite_cli.ok("assess")
    with open_store(sqlite_cli.settings).session() as session:
        launch = session.scalars(
            select(AssessedIncident).where(AssessedIncident.kind == "missile_launch")
        ).one()
        record = incident_record(session, launch)
    features = {f["name"]: f for f in record["grade_features"]}
    assert features["party_confirms"]["value"] == 1, features["party_confirms"]["explanation"]
    assert record["denials"] == []  # rejecting the resolutions is not denying the launch
    assert all(e["stance"] == "reports" for e in record["evidence"])
