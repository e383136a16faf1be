"""Builders for the compliance report tests: closed consultations and events in a given
financial year, with their activity, plan, people and decision record."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from involve.extensions import db
from involve.models import (
    ActivityFormat,
    AttendanceDimension,
    DecisionRecord,
    OpportunityType,
    Service,
    Way,
)
from involve.templating import UK
from tests.factories import ConsultationFactory
from tests.factories_activities import (
    ActivityFactory,
    ActivityPlanFactory,
    AttendanceCountFactory,
)
from tests.factories_representativeness import consultation_activity, respondent

# A day well inside financial year 2025 (April 2025 to March 2026), long past.
IN_2025 = datetime(2025, 6, 2, 9, 0, tzinfo=UK)
# An activity's compliance report's sections, in order: on the page and in the PDF's outline.
REPORT_SECTIONS = [
    "What the activity was",
    "The plan and the duty's five considerations",
    "Who took part",
    "Fairness: The Gunning principles",
    "Fairness: Consultation Principles (Cabinet Office, 2018)",
    "Fairness: The duty to involve",
    "The analysis",
    "The decision",
    "Telling people the outcome",
]


def closed_consultation(  # type: ignore[no-untyped-def]
    *,
    title: str = "Market stall charges",
    opens_at: datetime = IN_2025,
    days_open: int = 42,
    service: Service | None = None,
    respondents: int = 0,
    plan: bool = True,
    audiences: tuple[str, ...] = ("residents",),
    **consultation: Any,
):
    """A published consultation open for `days_open` days, closed, with its activity."""
    made = ConsultationFactory(
        title=title,
        opens_at=opens_at,
        # At 11:59pm on its last day: open on exactly `days_open` UK calendar days.
        closes_at=(opens_at + timedelta(days=days_open - 1)).replace(hour=23, minute=59),
        published_at=opens_at - timedelta(days=2),
        service=service,
        options_still_open="Keep the charges or raise them",
        audiences=list(audiences),
        **consultation,
    )
    activity = consultation_activity(
        consultation=made,
        title=title,
        service=service,
        way=Way.CONSULT,
        opportunity_types=[OpportunityType.GIVE_FEEDBACK.value],
        audiences=list(audiences),
        published_at=opens_at - timedelta(days=2),
    )
    if plan:
        ActivityPlanFactory(activity=activity)
    for _ in range(respondents):
        respondent(made)
    db.session.flush()
    return activity


def event(  # type: ignore[no-untyped-def]
    *,
    title: str = "Drop-in at the library",
    starts_at: datetime = IN_2025,
    service: Service | None = None,
    attendance: int = 0,
    plan: bool = True,
    format: ActivityFormat = ActivityFormat.DROP_IN,
    **activity: Any,
):
    """A published drop-in (or another format) that has taken place, with attendance by
    category."""
    activity.setdefault("opportunity_types", [OpportunityType.GIVE_FEEDBACK.value])
    made = ActivityFactory(
        title=title,
        format=format,
        way=activity.pop("way", Way.CONSULT),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        service=service,
        **{"published_at": starts_at - timedelta(days=14), **activity},
    )
    if plan:
        ActivityPlanFactory(activity=made)
    if attendance:
        AttendanceCountFactory(
            activity=made,
            dimension=AttendanceDimension.CATEGORY,
            group_value="residents",
            count=attendance,
        )
    db.session.flush()
    return made


def decision(activity, *, published_after_days: int | None, **fields: Any) -> DecisionRecord:  # type: ignore[no-untyped-def]
    """A decision record, published that many days after the activity closed (None: not yet)."""
    ended = (
        activity.consultation.closes_at
        if activity.consultation is not None
        else activity.ends_at or activity.starts_at
    )
    fields.setdefault("decision", "Keep the charges as they are")
    fields.setdefault("decision_maker", "Cabinet")
    fields.setdefault("how_responses_considered", "Cabinet read every theme.")
    record = DecisionRecord(
        activity_id=activity.id,
        decided_on=(ended + timedelta(days=7)).date(),
        published_at=None
        if published_after_days is None
        else ended + timedelta(days=published_after_days),
        **fields,
    )
    db.session.add(record)
    if activity.consultation is not None:  # a consultation's outcome is its published record
        activity.consultation.outcome_published_at = record.published_at
    db.session.flush()
    return record


# A decision-maker's report whose title is its web address, as officers often paste it: a
# printout must not write the address out a second time after the link.
REPORT_ADDRESS = "https://example.org/cabinet/report.pdf"


def decision_titled_by_its_address(activity) -> DecisionRecord:  # type: ignore[no-untyped-def]
    """A decision published 20 days after the close, its report titled by its address."""
    return decision(
        activity,
        published_after_days=20,
        report_url=REPORT_ADDRESS,
        report_title=REPORT_ADDRESS,
    )
