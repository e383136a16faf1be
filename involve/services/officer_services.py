"""Which services an officer works for (issue 9): set by an administrator, audited."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select

from involve.extensions import db
from involve.models import Officer, Role, Service
from involve.services.audit import record_event
from involve.services.errors import NotFound


def assignable_services(officer: Officer) -> Sequence[Service]:
    """Active services, plus any inactive one the officer still has (so it can be taken away)."""
    held = {service.id for service in officer.services}
    return [
        service
        for service in db.session.scalars(select(Service).order_by(Service.name)).all()
        if service.is_active or service.id in held
    ]


def list_service_officers(service: Service) -> Sequence[Officer]:
    """Active engagement officers and analysts given the service: who to ask about its work."""
    return db.session.scalars(
        select(Officer)
        .where(Officer.active.is_(True), Officer.services.any(Service.id == service.id))
        .where(Officer.role.in_([Role.ENGAGEMENT_OFFICER, Role.ANALYST]))
        .order_by(Officer.full_name)
    ).all()


def list_administrators() -> Sequence[Officer]:
    """Active administrators: who can give an officer a service."""
    return db.session.scalars(
        select(Officer)
        .where(Officer.active.is_(True), Officer.role == Role.ADMIN)
        .order_by(Officer.full_name)
    ).all()


def set_officer_services(
    *, actor: Officer, officer: Officer, service_ids: Collection[int]
) -> list[str]:
    """Give an officer exactly these services; returns what changed, in words."""
    wanted = set(service_ids)
    chosen = db.session.scalars(select(Service).where(Service.id.in_(wanted))).all()
    if len(chosen) != len(wanted):
        raise NotFound("No service has that id")
    if wanted - {service.id for service in assignable_services(officer)}:
        raise NotFound("That service is no longer active")
    held = {service.id for service in officer.services}
    if wanted == held:
        return []
    added = sorted(service.name for service in chosen if service.id not in held)
    removed = sorted(service.name for service in officer.services if service.id not in wanted)
    officer.services = sorted(chosen, key=lambda service: service.name)
    db.session.flush()
    changes = [f"added to {name}" for name in added] + [f"removed from {name}" for name in removed]
    record_event(
        actor=actor,
        action="officer.services_changed",
        object_type="officer",
        object_id=officer.id,
        summary=f"{officer.email}: " + ", ".join(changes),
        detail={"service_ids": sorted(wanted)},
    )
    return changes
