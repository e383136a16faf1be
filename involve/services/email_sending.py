"""E-mail is written to the `email_message` table first (involve/services/email_queue.py), then sent
by the background job "send_email" (or `flask involve send-emails`) through the configured
adapter, so a page never waits for a mail server and a failed send is retried.

Claims are leases. A sender claims a message with one conditional UPDATE that marks it
"sending", moves its attempt count on and stamps updated_at; that claim is committed before the
slow part, so a second sender (every subscription starts a job) passes it by. Only once the
lease (SENDING_LEASE, far longer than the worst-case send) has run out may another sender take
it over: its sender died mid-send, so it may go twice, which is better than never.

Retries: a failed message goes back to the queue and is tried again after EMAIL_RETRY_SECONDS,
then twice that, and so on, up to MAX_ATTEMPTS attempts; then it is marked failed with the last
error, for the outbox page. When the mail server cannot be reached for OUTAGE_AFTER messages in
a row, the round stops and the rest stay queued untouched, to be tried after a pause.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from flask import current_app, url_for
from sqlalchemy import and_, func, or_, select, update

from involve.auth.permissions import Permission
from involve.extensions import db
from involve.jobs import JobContext, job_kind
from involve.models.base import utc_now
from involve.models.outcomes import EmailMessage, EmailStatus, Subscription
from involve.services.email_adapters import (
    EmailAdapter,
    EmailNotSent,
    OutgoingEmail,
    adapter_from_config,
)
from involve.services.email_links import absolute_url, link_base
from involve.services.email_queue import SEND_JOB

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH = 200
# A claimed message belongs to its sender for this long. The worst send is an SMTP exchange of
# about ten steps of up to SMTP_TIMEOUT_SECONDS each (or Notify's 30-second timeouts).
SENDING_LEASE = timedelta(minutes=5)
# This many messages in a row that could not reach the mail server mean it is down.
OUTAGE_AFTER = 3
# A job waits for a retry that is due within this long; later ones are left to the next job.
LONGEST_WAIT = timedelta(minutes=15)
ABANDONED_ERROR = "The sender stopped while sending this (a restart?); it was not tried again"
_MAX_ROUNDS = 10_000  # bounded, never endless


def retry_delay(attempts: int, *, base_seconds: int) -> timedelta:
    """How long after its last attempt a message is tried again: 1, 2, 4, 8 times the base."""
    if attempts <= 0:
        return timedelta(0)
    return timedelta(seconds=base_seconds * 2 ** (attempts - 1))


class Runner(Protocol):
    """What sending needs from whoever runs it: a JobContext, or the command line's."""

    def checkpoint(self) -> None: ...

    def progress(self, percent: int, stage: str) -> None: ...


class Outcome(StrEnum):
    SENT = "sent"
    RETRYING = "retrying"  # could not reach the server; queued again
    FAILED = "failed"  # refused for good
    GAVE_UP = "gave_up"  # could not reach the server, for the last allowed time
    SKIPPED = "skipped"  # another sender has it


@job_kind(
    SEND_JOB,
    title="Sending emails",
    permission=Permission.MANAGE_SETTINGS,
    next_url=lambda job: url_for("officer.outbox"),
    back_url=lambda job: url_for("officer.outbox"),
)
def send_queued_email(context: JobContext) -> dict[str, Any]:
    return send_waiting(context, base_url=context.params.get("base_url") or "")


