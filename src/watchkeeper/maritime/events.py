"""From detections to stored maritime events: vessels, designation matches, incident kind and measure hints.

``run_detection`` recomputes every event from all stored positions and the identity history, then makes the
``maritime_event`` table say exactly that (ids derived from content, so an unchanged event keeps its id).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from typing import Any, TypedDict

import yaml
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from watchkeeper.config import Settings
from watchkeeper.lists import designated_vessels
from watchkeeper.maritime.config import DetectorConfig
from watchkeeper.maritime.detectors import (
    Detection,
    Detector,
    detect_gaps,
    detect_loitering,
    detect_port_calls,
)
from watchkeeper.maritime.encounters import detect_encounters, drop_explained_loitering
from watchkeeper.maritime.geo import Port, load_ports
from watchkeeper.maritime.identity import detect_identity_changes, flag_of, identity_history
from watchkeeper.maritime.matching import Broadcast, match_vessel
from watchkeeper.maritime.positions import read_positions
from watchkeeper.maritime.provenance import synthetic_mmsis
from watchkeeper.maritime.tracks import Tracks, build_tracks
from watchkeeper.store import Store
from watchkeeper.store.base import content_id
from watchkeeper.store.models.maritime import MaritimeEvent, VesselIdentity

DETECTORS: tuple[Detector, ...] = (detect_gaps, detect_encounters, detect_loitering, detect_port_calls)
EVENT_KINDS = ("gap", "encounter", "loitering", "port_call", "identity_change")


@lru_cache(maxsize=1)
def incident_rules() -> list[dict[str, Any]]:
    """The rules of ``data/maritime/events.yaml``, in order."""
    path = resources.files("watchkeeper.data") / "maritime" / "events.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["rules"])


def incident_for(detection: Detection, designated: bool) -> dict[str, Any]:
    """The first rule that fits: incident kind, candidate measures and the reason, as data."""
    facts = {
        "kind": detection.kind,
        "port_country": detection.port_country,
        "designated": designated,
        "dprk_flag": any(flag_of(m) == "PRK" for m in detection.mmsis),
        "new_flag": detection.details.get("new_flag"),
    }
    for rule in incident_rules():
        conditions = {k: v for k, v in rule.items() if k not in ("incident_kind", "measure_hints", "note")}
        if all(facts.get(k) == v for k, v in conditions.items()):
            return {
                "incident_kind": rule["incident_kind"],
                "measure_hints": list(rule["measure_hints"]),
                "note": rule["note"],
            }
    return {"incident_kind": None, "measure_hints": [], "note": None}


class DetectionRecord(TypedDict):
    """A detection run's counts as the CLI prints them (``--json``)."""

    positions: int
    vessels: int
    segments: int
    events: dict[str, int]
    matched_events: int
    synthetic_events: int


@dataclass
class DetectionSummary:
    """Counts of one detection run."""

    positions: int
    vessels: int
    segments: int
    events: Counter[str]
    matched_events: int
    synthetic_events: int = 0

    def as_dict(self) -> DetectionRecord:
        """The counts as plain data, event kinds in name order."""
        return {
            "positions": self.positions,
            "vessels": self.vessels,
            "segments": self.segments,
            "events": dict(sorted(self.events.items())),
            "matched_events": self.matched_events,
            "synthetic_events": self.synthetic_events,
        }


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _iso(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, tz=UTC)


def _excerpt(tracks: Tracks, detection: Detection) -> list[dict[str, Any]]:
    rows = detection.rows[(detection.rows >= 0) & (detection.rows < len(tracks))]
    return [
        {
            "mmsi": int(tracks.mmsi[i]),
            "ts": _iso(int(tracks.ts[i])).isoformat(),
            "lat": round(float(tracks.lat[i]), 5),
            "lon": round(float(tracks.lon[i]), 5),
        }
        for i in rows.tolist()
    ]


def _vessel(mmsi: str, rows: list[VesselIdentity]) -> dict[str, Any]:
    latest = rows[-1] if rows else None
    return {
        "mmsi": mmsi,
        "name": latest.name if latest else None,
        "imo": next((r.imo for r in reversed(rows) if r.imo), None),
        "call_sign": latest.call_sign if latest else None,
        "flag": flag_of(mmsi),
        "names": sorted({r.name for r in rows if r.name}),
    }


