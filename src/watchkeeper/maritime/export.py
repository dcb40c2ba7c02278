"""Maritime records for ``watchkeeper export``: one ``maritime_event`` record per stored event."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from watchkeeper.maritime.events import event_record, list_events


def records(session: Session) -> Iterator[dict[str, Any]]:
    """Every maritime event, with ``type`` ``maritime_event`` and the designation ids it was matched to."""
    for event in list_events(session):
        yield {"type": "maritime_event", **event_record(event)}