def send_waiting(runner: Runner, *, base_url: str = "", wait: bool = True) -> dict[str, int]:
    """Send the queued e-mails that are due; with `wait`, also those whose retry (or the mail
    server's return) is due within LONGEST_WAIT. Returns counts, and how many still wait."""
    adapter = adapter_from_config(current_app.config)
    base = link_base(base_url)
    totals: Counter[str] = Counter()
    outages = 0
    for _ in range(_MAX_ROUNDS):
        runner.checkpoint()  # each write in a transaction of its own (see _attempt)
        _give_up_abandoned(utc_now())
        runner.checkpoint()
        due = _due_messages(utc_now())
        if due:
            if _send_round(due, adapter, base, runner, totals):
                outages = 0
                continue
            outages += 1
            pause: timedelta | None = _delay(outages)  # longer each time the server is down
        else:
            pause = _time_until_next_retry(utc_now())
        if not wait or pause is None or pause > LONGEST_WAIT:
            break
        _wait(runner, pause, totals)
    waiting = count_waiting()
    runner.checkpoint()
    return {
        "sent": totals[Outcome.SENT],
        "failed": totals[Outcome.FAILED] + totals[Outcome.GAVE_UP],
        "retrying": totals[Outcome.RETRYING],
        "waiting": waiting,
    }


def count_waiting() -> int:
    return (
        db.session.scalar(
            select(func.count(EmailMessage.id)).where(
                EmailMessage.status.in_([EmailStatus.QUEUED, EmailStatus.SENDING])
            )
        )
        or 0
    )


def _send_round(
    due: list[tuple[int, int]],
    adapter: EmailAdapter,
    base: str,
    runner: Runner,
    totals: Counter[str],
) -> bool:
    """Try each due message; False when the round stopped because the server is down."""
    contents = _contents([message_id for message_id, _ in due], base)
    unreachable = 0
    for message_id, attempts in due:
        # A heartbeat per message: a slow server must not make the job look lost.
        runner.progress(50, f"Sent {totals[Outcome.SENT]} emails")
        content = contents.get(message_id)
        if content is None:  # erased since the round began
            continue
        outcome = _attempt(message_id, attempts, adapter, content, runner)
        totals[outcome] += 1
        if outcome in (Outcome.RETRYING, Outcome.GAVE_UP):
            unreachable += 1
            if unreachable >= OUTAGE_AFTER:
                return False  # leave the rest queued, untouched
        elif outcome != Outcome.SKIPPED:
            unreachable = 0
    return True


def _delay(attempts: int) -> timedelta:
    return retry_delay(attempts, base_seconds=current_app.config["EMAIL_RETRY_SECONDS"])


def _reclaimable(now: datetime) -> Any:
    """Messages a sender may claim: queued ones, and ones whose sender's lease has run out."""
    return or_(
        EmailMessage.status == EmailStatus.QUEUED,
        and_(
            EmailMessage.status == EmailStatus.SENDING,
            EmailMessage.updated_at <= now - SENDING_LEASE,
            EmailMessage.attempts < MAX_ATTEMPTS,
        ),
    )


def _give_up_abandoned(now: datetime) -> None:
    """A message whose sender died on its last allowed attempt is failed, not tried forever."""
    _update_where(
        EmailMessage.status == EmailStatus.SENDING,
        EmailMessage.updated_at <= now - SENDING_LEASE,
        EmailMessage.attempts >= MAX_ATTEMPTS,
        status=EmailStatus.FAILED,
        last_error=ABANDONED_ERROR,
        updated_at=now,
    )


def _queued(now: datetime) -> list[tuple[int, int, datetime, EmailStatus]]:
    # New messages first, so a backlog waiting for retries never holds them up.
    rows = db.session.execute(
        select(EmailMessage.id, EmailMessage.attempts, EmailMessage.updated_at, EmailMessage.status)
        .where(_reclaimable(now))
        .order_by(EmailMessage.attempts, EmailMessage.id)
        .limit(BATCH)
    ).all()
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def _wait_for(attempts: int, tried_at: datetime, status: EmailStatus, now: datetime) -> timedelta:
    """How long until a message is due: new ones, and ones left by a sender whose lease has run
    out, are due at once; a retry is due its backoff after the last attempt."""
    if status == EmailStatus.SENDING or attempts == 0:
        return timedelta(0)
    return max(tried_at + _delay(attempts) - now, timedelta(0))


def _due_messages(now: datetime) -> list[tuple[int, int]]:
    return [
        (message_id, attempts)
        for message_id, attempts, tried_at, status in _queued(now)
        if _wait_for(attempts, tried_at, status, now) == timedelta(0)
    ]


