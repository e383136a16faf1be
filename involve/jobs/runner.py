"""Starting, running, retrying and reading background jobs (see involve.jobs for the modes)."""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, g, has_app_context
from sqlalchemy import update
from sqlalchemy.orm import Session

from involve.extensions import db
from involve.jobs.registry import JOB_KINDS, JobContext, JobFailed
from involve.models import BackgroundJob, JobStatus, Officer
from involve.models.base import utc_now

log = logging.getLogger(__name__)

QUEUE_NAME = "involve"
UNEXPECTED_ERROR = (
    "Something went wrong while this was running. Try again. If it fails again, tell your "
    "system administrator the job number."
)
LOST_ERROR = "This stopped before it finished, probably because the server restarted. Try again."
QUEUE_DOWN_ERROR = (
    "The job queue is not available, so this could not start. Try again. If it fails again, "
    "tell your system administrator that the Redis job queue is down."
)

# Seconds to wait before each new try of a job whose database was busy for a moment ("database
# is locked" on SQLite while another writer commits, a dropped connection on PostgreSQL): long
# enough for the other writer to finish, short enough that nobody notices. Any kind of job is
# tried again: each may run again from the start, as the officer's "Try again" runs it.
BUSY_RETRY_SECONDS = (0.5, 2.0, 5.0)

# One worker thread per web process in the embedded mode: jobs queue behind each other rather
# than compete with page requests for the two cores.
_executor: ThreadPoolExecutor | None = None


def enqueue(
    kind: str,
    *,
    subject_id: int,
    requested_by: Officer | None,
    params: dict[str, Any] | None = None,
) -> BackgroundJob:
    """Record a job and arrange for it to run once this transaction commits."""
    if kind not in JOB_KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = BackgroundJob(
        kind=kind,
        subject_id=subject_id,
        params=params or {},
        status=JobStatus.QUEUED,
        requested_by_id=requested_by.id if requested_by else None,
        heartbeat_at=utc_now(),
    )
    db.session.add(job)
    db.session.flush()
    _schedule(job)
    return job


def run_inline(
    kind: str,
    *,
    subject_id: int,
    requested_by: Officer | None,
    params: dict[str, Any] | None = None,
) -> BackgroundJob:
    """Record a job and run it now in this transaction (the command line, e.g. seed-demo)."""
    previous = current_app.config["JOBS_MODE"]
    current_app.config["JOBS_MODE"] = "eager"
    try:
        return enqueue(kind, subject_id=subject_id, requested_by=requested_by, params=params)
    finally:
        current_app.config["JOBS_MODE"] = previous


def retry(job: BackgroundJob) -> BackgroundJob:
    """Run a failed (or lost) job again from the start, keeping its number and history."""
    job.status = JobStatus.QUEUED
    job.progress = 0
    job.stage = ""
    job.error = ""
    job.result = {}
    job.started_at = None
    job.finished_at = None
    job.heartbeat_at = utc_now()
    db.session.flush()
    _schedule(job)
    return job


def _schedule(job: BackgroundJob) -> None:
    if current_app.config["JOBS_MODE"] == "eager":
        run_job(job.id)
        return
    if has_app_context():
        g.setdefault("jobs_to_dispatch", []).append(job.id)


def dispatch_pending() -> None:
    """Called after the request's commit: hand the new jobs to their workers."""
    job_ids = g.pop("jobs_to_dispatch", [])
    for job_id in job_ids:
        dispatch(job_id)


def dispatch(job_id: int) -> None:
    mode = current_app.config["JOBS_MODE"]
    if mode == "rq":
        _dispatch_to_rq(job_id)
    elif mode == "thread":
        global _executor
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="involve-job")
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        _executor.submit(_run_in_app, app, job_id)
    else:
        run_job(job_id)


def _run_in_app(app: Any, job_id: int) -> None:
    with app.app_context():
        try:
            run_job(job_id)
        except Exception:  # the executor would swallow it; the log must show it
            log.exception("job %s could not be run or recorded", job_id)
            db.session.rollback()
            _record_failure(job_id, UNEXPECTED_ERROR)


def _dispatch_to_rq(job_id: int) -> None:
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    try:
        queue = Queue(QUEUE_NAME, connection=Redis.from_url(current_app.config["REDIS_URL"]))
        queue.enqueue("involve.jobs.worker.run_job_in_worker", job_id, job_timeout=3600)
    except RedisError:
        log.exception("could not queue job %s", job_id)
        _record_failure(job_id, QUEUE_DOWN_ERROR)


