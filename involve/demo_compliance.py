"""Demo evidence for the compliance reports: Parking and transport's year gets one event whose
"You said, we did" came out on time and one whose came out late (beside the 10-day car park
consultation that fails Gunning 3), and the checks across the year are run once so the year's
report has its fairness and mix figures from the start. Adds only what is missing."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.jobs.runner import run_inline
from involve.models import Activity, DecisionRecord
from involve.services.compliance_checks import KIND, latest_snapshot
from involve.services.compliance_period import current_financial_year

# slug -> (days after the event: decided, published; decision maker; decision)
DECISIONS = {
    "parking-drop-in-stroud-market": (
        21,
        35,  # within 12 weeks: on time
        "Head of Parking Services",
        "Keep free parking on market days and add two more blue badge bays in Cornhill car park.",
    ),
    "disabled-drivers-focus-group": (
        60,
        100,  # more than 12 weeks after: late
        "Cabinet Member for Transport",
        "Blue badge bays in town centre car parks will be widened and resurfaced first.",
    ),
}
# Says what the public page shows: the points raised, each written down and published after
# moderation (involve.demo_moderation), not themes, which events in the demo do not have.
CONSIDERED = (
    "Officers wrote down every point raised at the event and gave the full list to the "
    "decision-maker with the report. The points are published on this page, under \u201cIn "
    "people's own words\u201d, and the decision responds to them."
)


def seed_demo_compliance() -> list[str]:
    lines = []
    for slug, (decided_after, published_after, maker, decision) in DECISIONS.items():
        activity = db.session.scalars(select(Activity).where(Activity.slug == slug)).first()
        if activity is None or activity.starts_at is None:
            continue
        if db.session.scalar(
            select(DecisionRecord.id).where(DecisionRecord.activity_id == activity.id)
        ):
            continue
        ended: datetime = activity.ends_at or activity.starts_at
        db.session.add(
            DecisionRecord(
                activity_id=activity.id,
                decision=decision,
                decided_on=(ended + timedelta(days=decided_after)).date(),
                decision_maker=maker,
                report_title=f"{activity.title}: report to the decision-maker",
                report_url="https://www.example.gov.uk/parking-reports",
                how_responses_considered=CONSIDERED,
                published_at=ended + timedelta(days=published_after),
            )
        )
        lines.append(f"Recorded the demo decision on {activity.title}")
    db.session.flush()
    this_year = current_financial_year()
    for year in (this_year - 1, this_year):
        if latest_snapshot(year) is None:
            run_inline(KIND, subject_id=year, requested_by=None)
            lines.append(f"Ran the compliance checks for April {year} to March {year + 1}")
    return lines
