"""A demo year of involvement activities for Stroud, with strategy items, plans, attendance and
the points people raised. Idempotent by slug (and by title for strategy items); deterministic."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from involve.demo_activity_points import OUTCOMES, POINTS
from involve.demo_activity_specs import COLLEGE, NHS, POLICE, DemoActivity
from involve.demo_activity_year import DEMO_ACTIVITIES
from involve.extensions import db
from involve.models import (
    Activity,
    ActivityPlan,
    AttendanceCount,
    AttendanceDimension,
    FeedbackItem,
    Officer,
    StrategyItem,
    StrategyKind,
)
from involve.models.base import utc_now
from involve.services import authority
from involve.services.events import NOT_KNOWN
from involve.services.reference_mix import AGE_COLUMNS, authority_reference_mix
from involve.templating import UK

# (kind, title, reference code, lead partner)
DEMO_STRATEGY = (
    (StrategyKind.SCS_PRIORITY, "A thriving, accessible district centre", "SCS 1", None),
    (
        StrategyKind.SCS_PRIORITY,
        "Young people with somewhere to go and something to do",
        "SCS 2",
        None,
    ),
    (StrategyKind.SCS_PRIORITY, "A carbon-neutral district by 2030", "SCS 3", None),
    (
        StrategyKind.LAA_TARGET,
        "Young people's participation in positive activities",
        "NI 110",
        COLLEGE,
    ),
    (
        StrategyKind.LAA_TARGET,
        "People killed or seriously injured in road traffic accidents",
        "NI 47",
        POLICE,
    ),
    (
        StrategyKind.LAA_TARGET,
        "Self-reported measure of people's overall health and wellbeing",
        "NI 119",
        NHS,
    ),
    (StrategyKind.JSNA_THEME, "Reduce loneliness among older people", "JSNA 4", None),
    (StrategyKind.JSNA_THEME, "Warm, safe homes that support good health", "JSNA 7", None),
)

# Who turns up: older people over-represented, young people missing, except at youth events.
USUAL_AGES = {
    "16_17": 0.01,
    "18_24": 0.03,
    "25_34": 0.07,
    "35_49": 0.14,
    "50_64": 0.25,
    "65_74": 0.27,
    "75_84": 0.17,
    "85_plus": 0.03,
    NOT_KNOWN: 0.03,
}
YOUTH_AGES = {"under_16": 0.46, "16_17": 0.29, "18_24": 0.17, "25_34": 0.03, "35_49": 0.05}


def _categories(spec: DemoActivity) -> dict[str, float]:
    """Most people come as the spec's first audience; a few as others or unknown."""
    shares = {spec.audiences[0]: 0.7}
    others = spec.audiences[1:] or ("residents",)
    for audience in others:
        shares[audience] = shares.get(audience, 0) + 0.25 / len(others)
    shares[NOT_KNOWN] = 0.05
    return shares


def split_count(total: int, shares: dict[str, float]) -> dict[str, int]:
    """Whole numbers in proportion to shares that add up exactly to total (largest remainder)."""
    weight = sum(shares.values())
    exact = {key: total * share / weight for key, share in shares.items()}
    counts = {key: int(value) for key, value in exact.items()}
    short = total - sum(counts.values())
    for key in sorted(exact, key=lambda k: (counts[k] - exact[k], k))[:short]:
        counts[key] += 1
    return counts


def _strategy_items() -> dict[str, StrategyItem]:
    items = {item.title: item for item in db.session.scalars(select(StrategyItem))}
    partners = {partner.name: partner for partner in authority.list_partners()}
    for kind, title, code, lead in DEMO_STRATEGY:
        if title not in items:
            items[title] = StrategyItem(
                kind=kind,
                title=title,
                reference_code=code,
                lead_partner=partners.get(lead) if lead else None,
                is_active=True,
            )
            db.session.add(items[title])
    return items


def _when(day: int, hour: int, now: datetime) -> datetime:
    local_day = (now.astimezone(UK) + timedelta(days=day)).date()
    return datetime.combine(local_day, time(hour, 0), tzinfo=UK)


