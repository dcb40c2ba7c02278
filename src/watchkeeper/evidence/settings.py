"""Story and copy settings: thresholds read from ``data/evidence/stories.yaml`` through strict models."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from watchkeeper.datafiles import cached, data_file, read_model


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StoryDecay(_Strict):
    """How a story fades: its join threshold rises ``per_day`` a day past ``grace_days`` off its span."""

    grace_days: float = Field(ge=0, le=60)
    per_day: float = Field(ge=0, le=0.05)


class CopySettings(_Strict):
    """When a text counts as a copy of another (``evidence/copies.py``)."""

    min_containment: float = Field(gt=0, le=1)
    min_shingles: int = Field(ge=1)


class StandingSettings(_Strict):
    """What counts as an outlet's standing text (``evidence/standing.py``)."""

    min_words: int = Field(ge=1)
    max_share: float = Field(gt=0, le=1)


class StorySettings(_Strict):
    """The story and copy settings of ``data/evidence/stories.yaml``."""

    version: Literal[1]
    threshold: float = Field(gt=0, lt=1)
    window_days: int = Field(ge=1, le=365)
    decay: StoryDecay
    copies: CopySettings
    standing: StandingSettings


@cached
def story_settings() -> StorySettings:
    """The validated story settings (``data/evidence/stories.yaml``, or its override)."""
    return read_model(StorySettings, data_file("evidence", "stories.yaml"))
