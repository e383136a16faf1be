"""Background jobs run inline in tests ("eager"): their page, progress, failure, retry, a new try
when the database was busy for a moment, and the detection of a job lost with its worker."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from flask import url_for
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from involve.auth.permissions import Permission
from involve.extensions import db
from involve.jobs import JobFailed, enqueue, job_kind, job_state, runner
from involve.jobs.registry import JOB_KINDS
from involve.jobs.runner import LOST_ERROR, UNEXPECTED_ERROR
from involve.models import AuditEvent, BackgroundJob, JobStatus, Service
from involve.models.base import utc_now
from involve.services import compliance_checks
from tests.pages import heading

calls: list[str] = []


@pytest.fixture
def test_job_kinds():
    """Two job kinds for these tests: one that works (and writes a row), one that fails as told."""
    calls.clear()

    @job_kind(
        "test_counting",
        title="Counting things",
        permission=Permission.CODE_RESPONSES,
        next_url=lambda job: url_for("officer.dashboard"),
        back_url=lambda job: url_for("officer.dashboard"),
    )
    def counting(context):
        context.progress(50, "Half way")
        db.session.add(Service(name=f"Made by job {context.job.id}"))
        db.session.flush()
        calls.append("counting")
        return {"counted": context.params["up_to"]}

    @job_kind(
        "test_flaky",
        title="Flaky work",
        permission=Permission.CODE_RESPONSES,
        next_url=lambda job: url_for("officer.dashboard"),
        back_url=lambda job: url_for("officer.dashboard"),
    )
    def flaky(context):
        db.session.add(Service(name="Half-done work"))
        db.session.flush()
        calls.append("flaky")
        mode = context.params["fail"] if len(calls) == 1 else "no"
        if mode == "expected":
            raise JobFailed("There are no answers to theme yet.")
        if mode == "unexpected":
            raise ZeroDivisionError("internal detail the officer must not see")
        if mode == "busy":
            raise _locked()
        return {}

    yield
    JOB_KINDS.pop("test_counting")
    JOB_KINDS.pop("test_flaky")


def _locked() -> OperationalError:
    """What SQLite raises when another connection holds the write lock past busy_timeout."""
    return OperationalError("UPDATE ...", {}, sqlite3.OperationalError("database is locked"))


def _services_named(name: str) -> int:
    return len(db.session.scalars(select(Service).where(Service.name == name)).all())


def test_a_job_runs_records_its_result_and_its_page_says_finished(
    app, pages, sign_in_as, test_job_kinds
):
    analyst = sign_in_as("analyst")
    with app.test_request_context():
        job = enqueue("test_counting", subject_id=1, requested_by=analyst, params={"up_to": 3})
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {"counted": 3}
    assert job.progress == 100 and job.attempts == 1 and job.finished_at is not None
    assert _services_named(f"Made by job {job.id}") == 1

    page = pages.get(f"/officer/jobs/{job.id}")
    assert heading(page) == "Counting things"
    assert "Finished." in page.get_text()
    status = pages.client.get(f"/officer/jobs/{job.id}/status.json").get_json()
    assert status["status"] == "succeeded" and status["progress"] == 100
    assert status["next_url"] == "/officer/"


@pytest.mark.parametrize(
    ("failure", "message"),
    [("expected", "There are no answers to theme yet."), ("unexpected", UNEXPECTED_ERROR)],
)
def test_a_failed_job_keeps_nothing_half_done_explains_and_can_be_tried_again(
    app, pages, sign_in_as, test_job_kinds, failure, message
):
    analyst = sign_in_as("analyst")
    with app.test_request_context():
        job = enqueue("test_flaky", subject_id=1, requested_by=analyst, params={"fail": failure})
    assert job.status == JobStatus.FAILED
    assert job.error == message
    assert _services_named("Half-done work") == 0  # the failed attempt's writes rolled back

    page = pages.get(f"/officer/jobs/{job.id}")
    assert message in page.get_text() and "internal detail" not in page.get_text()
    assert "Try again" in page.get_text()
    pages.post(f"/officer/jobs/{job.id}/retry", expected_status=302)

    db.session.expire_all()
    job = db.session.get(BackgroundJob, job.id)
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 2 and job.error == ""
    assert _services_named("Half-done work") == 1
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "job.retried"))


def test_a_running_job_that_stopped_reporting_reads_as_failed_and_can_be_retried(
    app, pages, sign_in_as, test_job_kinds
):
    analyst = sign_in_as("analyst")
    lost = BackgroundJob(
        kind="test_counting",
        subject_id=1,
        params={"up_to": 1},
        status=JobStatus.RUNNING,
        progress=40,
        heartbeat_at=utc_now() - timedelta(minutes=30),
        requested_by_id=analyst.id,
    )
    db.session.add(lost)
    db.session.flush()
    assert job_state(lost).status == JobStatus.FAILED
    assert job_state(lost).error == LOST_ERROR

    lost.heartbeat_at = utc_now()
    assert job_state(lost).status == JobStatus.RUNNING  # a live one is left alone

    lost.heartbeat_at = utc_now() - timedelta(minutes=30)
    db.session.flush()
    page = pages.get(f"/officer/jobs/{lost.id}")
    assert "Try again" in page.get_text()
    pages.post(f"/officer/jobs/{lost.id}/retry", expected_status=302)
    db.session.expire_all()
    assert db.session.get(BackgroundJob, lost.id).status == JobStatus.SUCCEEDED


def test_a_running_job_cannot_be_started_twice_by_retry(app, pages, sign_in_as, test_job_kinds):
    analyst = sign_in_as("analyst")
    running = BackgroundJob(
        kind="test_counting",
        subject_id=1,
        params={"up_to": 1},
        status=JobStatus.RUNNING,
        heartbeat_at=utc_now(),
        requested_by_id=analyst.id,
    )
    db.session.add(running)
    db.session.flush()
    page = pages.get(f"/officer/jobs/{running.id}")
    assert "Try again" not in page.get_text()
    assert "Refresh to see progress" in page.get_text()
    pages.post(f"/officer/jobs/{running.id}/retry", expected_status=302)
    db.session.expire_all()
    assert db.session.get(BackgroundJob, running.id).attempts == 0
    assert calls == []


def test_only_officers_who_may_do_the_work_see_its_job(app, pages, sign_in_as, test_job_kinds):
    job = BackgroundJob(kind="test_counting", subject_id=1, params={}, status=JobStatus.QUEUED)
    db.session.add(job)
    db.session.flush()
    sign_in_as("auditor")
    pages.get(f"/officer/jobs/{job.id}", expected_status=403)
    pages.get("/officer/jobs/999999", expected_status=404)


def test_a_job_of_any_kind_that_meets_a_busy_database_runs_again_and_finishes(
    app, sign_in_as, test_job_kinds, monkeypatch
):
    monkeypatch.setattr(runner, "BUSY_RETRY_SECONDS", (0.0, 0.0, 0.0))
    analyst = sign_in_as("analyst")
    with app.test_request_context():
        job = enqueue("test_flaky", subject_id=1, requested_by=analyst, params={"fail": "busy"})
    assert calls == ["flaky", "flaky"]  # tried again at once, not left for the officer
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 1 and job.error == ""
    assert _services_named("Half-done work") == 1  # the busy try's writes rolled back


def test_the_compliance_checks_meeting_a_locked_database_are_tried_again(
    app, sign_in_as, monkeypatch
):
    """The job the security trial saw fail with "database is locked" while officers saved."""
    monkeypatch.setattr(runner, "BUSY_RETRY_SECONDS", (0.0, 0.0, 0.0))
    real_activities, tries = compliance_checks.year_activities, []

    def busy_once(filters):  # type: ignore[no-untyped-def]
        tries.append(filters.year)
        if len(tries) == 1:
            raise _locked()
        return real_activities(filters)

    monkeypatch.setattr(compliance_checks, "year_activities", busy_once)
    auditor = sign_in_as("auditor")
    with app.test_request_context():
        job = compliance_checks.start_checks(year=2026, actor=auditor)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert tries == [2026, 2026] and job.result["year"] == 2026
