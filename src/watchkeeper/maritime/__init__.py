"""Maritime monitoring: AIS in, tracks, detectors (gaps, encounters, loitering, port calls, renames).

Other stages use what is exported here (see docs/interfaces.md) and the tables ``vessel_identity`` and
``maritime_event``.
"""

from watchkeeper.maritime.config import DetectorConfig, load_config
from watchkeeper.maritime.events import event_record, list_events, run_detection
from watchkeeper.maritime.identity import identity_history
from watchkeeper.maritime.ingest import import_file
from watchkeeper.maritime.positions import read_positions
from watchkeeper.maritime.tracks import Tracks, build_tracks

__all__ = [
    "DetectorConfig",
    "Tracks",
    "build_tracks",
    "event_record",
    "identity_history",
    "import_file",
    "list_events",
    "load_config",
    "read_positions",
    "run_detection",
]
