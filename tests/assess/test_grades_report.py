"""What the report says about grades and replies: who is invited to reply (never an outlet, never a state on
its own announced act), how the invitation reads, and votes kept out of the breach findings."""

from __future__ import annotations

from datetime import date

from watchkeeper.report.findings import _events_text, _unlinked_text, deniers
from watchkeeper.report.model import EvidenceRow, IncidentView
from watchkeeper.report.recommendations import invitation_text


def _row(source: str, source_class: str, key: str) -> EvidenceRow:
    return EvidenceRow(source, source_class, "An Outlet", "2024-01-02", "words", 1, key=key)


def _incident(
    kind: str = "missile_launch",
    evidence: list[EvidenceRow] | None = None,
    denials: list[EvidenceRow] | None = None,
    when: str = "2 January 2024",
) -> IncidentView:
    return IncidentView(
        id=f"inc-{kind}",
        kind=kind,
        kind_label=kind.replace("_", " ").capitalize(),
        when=when,
        on=date(2024, 1, 2),
        summary="what happened",
        grade="B",
        grade_meaning="",
        reasons=[],
        status="alleged",
        refs=[1],
        evidence=evidence or [],
        denials=denials or [],
        actors="",
        quantities="",
        measures=[],
        override=None,
        designated=[],
        actor_records=[],
    )


NK_DENIES = _row("North Korea", "party", "country:north-korea")


def test_a_state_that_announced_its_launch_is_not_listed_as_denying_it() -> None:
    # KCNA reporting the launch is an admission: a stray denial by the same state does not make it a denier
    admitted = _incident(evidence=[_row("North Korea", "party", "country:north-korea")], denials=[NK_DENIES])
    assert deniers(admitted) == []


def test_an_outlet_printing_a_denial_is_not_invited_to_reply() -> None:
    # only the parties that deny are named; the newspaper that reported their denial is not one of them
    printed = _row("Own reporting", "media", "outlet:an-outlet")
    contested = _incident(kind="arms_transfer", denials=[printed, _row("Russia", "party", "country:russia")])
    assert deniers(contested) == ["Russia"]


def test_an_invitation_names_one_incident_in_the_singular() -> None:
    # one state and one act read as a sentence, not "incidents it denies"
    text = invitation_text(["Russia"], [_incident(kind="arms_transfer", when="September 2023")])
    assert (
        text
        == "Invite Russia to reply to the evidence on the arms transfer (September 2023), which it denies."
    )


def test_an_invitation_to_two_states_on_two_incidents_counts_them() -> None:
    # several deniers share one invitation that counts the incidents and lists each with its date
    text = invitation_text(["North Korea", "Russia"], [_incident("arms_transfer"), _incident("cyber_theft")])
    assert text.startswith(
        "Invite North Korea and Russia to reply to the evidence on 2 incidents, which they deny:"
    )


def test_votes_outside_the_breach_sections_are_called_events_and_other_kinds_no_measure() -> None:
    # the paragraph over the other incidents says why each kind is there, in words from the rules file
    text = _unlinked_text([_incident("council_vote"), _incident("port_call")])
    assert "Council votes are events, not breaches" in text
    assert "no measure" in text and "port calls" in text


def test_the_summary_counts_council_votes_apart_as_events() -> None:
    # a reader of page 1 learns how many of the incidents are votes, which breach nothing
    figures: list = []
    text = _events_text(
        [_incident("council_vote"), _incident("council_vote"), _incident("arms_transfer")], figures
    )
    assert text == " The period also has 2 Council votes: events, not breaches."
    one = _events_text([_incident("council_vote"), _incident("arms_transfer")], [])
    assert one == " The period also has 1 Council vote: an event, not a breach."
    assert figures[0].value == 2
