"""A consultation's phase: draft -> scheduled -> open -> closed -> outcome published.

Officers publish, close early and publish the outcome; the clock moves a published
consultation from scheduled to open at opens_at and to closed at closes_at. The phase is
always computed from those facts, so no background job has to flip a status at midnight.
Residents see a consultation from the moment it opens: until then (draft or scheduled) only
officers do, and every public page, listing and lookup answers as if it did not exist.

The outcome is the decision record's "We asked, you said, we did" page: one state, published
and taken down only through involve.services.decisions, which calls publish_outcome and
withdraw_outcome here. `outcome_published_at` mirrors the record's `published_at` so that
listings and the API can filter on the phase without a join.
"""

from __future__ import annotations

from datetime import datetime

from involve.models import Consultation, DecisionRecord, Officer, Phase
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.errors import DomainError
from involve.services.subscription_notices import (
    notify_consultation_published,
    notify_outcome_published,
)
from involve.templating import UK


class NotReadyToPublish(DomainError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class WrongPhase(DomainError):
    pass


def phase_of(consultation: Consultation, now: datetime | None = None) -> Phase:
    now = now or utc_now()
    if consultation.published_at is None:  # never public, whatever else is recorded
        return Phase.DRAFT
    if consultation.outcome_published_at is not None:
        return Phase.OUTCOME_PUBLISHED
    if consultation.closed_early_at is not None and consultation.closed_early_at <= now:
        return Phase.CLOSED
    if consultation.opens_at is not None and now < consultation.opens_at:
        return Phase.SCHEDULED
    if consultation.closes_at is not None and now >= consultation.closes_at:
        return Phase.CLOSED
    return Phase.OPEN


def is_accepting_responses(consultation: Consultation, now: datetime | None = None) -> bool:
    return phase_of(consultation, now) == Phase.OPEN


def is_public(consultation: Consultation, now: datetime | None = None) -> bool:
    """Residents can see it once it opens (a scheduled one is found only by officers); in SQL,
    involve.services.visibility.public_condition."""
    return phase_of(consultation, now) not in (Phase.DRAFT, Phase.SCHEDULED)


def publish_problems(consultation: Consultation) -> list[str]:
    """What must be fixed before publishing, in the words an officer needs."""
    problems = []
    if not consultation.summary.strip():
        problems.append("Add a short summary")
    if not consultation.proposal.strip() or not consultation.reasons.strip():
        problems.append("Say what is proposed and why, so people can respond intelligently")
    if consultation.opens_at is None or consultation.closes_at is None:
        problems.append("Set the opening and closing dates")
    elif consultation.closes_at <= consultation.opens_at:
        problems.append("The closing date must be after the opening date")
    if not any(page.questions for page in consultation.pages):
        problems.append("Add at least one question")
    return problems


def publish(*, actor: Officer, consultation: Consultation, base_url: str = "") -> None:
    """Publish it. Residents see it from its opening time; its topics' and areas' subscribers
    are told then: now if it is already open, else by announce_opened_consultations (`base_url`
    starts the links in their e-mails when INVOLVE_PUBLIC_URL is not set)."""
    if consultation.published_at is not None:
        raise WrongPhase("This consultation is already published")
    problems = publish_problems(consultation)
    if problems:
        raise NotReadyToPublish(problems)
    consultation.published_at = utc_now()
    record_event(
        actor=actor,
        action="consultation.published",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Published {consultation.title}",
    )
    if is_public(consultation):
        notify_consultation_published(consultation=consultation, actor=actor, base_url=base_url)


def unpublish(*, actor: Officer, consultation: Consultation) -> None:
    """Back to draft: only while scheduled, before anyone could answer."""
    if phase_of(consultation) != Phase.SCHEDULED:
        raise WrongPhase("Only a scheduled consultation that has not opened can go back to draft")
    consultation.published_at = None
    record_event(
        actor=actor,
        action="consultation.unpublished",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Returned {consultation.title} to draft",
    )


def close_early(*, actor: Officer, consultation: Consultation, reason: str) -> None:
    if phase_of(consultation) != Phase.OPEN:
        raise WrongPhase("Only an open consultation can be closed")
    consultation.closed_early_at = utc_now()
    record_event(
        actor=actor,
        action="consultation.closed_early",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Closed {consultation.title} early: {reason}",
        detail={"reason": reason},
    )


def check_outcome_can_be_published(consultation: Consultation) -> None:
    """Raise WrongPhase unless the consultation has closed. The decision record asks this
    before it changes anything, so a refusal never leaves a record published without its
    outcome (the request would still commit after the officer is told)."""
    if phase_of(consultation) not in (Phase.CLOSED, Phase.OUTCOME_PUBLISHED):
        raise WrongPhase("The outcome can be published only after the consultation has closed")


def publish_outcome(
    *,
    actor: Officer | None,
    consultation: Consultation,
    record: DecisionRecord,
    base_url: str = "",
) -> None:
    """The outcome goes public with its published decision record, never alone: called by
    involve.services.decisions.publish_record once check_outcome_can_be_published has passed.
    E-mails the people who asked to hear, except anyone already sent this consultation's
    outcome (publishing again after a take-down)."""
    if record.published_at is None or record.activity.consultation_id != consultation.id:
        raise WrongPhase("The outcome is published with the consultation's decision record")
    check_outcome_can_be_published(consultation)
    consultation.outcome_published_at = record.published_at
    record_event(
        actor=actor,
        action="consultation.outcome_published",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Published the outcome of {consultation.title}",
        detail={"decision_record_id": record.id},
    )
    notify_outcome_published(consultation=consultation, actor=actor, base_url=base_url)


def withdraw_outcome(*, actor: Officer | None, consultation: Consultation) -> None:
    """Back to closed, as its decision record is taken down (to correct it, say)."""
    if consultation.outcome_published_at is None:
        return
    consultation.outcome_published_at = None
    record_event(
        actor=actor,
        action="consultation.outcome_withdrawn",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Took down the outcome of {consultation.title}: it is closed again",
    )


def days_left(consultation: Consultation, now: datetime | None = None) -> int | None:
    """Calendar days from today to the closing date, in UK time (0 on the closing day).
    The one definition used wherever "N days left" is shown, so pages never disagree."""
    if consultation.closes_at is None:
        return None
    today = (now or utc_now()).astimezone(UK).date()
    return max((consultation.closes_at.astimezone(UK).date() - today).days, 0)


def days_left_text(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "closes today"
    return "1 day left" if days == 1 else f"{days} days left"
