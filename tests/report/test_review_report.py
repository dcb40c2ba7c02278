"""Analysts' review in the report: rejected and merged incidents leave the body for annex III, confirmed ones
are marked, the ledger stops counting a rejected delivery, and orphaned reviews are listed."""

from __future__ import annotations

from datetime import date

from lxml import html as lxml_html
from sqlalchemy import select

from tests.report.test_report import END, START
from watchkeeper.assess import review as decisions
from watchkeeper.regime import load_regime
from watchkeeper.report import build_report, render_html, render_markdown, with_charts
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident, IncidentReview


def _text(store: Store) -> tuple[str, str]:
    with store.session() as session:
        data = with_charts(build_report(session, load_regime(), START, END))
    html = " ".join(lxml_html.fromstring(render_html(data)).text_content().split())
    return html, render_markdown(data, {"timeline": "t.svg", "ledger": "l.svg"})


def test_reviews_shape_the_report(gold_store: Store) -> None:
    with gold_store.session() as session:
        launches = session.scalars(
            select(AssessedIncident)
            .where(AssessedIncident.kind == "missile_launch", AssessedIncident.date.between(START, END))
            .order_by(AssessedIncident.date, AssessedIncident.id)
        ).all()
        deliveries = session.scalars(
            select(AssessedIncident).where(
                AssessedIncident.kind == "petroleum_delivery", AssessedIncident.date >= date(2024, 1, 1)
            )
        ).all()
        rejected, duplicate, confirmed = launches[0].id, launches[1].id, launches[2].id
        before = build_report(session, load_regime(), START, END)
    html_before, _ = _text(gold_store)
    assert "No incident of the period was rejected or merged by an analyst." in html_before
    with gold_store.session() as session:
        decisions.reject(session, rejected, "ana", "a misdated retelling")
        decisions.merge(session, duplicate, confirmed, "ana", "same launch")
        decisions.confirm(session, confirmed, "bo", "imagery")
        for delivery in deliveries:
            decisions.reject(session, delivery.id, "ana", "not a delivery")
        gone = IncidentReview(incident_id="aincident-gone", status="confirmed", reviewed_by="cy", edits={})
        session.add(gone)
    with gold_store.session() as session:
        after = build_report(session, load_regime(), START, END)
    ids = {i.id for i in after.incidents}
    assert rejected not in ids and duplicate not in ids and confirmed in ids
    assert len(after.incidents) == len(before.incidents) - 2 - len(deliveries)
    view = next(i for i in after.incidents if i.id == confirmed)
    assert view.confirmed and "Confirmed by analyst bo" in view.review
    out = {r["id"]: r for r in after.reviewed_out}
    assert out[rejected]["decision"] == "Rejected" and out[rejected]["reason"] == "a misdated retelling"
    assert out[duplicate]["decision"] == f"Merged into {confirmed}"
    assert [r["id"] for r in after.orphaned_reviews] == ["aincident-gone"]
    y2024 = next(y for y in after.ledger if y.year == 2024 and y.commodity == "refined_petroleum")
    assert y2024.alleged == 0 and y2024.reviewed_out  # every delivery with a volume, listed, not counted
    assert set(y2024.reviewed_out) <= {d.id for d in deliveries}
    html, markdown = _text(gold_store)
    for text in (html, markdown):
        assert "Annex III. Reviewed out by analysts" in text and "a misdated retelling" in text
        assert "Confirmed by analyst bo" in text and "aincident-gone" in text
        assert "rejected or merged by analysts are not counted (annex III)" in text
    assert "Ask Russia to account for deliveries of refined petroleum in 2024" not in html
