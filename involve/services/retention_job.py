"""The "apply_retention" background job: removes personal data from the consultations an officer
confirmed (or, without that list, every one that is due), committing after each consultation so
a long run neither holds officers' saves up nor loses finished work if it stops half way."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import url_for

from involve.auth.permissions import Permission
from involve.extensions import db
from involve.jobs import JobContext, enqueue, job_kind
from involve.models import BackgroundJob, Officer
from involve.models.base import utc_now
from involve.services.retention import apply_retention
from involve.services.retention_reports import RetentionReport

KIND = "apply_retention"
NO_SUBJECT = 0  # retention works across consultations, not on one subject


def start_retention(*, actor: Officer, consultation_ids: list[int]) -> BackgroundJob:
    """Queue the job for these consultations (those the officer saw on the confirmation page);
    it runs once the request's transaction has committed."""
    return enqueue(
        KIND,
        subject_id=NO_SUBJECT,
        requested_by=actor,
        params={"consultation_ids": sorted(consultation_ids), "as_of": utc_now().isoformat()},
    )


@job_kind(
    KIND,
    title="Removing personal data",
    permission=Permission.HANDLE_DATA_REQUESTS,
    next_url=lambda job: url_for("officer.retention_result", job_id=job.id),
    back_url=lambda job: url_for("officer.retention"),
)
def run_retention(context: JobContext) -> dict[str, Any]:
    params = context.params
    as_of = datetime.fromisoformat(params["as_of"]) if params.get("as_of") else None
    actor = db.session.get(Officer, context.job.requested_by_id or 0)
    context.checkpoint()
    reports = apply_retention(
        as_of=as_of,
        actor=actor,
        only_ids=params.get("consultation_ids"),
        progress=context.progress,
        after_each=lambda _report: context.checkpoint(),
    )
    return {"reports": [report.as_dict() for report in reports]}


def job_reports(job: BackgroundJob) -> list[RetentionReport]:
    return [RetentionReport.from_dict(data) for data in (job.result or {}).get("reports", [])]
