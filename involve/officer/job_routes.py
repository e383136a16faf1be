"""The page that follows a background job: a progress bar that updates itself (JavaScript polls
the JSON view) or on reload (without JavaScript), the way on once it has finished, and a clear
error with "Try again" if it failed. All state is in the database, so a reload loses nothing."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from involve.auth.permissions import has_permission
from involve.extensions import db
from involve.jobs import job_state, retry
from involve.jobs.registry import JOB_KINDS, JobKind
from involve.models import BackgroundJob
from involve.officer import officer
from involve.services.audit import record_event


def _job_or_404(job_id: int) -> tuple[BackgroundJob, JobKind]:
    job = db.session.get(BackgroundJob, job_id)
    if job is None or job.kind not in JOB_KINDS:
        abort(404)
    kind = JOB_KINDS[job.kind]
    if not has_permission(current_user, kind.permission):
        abort(403)
    return job, kind


def _state_json(job: BackgroundJob, kind: JobKind) -> dict[str, Any]:
    state = job_state(job)
    return {
        "id": job.id,
        "status": state.status.value,
        "progress": state.progress,
        "stage": state.stage,
        "error": state.error,
        "finished": state.finished,
        "next_url": kind.next_url(job) if state.status.value == "succeeded" else None,
    }


@officer.get("/jobs/<int:job_id>")
def job_status(job_id: int) -> str:
    job, kind = _job_or_404(job_id)
    return render_template(
        "officer/jobs/status.html",
        job=job,
        kind=kind,
        state=job_state(job),
        back_url=kind.back_url(job),
        next_url=kind.next_url(job),
        retry_form=FlaskForm(),
    )


@officer.get("/jobs/<int:job_id>/status.json")
def job_status_json(job_id: int) -> Response:
    job, kind = _job_or_404(job_id)
    response = jsonify(_state_json(job, kind))
    response.headers["Cache-Control"] = "no-store"
    return response


@officer.post("/jobs/<int:job_id>/retry")
def retry_job(job_id: int) -> Response:
    job, kind = _job_or_404(job_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if job_state(job).status.value != "failed":
        return redirect(url_for("officer.job_status", job_id=job.id))
    retry(job)
    record_event(
        actor=current_user,
        action="job.retried",
        object_type="background_job",
        object_id=job.id,
        summary=f"Tried again: {kind.title.lower()} (job {job.id})",
    )
    return redirect(url_for("officer.job_status", job_id=job.id))
