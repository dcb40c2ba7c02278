"""Maritime monitoring: AIS in, tracks, detectors (gaps, encounters, loitering, port calls, renames)."""
