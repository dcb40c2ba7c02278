"""Outlets, wires, publication dates and identity: the small named rules, each on a sentence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.sources.server import Route, serve
from watchkeeper.config import Settings, default_database_url
from watchkeeper.evidence.dates import parse_date, publication_date
from watchkeeper.evidence.identity import document_id
from watchkeeper.evidence.ingest import ingest
from watchkeeper.evidence.outlets import load_outlets
from watchkeeper.evidence.scoring import corpus_dir
from watchkeeper.sources.http import FetchLimits
from watchkeeper.store import Store

KST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("text", "wire", "rule"),
    [
        ("SEOUL, Dec 18 (GPA) - North Korea launched a missile.", "global-press-agency", "dateline_credit"),
        ("MOSCOW, March 28 (Reuters) - Russia vetoed the renewal.", "reuters", "dateline_credit"),
        ("Russia vetoed the renewal.\n\nThe panel ends in April.\n\n— Reuters", "reuters", "trailing_credit"),
        ("North Korea fired a missile.\n\nWire copy: GPA.", "global-press-agency", "copy_credit_line"),
        (
            "North Korea fired a ballistic missile on Monday, Yonhap News Agency said.\n\nMore.",
            "yonhap",
            "agency_said_lead",
        ),
        ("Kim watched the launch, KCNA said.\n\nMore text follows.", None, None),
        ("An original report with no credit at all.", None, None),
    ],
)
def test_wire_credit_rules(text: str, wire: str | None, rule: str | None) -> None:
    credit = load_outlets().wire_credit(text)
    assert (credit.wire.id if credit else None) == wire
    assert (credit.rule if credit else None) == rule


def test_outlet_by_domain_name_and_surroundings() -> None:
    registry = load_outlets()
    assert registry.identify(url="https://www.reuters.com/world/x", hints=[]).id == "reuters"
    assert registry.identify(url=None, hints=["The Meridian Courier"]).id == "meridian-courier"
    assert (
        registry.identify(url=None, hints=[None], surroundings=["© 2024 Harbour Ledger"]).id
        == "harbour-ledger"
    )
    assert registry.identify(url="https://unknown.example/", hints=["Nobody"]) is None


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2024-03-28T20:15:00+00:00", datetime(2024, 3, 28, 20, 15, tzinfo=UTC), "minute"),
        ("28 March 2024 18:42 GMT", datetime(2024, 3, 28, 18, 42, tzinfo=UTC), "minute"),
        ("Dec. 18, 2023 10:05 GMT", datetime(2023, 12, 18, 10, 5, tzinfo=UTC), "minute"),
        ("March 29, 2024 08:30 KST", datetime(2024, 3, 29, 8, 30, tzinfo=KST), "minute"),
        ("March 28, 2024 14:05 KST", datetime(2024, 3, 28, 14, 5, tzinfo=KST), "minute"),
        ("Tuesday, January 7, 2025", datetime(2025, 1, 7, tzinfo=UTC), "day"),
        ("30.04.2024", datetime(2024, 4, 30, tzinfo=UTC), "day"),
        ("29/03/2024", datetime(2024, 3, 29, tzinfo=UTC), "day"),
        ("Thu, 28 Mar 2024 18:42:00 GMT", datetime(2024, 3, 28, 18, 42, tzinfo=UTC), "minute"),
        ("December 13, 2024 - 6:10 a.m. ET", datetime(2024, 12, 13, 11, 10, tzinfo=UTC), "minute"),
    ],
)
def test_date_shapes(text: str, expected: datetime, precision: str) -> None:
    assert parse_date(text) == (expected, precision)


def test_date_from_text_then_fetch_time() -> None:
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    found = publication_date([], "The committee met; date 2024-03-29 (Friday) it said.", fetched)
    assert (found.at, found.precision, found.source) == (datetime(2024, 3, 29, tzinfo=UTC), "day", "text")
    found = publication_date([], "No date here at all.", fetched)
    assert (found.at, found.precision) == (fetched, "fetched")
    local = publication_date(["2024.10.31 17:20"], "", fetched, country="KR")
    assert local.at == datetime(2024, 10, 31, 8, 20, tzinfo=UTC)


def test_identity_ignores_typography_and_whitespace() -> None:
    assert document_id("Russia’s  “veto”\n— ends it") == document_id('russia\'s "veto" - ends it')
    assert document_id("one text") != document_id("another text")


def test_urls_ingested_with_per_item_errors(tmp_path: Path, sqlite_template: Path) -> None:
    import shutil

    shutil.copy(sqlite_template, tmp_path / "watchkeeper.sqlite")
    settings = Settings(tmp_path, default_database_url(tmp_path), allow_private_urls=True)
    store = Store(settings.database_url)
    page = (corpus_dir() / "articles" / "veto-02-meridian-courier.html").read_bytes()
    with serve() as site:
        site.routes["/story"] = Route(page, headers={"Content-Type": "text/html; charset=utf-8"})
        site.routes["/again"] = Route(page, headers={"Content-Type": "text/html"})
        site.routes["/slow"] = Route(page, delay=1.5)
        site.routes["/empty"] = Route(b"", headers={"Content-Type": "text/html"})
        targets = [site.url(p) for p in ("/story", "/again", "/slow", "/empty", "/missing")]
        report = ingest(store, settings, targets, limits=FetchLimits(timeout=0.5))
    status = {item.locator.rsplit("/", 1)[1]: item.status for item in report.items}
    assert status == {
        "story": "new",
        "again": "duplicate",
        "slow": "error",
        "empty": "error",
        "missing": "error",
    }
    assert report.documents == 1
    store.dispose()