def build_events(
    session: Session, tracks: Tracks, detections: list[Detection], synthetic: set[str] | None = None
) -> list[MaritimeEvent]:
    """Events for detections: vessels described from their identity history and matched to designations.

    ``synthetic``: MMSIs seen in synthetic imports; an event involving one is synthetic.
    """
    synthetic = synthetic or set()
    history: dict[str, list[VesselIdentity]] = {}
    for row in identity_history(session):
        history.setdefault(row.mmsi, []).append(row)
    designated = designated_vessels(session)
    events = []
    for d in detections:
        mmsis = [str(m) for m in d.mmsis]
        matches: list[dict[str, Any]] = []
        for m in mmsis:
            broadcasts = [Broadcast(m, r.name, r.imo) for r in history.get(m, [])] or [Broadcast(m)]
            matches.extend({"mmsi": m, **vm.as_dict()} for vm in match_vessel(broadcasts, designated))
        incident = incident_for(d, designated=bool(matches))
        details = {**d.details, "incident_note": incident["note"]}
        events.append(
            MaritimeEvent(
                id=content_id("mev", d.kind, ",".join(mmsis), d.start, d.end, d.details.get("field")),
                kind=d.kind,
                incident_kind=incident["incident_kind"],
                mmsis=mmsis,
                vessels=[_vessel(m, history.get(m, [])) for m in mmsis],
                start_at=_iso(d.start),
                end_at=_iso(d.end),
                lat=d.lat,
                lon=d.lon,
                port=d.port,
                port_country=d.port_country,
                designation_ids=sorted({m["designation_id"] for m in matches}),
                matches=matches,
                measure_hints=incident["measure_hints"],
                details=details,
                track=_excerpt(tracks, d) if len(d.rows) else [],
                synthetic=any(m in synthetic for m in mmsis),
            )
        )
    return events


def detect_in_tracks(tracks: Tracks, config: DetectorConfig, ports: tuple[Port, ...]) -> list[Detection]:
    """Every track detector, then loitering already explained by an encounter of the same vessel dropped."""
    return drop_explained_loitering(
        [d for detector in DETECTORS for d in detector(tracks, config, ports)], config
    )


def detect_all(settings: Settings, store: Store, config: DetectorConfig) -> tuple[Tracks, list[Detection]]:
    """Every detector over the workspace's positions, and identity changes over its identity history."""
    tracks = build_tracks(read_positions(settings.maritime_dir), config)
    ports = load_ports()
    detections = detect_in_tracks(tracks, config, ports)
    with store.session() as session:
        detections.extend(detect_identity_changes(identity_history(session)))
    return tracks, detections


def run_detection(settings: Settings, store: Store, config: DetectorConfig | None = None) -> DetectionSummary:
    """Detect, match and store: afterwards ``maritime_event`` holds exactly this run's events."""
    config = config or DetectorConfig()
    tracks, detections = detect_all(settings, store, config)
    with store.session() as session:
        events = build_events(session, tracks, detections, synthetic_mmsis(session, settings.maritime_dir))
        ids = [e.id for e in events]
        session.execute(
            delete(MaritimeEvent).where(MaritimeEvent.id.not_in(ids)) if ids else delete(MaritimeEvent)
        )
        known = set(session.scalars(select(MaritimeEvent.id)))
        for event in events:
            if event.id in known:
                existing = session.get(MaritimeEvent, event.id)
                for column in (
                    "incident_kind",
                    "vessels",
                    "designation_ids",
                    "matches",
                    "measure_hints",
                    "details",
                    "track",
                    "lat",
                    "lon",
                    "port",
                    "port_country",
                    "synthetic",
                ):
                    setattr(existing, column, getattr(event, column))
            else:
                session.add(event)
    return DetectionSummary(
        positions=len(tracks),
        vessels=len(set(tracks.mmsi.tolist())),
        segments=int(tracks.segment.max()) + 1 if len(tracks) else 0,
        events=Counter(d.kind for d in detections),
        matched_events=sum(1 for e in events if e.designation_ids),
        synthetic_events=sum(1 for e in events if e.synthetic),
    )


def list_events(session: Session, kind: str | None = None) -> list[MaritimeEvent]:
    """Stored events in time order, optionally of one kind."""
    query = select(MaritimeEvent).order_by(MaritimeEvent.start_at, MaritimeEvent.id)
    if kind:
        query = query.where(MaritimeEvent.kind == kind)
    return list(session.scalars(query))


def event_record(event: MaritimeEvent) -> dict[str, Any]:
    """An event as a plain dict with stable keys (for --json and the export)."""
    return {
        "id": event.id,
        "kind": event.kind,
        "incident_kind": event.incident_kind,
        "mmsis": event.mmsis,
        "vessels": event.vessels,
        "start_at": _aware(event.start_at),
        "end_at": _aware(event.end_at),
        "lat": event.lat,
        "lon": event.lon,
        "port": event.port,
        "port_country": event.port_country,
        "designation_ids": event.designation_ids,
        "matches": event.matches,
        "measure_hints": event.measure_hints,
        "details": event.details,
        "track": event.track,
        "synthetic": bool(event.synthetic),
    }
