"""Involvement activities of every kind: creating and changing them, the publish gate (a
complete plan, or an administrator's recorded override), the Activity every consultation has,
and what the public site lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from involve.auth.permissions import Permission, has_permission
from involve.extensions import db
from involve.models import (
    Activity,
    ActivityFormat,
    CommissioningStage,
    Consultation,
    Officer,
    OpportunityType,
    PartnerOrganisation,
    StrategyItem,
    Way,
)
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.errors import DomainError, NotFound, NotPermitted
from involve.services.visibility import public_activity_condition

SLUG_MAX = 100
# More than any council runs in a few years; keeps the public page and its sorting bounded.
PUBLIC_LIMIT = 500


class NotReadyToPublish(DomainError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ActivityDetails:
    """Everything an officer sets on the activity form."""

    title: str
    way: Way
    format: ActivityFormat
    summary: str = ""
    opportunity_types: list[str] = field(default_factory=list)
    service_id: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue_name: str = ""
    venue_address: str = ""
    access_information: str = ""
    how_to_take_part: str = ""
    audiences: list[str] = field(default_factory=list)
    age_groups: list[str] = field(default_factory=list)
    named_communities: str = ""
    partner_ids: list[int] = field(default_factory=list)
    estimated_cost_pounds: int | None = None
    actual_cost_pounds: int | None = None
    estimated_staff_hours: int | None = None
    actual_staff_hours: int | None = None
    commissioning_stage: CommissioningStage | None = None
    strategy_item_ids: list[int] = field(default_factory=list)
    outcome_summary: str = ""

    @classmethod
    def of(cls, activity: Activity) -> ActivityDetails:
        values = {
            item.name: getattr(activity, item.name)
            for item in fields(cls)
            if item.name not in ("partner_ids", "strategy_item_ids")
        }
        return cls(
            **values,
            partner_ids=sorted(partner.id for partner in activity.partners),
            strategy_item_ids=sorted(item.id for item in activity.strategy_items),
        )


def get_activity(activity_id: int) -> Activity:
    activity = db.session.get(Activity, activity_id)
    if activity is None:
        raise NotFound("Activity not found")
    return activity


def get_published_activity(slug: str) -> Activity:
    """A published activity by its web address (not a draft, nor a consultation's till it opens)."""
    activity = db.session.scalar(
        select(Activity).where(Activity.slug == slug, public_activity_condition(utc_now()))
    )
    if activity is None:
        raise NotFound("Activity not found")
    return activity


def list_activities() -> Sequence[Activity]:
    """Every activity, soonest start first (undated ones last), for the officer list."""
    return db.session.scalars(
        select(Activity)
        .options(joinedload(Activity.service))
        .order_by(Activity.starts_at.is_(None), Activity.starts_at.desc(), Activity.title)
    ).all()


def activity_for_consultation(consultation: Consultation) -> Activity | None:
    return db.session.scalar(select(Activity).where(Activity.consultation_id == consultation.id))


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:SLUG_MAX].strip("-") or "activity"


