"""Designated lists: the UN Consolidated List, the 1718 Committee's vessels, FollowTheMoney data.

Other stages use only what is exported here (see docs/interfaces.md): the names for screening, the vessels for
ship tracking, and the IMO check digit.
"""

from watchkeeper.lists.identifiers import valid_imo, valid_mmsi
from watchkeeper.lists.queries import (
    DesignatedName,
    DesignatedVessel,
    designated_vessels,
    iter_designated_names,
)

__all__ = [
    "DesignatedName",
    "DesignatedVessel",
    "designated_vessels",
    "iter_designated_names",
    "valid_imo",
    "valid_mmsi",
]
