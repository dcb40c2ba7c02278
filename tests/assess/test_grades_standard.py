"""The grading standard written down the way the panel worked: two independent sources for a finding, strong
sources (official bodies, direct evidence, admissions) apart from reports that name no source, and who counts
as whom (ministries for their state, parties admitting their own acts, outlets never as deniers)."""

from __future__ import annotations

from watchkeeper.assess.grading import grade_evidence
from watchkeeper.assess.sightings import Evidence
from watchkeeper.assess.sources import admits, speaker_for

NK, ROK, US, JP, RU = (
    "country:north-korea",
    "country:south-korea",
    "country:united-states",
    "country:japan",
    "country:russia",
)


def _said(key: str, source_class: str = "media", cues: list[str] | None = None) -> Evidence:
    return Evidence(
        stance="reports",
        quoted="a sentence of the report",
        source_key=key,
        source_name=key.partition(":")[2].replace("-", " ").title(),
        source_class=source_class,
        evidence_type="direct" if cues else "assertion",
        direct_cues=cues or [],
    )


def _grade(*evidence: Evidence) -> str:
    return grade_evidence(list(evidence)).grade


def test_one_outlet_naming_no_source_makes_an_incident_reported_not_uncorroborated() -> None:
    # a single credible newsroom is a report (C); D is kept for unnamed sources
    assert _grade(_said("outlet:a")) == "C"


def test_up_to_three_outlets_naming_no_source_stay_reported() -> None:
    # background mentions in several papers are still mentions: no official body, evidence or admission
    assert _grade(_said("outlet:a"), _said("outlet:b"), _said("outlet:c")) == "C"


def test_four_independent_newsrooms_corroborate_it() -> None:
    # when four separate newsrooms report it, it is corroborated by their number
    assert _grade(*(_said(f"outlet:{n}") for n in "abcd")) == "B"


def test_an_official_body_alone_is_one_source() -> None:
    # the standard asks for two independent sources: one government on the record is not yet a finding
    assert _grade(_said(US, "official")) == "C"


def test_an_official_body_and_a_second_independent_source_corroborate_it() -> None:
    # a government on the record and another newsroom reporting it meet the two-source standard
    assert _grade(_said(US, "official"), _said("outlet:a")) == "B"


def test_one_source_is_never_a_finding_even_an_official_one_with_its_own_imagery() -> None:
    # a government citing its own patrol photographs is still one source: the standard asks for two
    graded = grade_evidence([_said(JP, "official", cues=["imagery"])])
    assert graded.grade == "C" and graded.score >= 4.5
    assert "fewer than the two" in graded.features[0].explanation


def test_an_admission_needs_two_reports_to_corroborate_it() -> None:
    # the state's own announcement carried by one digest is reported; carried by two newsrooms, corroborated
    assert _grade(_said(NK, "party")) == "C"
    assert _grade(_said(NK, "party"), _said("outlet:a")) == "B"


def test_an_official_detection_and_the_states_own_announcement_are_well_corroborated() -> None:
    # South Korea's military saw the launch and the DPRK announced it: two independent strong lines
    assert _grade(_said(ROK, "official"), _said(NK, "party")) == "A"


def test_two_governments_on_the_record_are_well_corroborated() -> None:
    # two states attributing the same theft independently is the panel's strongest ordinary finding
    assert _grade(_said(US, "official"), _said(JP, "official")) == "A"


def test_only_unnamed_sources_leave_it_uncorroborated() -> None:
    # "officials who declined to be named" are reported, never a source the report can stand on
    assert _grade(_said("outlet:a", "anonymous")) == "D"


def test_an_outlet_reporting_a_denial_is_not_the_one_denying() -> None:
    # "both countries have denied it" is the parties' denial; the newspaper printing it denies nothing
    printed = Evidence(
        stance="denies",
        quoted="Both governments have denied it.",
        source_key="outlet:a",
        source_name="A",
        source_class="media",
        evidence_type="assertion",
    )
    denials = next(f for f in grade_evidence([_said("outlet:b"), printed]).features if f.name == "denials")
    assert denials.value == 0 and "A" not in denials.explanation.split()


def test_a_ministry_in_the_gazetteer_speaks_for_its_state() -> None:
    # a defence ministry's word is its government's, so it counts once with that government's other organs
    assert speaker_for("org:south-korea-defence-ministry") == ROK
    assert speaker_for("org:japan-national-police-agency") == JP


def test_a_state_blaming_an_outsider_while_announcing_its_launch_still_admits_it() -> None:
    # KCNA calling a launch a warning to Washington admits the launch: Washington is no party to it
    assert admits(NK, US, {NK})


def test_a_party_accusing_another_party_of_the_act_does_not_admit_it() -> None:
    # South Korea, read as a recipient, saying the DPRK sent the arms is an accusation, not an admission
    assert not admits(ROK, NK, {ROK, NK})
    assert not admits(RU, NK, {RU, NK})


def test_one_strong_source_however_much_repeated_is_not_well_corroborated() -> None:
    # an official body citing its own imagery, echoed by three newsrooms, is still one strong source (B)
    graded = grade_evidence([_said(US, "official", cues=["imagery"]), *(_said(f"outlet:{n}") for n in "abc")])
    assert graded.grade == "B"
    agree = next(f for f in graded.features if f.name == "strong_sources_agree")
    assert agree.value == 0 and "one strong source" in agree.explanation


def test_an_outlet_citing_debris_is_a_second_strong_source_beside_a_government() -> None:
    # a government's word and another newsroom's account of the debris are two independent strong sources
    graded = grade_evidence([_said(US, "official"), _said("outlet:a", cues=["debris"])])
    assert graded.grade == "A"
    assert "2 independent strong sources agree" in next(
        f.explanation for f in graded.features if f.name == "strong_sources_agree"
    )


def test_a_place_never_speaks_for_its_state() -> None:
    # "a diplomat in Moscow said" is no statement of Russia: only organs the gazetteer marks speak for a state
    assert speaker_for("place:moscow") == "place:moscow"
    assert speaker_for("org:white-house") == US
