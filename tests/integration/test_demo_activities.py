"""The demo year of activities that `flask involve seed-demo` adds after the consultations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from involve.demo import DEMO_PARTNERS, DEMO_SERVICES
from involve.demo_activities import seed_demo_activities, split_count
from involve.demo_activity_year import DEMO_ACTIVITIES
from involve.extensions import db
from involve.models import (
    Activity,
    AttendanceCount,
    AttendanceDimension,
    FeedbackItem,
    OpportunityType,
    StrategyItem,
    StrategyKind,
)
from involve.models.base import utc_now
from involve.services import authority
from involve.services.activities import plan_problems
from involve.services.involvement_plan import build_involvement_plan, current_year
from tests.pages import heading

YOUNG = {"under_16", "16_17", "18_24"}
OLDER = {"65_74", "75_84", "85_plus"}


@pytest.fixture
def seeded(db_session):  # type: ignore[no-untyped-def]
    for name in DEMO_SERVICES:
        authority.add_service(actor=None, name=name)
    for name, kind in DEMO_PARTNERS:
        authority.add_partner(actor=None, name=name, kind=kind)
    now = utc_now()
    lines = seed_demo_activities(now=now)
    return {"now": now, "lines": lines}


def _count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model))


def test_seeding_twice_creates_each_activity_and_strategy_item_once(seeded):
    assert seeded["lines"] == [f"Created {len(DEMO_ACTIVITIES)} demo activities for the year"]
    counts = (_count(Activity), _count(StrategyItem), _count(FeedbackItem), _count(AttendanceCount))
    assert seed_demo_activities() == []
    assert (
        _count(Activity),
        _count(StrategyItem),
        _count(FeedbackItem),
        _count(AttendanceCount),
    ) == counts
    assert 15 <= counts[0] <= 20
    kinds = set(db.session.scalars(select(StrategyItem.kind)))
    assert kinds == set(StrategyKind)
    targets = db.session.scalars(
        select(StrategyItem).where(StrategyItem.kind == StrategyKind.LAA_TARGET)
    ).all()
    assert all(item.lead_partner is not None for item in targets)


def test_activities_span_the_past_eleven_months_and_the_next_two(seeded):
    now = seeded["now"]
    activities = db.session.scalars(select(Activity)).all()
    assert all(
        now - timedelta(days=335) <= a.starts_at <= now + timedelta(days=62) for a in activities
    )
    assert any(a.starts_at > now for a in activities)
    assert {a.service.name for a in activities} == set(DEMO_SERVICES)
    assert sum(a.published_at is None for a in activities) in (1, 2)
    assert all(a.plan is not None and a.plan.completed_at for a in activities)
    assert all(plan_problems(a) == [] for a in activities)
    assert any(a.strategy_items for a in activities) and any(a.partners for a in activities)


def test_past_events_have_skewed_attendance_points_and_outcomes(seeded):
    now = seeded["now"]
    past_events = [
        a for a in db.session.scalars(select(Activity)) if a.format.is_event and a.starts_at < now
    ]
    assert len(past_events) >= 8
    young = older = 0
    for activity in past_events:
        assert 5 <= len(activity.feedback_items) <= 15, activity.slug
        assert activity.outcome_summary
        ages = {
            row.group_value: row.count
            for row in activity.attendance
            if row.dimension == AttendanceDimension.AGE_BAND
        }
        categories = sum(
            row.count
            for row in activity.attendance
            if row.dimension == AttendanceDimension.CATEGORY
        )
        assert sum(ages.values()) == categories > 0
        is_youth = "children_and_young_people" in activity.audiences
        if is_youth:
            assert sum(ages.get(band, 0) for band in YOUNG) > sum(ages.values()) / 2
        else:
            young += sum(ages.get(band, 0) for band in YOUNG)
            older += sum(ages.get(band, 0) for band in OLDER)
    assert older > 5 * young
    future = [a for a in db.session.scalars(select(Activity)) if a.starts_at > now]
    assert all(not a.feedback_items and not a.attendance and not a.outcome_summary for a in future)


def test_waste_and_recycling_has_clear_gaps_in_its_involvement_plan(seeded, pages, sign_in_as):
    waste = next(s for s in authority.list_services() if s.name == "Waste and recycling")
    years = {current_year(), current_year() - 1}
    offered = {
        row.opportunity
        for year in years
        for row in build_involvement_plan(service=waste, year=year).opportunities
        if row.is_offered
    }
    assert offered == {OpportunityType.GIVE_FEEDBACK}
    db.session.commit()
    sign_in_as("auditor")
    page = pages.get(f"/officer/services/{waste.id}/involvement-plan")
    assert heading(page) == f"Involvement plan for {current_year()}"


def test_split_count_keeps_the_total_exactly():
    assert split_count(7, {"a": 0.5, "b": 0.3, "c": 0.2}) == {"a": 4, "b": 2, "c": 1}
    assert sum(split_count(183, {"x": 0.27, "y": 0.17, "z": 0.031}).values()) == 183
    assert split_count(0, {"a": 1.0}) == {"a": 0}


def test_demo_target_mixes_use_the_planners_keys(seeded):
    from involve.services.planning import MIX_KEYS

    plans = [activity.plan for activity in db.session.scalars(select(Activity)) if activity.plan]
    assert plans
    assert all(plan.target_mix and set(plan.target_mix) <= MIX_KEYS for plan in plans)
