"""`flask involve send-emails`: after a restart lost the sending job, the command sends what
is waiting (and what a dead sender left half-sent), and by default never waits for retries, so
cron can run it every few minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from involve.extensions import db
from involve.models.base import utc_now
from involve.models.outcomes import EmailMessage, EmailStatus
from involve.services import email_sending
from involve.services.email_adapters import EmailNotSent, OutgoingEmail
from involve.services.email_queue import queue_email
from involve.services.email_sending import SENDING_LEASE
from tests.factories_subscriptions import fresh_outbox, outbox_files


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    return fresh_outbox(app, tmp_path, monkeypatch)


def _queue(to: str) -> EmailMessage:
    return queue_email(to_address=to, subject="Hello", body_text="Body", kind="test")


def _run(app):  # type: ignore[no-untyped-def]
    result = app.test_cli_runner().invoke(args=["involve", "send-emails"])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_the_command_sends_what_a_lost_job_left_waiting(app, outbox):
    _queue("waiting@example.com")
    stuck = _queue("stuck@example.com")
    db.session.execute(
        update(EmailMessage)
        .where(EmailMessage.id == stuck.id)
        .values(
            status=EmailStatus.SENDING,
            attempts=1,
            updated_at=utc_now() - SENDING_LEASE - timedelta(minutes=1),
        )
    )
    db.session.commit()  # a savepoint release: the command's session sees it
    assert _run(app) == "Sent 2, not sent 0, to try again 0; 0 still waiting"
    assert sorted(mail["To"] for mail in outbox_files(outbox)) == [
        "stuck@example.com",
        "waiting@example.com",
    ]
    assert _run(app) == "Sent 0, not sent 0, to try again 0; 0 still waiting"


class _Down:
    name = "down"

    def send(self, message: OutgoingEmail) -> None:
        raise EmailNotSent("Could not send through mail.example.gov.uk:25: refused")


def test_the_command_does_not_wait_for_a_mail_server_that_is_down(app, monkeypatch):
    monkeypatch.setattr(email_sending, "adapter_from_config", lambda config: _Down())
    monkeypatch.setitem(app.config, "EMAIL_RETRY_SECONDS", 60)
    message = _queue("sam@example.com")
    db.session.commit()
    assert _run(app) == "Sent 0, not sent 0, to try again 1; 1 still waiting"
    db.session.expire_all()
    assert (message.status, message.attempts) == (EmailStatus.QUEUED, 1)
