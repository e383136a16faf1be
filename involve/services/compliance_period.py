"""The compliance report's year: the council's financial year, 1 April to 31 March (UK time),
the year councils report and budget in (year 2026 is April 2026 to March 2027), and the year's
activities. An activity belongs to the year it happens in (a consultation to the year it
opens), as on the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import Activity, Consultation, DecisionRecord
from involve.models.base import UTCDateTime, utc_now
from involve.templating import UK

MAX_ACTIVITIES = 2_000  # a council runs a few hundred a year; the cap only bounds the page
FIRST_MONTH = 4  # April


@dataclass(frozen=True)
class YearFilters:
    year: int
    service_id: int | None = None


def financial_year_of(moment: datetime) -> int:
    local = moment.astimezone(UK)
    return local.year if local.month >= FIRST_MONTH else local.year - 1


def current_financial_year() -> int:
    return financial_year_of(utc_now())


def year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, FIRST_MONTH, 1, tzinfo=UK), datetime(year + 1, FIRST_MONTH, 1, tzinfo=UK)


def year_label(year: int) -> str:
    return f"April {year} to March {year + 1}"


def when_expression() -> ColumnElement[datetime]:
    """When an activity happens: a consultation when it opens, anything else when it starts."""
    return func.coalesce(Consultation.opens_at, Activity.starts_at, type_=UTCDateTime())


def list_report_years() -> list[int]:
    """Financial years with dated activities, always with the current one."""
    dates = db.session.scalars(
        select(when_expression())
        .select_from(Activity)
        .outerjoin(Consultation, Activity.consultation_id == Consultation.id)
        .where(when_expression().is_not(None))
        .limit(MAX_ACTIVITIES * 5)
    ).all()
    return sorted({financial_year_of(moment) for moment in dates} | {current_financial_year()})


def in_year(query, filters: YearFilters):  # type: ignore[no-untyped-def]
    start, end = year_bounds(filters.year)
    query = query.where(when_expression() >= start, when_expression() < end)
    if filters.service_id is not None:
        query = query.where(Activity.service_id == filters.service_id)
    return query


def year_activities(filters: YearFilters) -> list[tuple[Activity, datetime, DecisionRecord | None]]:
    """The year's published activities in date order, with what every row shows loaded."""
    query = in_year(
        select(Activity, when_expression(), DecisionRecord)
        .outerjoin(Consultation, Activity.consultation_id == Consultation.id)
        .outerjoin(DecisionRecord, DecisionRecord.activity_id == Activity.id)
        .where(Activity.published_at.is_not(None)),
        filters,
    ).options(
        selectinload(Activity.service),
        selectinload(Activity.consultation),
        selectinload(Activity.plan),
        selectinload(Activity.partners),
        selectinload(Activity.strategy_items),
    )
    rows = db.session.execute(
        query.order_by(when_expression(), Activity.id).limit(MAX_ACTIVITIES)
    ).all()
    return [(activity, when, decision) for activity, when, decision in rows]


def draft_count(filters: YearFilters) -> int:
    query = in_year(
        select(func.count(Activity.id))
        .select_from(Activity)
        .outerjoin(Consultation, Activity.consultation_id == Consultation.id)
        .where(Activity.published_at.is_(None)),
        filters,
    )
    return db.session.scalar(query) or 0
