"""What the report says about the regime itself, read from the regime data rather than spelled in the report:
which measure is the asset freeze, which Committee and list the regime set up, how soon a delivery under a
cap must be notified."""

from __future__ import annotations

from dataclasses import dataclass

from watchkeeper.regime import Regime
from watchkeeper.regime.models import Kind, Measure


def asset_freeze(regime: Regime) -> Measure:
    """The regime's asset freeze: its first designation measure on assets (1718 OP8 (d) in the shipped data).

    Later designation measures on assets add names or vessels to it; the freeze itself is the oldest.
    """
    freezes = [
        m for m in regime.select(kind=Kind.DESIGNATION, commodity="assets") if m.commodities == ["assets"]
    ]
    return min(freezes, key=lambda m: (m.effective_from, m.id))


@dataclass(frozen=True)
class RegimeFacts:
    """The regime facts the report's words use."""

    asset_freeze: str  # the measure id the report shows on its own only when nothing else applies
    committee: str  # "1718 Committee": set up by the resolution that created the asset freeze
    list_name: str  # "1718 list": the list of those the asset freeze applies to
    reporting_days: dict[str, int]  # cap measure id -> days within which a delivery must be notified

    @classmethod
    def of(cls, regime: Regime) -> RegimeFacts:
        """Read the facts from ``regime``."""
        freeze = asset_freeze(regime)
        days = {
            m.id: next(r.every_days for r in m.reporting if r.every_days is not None)
            for m in regime.select(kind=Kind.CAP)
            if any(r.every_days is not None for r in m.reporting)
        }
        return cls(freeze.id, f"{freeze.resolution} Committee", f"{freeze.resolution} list", days)
