"""A story fades: the similarity a document needs to join it rises with the days off its span."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from watchkeeper.evidence.stories import StorySettings, days_off_span, join_threshold, story_settings
from watchkeeper.evidence.story_gold import group_with_intake
from watchkeeper.store.models.evidence import Story

LAUNCH = [
    "A missile flew east from the coast of Sinpo at dawn and fell into the sea near the island of Ullung, "
    "the army said, after a flight of about five hundred kilometres on a low and looping path.",
    "Officers in the capital said the weapon looked like the solid-fuel type paraded last autumn, and that "
    "radar lost it over the water after nine minutes of flight.",
    "Fishing crews near Ullung were told to return to port, and the coast guard closed the eastern lanes for "
    "the rest of the morning while the analysis went on.",
]

# Another launch, written much like the first: close enough to join a story of the same week.
LATER = [
    "A rocket flew east from Hamhung before dawn and came down off Ullung, the army said, after a flight of "
    "about eight hundred kilometres.",
    "Officers said it was a new liquid-fuel design that the navy tracked for twelve minutes.",
]


def _story(first: str, last: str) -> Story:
    return Story(first_at=datetime.fromisoformat(first), last_at=datetime.fromisoformat(last))


def test_days_off_span_count_only_outside_the_story_span() -> None:
    story = _story("2026-03-02T00:00:00+00:00", "2026-03-04T00:00:00+00:00")
    assert days_off_span(story, datetime(2026, 3, 3, tzinfo=UTC)) == 0
    assert days_off_span(story, datetime(2026, 3, 14, tzinfo=UTC)) == 10
    assert days_off_span(story, None) == 0


def test_the_join_threshold_rises_only_past_the_grace_days() -> None:
    settings = story_settings()
    assert join_threshold(settings, settings.decay.grace_days) == settings.threshold
    assert join_threshold(settings, settings.decay.grace_days + 30) > settings.threshold


def test_story_settings_are_validated() -> None:
    with pytest.raises(ValidationError):
        StorySettings.model_validate({"version": 1, "threshold": 1.5, "window_days": 60, "decay": {}})


@pytest.mark.parametrize(("date", "joins"), [("2026-03-05", True), ("2026-04-28", False)])
def test_a_like_report_joins_in_the_same_week_but_not_weeks_later(date: str, joins: bool) -> None:
    rows = [
        {"id": "first", "title": "Missile falls near Ullung", "date": "2026-03-02", "paragraphs": LAUNCH},
        {"id": "like", "title": "Missile falls off Ullung", "date": date, "paragraphs": LATER},
    ]
    got = group_with_intake(rows)
    assert (got["like"][0] == got["first"][0]) is joins
