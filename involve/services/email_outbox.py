"""What the officer outbox page reads: recent e-mails with their status, attempts and last
error, one message's text, and the "send queued e-mails now" action."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import BackgroundJob, Officer
from involve.models.outcomes import EmailMessage, EmailStatus
from involve.services.audit import record_event
from involve.services.email_sending import start_sending
from involve.services.errors import NotFound

PER_PAGE = 50
# Far beyond any id; a bigger number from a hand-typed address would overflow the database.
LARGEST_ID = 2**31 - 1


@dataclass(frozen=True)
class OutboxCounts:
    queued: int
    sent: int
    failed: int


def count_by_status() -> OutboxCounts:
    counts = dict(
        db.session.execute(
            select(EmailMessage.status, func.count(EmailMessage.id)).group_by(EmailMessage.status)
        ).all()
    )
    return OutboxCounts(
        queued=counts.get(EmailStatus.QUEUED, 0),
        sent=counts.get(EmailStatus.SENT, 0),
        failed=counts.get(EmailStatus.FAILED, 0),
    )


def count_all() -> int:
    return db.session.scalar(select(func.count(EmailMessage.id))) or 0


def list_recent_messages(*, page: int = 1) -> Sequence[EmailMessage]:
    """One page of e-mails, newest first."""
    return db.session.scalars(
        select(EmailMessage)
        .order_by(EmailMessage.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    ).all()


def get_message(message_id: int) -> EmailMessage:
    message = db.session.get(EmailMessage, message_id) if 0 < message_id <= LARGEST_ID else None
    if message is None:
        raise NotFound("No such email")
    return message


def masked_address(address: str) -> str:
    """r•••@example.org: enough to tell messages apart in a list without showing the address."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def send_queued_now(*, actor: Officer) -> BackgroundJob:
    """Start a sending job (after a restart lost one, or to retry sooner)."""
    queued = count_by_status().queued
    job = start_sending(requested_by=actor)
    record_event(
        actor=actor,
        action="email.send_started",
        object_type="email_message",
        summary=f"Started sending {queued} queued email{'s' if queued != 1 else ''}",
        detail={"queued": queued, "job_id": job.id},
    )
    return job