def _plan(spec: DemoActivity, now: datetime) -> ActivityPlan:
    # The planner's keys: census age and sex shares for Stroud, as the planning screen offers.
    # Before the authority is set up (as in some tests) there is no census profile: equal shares.
    target = authority_reference_mix().default_target_mix() or {
        key: round(1 / len(AGE_COLUMNS), 4) for key in AGE_COLUMNS
    }
    return ActivityPlan(
        stakeholders=[
            {
                "group": audience.replace("_", " ").capitalize(),
                "category": audience,
                "how_reached": "Posters, the council website, partners' newsletters and social media",
            }
            for audience in spec.audiences
        ],
        why_this_way=f"A {spec.format.label.lower()} suits what we need to know: {spec.summary}",
        previous_engagement_use="We read what people told us in earlier consultations and "
        "events on this service before planning, so we do not ask the same questions again.",
        previous_engagement_matches=[],
        expected_benefits="Decisions that reflect what local people need, and a service they "
        "trust because they helped shape it.",
        proportionality=f"About £{spec.cost:,} and {spec.staff_hours} staff hours is "
        "proportionate to the number of people affected and the size of the decision.",
        personal_data_needed="None: attendance is counted, not recorded by name.",
        personal_data_reason="Aggregate counts are enough to check who we reached.",
        target_mix={key: round(share, 3) for key, share in target.items()},
        completed_at=now,
    )


def _add_attendance(activity: Activity, spec: DemoActivity) -> None:
    ages = split_count(spec.attendance, YOUTH_AGES if spec.youth else USUAL_AGES)
    categories = split_count(spec.attendance, _categories(spec))
    for dimension, counts in (
        (AttendanceDimension.AGE_BAND, ages),
        (AttendanceDimension.CATEGORY, categories),
    ):
        activity.attendance.extend(
            AttendanceCount(dimension=dimension, group_value=key, count=count)
            for key, count in counts.items()
            if count
        )


def _create(
    spec: DemoActivity,
    now: datetime,
    services: dict,  # type: ignore[type-arg]
    partners: dict,  # type: ignore[type-arg]
    strategy: dict[str, StrategyItem],
    author: Officer | None,
) -> Activity:
    starts_at = _when(spec.day, spec.hour, now)
    is_past = starts_at < now
    activity = Activity(
        slug=spec.slug,
        title=spec.title,
        summary=spec.summary,
        way=spec.way,
        opportunity_types=[kind.value for kind in spec.opportunities],
        format=spec.format,
        service=services.get(spec.service),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=spec.hours) if spec.hours else None,
        venue_name=spec.venue[0],
        venue_address=spec.venue[1],
        access_information=spec.access,
        how_to_take_part=spec.how_to_take_part,
        audiences=list(spec.audiences),
        age_groups=list(spec.age_groups),
        whole_area=True,
        ward_codes=[],
        estimated_cost_pounds=spec.cost,
        actual_cost_pounds=round(spec.cost * 1.08) if is_past else None,
        estimated_staff_hours=spec.staff_hours,
        actual_staff_hours=spec.staff_hours + 3 if is_past else None,
        commissioning_stage=spec.stage,
        notes="Room booked and risk assessment done." if not is_past else "Ran to time.",
        outcome_summary=OUTCOMES.get(spec.slug, "") if is_past else "",
        published_at=min(starts_at, now) - timedelta(days=21) if spec.published else None,
        created_by_id=author.id if author else None,
        partners=[partners[name] for name in spec.partners if name in partners],
        strategy_items=[strategy[title] for title in spec.strategy if title in strategy],
        plan=_plan(spec, now),
    )
    if is_past and spec.format.is_event:
        _add_attendance(activity, spec)
        for point in POINTS.get(spec.slug, ()):
            group, _, text = point.partition("|")
            activity.feedback_items.append(
                FeedbackItem(
                    text=text,
                    raised_by_group=group,
                    entered_by_id=author.id if author else None,
                    entered_at=starts_at + timedelta(days=1),
                )
            )
    db.session.add(activity)
    return activity


def seed_demo_activities(*, now: datetime | None = None) -> list[str]:
    """Create the demo year's activities that do not exist yet."""
    now = (now or utc_now()).replace(minute=0, second=0, microsecond=0)
    strategy = _strategy_items()
    existing = set(db.session.scalars(select(Activity.slug)))
    services = {service.name: service for service in authority.list_services()}
    partners = {partner.name: partner for partner in authority.list_partners()}
    author = db.session.scalar(select(Officer).where(Officer.email == "officer@example.gov.uk"))
    created = [
        _create(spec, now, services, partners, strategy, author)
        for spec in DEMO_ACTIVITIES
        if spec.slug not in existing
    ]
    db.session.flush()
    return [f"Created {len(created)} demo activities for the year"] if created else []