def _time_until_next_retry(now: datetime) -> timedelta | None:
    waits = [_wait_for(a, tried_at, status, now) for _, a, tried_at, status in _queued(now)]
    return min(waits) if waits else None


def _wait(runner: Runner, wait: timedelta, totals: Counter[str]) -> None:
    runner.checkpoint()  # hold no transaction while waiting
    remaining = wait.total_seconds()
    while remaining > 0:
        runner.progress(50, f"Sent {totals[Outcome.SENT]}; waiting to try again")  # a heartbeat
        step = min(remaining, 30.0)
        time.sleep(step)
        remaining -= step


def _contents(message_ids: list[int], base: str) -> dict[int, OutgoingEmail]:
    """What the adapter sends for each message, in one query (with the unsubscribe token)."""
    rows = db.session.execute(
        select(
            EmailMessage.id,
            EmailMessage.to_address,
            EmailMessage.subject,
            EmailMessage.body_text,
            Subscription.token,
        )
        .outerjoin(Subscription, Subscription.id == EmailMessage.subscription_id)
        .where(EmailMessage.id.in_(message_ids))
    ).all()
    return {
        row[0]: OutgoingEmail(
            message_id=row[0],
            to_address=row[1],
            subject=row[2],
            body_text=row[3],
            unsubscribe_url=absolute_url("public.unsubscribe", base=base, token=row[4])
            if row[4]
            else "",
        )
        for row in rows
    }


def claim(message_id: int, attempts: int, *, adapter_name: str) -> bool:
    """Take a message for sending: only one sender can, as the UPDATE needs the attempt count
    it read (and moves it on). A claimed message is "sending" until its lease runs out."""
    now = utc_now()
    return _update(
        message_id,
        _reclaimable(now),
        EmailMessage.attempts == attempts,
        status=EmailStatus.SENDING,
        attempts=attempts + 1,
        adapter=adapter_name,
        updated_at=now,  # the lease, and the time the backoff counts from
    )


def _attempt(
    message_id: int,
    attempts: int,
    adapter: EmailAdapter,
    content: OutgoingEmail,
    runner: Runner,
) -> Outcome:
    runner.checkpoint()  # SQLite: a transaction that read may not write after another's commit
    claimed = claim(message_id, attempts, adapter_name=adapter.name)
    runner.checkpoint()  # the claim is visible to other senders before the slow part
    if not claimed:
        return Outcome.SKIPPED
    try:
        adapter.send(content)
    except Exception as error:
        permanent = isinstance(error, EmailNotSent) and error.permanent
        if not isinstance(error, EmailNotSent):
            log.exception("email %s could not be sent", message_id)
        out_of_attempts = attempts + 1 >= MAX_ATTEMPTS
        _update(
            message_id,
            # Still ours: not taken over (after a lease ran out) nor erased meanwhile.
            EmailMessage.status == EmailStatus.SENDING,
            EmailMessage.attempts == attempts + 1,
            last_error=(str(error) or type(error).__name__)[:2000],
            status=EmailStatus.FAILED if permanent or out_of_attempts else EmailStatus.QUEUED,
            updated_at=utc_now(),
        )
        runner.checkpoint()
        if permanent:
            return Outcome.FAILED
        return Outcome.GAVE_UP if out_of_attempts else Outcome.RETRYING
    _update(message_id, status=EmailStatus.SENT, sent_at=utc_now(), updated_at=utc_now())
    runner.checkpoint()
    return Outcome.SENT


def _update(message_id: int, *conditions: Any, **values: Any) -> bool:
    return _update_where(EmailMessage.id == message_id, *conditions, **values) == 1


def _update_where(*conditions: Any, **values: Any) -> int:
    """One UPDATE with the values given (the ORM would swap in its own updated_at)."""
    result = db.session.execute(
        update(EmailMessage)
        .where(*conditions)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
