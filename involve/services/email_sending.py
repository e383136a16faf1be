"""E-mail is written to the `email_message` table first (queue_email), then sent by the
background job "send_email" through the configured adapter, so a page never waits for a mail
server and a failed send is retried.

Retries: a failed message stays queued and is tried again after EMAIL_RETRY_SECONDS, then
twice that, and so on, up to MAX_ATTEMPTS attempts; then it is marked failed with the last
error, for the outbox page. A message is claimed by one conditional UPDATE (its attempt count
goes up) before it is sent, so two jobs running at once never send it twice.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for
from sqlalchemy import select, update

from involve.auth.permissions import Permission
from involve.extensions import db
from involve.jobs import JobContext, enqueue, job_kind
from involve.models import BackgroundJob, Officer
from involve.models.base import utc_now
from involve.models.outcomes import EmailMessage, EmailStatus, Subscription
from involve.services.email_adapters import (
    EmailAdapter,
    EmailNotSent,
    OutgoingEmail,
    adapter_from_config,
)

log = logging.getLogger(__name__)

SEND_JOB = "send_email"
MAX_ATTEMPTS = 5
BATCH = 200
# `make run`'s address: links in e-mails queued outside a request in development.
DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"
# A job waits for a retry that is due within this long; later ones are left to the next job.
LONGEST_WAIT = timedelta(minutes=15)
_MAX_ROUNDS = 10_000  # bounded, never endless


def link_base() -> str:
    """The start of every link in an e-mail: INVOLVE_PUBLIC_URL (required in production),
    else in development the address of the request that queued it."""
    configured = current_app.config.get("PUBLIC_URL") or ""
    if configured:
        return configured
    if has_request_context():
        return request.url_root.rstrip("/")
    return DEVELOPMENT_BASE_URL


def absolute_url(endpoint: str, *, base: str | None = None, **values: Any) -> str:
    """A full link to a page, for an e-mail (which may be written outside any request)."""
    parts = urlsplit(base or link_base())
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)


def queue_email(
    *,
    to_address: str,
    subject: str,
    body_text: str,
    kind: str,
    subscription: Subscription | None = None,
    consultation_id: int | None = None,
) -> EmailMessage:
    """Write one e-mail to send; call start_sending once after queueing a batch."""
    message = EmailMessage(
        to_address=to_address,
        subject=" ".join(subject.split())[:300],  # one line: a header can never be injected
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


def start_sending(*, requested_by: Officer | None = None) -> BackgroundJob:
    """Send every queued e-mail in the background, once this request's transaction commits."""
    return enqueue(
        SEND_JOB, subject_id=0, requested_by=requested_by, params={"base_url": link_base()}
    )


def retry_delay(attempts: int, *, base_seconds: int) -> timedelta:
    """How long after its last attempt a message is tried again: 1, 2, 4, 8 times the base."""
    if attempts <= 0:
        return timedelta(0)
    return timedelta(seconds=base_seconds * 2 ** (attempts - 1))


@job_kind(
    SEND_JOB,
    title="Sending emails",
    permission=Permission.MANAGE_SETTINGS,
    next_url=lambda job: url_for("officer.outbox"),
    back_url=lambda job: url_for("officer.outbox"),
)
def send_queued_email(context: JobContext) -> dict[str, Any]:
    adapter = adapter_from_config(current_app.config)
    base = current_app.config.get("PUBLIC_URL") or context.params.get("base_url") or ""
    totals: Counter[str] = Counter()
    for _ in range(_MAX_ROUNDS):
        due = _due_messages(utc_now())
        if due:
            for message_id, attempts in due:
                totals[_attempt(message_id, attempts, adapter, base, context)] += 1
            context.progress(50, f"Sent {totals['sent']} emails")
            continue
        wait = _time_until_next_retry(utc_now())
        if wait is None or wait > LONGEST_WAIT:
            break
        _wait(context, wait, totals)
    return {"sent": totals["sent"], "failed": totals["failed"], "retrying": totals["retrying"]}


