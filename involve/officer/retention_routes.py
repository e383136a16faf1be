"""The retention screen: when each consultation's personal data is due for removal, and a button
that removes it from those due, after a confirmation page that counts what will go. The removal
runs as a background job, with the usual progress page, then a page saying what was done."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from involve.auth.permissions import Permission, require_permission
from involve.auth.reauth import require_recent_authentication
from involve.extensions import db
from involve.jobs import job_state
from involve.models import BackgroundJob, JobStatus
from involve.officer import officer
from involve.officer.retention_forms import ConfirmRetentionForm
from involve.services.retention import due_consultations, list_retention, preview_consultation
from involve.services.retention_job import KIND, job_reports, start_retention


@officer.route("/retention")
@require_permission(Permission.HANDLE_DATA_REQUESTS)
def retention() -> str:
    rows = list_retention()
    return render_template(
        "officer/retention/list.html",
        rows=rows,
        due_count=sum(row.status == "due" for row in rows),
    )


@officer.route("/retention/remove")
@require_permission(Permission.HANDLE_DATA_REQUESTS)
@require_recent_authentication
def confirm_retention() -> str:
    return _confirmation(ConfirmRetentionForm())


def _confirmation(form: ConfirmRetentionForm) -> str:
    previews = [preview_consultation(consultation) for consultation in due_consultations()]
    form.consultations.data = ",".join(str(preview.consultation_id) for preview in previews)
    return render_template("officer/retention/confirm.html", previews=previews, form=form)


@officer.route("/retention/remove", methods=["POST"])
@require_permission(Permission.HANDLE_DATA_REQUESTS)
@require_recent_authentication
def start_retention_job() -> str | Response:
    form = ConfirmRetentionForm()
    if not form.validate_on_submit():
        abort(400)
    due = {consultation.id for consultation in due_consultations()}
    chosen = form.consultation_ids() & due
    if not chosen:
        # Someone else has just done it, or nothing was due: show the page again as it is now.
        return _confirmation(ConfirmRetentionForm(formdata=None))
    job = start_retention(actor=current_user, consultation_ids=sorted(chosen))
    return redirect(url_for("officer.job_status", job_id=job.id))


@officer.route("/retention/jobs/<int:job_id>")
@require_permission(Permission.HANDLE_DATA_REQUESTS)
def retention_result(job_id: int) -> str | Response:
    job = db.session.get(BackgroundJob, job_id)
    if job is None or job.kind != KIND:
        abort(404)
    if job_state(job).status != JobStatus.SUCCEEDED:
        return redirect(url_for("officer.job_status", job_id=job.id))
    return render_template("officer/retention/result.html", job=job, reports=job_reports(job))
