"""Who is who: name matching across spellings and scripts, screening against the lists, mention clusters."""

from watchkeeper.resolve.matcher import (
    FEATURES,
    MATCH_THRESHOLD,
    POSSIBLE_THRESHOLD,
    FeatureResult,
    MatchResult,
    match_names,
)

__all__ = [
    "FEATURES",
    "MATCH_THRESHOLD",
    "POSSIBLE_THRESHOLD",
    "FeatureResult",
    "MatchResult",
    "match_names",
]