def unique_slug(title: str) -> str:
    """A slug from the title, with -2, -3 ... appended when another activity has it."""
    base = slugify(title)[: SLUG_MAX - 6].strip("-")
    taken = set(
        db.session.scalars(
            select(Activity.slug).where((Activity.slug == base) | Activity.slug.like(f"{base}-%"))
        )
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _apply(activity: Activity, details: ActivityDetails) -> None:
    for item in fields(ActivityDetails):
        if item.name in ("partner_ids", "strategy_item_ids"):
            continue
        value = getattr(details, item.name)
        setattr(activity, item.name, list(value) if isinstance(value, list) else value)
    activity.partners = _by_ids(PartnerOrganisation, details.partner_ids)
    activity.strategy_items = _by_ids(StrategyItem, details.strategy_item_ids)


def _by_ids(model: type[PartnerOrganisation] | type[StrategyItem], ids: list[int]) -> list:
    if not ids:
        return []
    return list(db.session.scalars(select(model).where(model.id.in_(ids)).order_by(model.id)))


def create_activity(*, actor: Officer, details: ActivityDetails) -> Activity:
    """A new draft activity."""
    activity = Activity(slug=unique_slug(details.title), created_by_id=actor.id)
    _apply(activity, details)
    db.session.add(activity)
    db.session.flush()
    record_event(
        actor=actor,
        action="activity.created",
        object_type="activity",
        object_id=activity.id,
        summary=f"Created activity {activity.title}",
    )
    return activity


def update_activity(*, actor: Officer, activity: Activity, details: ActivityDetails) -> list[str]:
    """Save the details; returns the names of the fields that changed. A published activity
    must stay publishable: an edit that would leave a gap the publish gate checks is refused
    (the request rolls back), so editing cannot bypass the gate."""
    if activity.consultation_id is not None:
        raise NotPermitted("Change this activity in the consultation builder")
    if activity.published_at is not None and (problems := own_problems(details)):
        raise NotReadyToPublish(problems)  # checked before anything changes
    before = ActivityDetails.of(activity)
    _apply(activity, details)
    db.session.flush()
    after = ActivityDetails.of(activity)
    changed = [
        item.name
        for item in fields(ActivityDetails)
        if getattr(before, item.name) != getattr(after, item.name)
    ]
    if changed:
        record_event(
            actor=actor,
            action="activity.updated",
            object_type="activity",
            object_id=activity.id,
            summary=f"Changed {', '.join(changed)} of {activity.title}",
            detail={"fields": changed},
        )
    return changed


# Publishing --------------------------------------------------------------------------------


def own_problems(activity: Activity | ActivityDetails) -> list[str]:
    """Gaps in the activity itself (or in details about to be saved), which no override can
    excuse."""
    problems = []
    if activity.format.is_event and activity.starts_at is None:
        problems.append("Set the date and time the event starts")
    if activity.format.is_event and not (activity.venue_name or activity.how_to_take_part):
        problems.append("Say where the event is or how to take part")
    return problems


def plan_problems(activity: Activity) -> list[str]:
    """The plan's gaps, as the planning screen words them (empty when the plan is complete)."""
    from involve.services import planning  # imported here: planning builds on this module

    return list(planning.plan_problems(activity))


def publish_problems(activity: Activity) -> list[str]:
    return own_problems(activity) + plan_problems(activity)


def can_override(actor: Officer) -> bool:
    return has_permission(actor, Permission.MANAGE_SETTINGS)


def publish_activity(
    *, actor: Officer, activity: Activity, override_reason: str | None = None
) -> None:
    """Publish, refusing while the activity or its plan is incomplete; an administrator may
    publish with an incomplete plan by giving a reason (recorded on the plan and audited)."""
    if activity.consultation_id is not None:
        raise DomainError("Publish this consultation from its own page")
    if activity.published_at is not None:
        raise DomainError("This activity is already published")
    if override_reason is not None and not can_override(actor):
        raise NotPermitted("Only an administrator can publish without a complete plan")
    reason = (override_reason or "").strip()
    own, plan = own_problems(activity), plan_problems(activity)
    if own or (plan and not reason):
        raise NotReadyToPublish(own + plan)
    if plan:
        from involve.services import planning

        planning.record_override(actor=actor, activity=activity, reason=reason)
    activity.published_at = utc_now()
    db.session.flush()
    record_event(
        actor=actor,
        action="activity.published",
        object_type="activity",
        object_id=activity.id,
        summary=(
            f"Published {activity.title} without a complete plan: {reason}"
            if plan
            else f"Published {activity.title}"
        ),
        detail={"override_reason": reason, "plan_problems": plan} if plan else None,
    )


def unpublish_activity(*, actor: Officer, activity: Activity) -> None:
    if activity.consultation_id is not None:
        raise DomainError("Return this consultation to draft from its own page")
    if activity.published_at is None:
        raise DomainError("This activity is already a draft")
    activity.published_at = None
    db.session.flush()
    record_event(
        actor=actor,
        action="activity.unpublished",
        object_type="activity",
        object_id=activity.id,
        summary=f"Returned {activity.title} to draft",
    )


# Consultations -----------------------------------------------------------------------------

CONSULTATION_HOW_TO_TAKE_PART = "Answer the online consultation."


def create_consultation_activity(*, actor: Officer | None, consultation: Consultation) -> Activity:
    """The Activity every consultation has: way consult, format online consultation. Audited
    when an officer's action creates it; back-fills (actor None) are not."""
    activity = Activity(
        slug=unique_slug(consultation.title),
        way=Way.CONSULT,
        format=ActivityFormat.ONLINE_CONSULTATION,
        opportunity_types=[OpportunityType.GIVE_FEEDBACK.value],
        consultation_id=consultation.id,
        how_to_take_part=CONSULTATION_HOW_TO_TAKE_PART,
        audiences=list(consultation.audiences or []),
        created_by_id=actor.id if actor is not None else consultation.created_by_id,
    )
    _copy_from_consultation(activity, consultation)
    db.session.add(activity)
    db.session.flush()
    if actor is not None:  # a back-fill mirrors what is already audited on the consultation
        record_event(
            actor=actor,
            action="activity.created",
            object_type="activity",
            object_id=activity.id,
            summary=f"Created the activity for consultation {consultation.title}",
            detail={"consultation_id": consultation.id},
        )
    return activity


def _copy_from_consultation(activity: Activity, consultation: Consultation) -> None:
    activity.title = consultation.title
    activity.summary = consultation.summary
    activity.service_id = consultation.service_id
    activity.whole_area = consultation.whole_area
    activity.ward_codes = list(consultation.ward_codes or [])
    activity.starts_at = consultation.opens_at
    activity.ends_at = consultation.closed_early_at or consultation.closes_at
    activity.published_at = consultation.published_at


def sync_activity_from_consultation(consultation: Consultation) -> None:
    """Keep the consultation's activity in step (title, summary, service, area, dates and
    published state); creates it when missing."""
    activity = activity_for_consultation(consultation)
    if activity is None:
        create_consultation_activity(actor=None, consultation=consultation)
        return
    _copy_from_consultation(activity, consultation)
    db.session.flush()


def ensure_consultation_activities() -> int:
    """Give every consultation without one its activity; returns how many were created."""
    missing = db.session.scalars(
        select(Consultation)
        .where(~select(Activity.id).where(Activity.consultation_id == Consultation.id).exists())
        .order_by(Consultation.id)
    ).all()
    for consultation in missing:
        create_consultation_activity(actor=None, consultation=consultation)
    return len(missing)


# The public site ---------------------------------------------------------------------------


@dataclass
class PublicActivities:
    upcoming: list[Activity] = field(default_factory=list)
    ongoing: list[Activity] = field(default_factory=list)
    past: list[Activity] = field(default_factory=list)


def timing_of(activity: Activity, now: datetime | None = None) -> str:
    """ "upcoming", "ongoing" or "past"."""
    now = now or utc_now()
    if activity.starts_at is not None and activity.starts_at > now:
        return "upcoming"
    end = activity.ends_at or (activity.starts_at if activity.format.is_event else None)
    if end is not None and end <= now:
        return "past"
    return "ongoing"


def list_public_activities(*, now: datetime | None = None) -> PublicActivities:
    """Public activities: upcoming (soonest first), ongoing, then past (latest first)."""
    now = now or utc_now()
    rows = db.session.scalars(
        select(Activity)
        .where(public_activity_condition(now))
        .options(selectinload(Activity.partners))
        .order_by(Activity.starts_at.desc())
        .limit(PUBLIC_LIMIT)
    ).all()
    listing = PublicActivities()
    for activity in rows:
        getattr(listing, timing_of(activity, now)).append(activity)
    listing.upcoming.sort(key=lambda activity: (activity.starts_at, activity.title))
    listing.ongoing.sort(key=lambda activity: activity.title.casefold())
    return listing


def list_upcoming_events(*, limit: int = 3, now: datetime | None = None) -> list[Activity]:
    """The next few published activities that are not online consultations, for the home page."""
    now = now or utc_now()
    return list(
        db.session.scalars(
            select(Activity)
            .where(
                Activity.published_at.is_not(None),
                Activity.consultation_id.is_(None),
                Activity.starts_at > now,
            )
            .order_by(Activity.starts_at, Activity.title)
            .limit(limit)
        )
    )
