"""Wire copies and close-but-different events, written for the project, through the production intake."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from watchkeeper.evidence.scoring import bcubed
from watchkeeper.evidence.story_gold import expand_copies, group_with_intake

FIXTURE = Path(__file__).parent / "stories_fixture.yaml"


@pytest.fixture(scope="module")
def grouped() -> tuple[list[dict], dict[str, tuple[str | None, str | None]]]:
    rows = expand_copies(yaml.safe_load(FIXTURE.read_text(encoding="utf-8")))
    return rows, group_with_intake(rows)


def test_re_headlined_trimmed_and_boilerplated_copies_share_a_copy_group(grouped) -> None:
    rows, got = grouped
    score = bcubed({k: v[1] for k, v in got.items()}, {r["id"]: r["copy_group"] for r in rows})
    assert score.f1 >= 0.98


def test_an_independent_report_joins_the_wire_story_of_its_event(grouped) -> None:
    _, got = grouped
    assert got["launch-a-own"][0] == got["launch-a"][0]


def test_another_launch_four_days_later_is_another_story(grouped) -> None:
    _, got = grouped
    assert got["launch-b"][0] != got["launch-a"][0]
    assert got["launch-b-trimmed"][0] != got["launch-a-trimmed"][0]


def test_fixture_stories_score_in_full(grouped) -> None:
    rows, got = grouped
    assert bcubed({k: v[0] for k, v in got.items()}, {r["id"]: r["story"] for r in rows}).f1 >= 0.98


def test_one_outlets_briefs_of_different_events_are_not_copies_through_its_standing_paragraph(
    grouped,
) -> None:
    _, got = grouped
    briefs = {got[name][1] for name in ("launch-a-brief", "launch-b-brief", "tanker-brief")}
    assert len(briefs) == 3
    assert got["launch-b-brief"][0] == got["launch-b"][0] != got["launch-a"][0]
