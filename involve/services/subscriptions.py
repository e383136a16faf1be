"""Residents' e-mail subscriptions: to a topic, an area (a ward), or the outcome of one
consultation. Double opt-in: a confirmation link is e-mailed first, and only confirmed
subscriptions get anything else. The token in the links is the only key; nothing on screen
says whether an address was already subscribed."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import Consultation, Ward
from involve.models.base import utc_now
from involve.models.outcomes import EmailMessage, Subscription, SubscriptionKind
from involve.services.authority import get_settings_or_placeholder
from involve.services.email_links import absolute_url
from involve.services.email_queue import queue_email, start_sending
from involve.services.errors import DomainError, NotFound
from involve.services.geography import ward_names
from involve.services.subscription_wording import Sender, confirmation_email, describe
from involve.services.visibility import public_condition

CONFIRM_KIND = "subscription_confirm"
# Confirmation e-mails one address can be sent in a day: enough to retry, too few for anyone
# to flood someone else's inbox through the form.
CONFIRMATIONS_PER_DAY = 5
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


class CannotSubscribe(DomainError):
    """The thing asked about cannot be subscribed to (a tampered form or a stale page)."""


@dataclass(frozen=True)
class SubscriptionOptions:
    topics: list[str]
    wards: list[Ward]


def subscription_options() -> SubscriptionOptions:
    """The topics of consultations the public can see and the wards loaded for the area."""
    topics: dict[str, str] = {}
    for listed in db.session.scalars(
        select(Consultation.topics).where(public_condition(utc_now()))
    ):
        for topic in listed or []:
            topics.setdefault(topic.casefold(), topic)
    wards = list(db.session.scalars(select(Ward).order_by(Ward.name)))
    return SubscriptionOptions(topics=sorted(topics.values(), key=str.casefold), wards=wards)


def sender() -> Sender:
    return Sender(
        service_name=current_app.config["SERVICE_NAME"],
        authority_name=get_settings_or_placeholder().name,
    )


def can_subscribe_to_outcome(consultation: Consultation) -> bool:
    return consultation.published_at is not None and consultation.outcome_published_at is None


def subscribe(
    *,
    email: str,
    kind: SubscriptionKind,
    topic: str = "",
    ward_code: str = "",
    consultation: Consultation | None = None,
    base_url: str = "",
) -> Subscription:
    """Record the request and e-mail a confirmation link. Asking again for the same thing
    sends the link again (within a daily limit) instead of adding a second subscription.
    `base_url` starts the links when INVOLVE_PUBLIC_URL is not set."""
    email = email.strip().lower()
    topic, ward_code, consultation_id = _target(kind, topic, ward_code, consultation)
    subscription = db.session.scalars(
        select(Subscription)
        .where(
            Subscription.email == email,
            Subscription.kind == kind,
            Subscription.topic == topic,
            Subscription.ward_code == ward_code,
            Subscription.consultation_id == consultation_id
            if consultation_id is not None
            else Subscription.consultation_id.is_(None),
        )
        .order_by(Subscription.id)
    ).first()
    if subscription is None:
        subscription = Subscription(
            email=email,
            kind=kind,
            topic=topic,
            ward_code=ward_code,
            consultation_id=consultation_id,
            token=_new_token(),
        )
        db.session.add(subscription)
    elif subscription.unsubscribed_at is not None:
        # Starting again: a new token, so links in e-mails from before stop working.
        subscription.token = _new_token()
        subscription.confirmed_at = None
        subscription.unsubscribed_at = None
    db.session.flush()
    if _confirmations_today(email) < CONFIRMATIONS_PER_DAY:
        _queue_confirmation(subscription, base_url)
        start_sending(base_url=base_url)
    return subscription


def _target(
    kind: SubscriptionKind, topic: str, ward_code: str, consultation: Consultation | None
) -> tuple[str, str, int | None]:
    if kind == SubscriptionKind.TOPIC:
        known = {item.casefold(): item for item in subscription_options().topics}
        if topic.casefold() not in known:
            raise CannotSubscribe("Select a topic")
        return known[topic.casefold()], "", None
    if kind == SubscriptionKind.AREA:
        if not ward_code or len(ward_code) > 9 or db.session.get(Ward, ward_code) is None:
            raise CannotSubscribe("Select an area")
        return "", ward_code, None
    if consultation is None or not can_subscribe_to_outcome(consultation):
        raise CannotSubscribe("The outcome of this consultation has already been published")
    return "", "", consultation.id


def _new_token() -> str:
    return secrets.token_urlsafe(32)  # 43 characters, 256 bits


def _confirmations_today(email: str) -> int:
    since = utc_now() - timedelta(days=1)
    return (
        db.session.scalar(
            select(func.count(EmailMessage.id)).where(
                EmailMessage.to_address == email,
                EmailMessage.kind == CONFIRM_KIND,
                EmailMessage.created_at >= since,
            )
        )
        or 0
    )


def _queue_confirmation(subscription: Subscription, base_url: str) -> EmailMessage:
    what = describe(subscription, ward_names=ward_names({subscription.ward_code}))
    text = confirmation_email(
        sender=sender(),
        what=what,
        confirm_url=absolute_url(
            "public.confirm_subscription", base=base_url, token=subscription.token
        ),
        unsubscribe_url=absolute_url("public.unsubscribe", base=base_url, token=subscription.token),
    )
    return queue_email(
        to_address=subscription.email,
        subject=text.subject,
        body_text=text.body,
        kind=CONFIRM_KIND,
        subscription=subscription,
        consultation_id=subscription.consultation_id,
    )


def get_by_token(token: str) -> Subscription:
    """The subscription a link names; NotFound for anything else, however malformed."""
    if not _TOKEN.fullmatch(token or ""):
        raise NotFound("No such subscription")
    subscription = db.session.scalars(
        select(Subscription).where(Subscription.token == token)
    ).first()
    if subscription is None:
        raise NotFound("No such subscription")
    return subscription


def confirm(*, token: str) -> Subscription:
    """Confirm by the e-mailed link (again is harmless); an ended subscription's link is dead."""
    subscription = get_by_token(token)
    if subscription.unsubscribed_at is not None:
        raise NotFound("This subscription has ended")
    if subscription.confirmed_at is None:
        subscription.confirmed_at = utc_now()
        db.session.flush()
    return subscription


def other_active_count(subscription: Subscription) -> int:
    """How many other subscriptions the same address has (to offer "stop all emails")."""
    return (
        db.session.scalar(
            select(func.count(Subscription.id)).where(
                Subscription.email == subscription.email,
                Subscription.id != subscription.id,
                Subscription.unsubscribed_at.is_(None),
            )
        )
        or 0
    )


def unsubscribe(*, token: str, everything: bool = False) -> Subscription:
    """End the subscription the link names, or every subscription of its address. Doing it
    twice is harmless, so an old link still gives a friendly answer."""
    subscription = get_by_token(token)
    now = utc_now()
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = now
    if everything:
        for other in db.session.scalars(
            select(Subscription).where(
                Subscription.email == subscription.email, Subscription.unsubscribed_at.is_(None)
            )
        ):
            other.unsubscribed_at = now
    db.session.flush()
    return subscription


def what_it_is(subscription: Subscription) -> str:
    return describe(subscription, ward_names=ward_names({subscription.ward_code}))
