"""Telling subscribers: when a consultation is published (people following its topics or
areas) and when its outcome is published (those, plus people following that consultation, plus
respondents who asked for it when they responded). One e-mail per person however many ways
they match; only confirmed, current subscriptions count. Called by involve.services.lifecycle
in the officer's transaction; the e-mails go once it commits."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import and_, func, or_, select

from involve.extensions import db
from involve.models import (
    Activity,
    Consultation,
    Officer,
    RespondentProfile,
    Response,
    ResponseStatus,
)
from involve.models.base import utc_now
from involve.models.outcomes import DecisionRecord, Subscription, SubscriptionKind
from involve.services.audit import record_event
from involve.services.email_sending import absolute_url, queue_email, start_sending
from involve.services.subscription_wording import (
    describe,
    new_consultation_email,
    outcome_email,
)
from involve.services.subscriptions import sender as subscription_sender
from involve.services.subscriptions import ward_names

OUTCOME_KIND = "outcome_published"
NEW_CONSULTATION_KIND = "consultation_published"
# The one whose unsubscribe link a person's e-mail carries, when they match several ways.
_PRIORITY = {SubscriptionKind.CONSULTATION: 0, SubscriptionKind.TOPIC: 1, SubscriptionKind.AREA: 2}
# "You said, we did" (another part of issue 8); the consultation page until it exists.
OUTCOME_PAGE_ENDPOINT = "public.you_said_we_did"


@dataclass
class Recipient:
    email: str
    subscriptions: list[Subscription] = field(default_factory=list)

    @property
    def primary(self) -> Subscription:
        return min(self.subscriptions, key=lambda item: (_PRIORITY[item.kind], item.id))


def matching_recipients(consultation: Consultation, *, include_outcome: bool) -> list[Recipient]:
    """Confirmed, current subscribers this consultation concerns, one per address."""
    topics = list(consultation.topics or [])
    conditions = []
    if include_outcome:
        conditions.append(
            and_(
                Subscription.kind == SubscriptionKind.CONSULTATION,
                Subscription.consultation_id == consultation.id,
            )
        )
    if topics:
        conditions.append(
            and_(
                Subscription.kind == SubscriptionKind.TOPIC,
                or_(
                    Subscription.topic.in_(topics),
                    func.lower(Subscription.topic).in_([topic.lower() for topic in topics]),
                ),
            )
        )
    if consultation.whole_area:
        conditions.append(Subscription.kind == SubscriptionKind.AREA)
    elif consultation.ward_codes:
        conditions.append(
            and_(
                Subscription.kind == SubscriptionKind.AREA,
                Subscription.ward_code.in_(list(consultation.ward_codes)),
            )
        )
    if not conditions:
        return []
    found: dict[str, Recipient] = {}
    for subscription in db.session.scalars(
        select(Subscription)
        .where(
            Subscription.confirmed_at.is_not(None),
            Subscription.unsubscribed_at.is_(None),
            or_(*conditions),
        )
        .order_by(Subscription.id)
    ):
        address = subscription.email.lower()
        found.setdefault(address, Recipient(email=address)).subscriptions.append(subscription)
    return list(found.values())


def respondents_wanting_updates(consultation: Consultation) -> list[str]:
    """Addresses of people who ticked "Email me when the council publishes what it decided"
    when they responded (anonymised responses have lost theirs)."""
    rows = db.session.scalars(
        select(RespondentProfile.email)
        .join(Response, RespondentProfile.response_id == Response.id)
        .where(
            Response.consultation_id == consultation.id,
            Response.status == ResponseStatus.SUBMITTED,
            Response.anonymised_at.is_(None),
            RespondentProfile.wants_updates.is_(True),
            RespondentProfile.email != "",
        )
        .order_by(Response.id)
    )
    return list(dict.fromkeys(address.strip().lower() for address in rows if address.strip()))


@dataclass(frozen=True)
class Decision:
    text: str
    is_published: bool  # the decision record is public, so "You said, we did" exists


def decision_of(consultation: Consultation) -> Decision:
    """What was decided: the published decision record's words, else the activity's outcome
    summary (an unpublished record's words are not public yet, so they are not e-mailed)."""
    activity = db.session.scalars(
        select(Activity).where(Activity.consultation_id == consultation.id)
    ).first()
    if activity is None:
        return Decision(text="", is_published=False)
    record = db.session.scalars(
        select(DecisionRecord).where(
            DecisionRecord.activity_id == activity.id, DecisionRecord.published_at.is_not(None)
        )
    ).first()
    if record is not None and record.decision.strip():
        return Decision(text=record.decision, is_published=True)
    return Decision(text=activity.outcome_summary or "", is_published=record is not None)


def outcome_page_url(consultation: Consultation, decision: Decision) -> str:
    """The "You said, we did" page when it exists for it, else the consultation's own page."""
    has_page = decision.is_published and OUTCOME_PAGE_ENDPOINT in current_app.view_functions
    endpoint = OUTCOME_PAGE_ENDPOINT if has_page else "public.consultation"
    return absolute_url(endpoint, slug=consultation.slug)


def notify_outcome_published(*, consultation: Consultation, actor: Officer | None) -> int:
    """Queue the outcome e-mails; returns how many."""
    recipients = matching_recipients(consultation, include_outcome=True)
    respondents = [
        address
        for address in respondents_wanting_updates(consultation)
        if address not in {recipient.email for recipient in recipients}
    ]
    if not recipients and not respondents:
        return 0
    sender, names = subscription_sender(), _ward_names(recipients)
    decision = decision_of(consultation)
    page_url = outcome_page_url(consultation, decision)
    for recipient in recipients:
        text = outcome_email(
            sender=sender,
            consultation=consultation,
            decision=decision.text,
            page_url=page_url,
            reasons=[describe(item, ward_names=names) for item in recipient.subscriptions],
            unsubscribe_url=absolute_url("public.unsubscribe", token=recipient.primary.token),
        )
        _queue(recipient.email, text.subject, text.body, OUTCOME_KIND, consultation, recipient)
    for address in respondents:
        text = outcome_email(
            sender=sender,
            consultation=consultation,
            decision=decision.text,
            page_url=page_url,
            reasons=[],
            unsubscribe_url="",
        )
        _queue(address, text.subject, text.body, OUTCOME_KIND, consultation, None)
    return _finish(consultation, actor, len(recipients) + len(respondents), "outcome")


def notify_consultation_published(*, consultation: Consultation, actor: Officer | None) -> int:
    """Queue "a new consultation you may be interested in" e-mails; returns how many."""
    recipients = matching_recipients(consultation, include_outcome=False)
    if not recipients:
        return 0
    sender, names, now = subscription_sender(), _ward_names(recipients), utc_now()
    page_url = absolute_url("public.consultation", slug=consultation.slug)
    for recipient in recipients:
        text = new_consultation_email(
            sender=sender,
            consultation=consultation,
            page_url=page_url,
            reasons=[describe(item, ward_names=names) for item in recipient.subscriptions],
            unsubscribe_url=absolute_url("public.unsubscribe", token=recipient.primary.token),
            now=now,
        )
        _queue(
            recipient.email, text.subject, text.body, NEW_CONSULTATION_KIND, consultation, recipient
        )
    return _finish(consultation, actor, len(recipients), "new consultation")


def _ward_names(recipients: list[Recipient]) -> dict[str, str]:
    return ward_names(
        {item.ward_code for recipient in recipients for item in recipient.subscriptions} - {""}
    )


def _queue(
    address: str,
    subject: str,
    body: str,
    kind: str,
    consultation: Consultation,
    recipient: Recipient | None,
) -> None:
    queue_email(
        to_address=address,
        subject=subject,
        body_text=body,
        kind=kind,
        subscription=recipient.primary if recipient is not None else None,
        consultation_id=consultation.id,
    )


def _finish(consultation: Consultation, actor: Officer | None, count: int, what: str) -> int:
    record_event(
        actor=actor,
        action="email.subscribers_notified",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Queued {count} {what} email{'s' if count != 1 else ''} for {consultation.title}",
        detail={"count": count, "kind": what},
    )
    start_sending(requested_by=actor)
    return count
