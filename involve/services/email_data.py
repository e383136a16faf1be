"""A person's e-mail subscriptions and the e-mails written to them, found by address in any case:
subject access shows them (the e-mails' text is the person's data too, "Dear Jane Doe ..."),
and erasure deletes the subscriptions and blanks the e-mails.

An erased e-mail keeps its subject, kind, status and dates, so the outbox's counts stay true,
but its address becomes "erased" and its text goes. One still waiting to be sent (or being
sent) is marked failed instead, so no sender ever takes it up again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models.outcomes import EmailMessage, EmailStatus, Subscription, SubscriptionKind
from involve.services.geography import ward_names
from involve.services.subscription_notices import NEW_CONSULTATION_KIND, OUTCOME_KIND
from involve.services.subscription_wording import describe
from involve.services.subscriptions import CONFIRM_KIND

ERASED_ADDRESS = "erased"
ERASED_ERROR = "erased on request"

SUBSCRIPTION_KIND_LABELS = {
    SubscriptionKind.TOPIC: "A topic",
    SubscriptionKind.AREA: "An area",
    SubscriptionKind.CONSULTATION: "The outcome of a consultation",
}
EMAIL_KIND_LABELS = {
    CONFIRM_KIND: "Confirming a subscription",
    NEW_CONSULTATION_KIND: "A new consultation",
    OUTCOME_KIND: "The outcome of a consultation",
}
EMAIL_STATUS_LABELS = {
    EmailStatus.QUEUED: "Waiting to be sent",
    EmailStatus.SENDING: "Being sent",
    EmailStatus.SENT: "Sent",
    EmailStatus.FAILED: "Not sent",
}


@dataclass(frozen=True)
class HeldSubscription:
    subscription: Subscription
    about: str  # what they asked to hear about: "consultations about Parking"

    @property
    def kind_label(self) -> str:
        kind = self.subscription.kind
        return SUBSCRIPTION_KIND_LABELS.get(kind, str(kind))


@dataclass
class EmailData:
    subscriptions: list[HeldSubscription] = field(default_factory=list)
    messages: list[EmailMessage] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.subscriptions or self.messages)


@dataclass(frozen=True)
class ErasedEmailData:
    subscriptions_deleted: int
    emails_blanked: int


def email_kind_label(kind: str) -> str:
    return EMAIL_KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def email_status_label(status: EmailStatus) -> str:
    return EMAIL_STATUS_LABELS.get(status, str(status))


def _addresses(addresses: Iterable[str]) -> list[str]:
    return sorted({address.strip().lower() for address in addresses if address.strip()})


def _subscriptions(addresses: list[str]) -> list[Subscription]:
    return list(
        db.session.scalars(
            select(Subscription)
            .where(func.lower(Subscription.email).in_(addresses))
            .options(selectinload(Subscription.consultation))
            .order_by(Subscription.created_at, Subscription.id)
        )
    )


def _messages(addresses: list[str]) -> list[EmailMessage]:
    return list(
        db.session.scalars(
            select(EmailMessage)
            .where(func.lower(EmailMessage.to_address).in_(addresses))
            .order_by(EmailMessage.created_at, EmailMessage.id)
        )
    )


def find_email_data(addresses: Iterable[str]) -> EmailData:
    """The subscriptions and e-mails held under these addresses; changes nothing."""
    wanted = _addresses(addresses)
    if not wanted:
        return EmailData()
    subscriptions = _subscriptions(wanted)
    wards = ward_names({s.ward_code for s in subscriptions if s.ward_code})
    return EmailData(
        [HeldSubscription(s, describe(s, ward_names=wards)) for s in subscriptions],
        _messages(wanted),
    )


def erase_email_data(addresses: Iterable[str]) -> ErasedEmailData:
    """Delete the subscriptions of these addresses and blank the e-mails written to them (see
    the module docstring). The caller records the audit event."""
    wanted = _addresses(addresses)
    if not wanted:
        return ErasedEmailData(0, 0)
    subscriptions = _subscriptions(wanted)
    messages = _messages(wanted)
    for message in messages:
        message.to_address = ERASED_ADDRESS
        message.body_text = ""
        if message.status in (EmailStatus.QUEUED, EmailStatus.SENDING):
            message.status = EmailStatus.FAILED
            message.last_error = ERASED_ERROR
    ids = [subscription.id for subscription in subscriptions]
    if ids:
        # The foreign key says SET NULL, but SQLite only does so when told to enforce keys.
        db.session.execute(
            update(EmailMessage)
            .where(EmailMessage.subscription_id.in_(ids))
            .values(subscription_id=None)
            .execution_options(synchronize_session="fetch")
        )
    for subscription in subscriptions:
        db.session.delete(subscription)
    db.session.flush()
    return ErasedEmailData(len(subscriptions), len(messages))
