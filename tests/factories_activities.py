"""factory_boy factories for involvement activities, shared by every activity test file."""

from __future__ import annotations

from datetime import timedelta

import factory

from involve.models import (
    Activity,
    ActivityFormat,
    ActivityMaterial,
    ActivityPlan,
    AttendanceCount,
    AttendanceDimension,
    AudienceCategory,
    FeedbackItem,
    OpportunityType,
    StrategyItem,
    StrategyKind,
    Way,
)
from involve.models.base import utc_now
from tests.factories import _Base


class ActivityFactory(_Base):
    """A published workshop (an event) starting in 10 days; pass published_at=None for a draft."""

    class Meta:
        model = Activity

    slug = factory.Sequence(lambda n: f"activity-{n}")
    title = factory.Sequence(lambda n: f"Activity {n}")
    summary = "Come and help us shape the service."
    way = Way.INVOLVE
    opportunity_types = factory.LazyFunction(lambda: [OpportunityType.DESIGN.value])
    format = ActivityFormat.WORKSHOP
    starts_at = factory.LazyFunction(lambda: utc_now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(
        lambda activity: activity.starts_at + timedelta(hours=2) if activity.starts_at else None
    )
    venue_name = "Subscription Rooms"
    venue_address = "George Street, Stroud GL5 1AE"
    access_information = "Step-free access and a hearing loop."
    how_to_take_part = "Just turn up, or email us to book a place."
    audiences = factory.LazyFunction(lambda: [AudienceCategory.RESIDENTS.value])
    age_groups = factory.LazyFunction(list)
    named_communities = ""
    whole_area = True
    ward_codes = factory.LazyFunction(list)
    notes = ""
    outcome_summary = ""
    published_at = factory.LazyFunction(lambda: utc_now() - timedelta(days=1))


class ActivityPlanFactory(_Base):
    """A complete plan: every question answered."""

    class Meta:
        model = ActivityPlan

    activity = factory.SubFactory(ActivityFactory)
    stakeholders = factory.LazyFunction(
        lambda: [
            {
                "group": "Town centre residents",
                "category": AudienceCategory.RESIDENTS.value,
                "how_reached": "Leaflets and the residents' association",
            }
        ]
    )
    why_this_way = "A workshop lets people design the options with us."
    previous_engagement_use = "We read the 2023 survey results first."
    previous_engagement_matches = factory.LazyFunction(list)
    expected_benefits = "A service people will use."
    proportionality = "Two workshops are proportionate to a small change."
    personal_data_needed = "None"
    personal_data_reason = "We only count attendance."
    target_mix = factory.LazyFunction(lambda: {AudienceCategory.RESIDENTS.value: 1.0})
    completed_at = factory.LazyFunction(utc_now)
    override_reason = ""
    override_by_id = None


class StrategyItemFactory(_Base):
    class Meta:
        model = StrategyItem

    kind = StrategyKind.SCS_PRIORITY
    title = factory.Sequence(lambda n: f"Strategy item {n}")
    reference_code = factory.Sequence(lambda n: f"S{n}")
    lead_partner = None
    is_active = True


class AttendanceCountFactory(_Base):
    class Meta:
        model = AttendanceCount

    activity = factory.SubFactory(ActivityFactory)
    dimension = AttendanceDimension.CATEGORY
    group_value = AudienceCategory.RESIDENTS.value
    count = 12


class FeedbackItemFactory(_Base):
    class Meta:
        model = FeedbackItem

    activity = factory.SubFactory(ActivityFactory)
    text = "The bus stop is too far from the hall."
    raised_by_group = ""
    entered_at = factory.LazyFunction(utc_now)


class ActivityMaterialFactory(_Base):
    """A material row whose stored file does not exist (its download answers 404)."""

    class Meta:
        model = ActivityMaterial

    activity = factory.SubFactory(ActivityFactory)
    title = "Flipchart from table 2"
    original_filename = "flipchart.png"
    stored_name = factory.Sequence(lambda n: f"missing-material-{n}.png")
    content_type = "image/png"
    size_bytes = 10
    uploaded_at = factory.LazyFunction(utc_now)
