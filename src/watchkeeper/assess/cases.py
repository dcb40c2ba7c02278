"""Cases: investigations in which analysts gather incidents, entities, documents and designations, with notes.

A case is analysts' work on the assessment, as reviews are, so it lives with them in this stage and owns the
``case``, ``case_item`` and ``case_note`` tables. Every change is audited. An item is kept by its type and id
only; what it says (its label) is read through the owning stage each time a case is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchkeeper.audit import record_change
from watchkeeper.errors import NotFoundError, WatchkeeperError
from watchkeeper.evidence.queries import document_titles
from watchkeeper.lists.lookup import designation_brief
from watchkeeper.reading.queries import entity_name
from watchkeeper.store.models.assess import AssessedIncident, Case, CaseItem, CaseNote


class CaseStatus(StrEnum):
    """Whether analysts are still working on a case."""

    OPEN = "open"
    CLOSED = "closed"


class CaseError(WatchkeeperError):
    """A case cannot be changed as asked."""


def _incident_label(session: Session, incident_id: str) -> str | None:
    incident = session.get(AssessedIncident, incident_id)
    return (incident.summary or incident_id) if incident is not None else None


def _document_label(session: Session, document_id: str) -> str | None:
    titles = document_titles(session, [document_id])
    return (titles[document_id] or document_id) if document_id in titles else None


def _designation_label(session: Session, designation_id: str) -> str | None:
    brief = designation_brief(session, designation_id)
    return (brief["name"] or designation_id) if brief is not None else None


# What a case can gather, each with the owning stage's read of its label (None: no such record).
ITEM_LABELS: dict[str, Callable[[Session, str], str | None]] = {
    "incident": _incident_label,
    "entity": entity_name,
    "document": _document_label,
    "designation": _designation_label,
}


def _fields(case: Case) -> dict[str, Any]:
    return {"title": case.title, "summary": case.summary, "status": case.status}


def _audit(session: Session, actor: str, action: str, case_id: int, **kwargs: Any) -> None:
    record_change(
        session, actor=actor, action=f"case.{action}", record_type="case", record_id=str(case_id), **kwargs
    )


def get_case(session: Session, case_id: int) -> Case:
    """A case by its number; a missing one is a :class:`NotFoundError`."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(f"no case {case_id}")
    return case


def create_case(session: Session, title: str, summary: str, actor: str) -> Case:
    """Open a new case."""
    if not title.strip():
        raise CaseError("a case needs a title")
    case = Case(title=title.strip(), summary=summary.strip(), status=CaseStatus.OPEN, created_by=actor)
    session.add(case)
    session.flush()
    _audit(session, actor, "create", case.id, after=_fields(case))
    return case


def update_case(session: Session, case_id: int, actor: str, **changes: str | None) -> Case:
    """Change a case's title, summary or status."""
    case = get_case(session, case_id)
    status = changes.get("status")
    if status and status not in tuple(CaseStatus):
        raise CaseError(f"status must be one of {', '.join(CaseStatus)}")
    before = _fields(case)
    for name, value in changes.items():
        if value is not None:
            setattr(case, name, value.strip() if name != "status" else value)
    session.flush()
    _audit(session, actor, "update", case.id, before=before, after=_fields(case))
    return case


def delete_case(session: Session, case_id: int, actor: str) -> None:
    """Delete a case with its items and notes (the audit log keeps what it was)."""
    case = get_case(session, case_id)
    before = _fields(case)
    session.delete(case)
    session.flush()
    _audit(session, actor, "delete", case_id, before=before)


def add_item(session: Session, case_id: int, item_type: str, item_id: str, actor: str) -> CaseItem:
    """Gather an existing incident, entity, document or designation into a case (once)."""
    case = get_case(session, case_id)
    label = ITEM_LABELS.get(item_type)
    if label is None:
        raise CaseError(f"item type must be one of {', '.join(ITEM_LABELS)}")
    if label(session, item_id) is None:
        raise NotFoundError(f"no {item_type} with id {item_id!r}")
    existing = session.scalar(
        select(CaseItem).where(
            CaseItem.case_id == case.id, CaseItem.item_type == item_type, CaseItem.item_id == item_id
        )
    )
    if existing is not None:
        return existing
    item = CaseItem(case_id=case.id, item_type=item_type, item_id=item_id, added_by=actor)
    session.add(item)
    session.flush()
    _audit(session, actor, "add_item", case.id, after={"item_type": item_type, "item_id": item_id})
    return item


def remove_item(session: Session, case_id: int, item_id: int, actor: str) -> None:
    """Take an item out of a case."""
    item = session.get(CaseItem, item_id)
    if item is None or item.case_id != case_id:
        raise NotFoundError(f"case {case_id} has no item {item_id}")
    before = {"item_type": item.item_type, "item_id": item.item_id}
    session.delete(item)
    session.flush()
    _audit(session, actor, "remove_item", case_id, before=before)


def add_note(session: Session, case_id: int, text: str, actor: str) -> CaseNote:
    """Append a note to a case."""
    case = get_case(session, case_id)
    if not text.strip():
        raise CaseError("a note cannot be empty")
    note = CaseNote(case_id=case.id, author=actor, text=text.strip())
    session.add(note)
    session.flush()
    _audit(session, actor, "note", case.id, after={"note_id": note.id, "text": note.text})
    return note


def _item_label(session: Session, item: CaseItem) -> str:
    label = ITEM_LABELS.get(item.item_type)
    return (label(session, item.item_id) if label else None) or item.item_id


def case_record(session: Session, case: Case) -> dict[str, Any]:
    """A case with its items (labelled) and notes."""
    items = session.scalars(select(CaseItem).where(CaseItem.case_id == case.id).order_by(CaseItem.id))
    notes = session.scalars(select(CaseNote).where(CaseNote.case_id == case.id).order_by(CaseNote.id))
    return {
        "id": case.id, "title": case.title, "summary": case.summary, "status": case.status,
        "created_by": case.created_by, "created_at": case.created_at, "updated_at": case.updated_at,
        "items": [{"id": i.id, "item_type": i.item_type, "item_id": i.item_id,
                   "label": _item_label(session, i), "added_by": i.added_by, "added_at": i.added_at}
                  for i in items],
        "notes": [{"id": n.id, "author": n.author, "text": n.text, "at": n.at} for n in notes],
    }  # fmt: skip


def show_case(session: Session, case_id: int) -> dict[str, Any]:
    """One case by its number, as :func:`case_record` gives it."""
    return case_record(session, get_case(session, case_id))


def list_cases(session: Session) -> list[dict[str, Any]]:
    """Every case, open ones first, newest first."""
    cases = session.scalars(select(Case).order_by(Case.status.desc(), Case.id.desc()))
    return [{"id": c.id, "title": c.title, "status": c.status, "created_by": c.created_by,
             "created_at": c.created_at, "updated_at": c.updated_at} for c in cases]  # fmt: skip


def open_cases(session: Session) -> list[dict[str, Any]]:
    """Open cases, for the "add to case" forms."""
    return [c for c in list_cases(session) if c["status"] == CaseStatus.OPEN]
