"""Writing and reading the audit log. Every service that changes data on an officer's behalf calls
record_event in the same transaction, so the change and its record stand or fall together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import AuditEvent, Officer


def record_event(
    *,
    actor: Officer | None,
    action: str,
    object_type: str,
    object_id: object = "",
    summary: str,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one audit event; actor is None only for command-line actions."""
    event = AuditEvent(
        officer_id=actor.id if actor is not None else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:500],
        detail=detail or {},
    )
    db.session.add(event)
    db.session.flush()
    return event


def list_events(*, page: int = 1, per_page: int = 50) -> tuple[Sequence[AuditEvent], int]:
    """One page of events, newest first, and the total count."""
    total = db.session.scalar(select(func.count(AuditEvent.id))) or 0
    events = db.session.scalars(
        select(AuditEvent)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return events, total
