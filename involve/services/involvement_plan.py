"""The whole year at a glance: a timeline of activities with filters, and each service's
involvement plan, showing which of the five opportunity types it has offered and which not."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import (
    Activity,
    ActivityFormat,
    AttendanceCount,
    AttendanceDimension,
    Consultation,
    OpportunityType,
    PartnerOrganisation,
    Response,
    ResponseStatus,
    Service,
    Way,
)
from involve.models.base import UTCDateTime, utc_now
from involve.services.errors import NotFound
from involve.templating import UK

# A year holds a few hundred activities at most; the cap keeps a page bounded regardless.
MAX_ROWS = 2_000

# Formats that would offer an opportunity type the service has not offered this year.
SUGGESTED_FORMATS: dict[OpportunityType, tuple[ActivityFormat, ...]] = {
    OpportunityType.INFLUENCE_DECISIONS: (
        ActivityFormat.CITIZENS_PANEL,
        ActivityFormat.PARTICIPATORY_BUDGETING,
    ),
    OpportunityType.GIVE_FEEDBACK: (ActivityFormat.ONLINE_CONSULTATION, ActivityFormat.DROP_IN),
    OpportunityType.DESIGN: (ActivityFormat.CO_DESIGN_SESSION,),
    OpportunityType.CO_PRODUCE: (ActivityFormat.CO_PRODUCTION_GROUP,),
    OpportunityType.ASSESS_SERVICES: (
        ActivityFormat.SERVICE_USER_PANEL,
        ActivityFormat.SERVICE_REVIEW,
    ),
}


@dataclass(frozen=True)
class TimelineFilters:
    year: int
    service_id: int | None = None
    way: Way | None = None
    opportunity: OpportunityType | None = None
    format: ActivityFormat | None = None
    partner_id: int | None = None


@dataclass(frozen=True)
class TimelineEntry:
    activity: Activity
    when: datetime | None
    attendance: int | None  # events
    responses: int | None  # consultations

    @property
    def is_published(self) -> bool:
        return self.activity.published_at is not None

    @property
    def opportunity_labels(self) -> list[str]:
        return [_opportunity_label(value) for value in self.activity.opportunity_types]


@dataclass
class Timeline:
    months: list[tuple[str, list[TimelineEntry]]] = field(default_factory=list)
    undated: list[TimelineEntry] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(entries) for _, entries in self.months) + len(self.undated)


def current_year() -> int:
    return utc_now().astimezone(UK).year


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The calendar year in UK local time, as aware datetimes."""
    return datetime(year, 1, 1, tzinfo=UK), datetime(year + 1, 1, 1, tzinfo=UK)


def _when() -> ColumnElement[datetime]:
    """A consultation's activity happens when it opens; any other when it starts."""
    return func.coalesce(Consultation.opens_at, Activity.starts_at, type_=UTCDateTime())


def _opportunity_label(value: str) -> str:
    try:
        return OpportunityType(value).label
    except ValueError:
        return value


def _activities(filters: TimelineFilters, *, dated: bool) -> list[tuple[Activity, datetime | None]]:
    when = _when()
    query = (
        select(Activity, when)
        .outerjoin(Consultation, Activity.consultation_id == Consultation.id)
        .options(
            selectinload(Activity.partners),
            selectinload(Activity.service),
            selectinload(Activity.consultation),
        )
    )
    if dated:
        start, end = year_bounds(filters.year)
        query = query.where(when >= start, when < end).order_by(when, Activity.id)
    else:
        query = query.where(when.is_(None)).order_by(Activity.title, Activity.id)
    if filters.service_id is not None:
        query = query.where(Activity.service_id == filters.service_id)
    if filters.way is not None:
        query = query.where(Activity.way == filters.way)
    if filters.format is not None:
        query = query.where(Activity.format == filters.format)
    if filters.partner_id is not None:
        query = query.where(Activity.partners.any(PartnerOrganisation.id == filters.partner_id))
    rows = db.session.execute(query.limit(MAX_ROWS)).all()
    # JSON lists are not portably searchable in SQL; the year's rows are few, so filter here.
    return [
        (activity, at)
        for activity, at in rows
        if filters.opportunity is None or filters.opportunity.value in activity.opportunity_types
    ]


def attendance_totals(activity_ids: Sequence[int]) -> dict[int, int]:
    """Each activity's total attendance: the fuller of its two breakdowns (who came, age)."""
    if not activity_ids:
        return {}
    rows = db.session.execute(
        select(
            AttendanceCount.activity_id, AttendanceCount.dimension, func.sum(AttendanceCount.count)
        )
        .where(AttendanceCount.activity_id.in_(activity_ids))
        .group_by(AttendanceCount.activity_id, AttendanceCount.dimension)
    ).all()
    sums: dict[int, dict[AttendanceDimension, int]] = defaultdict(dict)
    for activity_id, dimension, total in rows:
        sums[activity_id][dimension] = int(total or 0)
    return {activity_id: max(by.values()) for activity_id, by in sums.items()}


