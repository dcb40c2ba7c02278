"""Orphaned reviews: moved onto the incident that replaced them, or dismissed; both audited."""

from __future__ import annotations

import pytest

from tests.assess.gold import load_gold
from tests.assess.test_review import ARTICLES, LATER_OIL, _ids
from tests.conftest import Cli
from watchkeeper.assess import orphaned_reviews, reviewed_incidents
from watchkeeper.assess import review as decisions
from watchkeeper.audit import audit_entries
from watchkeeper.store import Store


@pytest.fixture
def orphaned(cli: Cli, store: Store) -> tuple[str, str]:
    """A rejected delivery and a note on it, then two more reports that give the delivery a new id."""
    with store.session() as session:
        load_gold(session, ARTICLES)
    cli.ok("assess")
    old = _ids(store)["oil"]
    with store.session() as session:
        decisions.reject(session, old, "ana", "port calls, not deliveries")
        decisions.add_note(session, old, "ana", "check the port records")
        load_gold(session, LATER_OIL)
    assert "incidents reattach" in cli.ok("assess").stderr
    return old, _ids(store)["oil"]


def test_reattach_moves_the_review_and_its_notes(cli: Cli, store: Store, orphaned: tuple[str, str]) -> None:
    old, new = orphaned
    out = cli.ok("incidents", "reattach", old, new, "--reason", "same delivery, two more reports")
    assert new in out.stdout
    with store.session() as session:
        assert orphaned_reviews(session) == []
        assert new not in {i.id for i in reviewed_incidents(session)}  # rejected now
        assert [n["text"] for n in decisions.incident_notes(session, new)] == ["check the port records"]
        (entry,) = [e for e in audit_entries(session, limit=50) if e.action == "incident.reattach"]
        assert entry.record_id == old and entry.after["incident_id"] == new
        assert entry.before["status"] == "rejected"
    assert "no longer attach" not in cli.ok("assess").stderr


def test_dismiss_drops_the_review_and_keeps_it_in_the_audit(
    cli: Cli, store: Store, orphaned: tuple[str, str]
) -> None:
    old, new = orphaned
    cli.fails("incidents", "dismiss-review", old, "--reason", " ", expect="needs a reason")
    cli.ok("incidents", "dismiss-review", old, "--reason", "re-reviewing the new incident")
    with store.session() as session:
        assert orphaned_reviews(session) == []
        assert new in {i.id for i in reviewed_incidents(session)}  # awaiting review again, not rejected
        (entry,) = [e for e in audit_entries(session, limit=50) if e.action == "incident.dismiss_review"]
        assert entry.before["status"] == "rejected" and entry.reason == "re-reviewing the new incident"


def test_only_orphans_move_or_go(cli: Cli, store: Store, orphaned: tuple[str, str]) -> None:
    old, new = orphaned
    cli.fails("incidents", "reattach", new, old, expect="still assessed")
    cli.fails("incidents", "dismiss-review", new, "--reason", "x", expect="still assessed")
    cli.fails("incidents", "reattach", "aincident-0000000000000000", new, expect="no review names")
    with store.session() as session:
        decisions.confirm(session, new, "ana")
    cli.fails("incidents", "reattach", old, new, expect="has a review of its own")
