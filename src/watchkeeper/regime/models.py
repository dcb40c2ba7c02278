"""The regime's records as pydantic models: a resolution, its measures, their limits, reporting and alerts.

The field names are the data-file keys (see docs/regime.md). Models are frozen: the regime is read-only data.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MEASURE_ID = re.compile(r"^(?P<resolution>\d{4})-(op\d+[a-z]?(-[ivx]+)?|annexes)$")


class Kind(StrEnum):
    """What a measure does."""

    BAN = "ban"
    CAP = "cap"
    DESIGNATION = "designation"
    OBLIGATION = "obligation"
    INSPECTION = "inspection"
    EXEMPTION = "exemption"
    INSTITUTION = "institution"


class Direction(StrEnum):
    """Which way the goods or activity move relative to the DPRK."""

    TO_DPRK = "to_dprk"
    FROM_DPRK = "from_dprk"
    BOTH = "both"
    NONE = "none"


class Period(StrEnum):
    """How a limit's period runs: a fixed window, consecutive twelve-month periods, or standing."""

    WINDOW = "window"
    TWELVE_MONTHS = "twelve_months"
    STANDING = "standing"


class Confidence(StrEnum):
    """How the paragraph and its content were checked: V verified, R recalled (unverified), D derived."""

    VERIFIED = "V"
    RECALLED = "R"
    DERIVED = "D"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Amount(_Record):
    """An alternative expression of a limit (e.g. 525,000 tonnes beside 4 million barrels)."""

    value: int | float
    unit: str


class Limit(_Record):
    """A numeric limit with its unit and the period it applies to."""

    value: int | float | None
    unit: str
    period: Period
    starts: date
    ends: date | None = None
    alternatives: list[Amount] = Field(default_factory=list)
    rule: str | None = None
    basis: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Limit:
        if self.value is None and not self.basis:
            raise ValueError("a limit without a value needs a 'basis' saying how it is fixed")
        if self.ends is not None and self.ends < self.starts:
            raise ValueError(f"ends {self.ends} is before starts {self.starts}")
        if self.period is Period.WINDOW and self.ends is None:
            raise ValueError("a 'window' limit needs 'ends'")
        return self

    def applies_on(self, day: date) -> bool:
        """Whether this limit governs ``day``."""
        return self.starts <= day and (self.ends is None or day <= self.ends)

    def window_on(self, day: date) -> tuple[date, date | None] | None:
        """The period (first and last day) of this limit that contains ``day``, or None."""
        if not self.applies_on(day):
            return None
        if self.period is not Period.TWELVE_MONTHS:
            return self.starts, self.ends
        years = day.year - self.starts.year
        start = _add_years(self.starts, years)
        if start > day:
            start = _add_years(self.starts, years - 1)
        end = date.fromordinal(_add_years(start, 1).toordinal() - 1)
        return start, end


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year + years, day=28)


class Reporting(_Record):
    """A reporting or notification duty attached to a measure."""

    by: str
    to: str
    what: str
    when: str
    every_days: int | None = None


class Alerts(_Record):
    """Alerts the Committee (or its Secretary) sends as a cap fills."""

    issued_by: str
    thresholds_percent: list[int] = Field(default_factory=list)
    note: str | None = None

    @field_validator("thresholds_percent")
    @classmethod
    def _percentages(cls, values: list[int]) -> list[int]:
        if any(not 0 < v <= 100 for v in values) or values != sorted(values):
            raise ValueError("thresholds must be ascending percentages between 1 and 100")
        return values


class Vote(_Record):
    """The Council vote on adoption."""

    in_favour: int = Field(ge=0, le=15)
    against: int = Field(ge=0, le=15)
    abstentions: int = Field(ge=0, le=15)


class Measure(_Record):
    """One operative paragraph (or sub-paragraph, or annex) of a resolution, as a measure."""

    id: str
    resolution: int
    paragraph: str
    kind: Kind
    direction: Direction
    subject: str = Field(min_length=3)
    commodities: list[str] = Field(default_factory=list)
    description: str = Field(min_length=3)
    limits: list[Limit] = Field(default_factory=list)
    reporting: list[Reporting] = Field(default_factory=list)
    alerts: Alerts | None = None
    effective_from: date
    effective_to: date | None = None
    amends: list[str] = Field(default_factory=list)
    supersedes: list[str] = Field(default_factory=list)
    confidence: Confidence
    verified: str = Field(min_length=3)

    @model_validator(mode="after")
    def _check(self) -> Measure:
        match = MEASURE_ID.match(self.id)
        if match is None:
            raise ValueError(f"id {self.id!r} is not like '2397-op5', '1718-op8a-i' or '2087-annexes'")
        if int(match["resolution"]) != self.resolution:
            raise ValueError(f"id {self.id!r} does not start with its resolution {self.resolution}")
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(
                f"effective_to {self.effective_to} is before effective_from {self.effective_from}"
            )
        if self.kind is Kind.CAP and not self.limits:
            raise ValueError("a cap needs at least one entry in 'limits'")
        if self.id in self.amends or self.id in self.supersedes:
            raise ValueError("a measure cannot amend or supersede itself")
        return self

    @property
    def limit(self) -> Limit | None:
        """The standing limit: the one that runs longest (the last listed)."""
        return self.limits[-1] if self.limits else None

    def limit_on(self, day: date) -> Limit | None:
        """The limit that governs ``day``, if any."""
        for limit in self.limits:
            if limit.applies_on(day):
                return limit
        return None

    def to_record(self) -> dict[str, Any]:
        """The measure as a JSON-ready dict with stable keys."""
        return self.model_dump(mode="json")


class Resolution(_Record):
    """A Security Council resolution with its measures."""

    number: int = Field(ge=1, le=9999)
    adopted: date
    title: str = Field(min_length=3)
    summary: str = Field(min_length=3)
    vote: Vote | None = None
    sources: list[str] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Resolution:
        for measure in self.measures:
            if measure.effective_from < self.adopted:
                raise ValueError(
                    f"measure {measure.id}: effective_from {measure.effective_from} "
                    f"is before adoption {self.adopted}"
                )
        return self

    def to_record(self, *, with_measures: bool = False) -> dict[str, Any]:
        """The resolution as a JSON-ready dict with stable keys (measure ids, or whole measures)."""
        record = self.model_dump(mode="json", exclude={"measures"})
        record["measure_ids"] = [m.id for m in self.measures]
        if with_measures:
            record["measures"] = [m.to_record() for m in self.measures]
        return record
