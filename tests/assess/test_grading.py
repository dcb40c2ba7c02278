"""Corroboration grades: independence of sources, copies, official sources, denials shown not subtracted."""

from __future__ import annotations

from sqlalchemy import select

from tests.assess.gold import load_gold
from watchkeeper.assess import assess, grade_evidence, incident_record
from watchkeeper.assess.sightings import Evidence
from watchkeeper.store import Store
from watchkeeper.store.models.assess import AssessedIncident


def _report(
    key: str, source_class: str = "media", copy_group: str | None = None, cues: list[str] | None = None
) -> Evidence:
    return Evidence(
        stance="reports",
        quoted="words",
        source_key=key,
        source_name=key,
        source_class=source_class,
        evidence_type="direct" if cues else "assertion",
        direct_cues=cues or [],
        copy_group_id=copy_group,
    )


def test_copies_of_one_wire_count_once() -> None:
    one = grade_evidence([_report("copy:wire-1", copy_group="wire-1")])
    three = grade_evidence([_report("copy:wire-1", copy_group="wire-1") for _ in range(3)])
    assert (one.grade, one.score) == (three.grade, three.score)
    assert three.features[0].value == 1


def test_independent_sources_raise_the_grade() -> None:
    one = grade_evidence([_report("outlet:a")])
    two = grade_evidence([_report("outlet:a"), _report("outlet:b")])
    assert two.score > one.score


def test_outlets_quoting_one_government_count_as_that_government() -> None:
    graded = grade_evidence(
        [_report("country:united-states", "official"), _report("country:united-states", "official")]
    )
    assert graded.features[0].value == 1
    assert "official" in graded.features[1].explanation


def test_direct_evidence_and_officials_reach_the_top_grade() -> None:
    graded = grade_evidence(
        [
            _report("country:south-korea", "official"),
            _report("country:japan", "official"),
            _report("outlet:a", cues=["imagery"]),
        ]
    )
    assert graded.grade == "A"
    assert {f.name for f in graded.features if f.points > 0} >= {"direct_evidence", "several_official_states"}


def test_a_denial_is_shown_and_never_subtracted() -> None:
    reports = [_report("country:united-states", "official"), _report("outlet:a")]
    denial = Evidence(
        stance="denies",
        quoted="Moscow denies it",
        source_key="country:russia",
        source_name="Russia",
        source_class="party",
        evidence_type="assertion",
    )
    without, with_denial = grade_evidence(reports), grade_evidence([*reports, denial])
    assert with_denial.score == without.score and with_denial.grade == without.grade
    denials = next(f for f in with_denial.features if f.name == "denials")
    assert denials.value == 1 and denials.points == 0 and "Russia" in denials.explanation


def test_syndicated_copies_in_the_store_do_not_raise_a_grade(sqlite_store: Store) -> None:
    group = [
        "kharkiv-01-asia-pacific-newswire",
        "kharkiv-02-kyiv-frontline-review",
        "kharkiv-03-baltic-standard",
    ]
    with sqlite_store.session() as session:
        load_gold(session, group[:1])
    assess(sqlite_store)
    with sqlite_store.session() as session:
        before = {
            (i.kind, i.date): (i.grade, i.source_count) for i in session.scalars(select(AssessedIncident))
        }
        load_gold(session, group[1:])
    assess(sqlite_store)
    with sqlite_store.session() as session:
        after = {
            (i.kind, i.date): (i.grade, i.source_count) for i in session.scalars(select(AssessedIncident))
        }
    assert before and after == before


def test_a_denial_in_the_corpus_is_recorded_as_a_denial(gold_store: Store) -> None:
    with gold_store.session() as session:
        incident = next(
            i
            for i in session.scalars(
                select(AssessedIncident).where(AssessedIncident.kind == "petroleum_delivery")
            )
            if i.date and i.date.isoformat() == "2024-03-01"
        )
        record = incident_record(session, incident)
    assert record["status"] == "contested"
    assert record["denials"] and all(d["stance"] == "denies" for d in record["denials"])
    assert any("Russia" in d["source_name"] for d in record["denials"])
    assert all(e["stance"] == "reports" for e in record["evidence"])
    denials = next(f for f in record["grade_features"] if f["name"] == "denials")
    assert denials["value"] >= 1 and denials["points"] == 0


def test_well_corroborated_is_defined_once_in_the_grading_data() -> None:
    from watchkeeper.assess.grading import well_corroborated

    assert well_corroborated() == {"A", "B"}
