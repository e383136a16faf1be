"""Sending e-mail safely: a claim is a lease, so a second sender never takes over a message that
is still being sent; a mail server that is down stops the round instead of burning through the
queue; every message is a heartbeat; and a batch costs a fixed number of queries, not one per
message."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from involve.extensions import db
from involve.models.base import utc_now
from involve.models.outcomes import EmailMessage, EmailStatus
from involve.services import email_queue, email_sending
from involve.services.email_adapters import EmailNotSent, OutgoingEmail
from involve.services.email_queue import queue_email, start_sending
from involve.services.email_sending import (
    ABANDONED_ERROR,
    MAX_ATTEMPTS,
    OUTAGE_AFTER,
    SENDING_LEASE,
    claim,
    send_waiting,
)
from tests.factories_subscriptions import SubscriptionFactory
from tests.pages import sql_statements


class Server:
    """A fake mail server: fails the first `failures` sends (could not connect), then takes
    them; `during_send` runs inside a send, while the message is on its way."""

    name = "fake"

    def __init__(self, failures: int = 0, during_send=None) -> None:  # type: ignore[no-untyped-def]
        self.failures, self.during_send, self.attempts = failures, during_send, 0
        self.delivered: list[int] = []

    def send(self, message: OutgoingEmail) -> None:
        self.attempts += 1
        if self.during_send is not None:
            self.during_send(message)
        if self.attempts <= self.failures:
            raise EmailNotSent("Could not send through mail.example.gov.uk:25: timed out")
        self.delivered.append(message.message_id)


class Clock:
    def __init__(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.now = utc_now()
        self.waits: list[float] = []
        monkeypatch.setattr(email_sending, "utc_now", lambda: self.now)
        monkeypatch.setattr(email_sending.time, "sleep", self.sleep)

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += timedelta(seconds=seconds)


class Recorder:
    """Stands in for the job: counts heartbeats; checkpoints are no-ops in a test."""

    def __init__(self) -> None:
        self.beats = 0

    def checkpoint(self) -> None:
        pass

    def progress(self, percent: int, stage: str) -> None:
        self.beats += 1


def _use(monkeypatch, server) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(email_sending, "adapter_from_config", lambda config: server)


def _queue(to: str = "sam@example.com", **fields) -> EmailMessage:  # type: ignore[no-untyped-def]
    return queue_email(to_address=to, subject="Hello", body_text="Body", kind="test", **fields)


def _reloaded(message: EmailMessage) -> EmailMessage:
    db.session.expire_all()
    return db.session.get(EmailMessage, message.id)


def _left_sending(message: EmailMessage, *, attempts: int, ago: timedelta) -> None:
    """As a sender leaves a message when its process dies mid-send."""
    db.session.execute(
        update(EmailMessage)
        .where(EmailMessage.id == message.id)
        .values(status=EmailStatus.SENDING, attempts=attempts, updated_at=utc_now() - ago)
    )


def test_of_two_senders_claiming_one_message_only_the_first_gets_it(app, monkeypatch):
    clock = Clock(monkeypatch)
    message = _queue()
    assert claim(message.id, 0, adapter_name="smtp") is True
    assert claim(message.id, 0, adapter_name="smtp") is False  # read it at the same time
    claimed = _reloaded(message)
    assert (claimed.status, claimed.attempts) == (EmailStatus.SENDING, 1)
    # Reading it again does not help: it is leased while the first sender talks to the server.
    clock.now += SENDING_LEASE - timedelta(seconds=1)
    assert claim(message.id, 1, adapter_name="smtp") is False
    # Once the lease has run out, its sender is taken to have died, and another may take it.
    clock.now += timedelta(seconds=2)
    assert claim(message.id, 1, adapter_name="smtp") is True
    assert _reloaded(message).attempts == 2


def test_a_job_started_while_a_slow_send_is_under_way_does_not_send_it_again(app, monkeypatch):
    """Every subscription starts a sending job. One that starts while a message is on its way
    to a slow server, past the retry delay, must leave that message alone."""
    clock = Clock(monkeypatch)
    monkeypatch.setitem(app.config, "EMAIL_RETRY_SECONDS", 10)

    def someone_subscribes(message: OutgoingEmail) -> None:
        if server.attempts == 1:
            clock.now += timedelta(seconds=30)  # two SMTP timeouts of 15 seconds
            start_sending()  # runs at once, as tests run jobs inline

    server = Server(during_send=someone_subscribes)
    _use(monkeypatch, server)
    message = _queue()
    start_sending()
    assert server.delivered == [message.id]
    sent = _reloaded(message)
    assert (sent.status, sent.attempts) == (EmailStatus.SENT, 1)


def test_a_message_whose_sender_died_is_sent_once_the_lease_has_run_out(app, monkeypatch):
    server = Server()
    _use(monkeypatch, server)
    fresh, stale = _queue("fresh@example.com"), _queue("stale@example.com")
    _left_sending(fresh, attempts=1, ago=SENDING_LEASE - timedelta(minutes=1))
    _left_sending(stale, attempts=1, ago=SENDING_LEASE + timedelta(minutes=1))
    start_sending()
    assert server.delivered == [stale.id]
    assert (_reloaded(stale).status, _reloaded(stale).attempts) == (EmailStatus.SENT, 2)
    assert _reloaded(fresh).status == EmailStatus.SENDING  # still its own sender's


def test_a_sender_dying_on_the_last_attempt_fails_the_message_rather_than_loop(app, monkeypatch):
    server = Server()
    _use(monkeypatch, server)
    message = _queue()
    _left_sending(message, attempts=MAX_ATTEMPTS, ago=SENDING_LEASE + timedelta(minutes=1))
    start_sending()
    failed = _reloaded(message)
    assert server.delivered == []
    assert (failed.status, failed.last_error) == (EmailStatus.FAILED, ABANDONED_ERROR)


def test_a_round_stops_when_the_mail_server_cannot_be_reached(app, monkeypatch):
    """Three messages in a row that cannot reach the server: the rest stay queued, untried,
    rather than each using up an attempt."""
    monkeypatch.setitem(app.config, "EMAIL_RETRY_SECONDS", 3600)  # next try: a later job
    server = Server(failures=99)
    _use(monkeypatch, server)
    queued = [_queue(f"resident{number}@example.com") for number in range(10)]
    start_sending()
    assert server.attempts == OUTAGE_AFTER
    attempts = [_reloaded(message).attempts for message in queued]
    assert attempts == [1] * OUTAGE_AFTER + [0] * (10 - OUTAGE_AFTER)
    assert {_reloaded(message).status for message in queued} == {EmailStatus.QUEUED}


def test_after_an_outage_the_job_pauses_then_sends_the_rest(app, monkeypatch):
    clock = Clock(monkeypatch)
    monkeypatch.setitem(app.config, "EMAIL_RETRY_SECONDS", 10)
    server = Server(failures=OUTAGE_AFTER)
    _use(monkeypatch, server)
    queued = [_queue(f"resident{number}@example.com") for number in range(10)]
    start_sending()
    assert clock.waits == [10]
    assert sorted(server.delivered) == [message.id for message in queued]
    assert {_reloaded(message).status for message in queued} == {EmailStatus.SENT}


def test_every_message_is_a_heartbeat(app, monkeypatch):
    """A slow server must never make a long sending job look lost."""
    runner = Recorder()
    beats_at_send: list[int] = []
    server = Server(during_send=lambda message: beats_at_send.append(runner.beats))
    _use(monkeypatch, server)
    for number in range(3):
        _queue(f"resident{number}@example.com")
    totals = send_waiting(runner)
    assert beats_at_send == [1, 2, 3]
    assert totals == {"sent": 3, "failed": 0, "retrying": 0, "waiting": 0}


def _sending_statements(monkeypatch, count: int) -> list[str]:
    _use(monkeypatch, Server())
    for _ in range(count):
        subscription = SubscriptionFactory()
        _queue(subscription.email, subscription=subscription)
    with sql_statements() as statements:
        send_waiting(Recorder())
    return statements


def test_sending_reads_the_unsubscribe_links_in_one_query_not_one_per_message(app, monkeypatch):
    statements = _sending_statements(monkeypatch, 20)
    reading_subscriptions = [sql for sql in statements if "subscription" in sql.split("WHERE")[0]]
    assert len(reading_subscriptions) == 1
    # Per message: the claim and the result. The rest does not grow with the batch.
    assert len(statements) <= 2 * 20 + 8


def test_queueing_many_emails_writes_them_together(app):
    with sql_statements() as statements:
        email_queue.queue_emails(
            [
                email_queue.EmailDraft(
                    to_address=f"resident{number}@example.com",
                    subject="Hello",
                    body_text="Body",
                    kind="test",
                )
                for number in range(50)
            ]
        )
    inserts = [sql for sql in statements if sql.startswith("INSERT INTO email_message")]
    assert len(inserts) == 1
