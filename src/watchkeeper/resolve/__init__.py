"""Who is who: name matching across spellings and scripts, screening against the lists, mention clusters."""

from watchkeeper.resolve.clusters import ClusterLink, EntityCluster, Mention, cluster_mentions
from watchkeeper.resolve.matcher import (
    FEATURES,
    MATCH_THRESHOLD,
    POSSIBLE_THRESHOLD,
    FeatureResult,
    MatchResult,
    match_names,
)
from watchkeeper.resolve.screening import ListedName, ScreeningHit, ScreeningIndex

__all__ = [
    "FEATURES",
    "MATCH_THRESHOLD",
    "POSSIBLE_THRESHOLD",
    "ClusterLink",
    "EntityCluster",
    "FeatureResult",
    "ListedName",
    "MatchResult",
    "Mention",
    "ScreeningHit",
    "ScreeningIndex",
    "cluster_mentions",
    "match_names",
]
