"""What the open-data API may show, and the queries that find it.

Only consultations people could already see and answer: open, closed or with the outcome
published. Drafts never, and scheduled ones not before they open (the API is for reuse of what
happened, not a preview). Activities: published ones, except those whose consultation is not yet
visible here. Filters are SQL conditions (JSON list columns included, see open_data_sql), so
pages of results are counted and cut by the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import (
    Activity,
    Consultation,
    DecisionRecord,
    Phase,
    QuestionPage,
)
from involve.models.base import utc_now
from involve.services.errors import NotFound
from involve.services.open_data_sql import json_list_contains
from involve.services.visibility import (
    phase_conditions,
    public_activity_condition,
    public_condition,
)

PUBLIC_PHASES = (Phase.OPEN, Phase.CLOSED, Phase.OUTCOME_PUBLISHED)
RESULT_PHASES = (Phase.CLOSED, Phase.OUTCOME_PUBLISHED)

T = TypeVar("T")


@dataclass(frozen=True)
class ConsultationFilters:
    topic: str = ""
    status: Phase | None = None
    ward_code: str = ""


@dataclass(frozen=True)
class PageOf(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def total_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _filter_conditions(filters: ConsultationFilters, now: datetime) -> list[ColumnElement[bool]]:
    conditions = [public_condition(now)]
    if filters.status is not None:
        conditions.append(phase_conditions(now)[filters.status])
    if filters.topic:
        conditions.append(json_list_contains(Consultation.topics, filters.topic))
    if filters.ward_code:
        conditions.append(
            or_(
                Consultation.whole_area.is_(True),
                json_list_contains(Consultation.ward_codes, filters.ward_code),
            )
        )
    return conditions


def list_consultations(
    *, filters: ConsultationFilters, page: int, per_page: int, now: datetime | None = None
) -> PageOf[Consultation]:
    """One page of visible consultations, latest opened first, and how many match in all."""
    conditions = _filter_conditions(filters, now or utc_now())
    total = db.session.scalar(select(func.count(Consultation.id)).where(*conditions)) or 0
    started = func.coalesce(Consultation.opens_at, Consultation.published_at)
    items = db.session.scalars(
        select(Consultation)
        .where(*conditions)
        .order_by(started.desc(), Consultation.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return PageOf(items=list(items), total=total, page=page, per_page=per_page)


def _with_contents() -> list[Any]:
    return [
        selectinload(Consultation.pages).selectinload(QuestionPage.questions),
        selectinload(Consultation.documents),
        selectinload(Consultation.links),
        selectinload(Consultation.service),
    ]


def get_consultation(slug: str, *, now: datetime | None = None) -> Consultation:
    """A visible consultation with its pages, questions and documents loaded."""
    found = db.session.scalars(
        select(Consultation)
        .where(Consultation.slug == slug, public_condition(now or utc_now()))
        .options(*_with_contents())
    ).first()
    if found is None:
        raise NotFound("No published consultation has that address")
    return found


def list_all_consultations(*, now: datetime | None = None) -> list[Consultation]:
    """Every visible consultation with its contents, for the bulk download (a few queries)."""
    return list(
        db.session.scalars(
            select(Consultation)
            .where(public_condition(now or utc_now()))
            .options(*_with_contents())
            .order_by(Consultation.id)
        )
    )


@dataclass(frozen=True)
class Outcome:
    activity: Activity | None
    decision: DecisionRecord | None  # only a published one


def outcomes_for(consultations: Sequence[Consultation]) -> dict[int, Outcome]:
    """Per consultation id: its activity and its published decision record, in one query."""
    ids = [consultation.id for consultation in consultations]
    found = {consultation_id: Outcome(None, None) for consultation_id in ids}
    if not ids:
        return found
    rows = db.session.execute(
        select(Activity, DecisionRecord)
        .outerjoin(
            DecisionRecord,
            and_(
                DecisionRecord.activity_id == Activity.id,
                DecisionRecord.published_at.is_not(None),
            ),
        )
        .where(Activity.consultation_id.in_(ids))
    )
    for activity, decision in rows:
        found[activity.consultation_id] = Outcome(activity, decision)
    return found


# -- activities --------------------------------------------------------------------------------
def _activity_contents() -> list[Any]:
    return [
        selectinload(Activity.attendance),
        selectinload(Activity.consultation),
        selectinload(Activity.service),
        selectinload(Activity.partners),
    ]


def list_activities(*, page: int, per_page: int, now: datetime | None = None) -> PageOf[Activity]:
    """One page of published activities, latest start first."""
    condition = public_activity_condition(now or utc_now())
    total = db.session.scalar(select(func.count(Activity.id)).where(condition)) or 0
    items = db.session.scalars(
        select(Activity)
        .where(condition)
        .options(*_activity_contents())
        .order_by(Activity.starts_at.is_(None), Activity.starts_at.desc(), Activity.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return PageOf(items=list(items), total=total, page=page, per_page=per_page)


def get_activity(slug: str, *, now: datetime | None = None) -> Activity:
    found = db.session.scalars(
        select(Activity)
        .where(Activity.slug == slug, public_activity_condition(now or utc_now()))
        .options(*_activity_contents())
    ).first()
    if found is None:
        raise NotFound("No published activity has that address")
    return found


def list_all_activities(*, now: datetime | None = None) -> list[Activity]:
    return list(
        db.session.scalars(
            select(Activity)
            .where(public_activity_condition(now or utc_now()))
            .options(*_activity_contents())
            .order_by(Activity.id)
        )
    )


def decisions_for(activities: Sequence[Activity]) -> dict[int, DecisionRecord]:
    """Activity id -> its published decision record, in one query."""
    ids = [activity.id for activity in activities]
    if not ids:
        return {}
    rows = db.session.scalars(
        select(DecisionRecord).where(
            DecisionRecord.activity_id.in_(ids), DecisionRecord.published_at.is_not(None)
        )
    )
    return {decision.activity_id: decision for decision in rows}
