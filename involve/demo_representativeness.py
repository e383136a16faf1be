"""Demo reference data: the demo authority's Census 2021 profile, the default outreach prompts, and
a target mix of local-person categories for the demo consultations' activities, so the
representativeness pages have something to compare with from the first `make run`."""

from __future__ import annotations

from sqlalchemy import select

from involve.extensions import db
from involve.models import Activity
from involve.services.census_import import import_shipped_census
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
