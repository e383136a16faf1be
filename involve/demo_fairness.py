"""Demo evidence for the fairness checks: the options still open and the sign-off on the demo
consultations, a near-perfect one (Library opening hours: a complete plan, linked to the
strategy, with a supporting report), and the council's next pre-election period. The 10-day
car park consultation (involve.demo_car_park) is left to fail on time. Each sign-off is recorded,
with its time and officer, before the consultation was published. Fills only what is empty, so
running it again, or after an officer's edits, changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import Activity, Consultation, ConsultationLink, ElectionPeriod, StrategyItem
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.fairness_records import stamp_records
from involve.services.officers import get_officer_by_email
from involve.services.planning import plan_problems
from involve.templating import UK

SIGN_OFF_RECORDED_BY = "officer@example.gov.uk"  # Priya Engagement, in involve.demo
DEMO_ELECTION = ("Local elections, 6 May 2027", date(2027, 3, 29), date(2027, 5, 6))

# slug -> (options still open, who agreed it); agreed two days before it was published.
SIGN_OFF = {
    "library-opening-hours": (
        "Which hours each library opens, and whether the mobile library keeps its Saturday "
        "stops. Keeping today's hours is still an option.",
        "Cabinet Member for Communities",
    ),
    "town-centre-parking-plan": (
        "Each of the four changes can be made, changed or dropped on its own; the evening charge "
        "could start at 7pm instead of 8pm.",
        "Cabinet Member for Transport",
    ),
    "redesign-of-youth-services": (
        "Where the youth hubs are, and how the outreach workers' time is shared between towns.",
        "Cabinet Member for Children and Young People",
    ),
    "garden-waste-collections": (
        "Whether collections run all year, and the new charge, anywhere between £52 and £58.",
        "Head of Waste and Recycling",
    ),
    "church-street-car-park-resurfacing": (
        "Whether to close the whole car park for three weeks or half of it at a time.",
        "Head of Parking Services",
    ),
}

LIBRARY_PLAN = {
    "why_this_way": "An online survey with paper copies in every library reaches both regular "
    "users and people who have stopped using the libraries.",
    "previous_engagement_use": "We used the 2024 library users' survey to draw up the options.",
    "expected_benefits": "Opening hours that fit when people can come in.",
    "proportionality": "A six-week survey costs little, and every library can hand out paper "
    "copies.",
    "personal_data_needed": "Age band, ward and, if people choose, their e-mail address.",
    "personal_data_reason": "To see who took part and to tell people the outcome.",
}
LIBRARY_STAKEHOLDERS = [
    {
        "group": "Library users",
        "category": "service_users",
        "how_reached": "Posters and paper copies in every library",
    },
    {
        "group": "Pupils and students",
        "category": "children_and_young_people",
        "how_reached": "School and college newsletters, and the youth council",
    },
    {
        "group": "Town centre businesses",
        "category": "businesses",
        "how_reached": "The traders' association mailing list",
    },
]
LIBRARY_LINK = (
    "Library service review: report to Cabinet",
    "https://www.example.gov.uk/library-review",
)
LIBRARY_STRATEGY = "A thriving, accessible district centre"


def seed_demo_fairness() -> list[str]:
    lines = []
    consultations = {c.slug: c for c in db.session.scalars(select(Consultation))}
    signed = sum(
        _sign_off(consultations[slug], *values)
        for slug, values in SIGN_OFF.items()
        if slug in consultations
    )
    if "library-opening-hours" in consultations:
        _near_perfect(consultations["library-opening-hours"])
    name, starts_on, ends_on = DEMO_ELECTION
    if db.session.scalar(select(ElectionPeriod.id).where(ElectionPeriod.name == name)) is None:
        db.session.add(ElectionPeriod(name=name, starts_on=starts_on, ends_on=ends_on))
        lines.append(f"Added the pre-election period {name}")
    db.session.flush()
    if signed:
        lines.append(
            f"Recorded the options still open and the sign-off of {signed} demo consultations"
        )
    return lines


def _sign_off(consultation: Consultation, options: str, agreed_by: str) -> bool:
    """The options and sign-off, recorded by the demo engagement officer at 10am on the day it
    was agreed (two days before publication), or now for a draft: in the audit log, as an edit
    of the details form would be, so the pages show who recorded them and when."""
    if consultation.options_still_open or consultation.agreed_by:
        return False
    consultation.options_still_open = options
    changed, at = ["options_still_open"], utc_now()
    if consultation.published_at is not None:
        published = consultation.published_at.astimezone(UK).date()
        consultation.agreed_by, consultation.agreed_on = agreed_by, published - timedelta(days=2)
        changed += ["agreed_by", "agreed_on"]
        at = datetime.combine(consultation.agreed_on, time(10, 0), tzinfo=UK).astimezone(UTC)
    event = record_event(
        actor=get_officer_by_email(SIGN_OFF_RECORDED_BY),
        action="consultation.updated",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Changed {', '.join(changed)} of {consultation.title}",
        detail={"fields": changed},
    )
    event.occurred_at = at
    stamp_records(consultation, changed=changed, at=at)
    return True


def _near_perfect(consultation: Consultation) -> None:
    """A complete plan, a strategy link and a supporting report for Library opening hours."""
    if not consultation.links:
        title, url = LIBRARY_LINK
        consultation.links.append(ConsultationLink(title=title, url=url))
    activity = db.session.scalars(
        select(Activity).where(Activity.consultation_id == consultation.id)
    ).first()
    if activity is None or activity.plan is None:
        return
    plan = activity.plan
    if not plan.stakeholders:
        plan.stakeholders = list(LIBRARY_STAKEHOLDERS)
    for name, text in LIBRARY_PLAN.items():
        if not getattr(plan, name):
            setattr(plan, name, text)
    if not activity.strategy_items:
        item = db.session.scalars(
            select(StrategyItem).where(StrategyItem.title == LIBRARY_STRATEGY)
        ).first()
        if item is not None:
            activity.strategy_items.append(item)
    db.session.flush()
    if plan.completed_at is None and not plan_problems(activity):
        plan.completed_at = utc_now()
