"""Demo reference data: the demo authority's Census 2021 profile, the default outreach prompts, and
a target mix of local-person categories for the demo consultations' activities, so the
representativeness pages have something to compare with from the first `make run`."""

from __future__ import annotations

import random

from sqlalchemy import select

from involve.extensions import db
from involve.models import Activity
from involve.services.census_import import import_shipped_census
from involve.services.economic_activity import EconomicActivity
from involve.services.outreach_prompts import ensure_default_prompts
from involve.services.planning import get_or_create_plan
from involve.services.reference_groups import CATEGORY_GROUPS

DEMO_AREA = "E07000082"
# An engagement officer's target for a district-wide consultation (percent).
DEMO_CATEGORY_MIX = {
    "residents": 62,
    "children_and_young_people": 15,
    "students": 3,
    "workers": 4,
    "visitors": 1,
    "service_users": 4,
    "businesses": 7,
    "voluntary_and_community_groups": 3,
    "others_affected": 1,
}


# What demo respondents do, by age band (weights). Young respondents are few, and those who do
# answer are more often in work than their age group in Stroud, so full-time students come out
# well short of the census's 4.8% of residents aged 16 and over, as under-25s do on age.
_WORK, _JOBLESS, _STUDENT, _RETIRED, _HOME, _SICK, _OTHER = (
    EconomicActivity.EMPLOYED,
    EconomicActivity.UNEMPLOYED,
    EconomicActivity.FULL_TIME_STUDENT,
    EconomicActivity.RETIRED,
    EconomicActivity.LOOKING_AFTER_HOME,
    EconomicActivity.LONG_TERM_SICK,
    EconomicActivity.OTHER,
)
DEMO_ECONOMIC_ACTIVITY: dict[str, dict[EconomicActivity, float]] = {
    "16_17": {_STUDENT: 50, _WORK: 40, _JOBLESS: 5, _OTHER: 5},
    "18_24": {_WORK: 62, _STUDENT: 22, _JOBLESS: 8, _HOME: 4, _OTHER: 4},
    "25_34": {_WORK: 84, _JOBLESS: 4, _HOME: 6, _SICK: 3, _OTHER: 3},
    "35_49": {_WORK: 84, _JOBLESS: 3, _HOME: 6, _SICK: 4, _OTHER: 3},
    "50_64": {_WORK: 70, _JOBLESS: 3, _RETIRED: 14, _HOME: 4, _SICK: 6, _OTHER: 3},
    "65_74": {_RETIRED: 80, _WORK: 14, _HOME: 2, _SICK: 3, _OTHER: 1},
    "75_84": {_RETIRED: 96, _SICK: 2, _OTHER: 2},
    "85_plus": {_RETIRED: 97, _SICK: 3},
    "prefer_not_to_say": {_WORK: 50, _RETIRED: 35, _HOME: 5, _SICK: 5, _OTHER: 5},
}
DEMO_ECONOMIC_ACTIVITY_ANSWERED = 0.8  # the rest leave the optional question blank
DEMO_PREFER_NOT_TO_SAY = 0.04


def demo_economic_activity(reference: str, age_band: str | None, is_organisation: bool) -> str:
    """A demo respondent's answer to "what you do", or "" (not asked, or left blank). Seeded by
    the response's reference, so the other demo answers keep their random draws."""
    weights = DEMO_ECONOMIC_ACTIVITY.get(age_band or "")
    if is_organisation or weights is None:  # organisations and under-16s are not asked
        return ""
    rng = random.Random(f"economic-activity:{reference}")
    roll = rng.random()
    if roll >= DEMO_ECONOMIC_ACTIVITY_ANSWERED:
        return ""
    if roll < DEMO_PREFER_NOT_TO_SAY:
        return EconomicActivity.PREFER_NOT_TO_SAY.value
    options = list(weights)
    return rng.choices(options, weights=[weights[option] for option in options])[0].value


def seed_demo_representativeness() -> list[str]:
    """Load Stroud's census profile and the default prompts; give the consultations' activities
    a category target mix when their plan has none (safe to run again)."""
    census = import_shipped_census(area_codes={DEMO_AREA})
    prompts = ensure_default_prompts()
    activities = db.session.scalars(
        select(Activity).where(Activity.consultation_id.is_not(None)).order_by(Activity.id)
    ).all()
    given = 0
    for activity in activities:
        plan = get_or_create_plan(activity)
        mix = dict(plan.target_mix or {})
        if not any(key in CATEGORY_GROUPS for key in mix):
            mix.update({key: percent / 100 for key, percent in DEMO_CATEGORY_MIX.items()})
            plan.target_mix = mix
            given += 1
    db.session.flush()
    return [
        f"Census 2021 profile for {DEMO_AREA}: {census.describe()}; outreach prompts added: "
        f"{prompts}; category target mixes set: {given}"
    ]
