"""What the officer outbox page reads: recent e-mails with their status, attempts and last
error, one message's text, and the "send queued e-mails now" action.

Addresses are partly hidden and the tokens in confirm and unsubscribe links replaced, on every
configuration: with a live link an administrator could confirm a subscription nobody asked for.
Developers read the whole e-mail in the .eml files under instance/outbox/."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import AccessAction, BackgroundJob, Officer
from involve.models.outcomes import EmailMessage, EmailStatus
from involve.services.access_log import record_access
from involve.services.audit import record_event
from involve.services.email_queue import start_sending
from involve.services.errors import NotFound

PER_PAGE = 50
# Far beyond any id; a bigger number from a hand-typed address would overflow the database.
LARGEST_ID = 2**31 - 1
HIDDEN = "[hidden]"
# Pages whose links carry a subscription's token, the only key to it.
TOKEN_ENDPOINTS = ("public.confirm_subscription", "public.unsubscribe")
_TOKEN = "[A-Za-z0-9_-]+"


@dataclass(frozen=True)
class OutboxCounts:
    queued: int  # waiting, or being sent now
    sent: int
    failed: int


@dataclass(frozen=True)
class MessageView:
    """One e-mail as the outbox page shows it: address and link tokens hidden."""

    message: EmailMessage
    to_address: str
    body_text: str
    last_error: str


def count_by_status() -> OutboxCounts:
    counts = dict(
        db.session.execute(
            select(EmailMessage.status, func.count(EmailMessage.id)).group_by(EmailMessage.status)
        ).all()
    )
    return OutboxCounts(
        queued=counts.get(EmailStatus.QUEUED, 0) + counts.get(EmailStatus.SENDING, 0),
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


def masked_error(message: EmailMessage) -> str:
    """The last error with the address hidden (a mail server's refusal quotes it)."""
    address = message.to_address
    if not address or "@" not in address:
        return message.last_error
    masked = masked_address(address)
    return re.sub(re.escape(address), lambda _: masked, message.last_error, flags=re.IGNORECASE)


def masked_links(text: str) -> str:
    """The text with the token in every confirm or unsubscribe link replaced by [hidden]."""
    urls = current_app.url_map.bind("localhost")
    for endpoint in TOKEN_ENDPOINTS:
        before, _, after = urls.build(endpoint, {"token": "TOKEN"}).partition("TOKEN")
        text = re.sub(f"({re.escape(before)}){_TOKEN}({re.escape(after)})", rf"\1{HIDDEN}\2", text)
    return text


def view_message(message_id: int, *, officer: Officer) -> MessageView:
    """One e-mail for the outbox page, masked; the view is recorded in the access log."""
    message = get_message(message_id)
    record_access(
        officer=officer,
        action=AccessAction.EMAIL_VIEW,
        object_type="email_message",
        object_id=message.id,
        consultation_id=message.consultation_id,
    )
    return MessageView(
        message=message,
        to_address=masked_address(message.to_address),
        body_text=masked_links(message.body_text),
        last_error=masked_error(message),
    )


def send_queued_now(*, actor: Officer, base_url: str = "") -> BackgroundJob:
    """Start a sending job (after a restart lost one, or to retry sooner)."""
    queued = count_by_status().queued
    job = start_sending(requested_by=actor, base_url=base_url)
    record_event(
        actor=actor,
        action="email.send_started",
        object_type="email_message",
        summary=f"Started sending {queued} queued email{'s' if queued != 1 else ''}",
        detail={"queued": queued, "job_id": job.id},
    )
    return job