def response_totals(consultation_ids: Sequence[int]) -> dict[int, int]:
    if not consultation_ids:
        return {}
    rows = db.session.execute(
        select(Response.consultation_id, func.count(Response.id))
        .where(
            Response.consultation_id.in_(consultation_ids),
            Response.status == ResponseStatus.SUBMITTED,
        )
        .group_by(Response.consultation_id)
    ).all()
    return {consultation_id: int(count) for consultation_id, count in rows}


def _entries(rows: list[tuple[Activity, datetime | None]]) -> list[TimelineEntry]:
    attendance = attendance_totals([activity.id for activity, _ in rows])
    responses = response_totals(
        [activity.consultation_id for activity, _ in rows if activity.consultation_id]
    )
    return [
        TimelineEntry(
            activity=activity,
            when=at,
            attendance=attendance.get(activity.id, 0) if activity.format.is_event else None,
            responses=responses.get(activity.consultation_id, 0)
            if activity.consultation_id
            else None,
        )
        for activity, at in rows
    ]


def build_timeline(filters: TimelineFilters) -> Timeline:
    """The year's activities grouped by month (UK time), and those with no date yet."""
    timeline = Timeline()
    by_month: dict[int, list[TimelineEntry]] = defaultdict(list)
    for entry in _entries(_activities(filters, dated=True)):
        assert entry.when is not None
        by_month[entry.when.astimezone(UK).month].append(entry)
    timeline.months = [
        (f"{calendar.month_name[month]} {filters.year}", by_month[month])
        for month in sorted(by_month)
    ]
    timeline.undated = _entries(_activities(filters, dated=False))
    return timeline


def list_activity_years() -> list[int]:
    """Years that have dated activities, always with the current year and the next."""
    dates = db.session.scalars(
        select(_when())
        .select_from(Activity)
        .outerjoin(Consultation, Activity.consultation_id == Consultation.id)
        .where(_when().is_not(None))
        .limit(MAX_ROWS * 5)
    ).all()
    this_year = current_year()
    return sorted({at.astimezone(UK).year for at in dates} | {this_year, this_year + 1})


# -- involvement plans ---------------------------------------------------------------------------
@dataclass(frozen=True)
class OpportunityRow:
    opportunity: OpportunityType
    offered: list[Activity]  # published activities in the year
    planned: list[Activity]  # drafts in the year
    suggestions: tuple[ActivityFormat, ...]

    @property
    def is_offered(self) -> bool:
        return bool(self.offered)


@dataclass(frozen=True)
class WayRow:
    way: Way
    activities: list[Activity]


@dataclass(frozen=True)
class InvolvementPlan:
    service: Service
    year: int
    opportunities: list[OpportunityRow]
    ways: list[WayRow]

    @property
    def covered(self) -> int:
        return sum(row.is_offered for row in self.opportunities)

    @property
    def gaps(self) -> list[OpportunityType]:
        return [row.opportunity for row in self.opportunities if not row.is_offered]


def _plan_for(service: Service, year: int, activities: Sequence[Activity]) -> InvolvementPlan:
    opportunities = [
        OpportunityRow(
            opportunity=kind,
            offered=[a for a in activities if kind.value in a.opportunity_types and a.published_at],
            planned=[
                a for a in activities if kind.value in a.opportunity_types and not a.published_at
            ],
            suggestions=SUGGESTED_FORMATS[kind],
        )
        for kind in OpportunityType
    ]
    ways = [
        WayRow(way=way, activities=[a for a in activities if a.way == way and a.published_at])
        for way in Way
    ]
    return InvolvementPlan(service=service, year=year, opportunities=opportunities, ways=ways)


def _year_activities(year: int, service_id: int | None = None) -> list[Activity]:
    return [
        activity
        for activity, _ in _activities(
            TimelineFilters(year=year, service_id=service_id), dated=True
        )
        if activity.service_id is not None
    ]


def get_service(service_id: int) -> Service:
    service = db.session.get(Service, service_id)
    if service is None:
        raise NotFound("Service not found")
    return service


def build_involvement_plan(*, service: Service, year: int) -> InvolvementPlan:
    """Which opportunity types and ways the service offered (published activities) in the year."""
    return _plan_for(service, year, _year_activities(year, service.id))


def list_involvement_plans(*, year: int) -> list[InvolvementPlan]:
    """Every active service's plan for the year (and inactive ones that ran something)."""
    by_service: dict[int, list[Activity]] = defaultdict(list)
    for activity in _year_activities(year):
        assert activity.service_id is not None
        by_service[activity.service_id].append(activity)
    services = db.session.scalars(select(Service).order_by(Service.name)).all()
    return [
        _plan_for(service, year, by_service.get(service.id, []))
        for service in services
        if service.is_active or service.id in by_service
    ]
