"""Sending queued e-mails in the background: retries with backoff and then failure (a failing
fake adapter), the SMTP adapter against a real (tiny) SMTP server on a socket, GOV.UK Notify
through a fake client, and the outbox files. Claims, leases and outages are in
test_email_sending_claims.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from notifications_python_client.errors import HTTPError

from involve.extensions import db
from involve.models.base import utc_now
from involve.models.outcomes import EmailMessage, EmailStatus
from involve.services import email_sending
from involve.services.email_adapters import (
    EmailNotSent,
    NotifyAdapter,
    OutgoingEmail,
    SmtpAdapter,
)
from involve.services.email_queue import queue_email, start_sending
from involve.services.email_sending import (
    MAX_ATTEMPTS,
    retry_delay,
)
from tests.factories_subscriptions import SubscriptionFactory, fresh_outbox, outbox_files
from tests.smtp_stub import SmtpStub, StubBehaviour


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    return fresh_outbox(app, tmp_path, monkeypatch)


class FailingAdapter:
    """Fails the first `failures` sends, then succeeds; remembers every attempt."""

    name = "fake"

    def __init__(self, failures: int, *, permanent: bool = False) -> None:
        self.failures, self.permanent, self.attempts = failures, permanent, 0
        self.delivered: list[OutgoingEmail] = []

    def send(self, message: OutgoingEmail) -> None:
        self.attempts += 1
        if self.attempts <= self.failures:
            raise EmailNotSent(f"server busy ({self.attempts})", permanent=self.permanent)
        self.delivered.append(message)


def _use(monkeypatch, adapter) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(email_sending, "adapter_from_config", lambda config: adapter)


def _queue(to: str = "sam@example.com") -> EmailMessage:
    return queue_email(to_address=to, subject="Hello", body_text="Body text", kind="test")


def _reloaded(message: EmailMessage) -> EmailMessage:
    db.session.expire_all()
    return db.session.get(EmailMessage, message.id)


def test_a_failed_send_is_retried_until_it_goes(app, monkeypatch):
    adapter = FailingAdapter(failures=2)
    _use(monkeypatch, adapter)
    message = _queue()
    start_sending()
    sent = _reloaded(message)
    assert (sent.status, sent.attempts, sent.adapter) == (EmailStatus.SENT, 3, "fake")
    assert sent.last_error == "server busy (2)"  # kept: it explains the attempts
    assert sent.sent_at is not None
    assert [item.message_id for item in adapter.delivered] == [message.id]


def test_after_five_failed_attempts_a_message_is_marked_failed(app, monkeypatch):
    _use(monkeypatch, FailingAdapter(failures=99))
    message = _queue()
    start_sending()
    failed = _reloaded(message)
    assert (failed.status, failed.attempts) == (EmailStatus.FAILED, MAX_ATTEMPTS)
    assert failed.last_error == f"server busy ({MAX_ATTEMPTS})"
    assert failed.sent_at is None
    start_sending()  # a later job leaves a failed message alone
    assert _reloaded(message).attempts == MAX_ATTEMPTS


def test_a_permanent_failure_is_not_retried(app, monkeypatch):
    _use(monkeypatch, FailingAdapter(failures=1, permanent=True))
    message = _queue()
    start_sending()
    assert (_reloaded(message).status, _reloaded(message).attempts) == (EmailStatus.FAILED, 1)


def test_retries_back_off_doubling_each_time(app, monkeypatch):
    """With a 10-second base, the waits between attempts are 10, 20, 40 and 80 seconds; the
    clock is a fake one that the fake sleep moves on."""
    clock = [utc_now()]
    waits: list[float] = []

    def fake_sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += timedelta(seconds=seconds)

    monkeypatch.setattr(email_sending, "utc_now", lambda: clock[0])
    monkeypatch.setattr(email_sending.time, "sleep", fake_sleep)
    monkeypatch.setitem(app.config, "EMAIL_RETRY_SECONDS", 10)
    _use(monkeypatch, FailingAdapter(failures=99))
    message = _queue()
    start_sending()
    assert waits == [10, 20, 30, 10, 30, 30, 20]  # 10, 20, 40 and 80, in steps of 30 or less
    assert _reloaded(message).status == EmailStatus.FAILED
    assert [retry_delay(n, base_seconds=10).seconds for n in range(5)] == [0, 10, 20, 40, 80]


def test_outbox_files_carry_the_headers_and_text(app, outbox):
    subscription = SubscriptionFactory()
    message = queue_email(
        to_address=subscription.email,
        subject="A subject\nwith a line break",
        body_text="Line one\nLine two £5",
        kind="test",
        subscription=subscription,
    )
    start_sending()
    (mail,) = outbox_files(outbox)
    assert mail["To"] == subscription.email
    assert mail["Subject"] == "A subject with a line break"  # never a header injection
    assert mail["From"] == "noreply@localhost"
    assert mail.get_content() == "Line one\nLine two £5\n"
    assert mail["List-Unsubscribe"] == (f"<http://127.0.0.1:5000/unsubscribe/{subscription.token}>")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert _reloaded(message).adapter == "outbox"


def _smtp(port: int) -> SmtpAdapter:
    return SmtpAdapter(host="127.0.0.1", port=port, sender="haveyoursay@example.gov.uk")


def test_smtp_sends_to_a_real_server_with_unsubscribe_headers(app, monkeypatch):
    subscription = SubscriptionFactory(email="sam@example.com")
    with SmtpStub() as stub:
        _use(monkeypatch, _smtp(stub.port))
        message = queue_email(
            to_address="sam@example.com",
            subject="Outcome published",
            body_text="We decided.",
            kind="test",
            subscription=subscription,
        )
        start_sending()
    (mail,) = stub.behaviour.received
    assert stub.behaviour.envelopes == [("haveyoursay@example.gov.uk", ["sam@example.com"])]
    assert mail["Subject"] == "Outcome published"
    assert mail.get_content().strip() == "We decided."
    assert subscription.token in mail["List-Unsubscribe"]
    assert (_reloaded(message).status, _reloaded(message).adapter) == (EmailStatus.SENT, "smtp")


def test_smtp_retries_a_busy_server(app, monkeypatch):
    with SmtpStub(StubBehaviour(busy_for=2)) as stub:
        _use(monkeypatch, _smtp(stub.port))
        message = _queue()
        start_sending()
    sent = _reloaded(message)
    assert (sent.status, sent.attempts) == (EmailStatus.SENT, 3)
    assert "451" in sent.last_error
    assert len(stub.behaviour.received) == 1


def test_smtp_gives_up_at_once_on_a_refused_address(app, monkeypatch):
    with SmtpStub(StubBehaviour(refuse_recipients=True)) as stub:
        _use(monkeypatch, _smtp(stub.port))
        message = _queue()
        start_sending()
    failed = _reloaded(message)
    assert (failed.status, failed.attempts) == (EmailStatus.FAILED, 1)
    assert "refused the address" in failed.last_error and "550" in failed.last_error


def test_smtp_with_no_server_listening_fails_after_the_retries(app, monkeypatch):
    with SmtpStub() as stub:
        port = stub.port  # free once the stub has stopped
    _use(monkeypatch, _smtp(port))
    message = _queue()
    start_sending()
    failed = _reloaded(message)
    assert (failed.status, failed.attempts) == (EmailStatus.FAILED, MAX_ATTEMPTS)
    assert "Could not send through 127.0.0.1" in failed.last_error


def test_smtp_without_a_from_address_fails_without_retrying(app, monkeypatch):
    _use(monkeypatch, SmtpAdapter(host="127.0.0.1", port=1, sender=""))
    message = _queue()
    start_sending()
    assert _reloaded(message).last_error == "Set INVOLVE_EMAIL_FROM to send by SMTP"
    assert _reloaded(message).attempts == 1


class FakeNotifyClient:
    def __init__(self, status: int | None = None) -> None:
        self.status, self.calls = status, []

    def send_email_notification(self, **fields):  # type: ignore[no-untyped-def]
        self.calls.append(fields)
        if self.status is not None:
            raise HTTPError(_FakeHttpResponse(self.status))
        return {"id": "notification-id"}


class _FakeHttpResponse:
    def __init__(self, status: int) -> None:
        self.status_code = status

    def json(self):  # type: ignore[no-untyped-def]
        return {"errors": [{"error": "BadRequestError", "message": "Missing personalisation"}]}


def test_notify_sends_subject_and_body_as_personalisation(app, monkeypatch):
    subscription = SubscriptionFactory()
    client = FakeNotifyClient()
    _use(monkeypatch, NotifyAdapter(api_key="", template_id="template-1", client=client))
    message = queue_email(
        to_address="sam@example.com",
        subject="Hello",
        body_text="Body",
        kind="test",
        subscription=subscription,
    )
    start_sending()
    (call,) = client.calls
    assert call["email_address"] == "sam@example.com"
    assert call["template_id"] == "template-1"
    assert call["personalisation"] == {"subject": "Hello", "body": "Body"}
    assert call["reference"] == f"involve-{message.id}"
    assert call["one_click_unsubscribe_url"].endswith(f"/unsubscribe/{subscription.token}")
    assert _reloaded(message).status == EmailStatus.SENT


@pytest.mark.parametrize(("status", "attempts"), [(400, 1), (500, MAX_ATTEMPTS)])
def test_notify_errors_are_retried_only_when_trying_again_can_help(
    app, monkeypatch, status, attempts
):
    _use(monkeypatch, NotifyAdapter(api_key="", template_id="t", client=FakeNotifyClient(status)))
    message = _queue()
    start_sending()
    failed = _reloaded(message)
    assert (failed.status, failed.attempts) == (EmailStatus.FAILED, attempts)
    assert f"GOV.UK Notify answered {status}" in failed.last_error
