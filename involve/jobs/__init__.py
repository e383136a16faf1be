"""Background jobs: long work (discovering themes, training the theme model) runs outside the
request that asked for it, and reports progress to a row in `background_job` that the page
reads. Where it runs depends on JOBS_MODE:

- "rq": on RQ workers over Redis (production; `rq worker --url $REDIS_URL involve`). RQ was
  chosen over Celery (far more machinery than one queue needs) and Huey (fine, but its Redis
  and SQLite back ends behave differently); it is small, well kept and does one thing.
- "thread": on one thread inside the web process (the embedded default: no Redis needed). A job
  lost when the process stops shows as failed, with a retry button, once its heartbeat is stale.
- "eager": inline, inside the current transaction (tests).

Usage: define a job with `@job_kind("name", ...)`, start one with `enqueue(...)`; the job is
dispatched only once the request's transaction has committed, so the worker can see its row.
Any job may run again from the start: one that meets a database busy for a moment ("database is
locked" while another writer commits) is run again a few times before it fails.
"""

from involve.jobs.registry import JobContext, JobFailed, job_kind
from involve.jobs.runner import dispatch_pending, enqueue, job_state, retry

__all__ = [
    "JobContext",
    "JobFailed",
    "dispatch_pending",
    "enqueue",
    "job_kind",
    "job_state",
    "retry",
]