def _delay(attempts: int) -> timedelta:
    return retry_delay(attempts, base_seconds=current_app.config["EMAIL_RETRY_SECONDS"])


def _queued() -> list[tuple[int, int, datetime]]:
    # New messages first, so a backlog waiting for retries never holds them up.
    rows = db.session.execute(
        select(EmailMessage.id, EmailMessage.attempts, EmailMessage.updated_at)
        .where(EmailMessage.status == EmailStatus.QUEUED)
        .order_by(EmailMessage.attempts, EmailMessage.id)
        .limit(BATCH)
    ).all()
    return [(row[0], row[1], row[2]) for row in rows]


def _due_messages(now: datetime) -> list[tuple[int, int]]:
    return [
        (message_id, attempts)
        for message_id, attempts, tried_at in _queued()
        if attempts == 0 or tried_at + _delay(attempts) <= now
    ]


def _time_until_next_retry(now: datetime) -> timedelta | None:
    waits = [tried_at + _delay(attempts) - now for _, attempts, tried_at in _queued()]
    return max(min(waits), timedelta(0)) if waits else None


def _wait(context: JobContext, wait: timedelta, totals: Counter[str]) -> None:
    context.checkpoint()  # hold no transaction while waiting
    remaining = wait.total_seconds()
    while remaining > 0:
        context.progress(50, f"Sent {totals['sent']}; waiting to try again")  # a heartbeat
        step = min(remaining, 30.0)
        time.sleep(step)
        remaining -= step


def _attempt(
    message_id: int, attempts: int, adapter: EmailAdapter, base: str, context: JobContext
) -> str:
    claimed = _update(
        message_id,
        EmailMessage.status == EmailStatus.QUEUED,
        EmailMessage.attempts == attempts,
        attempts=attempts + 1,
        adapter=adapter.name,
        updated_at=utc_now(),  # when it was last tried: the backoff counts from here
    )
    context.checkpoint()  # the claim is visible to other senders before the slow part
    message = db.session.get(EmailMessage, message_id) if claimed else None
    if message is None:
        return "skipped"
    db.session.refresh(message)
    try:
        adapter.send(outgoing(message, base=base))
    except Exception as error:
        permanent = isinstance(error, EmailNotSent) and error.permanent
        if not isinstance(error, EmailNotSent):
            log.exception("email %s could not be sent", message_id)
        gave_up = permanent or attempts + 1 >= MAX_ATTEMPTS
        _update(
            message_id,
            last_error=(str(error) or type(error).__name__)[:2000],
            status=EmailStatus.FAILED if gave_up else EmailStatus.QUEUED,
            updated_at=utc_now(),
        )
        context.checkpoint()
        return "failed" if gave_up else "retrying"
    _update(message_id, status=EmailStatus.SENT, sent_at=utc_now(), updated_at=utc_now())
    context.checkpoint()
    return "sent"


def _update(message_id: int, *conditions: Any, **values: Any) -> bool:
    """One UPDATE with the values given (the ORM would swap in its own updated_at)."""
    result = db.session.execute(
        update(EmailMessage)
        .where(EmailMessage.id == message_id, *conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def outgoing(message: EmailMessage, *, base: str = "") -> OutgoingEmail:
    """What the adapter sends, with the unsubscribe link for mail programs' own button."""
    unsubscribe_url = ""
    if message.subscription_id is not None:
        subscription = db.session.get(Subscription, message.subscription_id)
        if subscription is not None:
            unsubscribe_url = absolute_url(
                "public.unsubscribe", base=base or None, token=subscription.token
            )
    return OutgoingEmail(
        message_id=message.id,
        to_address=message.to_address,
        subject=message.subject,
        body_text=message.body_text,
        unsubscribe_url=unsubscribe_url,
    )