def run_job(job_id: int) -> None:
    """Run one job to the end, recording progress, result or a plain-English failure."""
    eager = current_app.config["JOBS_MODE"] == "eager"
    # Claimed by one conditional UPDATE, so a duplicate delivery or a second worker finds it
    # taken and leaves it alone.
    now = utc_now()
    claimed = db.session.execute(
        update(BackgroundJob)
        .where(BackgroundJob.id == job_id, BackgroundJob.status == JobStatus.QUEUED)
        .values(
            status=JobStatus.RUNNING,
            attempts=BackgroundJob.attempts + 1,
            started_at=now,
            heartbeat_at=now,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    _save(eager)
    if claimed != 1:
        return
    job = db.session.get(BackgroundJob, job_id)
    db.session.refresh(job)
    context = JobContext(
        job=job, report=_reporter(job, eager), end_reading=(lambda: None) if eager else _end_reading
    )
    kind = JOB_KINDS.get(job.kind)
    if kind is None:  # recorded by a version that had it
        _record_failure(job_id, UNEXPECTED_ERROR)
        return
    for busy_tries in range(len(BUSY_RETRY_SECONDS) + 1):
        savepoint = db.session.begin_nested() if eager else None
        try:
            result = kind.run(context)
            if savepoint is not None:
                savepoint.commit()
            job.status = JobStatus.SUCCEEDED
            job.progress = 100
            job.result = result or {}
            job.finished_at = utc_now()
            _save(eager)
        except Exception as error:
            if savepoint is not None and savepoint.is_active:
                savepoint.rollback()
            elif savepoint is None:
                db.session.rollback()
            if _try_again(error, busy_tries):
                log.warning("job %s (%s): the database was busy; trying again", job_id, kind.name)
                time.sleep(BUSY_RETRY_SECONDS[busy_tries])
                continue
            message = str(error) if isinstance(error, JobFailed) else UNEXPECTED_ERROR
            if not isinstance(error, JobFailed):
                log.exception("job %s (%s) failed", job_id, kind.name)
            _record_failure(job_id, message)
            return
        break
    _live_progress.pop(job_id, None)


def _try_again(error: Exception, tries: int) -> bool:
    """A busy database (SQLite locked by another writer, PostgreSQL failing over) is worth
    another go, a few times; a bug or a JobFailed is not."""
    from involve.errors import is_database_unavailable

    return tries < len(BUSY_RETRY_SECONDS) and is_database_unavailable(error)


def _end_reading() -> None:
    db.session.commit()


def _save(eager: bool) -> None:
    if eager:
        db.session.flush()
    else:
        db.session.commit()


# Progress of jobs running in this process, by job id: (percent, stage, when). SQLite cannot take
# a progress write from a second connection while the job's own transaction is open (WAL would
# refuse the job's later writes), so there progress stays in memory, read by the page's process.
# With the embedded default (a thread in the one web process) that is the process that asks.
_live_progress: dict[int, tuple[int, str, datetime]] = {}


def _reporter(job: BackgroundJob, eager: bool):  # type: ignore[no-untyped-def]
    job_id = job.id
    in_memory = db.engine.dialect.name == "sqlite"

    def report(percent: int, stage: str) -> None:
        if eager:
            job.progress, job.stage, job.heartbeat_at = percent, stage[:200], utc_now()
        elif in_memory:
            _live_progress[job_id] = (percent, stage[:200], utc_now())
        else:
            # PostgreSQL: a separate connection, so progress is visible at once to every web
            # process without committing the job's own half-done work.
            with Session(db.engine) as session:
                session.execute(
                    update(BackgroundJob)
                    .where(BackgroundJob.id == job_id)
                    .values(progress=percent, stage=stage[:200], heartbeat_at=utc_now())
                )
                session.commit()

    return report


def _record_failure(job_id: int, message: str) -> None:
    job = db.session.get(BackgroundJob, job_id)
    if job is None:
        return
    job.status = JobStatus.FAILED
    job.error = message
    job.finished_at = utc_now()
    _save(current_app.config["JOBS_MODE"] == "eager")
    _live_progress.pop(job_id, None)


@dataclass(frozen=True)
class JobState:
    """What the officer's page shows: a lost job reads as failed, so it can be retried."""

    status: JobStatus
    progress: int
    stage: str
    error: str

    @property
    def finished(self) -> bool:
        return self.status.finished


def job_state(job: BackgroundJob) -> JobState:
    if job.status.finished:
        return JobState(job.status, job.progress, job.stage, job.error)
    progress, stage, last_sign_of_life = job.progress, job.stage, job.heartbeat_at or job.created_at
    if job.id in _live_progress:
        progress, stage, last_sign_of_life = _live_progress[job.id]
    stale_after = timedelta(seconds=current_app.config["JOB_STALE_AFTER_SECONDS"])
    if last_sign_of_life is not None and utc_now() - last_sign_of_life > stale_after:
        return JobState(JobStatus.FAILED, progress, stage, LOST_ERROR)
    return JobState(job.status, progress, stage, job.error)
