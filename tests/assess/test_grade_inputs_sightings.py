"""What grading receives from one article: every speaker of a sentence is a source, and a body's office is
judged on the date of the act it reports, not on the day it is cited."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tests.conftest import Cli
from watchkeeper.store import open_store
from watchkeeper.store.models.assess import AssessedIncident, AssessedIncidentEvidence

ARTICLE = """Title: Exchange losses traced to Pyongyang
Outlet: Harbour Ledger
Date: March 4, 2026

Japanese police and the FBI said on Monday that North Korean hackers stole 1,200 bitcoin from a Tokyo \
exchange in August 2023.

Before its mandate ended, the UN Panel of Experts investigated a North Korean theft of $41 million from an \
online casino in September 2023.
"""


def _sources(cli: Cli, tmp_path: Path) -> dict[str, dict[str, str]]:
    article = tmp_path / "thefts-harbour-ledger.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cli.ok("ingest", str(article))
    cli.ok("read", "--all")
    cli.ok("assess")
    with open_store(cli.settings).session() as session:
        rows = session.execute(
            select(
                AssessedIncident.date,
                AssessedIncidentEvidence.source_key,
                AssessedIncidentEvidence.source_class,
            )
            .join(
                AssessedIncidentEvidence, AssessedIncidentEvidence.assessed_incident_id == AssessedIncident.id
            )
            .where(AssessedIncident.kind == "cyber_theft")
        ).all()
    out: dict[str, dict[str, str]] = {}
    for day, key, cls in rows:
        out.setdefault(f"{day:%Y-%m}" if day else "", {})[key] = cls
    return out


def test_each_speaker_counts_and_the_panel_speaks_for_acts_of_its_term(
    sqlite_cli: Cli, tmp_path: Path
) -> None:
    sources = _sources(sqlite_cli, tmp_path)
    # two bodies saying it together are two governments, not the first one named
    assert {"country:japan", "country:united-states"} <= set(sources["2023-08"]), sources
    # cited after it closed, the panel still reports as an official body on an act of its own term
    assert sources["2023-09"].get("org:un-panel-of-experts") == "official", sources
