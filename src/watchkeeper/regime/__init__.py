"""The UN DPRK sanctions regime as data: resolutions, their measures, caps, and what was in force when.

Entry points: :func:`load_regime` (validated data files, cached), :class:`Regime` (``in_force``,
``cap_in_force``, ``measure``, ``resolution``) and :func:`sync_regime` (into the store's tables).
"""

from watchkeeper.regime.catalogue import ChainLink, Regime
from watchkeeper.regime.loader import load_regime, package_data_dir
from watchkeeper.regime.models import Direction, Kind, Limit, Measure, Resolution
from watchkeeper.regime.sync import SyncResult, sync_regime

__all__ = [
    "ChainLink",
    "Direction",
    "Kind",
    "Limit",
    "Measure",
    "Regime",
    "Resolution",
    "SyncResult",
    "load_regime",
    "package_data_dir",
    "sync_regime",
]
