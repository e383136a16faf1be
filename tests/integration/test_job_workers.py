"""The two real ways jobs run outside the request: a thread in the web process (the embedded
default) and RQ workers over Redis (production). Both must see the committed job row, so these
tests build and commit to their own SQLite database instead of the rolled-back test one."""

from __future__ import annotations

import os
import time

import pytest
from flask import Flask, url_for
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from involve import create_app
from involve.auth.permissions import Permission
from involve.config import TestConfig
from involve.extensions import db
from involve.jobs import dispatch_pending, enqueue, job_kind
from involve.jobs.registry import JOB_KINDS
from involve.jobs.runner import QUEUE_DOWN_ERROR, QUEUE_NAME
from involve.models import BackgroundJob, JobStatus, Service

pytestmark = pytest.mark.own_database

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def committed_app(tmp_path) -> Flask:
    app = create_app(TestConfig(database_url=f"sqlite:///{tmp_path / 'jobs.db'}"))
    with app.app_context():
        upgrade()

    @job_kind(
        "test_worker_sum",
        title="Adding up",
        permission=Permission.CODE_RESPONSES,
        next_url=lambda job: url_for("officer.dashboard"),
        back_url=lambda job: url_for("officer.dashboard"),
    )
    def add_up(context):
        context.progress(50, "Adding")
        return {"total": sum(context.params["numbers"])}

    @job_kind(
        "test_worker_meanwhile",
        title="Working while officers write",
        permission=Permission.CODE_RESPONSES,
        next_url=lambda job: url_for("officer.dashboard"),
        back_url=lambda job: url_for("officer.dashboard"),
    )
    def write_after_someone_else(context):
        before = db.session.scalar(select(func.count(Service.id)))
        context.checkpoint()
        # An officer saves something on another connection while the job computes...
        with Session(db.engine) as officer_session:
            officer_session.add(Service(name="Saved by an officer meanwhile"))
            officer_session.commit()
        # ...and the job's own writes afterwards must still go in.
        db.session.add(Service(name="Written by the job"))
        db.session.flush()
        return {"services_before": before}

    yield app
    JOB_KINDS.pop("test_worker_sum")
    JOB_KINDS.pop("test_worker_meanwhile")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _start_job(app: Flask, mode: str, kind: str = "test_worker_sum", **config) -> int:  # type: ignore[no-untyped-def]
    """As a request does: record the job, commit, then dispatch it."""
    app.config.update(JOBS_MODE=mode, **config)
    with app.test_request_context():
        job = enqueue(kind, subject_id=1, requested_by=None, params={"numbers": [2, 3]})
        assert job.status == JobStatus.QUEUED
        db.session.commit()
        dispatch_pending()
        return job.id


def _job(app: Flask, job_id: int) -> BackgroundJob:
    with app.app_context():
        job = db.session.get(BackgroundJob, job_id)
        db.session.expunge(job)
        return job


def _wait_for(app: Flask, job_id: int) -> BackgroundJob:
    for _ in range(200):
        job = _job(app, job_id)
        if job.status.finished:
            return job
        time.sleep(0.05)
    return job


def test_the_embedded_default_runs_jobs_on_a_thread_without_redis(committed_app):
    job = _wait_for(committed_app, _start_job(committed_app, "thread"))
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result == {"total": 5}


def test_a_thread_job_survives_officers_writing_while_it_computes(committed_app):
    job = _wait_for(committed_app, _start_job(committed_app, "thread", "test_worker_meanwhile"))
    assert job.status == JobStatus.SUCCEEDED, job.error
    with committed_app.app_context():
        names = set(db.session.scalars(select(Service.name)))
    assert {"Saved by an officer meanwhile", "Written by the job"} <= names


def _redis_or_skip():  # type: ignore[no-untyped-def]
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    connection = Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except RedisDown:
        if os.environ.get("INVOLVE_REQUIRE_REDIS"):
            pytest.fail(f"Redis is required (INVOLVE_REQUIRE_REDIS) but {REDIS_URL} is down")
        pytest.skip(f"no Redis at {REDIS_URL}")
    return connection


def test_with_redis_jobs_go_through_an_rq_queue_to_a_worker(committed_app):
    from rq import Queue, SimpleWorker

    connection = _redis_or_skip()
    queue = Queue(QUEUE_NAME, connection=connection)
    queue.empty()
    job_id = _start_job(committed_app, "rq", REDIS_URL=REDIS_URL)
    assert _job(committed_app, job_id).status == JobStatus.QUEUED  # nothing ran in the request
    assert queue.count == 1

    with committed_app.app_context():
        SimpleWorker([queue], connection=connection).work(burst=True)
    job = _job(committed_app, job_id)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result == {"total": 5}
    assert job.progress == 100


def test_when_redis_is_down_the_job_fails_with_a_clear_message_not_an_error_page(committed_app):
    job_id = _start_job(committed_app, "rq", REDIS_URL="redis://127.0.0.1:1/0")
    job = _job(committed_app, job_id)
    assert job.status == JobStatus.FAILED
    assert job.error == QUEUE_DOWN_ERROR
