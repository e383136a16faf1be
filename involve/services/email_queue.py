"""Queueing e-mail: each message is written to the `email_message` table, and start_sending
starts the background job that sends what is queued (involve/services/email_sending.py), so a
page never waits for a mail server."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert

from involve.extensions import db
from involve.jobs import enqueue
from involve.models import BackgroundJob, Officer
from involve.models.outcomes import EmailMessage, EmailStatus, Subscription
from involve.services.email_links import link_base

SEND_JOB = "send_email"


@dataclass(frozen=True)
class EmailDraft:
    """One e-mail to queue."""

    to_address: str
    subject: str
    body_text: str
    kind: str
    subscription_id: int | None = None
    consultation_id: int | None = None


def queue_emails(drafts: Iterable[EmailDraft]) -> int:
    """Write e-mails to send in one INSERT however many (an outcome may go to thousands);
    returns how many. Call start_sending once after."""
    rows = [
        {
            "to_address": draft.to_address,
            "subject": _one_line(draft.subject),
            "body_text": draft.body_text,
            "kind": draft.kind,
            "status": EmailStatus.QUEUED,
            "attempts": 0,
            "last_error": "",
            "adapter": "",
            "subscription_id": draft.subscription_id,
            "consultation_id": draft.consultation_id,
        }
        for draft in drafts
    ]
    if rows:
        db.session.execute(insert(EmailMessage), rows)
    return len(rows)


def queue_email(
    *,
    to_address: str,
    subject: str,
    body_text: str,
    kind: str,
    subscription: Subscription | None = None,
    consultation_id: int | None = None,
) -> EmailMessage:
    """Write one e-mail to send; call start_sending once after queueing."""
    message = EmailMessage(
        to_address=to_address,
        subject=_one_line(subject),
        body_text=body_text,
        kind=kind,
        status=EmailStatus.QUEUED,
        attempts=0,
        last_error="",
        subscription_id=subscription.id if subscription is not None else None,
        consultation_id=consultation_id,
    )
    db.session.add(message)
    db.session.flush()
    return message


def _one_line(subject: str) -> str:
    return " ".join(subject.split())[:300]  # a header can never be injected


def start_sending(*, requested_by: Officer | None = None, base_url: str = "") -> BackgroundJob:
    """Send every queued e-mail in the background, once this request's transaction commits."""
    return enqueue(
        SEND_JOB,
        subject_id=0,
        requested_by=requested_by,
        params={"base_url": link_base(base_url)},
    )
