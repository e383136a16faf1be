"""The entry point RQ workers call: `rq worker --url "$REDIS_URL" involve` imports this module
by name when a job arrives. It builds the app from the same environment as the web process."""

from __future__ import annotations

from flask import has_app_context

from involve.jobs.runner import run_job

_app = None


def run_job_in_worker(job_id: int) -> None:
    if has_app_context():  # e.g. a burst worker inside a test
        run_job(job_id)
        return
    global _app
    if _app is None:
        from involve import create_app

        _app = create_app()
    with _app.app_context():
        run_job(job_id)
