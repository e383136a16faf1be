"""A sending job that meets a busy database ("database is locked" on SQLite, while an officer's
save commits) tries again after a moment instead of failing and leaving the e-mails "Waiting"
until the next job; a database that stays busy fails the job after a few tries, the e-mails
still queued for the next sender, never lost."""

from __future__ import annotations

import sqlite3
import time

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from involve import create_app
from involve.config import TestConfig
from involve.extensions import db
from involve.jobs import dispatch_pending, runner
from involve.models import BackgroundJob, JobStatus, Service
from involve.models.outcomes import EmailMessage, EmailStatus
from involve.services import email_sending
from involve.services.email_adapters import OutgoingEmail
from involve.services.email_queue import queue_email, start_sending


class RecordingAdapter:
    name = "fake"

    def __init__(self) -> None:
        self.delivered: list[str] = []

    def send(self, message: OutgoingEmail) -> None:
        self.delivered.append(message.to_address)


def _locked() -> OperationalError:
    return OperationalError(
        "UPDATE email_message ...", {}, sqlite3.OperationalError("database is locked")
    )


@pytest.fixture
def adapter(monkeypatch) -> RecordingAdapter:  # type: ignore[no-untyped-def]
    found = RecordingAdapter()
    monkeypatch.setattr(email_sending, "adapter_from_config", lambda config: found)
    monkeypatch.setattr(runner, "BUSY_RETRY_SECONDS", (0.0, 0.0, 0.0))
    return found


def _busy_claims(monkeypatch, times: int) -> list[int]:  # type: ignore[no-untyped-def]
    """The first `times` claims find the database locked; returns the claims made."""
    real_claim, calls = email_sending.claim, []

    def claim(message_id: int, attempts: int, *, adapter_name: str) -> bool:
        calls.append(message_id)
        if len(calls) <= times:
            raise _locked()
        return real_claim(message_id, attempts, adapter_name=adapter_name)

    monkeypatch.setattr(email_sending, "claim", claim)
    return calls


def test_a_locked_database_is_tried_again_and_the_email_goes(app, adapter, monkeypatch):
    calls = _busy_claims(monkeypatch, times=2)
    message = queue_email(to_address="sam@example.com", subject="Hi", body_text="Body", kind="test")
    job = start_sending()
    db.session.expire_all()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert db.session.get(EmailMessage, message.id).status == EmailStatus.SENT
    assert adapter.delivered == ["sam@example.com"] and len(calls) == 3


def test_a_database_that_stays_locked_fails_the_job_but_keeps_the_email(app, adapter, monkeypatch):
    calls = _busy_claims(monkeypatch, times=99)
    message = queue_email(to_address="sam@example.com", subject="Hi", body_text="Body", kind="test")
    job = start_sending()
    db.session.expire_all()
    assert job.status == JobStatus.FAILED
    assert len(calls) == len(runner.BUSY_RETRY_SECONDS) + 1  # bounded
    assert db.session.get(EmailMessage, message.id).status == EmailStatus.QUEUED
    assert adapter.delivered == []


# -- on a real SQLite file, with the job on its thread as the embedded default runs it ---------
@pytest.mark.own_database
def test_an_officer_saving_while_the_job_reads_does_not_leave_the_email_waiting(
    tmp_path, adapter, monkeypatch
):
    app: Flask = create_app(TestConfig(database_url=f"sqlite:///{tmp_path / 'mail.db'}"))
    app.config.update(JOBS_MODE="thread")
    real_contents, saved = email_sending._contents, []

    def contents_then_an_officer_saves(message_ids, base):  # type: ignore[no-untyped-def]
        found = real_contents(message_ids, base)
        if not saved:  # once: an officer's save commits after the job has read
            with Session(db.engine) as officer_session:
                officer_session.add(Service(name="Saved meanwhile"))
                officer_session.commit()
            saved.append(True)
        return found

    monkeypatch.setattr(email_sending, "_contents", contents_then_an_officer_saves)
    try:
        with app.app_context():
            upgrade()
        with app.test_request_context():
            queue_email(to_address="sam@example.com", subject="Hi", body_text="Body", kind="test")
            job_id = start_sending().id
            db.session.commit()
            dispatch_pending()
        for _ in range(200):
            with app.app_context():
                job = db.session.get(BackgroundJob, job_id)
                if job.status.finished:
                    break
            time.sleep(0.05)
        with app.app_context():
            job = db.session.get(BackgroundJob, job_id)
            assert job.status == JobStatus.SUCCEEDED, job.error
            statuses = list(db.session.scalars(select(EmailMessage.status)))
            assert statuses == [EmailStatus.SENT]
        assert saved and adapter.delivered == ["sam@example.com"]
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
