"""The compliance report for a year, for one service or the whole authority: which ways and
opportunity types were offered, to whom, with what mix, what changed as a result, what was
published on time, and the gaps, each figure with the activities behind it.

The year is the council's financial year (see compliance_period.py). Only published activities
count as offered. Everything here is read in a fixed number of queries however many activities
there are; responses are counted by GROUP BY, never loaded. The per-activity judgements that
need far more work (the fairness checks, who was under-represented) come from the latest run of
the checks across the year (compliance_checks.py), summarised in compliance_year_summary.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import (
    Activity,
    AttendanceCount,
    AttendanceDimension,
    DecisionRecord,
    RespondentProfile,
    Response,
    ResponseStatus,
    Service,
)
from involve.models.base import utc_now
from involve.services.compliance_checks import Snapshot, latest_snapshot
from involve.services.compliance_claims import Timing, outcome_timing
from involve.services.compliance_period import (
    YearFilters,
    draft_count,
    year_activities,
    year_label,
)
from involve.services.geography import ward_names
from involve.services.involvement_plan import attendance_totals, response_totals
from involve.services.reference_groups import NOT_GIVEN
from involve.services.representativeness_counts import category_expression, not_elected


@dataclass(frozen=True)
class ActivityRow:
    activity: Activity
    when: datetime
    decision: DecisionRecord | None
    people: int | None  # responses (consultation) or attendance (event); None: not counted
    reached: dict[str, int]  # local-person category -> people counted in it
    timing: Timing
    changed_at: datetime  # the latest change to the activity, its consultation or decision

    @property
    def plan_complete(self) -> bool:
        plan = self.activity.plan
        return plan is not None and plan.completed_at is not None

    @property
    def has_outcome(self) -> bool:
        return self.decision is not None or bool(self.activity.outcome_summary.strip())


@dataclass(frozen=True)
class YearData:
    filters: YearFilters
    service: Service | None
    rows: list[ActivityRow]
    drafts: int  # activities in the year not published yet
    ward_names: dict[str, str]
    snapshot: Snapshot | None
    made_at: datetime

    @property
    def label(self) -> str:
        return year_label(self.filters.year)

    @property
    def scope(self) -> str:
        return self.service.name if self.service is not None else "the whole council"


def reached_by_category(activities: list[Activity]) -> dict[int, dict[str, int]]:
    """Each activity's people by local-person category: responses grouped in SQL by the
    representativeness page's own category rule (councillors left out), plus attendance."""
    by_consultation = {a.consultation_id: a.id for a in activities if a.consultation_id}
    reached: dict[int, dict[str, int]] = defaultdict(dict)
    if by_consultation:
        category = category_expression()
        for consultation_id, key, count in db.session.execute(
            select(Response.consultation_id, category, func.count(Response.id))
            .outerjoin(RespondentProfile, RespondentProfile.response_id == Response.id)
            .where(
                Response.consultation_id.in_(list(by_consultation)),
                Response.status == ResponseStatus.SUBMITTED,
                not_elected(),
            )
            .group_by(Response.consultation_id, category)
        ):
            if key != NOT_GIVEN:
                counts = reached[by_consultation[consultation_id]]
                counts[key] = counts.get(key, 0) + count
    events = [activity.id for activity in activities if activity.format.is_event]
    if events:
        for activity_id, key, count in db.session.execute(
            select(
                AttendanceCount.activity_id,
                AttendanceCount.group_value,
                func.sum(AttendanceCount.count),
            )
            .where(
                AttendanceCount.activity_id.in_(events),
                AttendanceCount.dimension == AttendanceDimension.CATEGORY,
            )
            .group_by(AttendanceCount.activity_id, AttendanceCount.group_value)
        ):
            counts = reached[activity_id]
            counts[key] = counts.get(key, 0) + int(count or 0)
    return reached


def _changed_at(activity: Activity, decision: DecisionRecord | None) -> datetime:
    moments = [activity.updated_at]
    if activity.consultation is not None:
        moments.append(activity.consultation.updated_at)
    if activity.plan is not None:
        moments.append(activity.plan.updated_at)
    if decision is not None:
        moments.append(decision.updated_at)
    return max(moment for moment in moments if moment is not None)


def _ward_names(activities: list[Activity]) -> dict[str, str]:
    return ward_names({code for activity in activities for code in _wards_of(activity)})


def _wards_of(activity: Activity) -> list[str]:
    source = activity.consultation or activity
    return [] if source.whole_area else list(source.ward_codes or [])


def build_year(filters: YearFilters, *, now: datetime | None = None) -> YearData:
    """Everything the year's report shows, read in a fixed number of queries."""
    now = now or utc_now()
    found = year_activities(filters)
    activities = [activity for activity, _, _ in found]
    responses = response_totals([a.consultation_id for a in activities if a.consultation_id])
    attendance = attendance_totals([a.id for a in activities if a.format.is_event])
    reached = reached_by_category(activities)
    rows = []
    for activity, when, decision in found:
        people = (
            responses.get(activity.consultation_id, 0)
            if activity.consultation_id
            else attendance.get(activity.id, 0)
            if activity.format.is_event
            else None
        )
        rows.append(
            ActivityRow(
                activity=activity,
                when=when,
                decision=decision,
                people=people,
                reached=reached.get(activity.id, {}),
                timing=outcome_timing(
                    activity=activity,
                    consultation=activity.consultation,
                    decision=decision,
                    now=now,
                ),
                changed_at=_changed_at(activity, decision),
            )
        )
    service = db.session.get(Service, filters.service_id) if filters.service_id else None
    return YearData(
        filters=filters,
        service=service,
        rows=rows,
        drafts=draft_count(filters),
        ward_names=_ward_names(activities),
        snapshot=latest_snapshot(filters.year),
        made_at=now,
    )
