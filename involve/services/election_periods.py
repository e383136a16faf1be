"""The council's pre-election periods (purdah), entered by an administrator so the fairness
checks can flag consultations that are launched during one or run into one (Principle K)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from involve.extensions import db
from involve.models import ElectionPeriod, Officer
from involve.services.audit import record_event
from involve.services.errors import DomainError, NotFound

MAX_PERIODS = 500


class InvalidElectionPeriod(DomainError):
    pass


@dataclass(frozen=True)
class ElectionPeriodDetails:
    name: str
    starts_on: date
    ends_on: date

    def check(self) -> None:
        if not self.name.strip():
            raise InvalidElectionPeriod("Enter the name of the election")
        if self.ends_on < self.starts_on:
            raise InvalidElectionPeriod("The end date must be the same as or after the start date")

    @property
    def dates_text(self) -> str:
        return f"{self.starts_on.isoformat()} to {self.ends_on.isoformat()}"


def list_election_periods() -> Sequence[ElectionPeriod]:
    """Every period, latest first."""
    return db.session.scalars(
        select(ElectionPeriod)
        .order_by(ElectionPeriod.starts_on.desc(), ElectionPeriod.id.desc())
        .limit(MAX_PERIODS)
    ).all()


def get_election_period(period_id: int) -> ElectionPeriod:
    period = db.session.get(ElectionPeriod, period_id)
    if period is None:
        raise NotFound("Pre-election period not found")
    return period


def add_election_period(*, actor: Officer, details: ElectionPeriodDetails) -> ElectionPeriod:
    details.check()
    period = ElectionPeriod(
        name=details.name.strip(),
        starts_on=details.starts_on,
        ends_on=details.ends_on,
        created_by_id=actor.id,
    )
    db.session.add(period)
    db.session.flush()
    record_event(
        actor=actor,
        action="election_period.created",
        object_type="election_period",
        object_id=period.id,
        summary=f"Added the pre-election period {period.name} ({details.dates_text})",
        detail={"starts_on": details.starts_on.isoformat(), "ends_on": details.ends_on.isoformat()},
    )
    return period


def update_election_period(
    *, actor: Officer, period: ElectionPeriod, details: ElectionPeriodDetails
) -> list[str]:
    """Save the changes; returns the names of the fields that changed."""
    details.check()
    new = {"name": details.name.strip(), "starts_on": details.starts_on, "ends_on": details.ends_on}
    changed = [name for name, value in new.items() if getattr(period, name) != value]
    before = {name: str(getattr(period, name)) for name in changed}
    for name in changed:
        setattr(period, name, new[name])
    db.session.flush()
    if changed:
        record_event(
            actor=actor,
            action="election_period.updated",
            object_type="election_period",
            object_id=period.id,
            summary=f"Changed {', '.join(changed)} of the pre-election period {period.name}",
            detail={"fields": changed, "before": before},
        )
    return changed


def delete_election_period(*, actor: Officer, period: ElectionPeriod) -> None:
    record_event(
        actor=actor,
        action="election_period.deleted",
        object_type="election_period",
        object_id=period.id,
        summary=f"Deleted the pre-election period {period.name} "
        f"({period.starts_on.isoformat()} to {period.ends_on.isoformat()})",
        detail={"name": period.name},
    )
    db.session.delete(period)
    db.session.flush()
