"""Activities as the open-data API publishes them: format, dates, venue, audiences, outcome and
attendance totals with small numbers suppressed. Officers' notes, costs and plans stay inside."""

from __future__ import annotations

from typing import Any

from involve.api.serialisers import areas, decision_item, when
from involve.models import Activity, AttendanceDimension, DecisionRecord
from involve.public_urls import external_url
from involve.services.activities import timing_of
from involve.services.events import ATTENDANCE_GROUPS
from involve.services.open_data_results import cells
from involve.services.small_numbers import is_small

NOT_RECORDED = "not_recorded"
DIMENSION_GROUPS = {
    dimension: [group.value for group in ATTENDANCE_GROUPS if group.dimension == dimension]
    for dimension in AttendanceDimension
}


def activity_summary(activity: Activity) -> dict[str, Any]:
    consultation = activity.consultation
    return {
        "slug": activity.slug,
        "title": activity.title,
        "summary": activity.summary,
        "way": activity.way.value,
        "format": activity.format.value,
        "starts_at": when(activity.starts_at),
        "ends_at": when(activity.ends_at),
        "timing": timing_of(activity),
        "consultation": consultation.slug if consultation is not None else None,
        "links": {
            "self": external_url("api.activity", slug=activity.slug),
            "web_page": external_url("public.activity", activity_slug=activity.slug),
        },
    }


def attendance(activity: Activity, threshold: int) -> dict[str, Any]:
    """The total at the event and each breakdown, as tables whose total is shown; the people
    a breakdown does not account for are its "not_recorded" cell."""
    sums = dict.fromkeys(AttendanceDimension, 0)
    counted: dict[AttendanceDimension, dict[str, int]] = {key: {} for key in AttendanceDimension}
    for row in activity.attendance:
        sums[row.dimension] += row.count
        counted[row.dimension][row.group_value] = row.count
    total = max(sums.values())
    breakdowns = {}
    for dimension, groups in DIMENSION_GROUPS.items():
        labels = [*groups, NOT_RECORDED]
        values = [counted[dimension].get(group, 0) for group in groups]
        values.append(total - sum(values))
        breakdowns[dimension.value] = [
            {"group": cell["label"], "count": cell["count"], "suppressed": cell["suppressed"]}
            for cell in cells(labels, values, threshold)
        ]
    hidden = is_small(total, threshold)
    return {
        "recorded": bool(activity.attendance),
        "total": None if hidden else total,
        "suppressed": hidden,
        "by_category": breakdowns[AttendanceDimension.CATEGORY.value],
        "by_age_band": breakdowns[AttendanceDimension.AGE_BAND.value],
    }


def activity_detail(
    activity: Activity,
    *,
    ward_names: dict[str, str],
    decision: DecisionRecord | None,
    threshold: int,
) -> dict[str, Any]:
    return {
        **activity_summary(activity),
        "opportunity_types": list(activity.opportunity_types or []),
        "service": activity.service.name if activity.service else None,
        "commissioning_stage": activity.commissioning_stage.value
        if activity.commissioning_stage
        else None,
        "venue": {
            "name": activity.venue_name,
            "address": activity.venue_address,
            "access_information": activity.access_information,
        },
        "how_to_take_part": activity.how_to_take_part,
        "audiences": list(activity.audiences or []),
        "age_groups": list(activity.age_groups or []),
        "areas": areas(activity.whole_area, activity.ward_codes, ward_names),
        "partners": sorted(partner.name for partner in activity.partners),
        "outcome_summary": activity.outcome_summary,
        "decision": decision_item(decision),
        "attendance": attendance(activity, threshold),
    }
