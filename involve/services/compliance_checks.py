"""The checks across a year, run as a background job: each published activity's fairness
checklist (consultations) and who was under-represented (its representativeness report).

Each of those is a page's worth of queries for one activity, so the year's report cannot work
them out for every activity each time it is shown without growing with the year. Instead they
are run together, kept with the job as a snapshot ("checked at ..."), and the year's report
reads the latest one in a single query, saying which activities changed since. The activity's
own compliance report always works them out afresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import url_for
from sqlalchemy import select

from involve.auth.permissions import Permission
from involve.extensions import db
from involve.jobs import JobContext, enqueue, job_kind
from involve.models import Activity, BackgroundJob, JobStatus, Officer
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.compliance_period import YearFilters, year_activities, year_label
from involve.services.fairness import Status, fairness_checklist
from involve.services.representativeness_report import build_report

KIND = "compliance_checks"
KEPT_STATUSES = (Status.FAIL, Status.WARNING)  # a snapshot keeps only what needs attention


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    status: Status
    reason: str


@dataclass(frozen=True)
class FlagResult:
    dimension: str  # the representativeness dimension's key
    dimension_label: str
    group: str  # the group's key
    label: str


@dataclass(frozen=True)
class SnapshotEntry:
    fairness: dict[Status, int] | None  # None: not a consultation
    checks: tuple[CheckResult, ...]
    flags: tuple[FlagResult, ...]
    people_counted: bool

    @property
    def failing(self) -> tuple[CheckResult, ...]:
        return tuple(check for check in self.checks if check.status == Status.FAIL)


@dataclass(frozen=True)
class Snapshot:
    job_id: int
    year: int
    checked_at: datetime
    entries: dict[int, SnapshotEntry]


def _entry(activity: Activity, now: datetime) -> dict[str, Any]:
    entry: dict[str, Any] = {"title": activity.title, "fairness": None, "checks": [], "flags": []}
    if activity.consultation is not None:
        checklist = fairness_checklist(activity.consultation, now=now)
        entry["fairness"] = {status.value: count for status, count in checklist.counts.items()}
        entry["checks"] = [
            {"id": c.id, "title": c.title, "status": c.status.value, "reason": c.reason}
            for c in checklist.checks
            if c.status in KEPT_STATUSES
        ]
    entry["people_counted"] = activity.consultation is not None or activity.format.is_event
    if entry["people_counted"]:
        report = build_report(activity)
        entry["flags"] = [
            {
                "dimension": dimension.key,
                "dimension_label": dimension.label,
                "group": row.key,
                "label": row.label,
            }
            for dimension, row in report.flagged
        ]
    return entry


def _report_url(job: BackgroundJob) -> str:
    """Back to the report the checks were run from (its service, if one was chosen)."""
    service_id = (job.params or {}).get("service_id")
    return url_for(
        "officer.compliance_report",
        year=job.subject_id,
        service=service_id if isinstance(service_id, int) else None,
    )


@job_kind(
    KIND,
    title="Checking fairness and who took part across the year",
    permission=Permission.READ_REPORTS,
    next_url=lambda job: _report_url(job),
    back_url=lambda job: _report_url(job),
)
def run_compliance_checks(context: JobContext) -> dict[str, Any]:
    year, now = context.subject_id, utc_now()
    found = year_activities(YearFilters(year=year))
    entries: dict[str, Any] = {}
    for number, (activity, _, _) in enumerate(found):
        context.progress(100 * number // max(len(found), 1), f"Checking {activity.title}")
        entries[str(activity.id)] = _entry(activity, now)
    return {"year": year, "checked_at": now.isoformat(), "activities": entries}


def start_checks(
    *, year: int, actor: Officer | None, service_id: int | None = None
) -> BackgroundJob:
    """Queue the checks for every activity of the year (the service is only where to return)."""
    job = enqueue(KIND, subject_id=year, requested_by=actor, params={"service_id": service_id})
    record_event(
        actor=actor,
        action="compliance.checks_started",
        object_type="background_job",
        object_id=job.id,
        summary=f"Started the compliance checks for {year_label(year)} (job {job.id})",
        detail={"year": year, "job_id": job.id},
    )
    return job


def latest_snapshot(year: int) -> Snapshot | None:
    """The latest finished run of the checks for the year, in one query."""
    job = db.session.scalars(
        select(BackgroundJob)
        .where(
            BackgroundJob.kind == KIND,
            BackgroundJob.subject_id == year,
            BackgroundJob.status == JobStatus.SUCCEEDED,
        )
        .order_by(BackgroundJob.finished_at.desc(), BackgroundJob.id.desc())
        .limit(1)
    ).first()
    if job is None:
        return None
    return read_snapshot(job)


def _status(value: object) -> Status | None:
    try:
        return Status(str(value))
    except ValueError:
        return None


def _entry_from(raw: Mapping[str, Any]) -> SnapshotEntry:
    fairness = raw.get("fairness")
    checks = []
    for check in raw.get("checks") or []:
        status = _status(check.get("status"))
        if status is not None:
            checks.append(
                CheckResult(
                    str(check.get("id", "")),
                    str(check.get("title", "")),
                    status,
                    str(check.get("reason", "")),
                )
            )
    return SnapshotEntry(
        fairness={status: int(fairness.get(status.value, 0) or 0) for status in Status}
        if isinstance(fairness, dict)
        else None,
        checks=tuple(checks),
        flags=tuple(
            FlagResult(
                str(flag.get("dimension", "")),
                str(flag.get("dimension_label", "")),
                str(flag.get("group", "")),
                str(flag.get("label", "")),
            )
            for flag in raw.get("flags") or []
            if isinstance(flag, dict)
        ),
        people_counted=bool(raw.get("people_counted")),
    )


def read_snapshot(job: BackgroundJob) -> Snapshot | None:
    """The job's stored result, read defensively (it is JSON written by an earlier version,
    perhaps): anything unreadable is left out rather than failing the page."""
    result = job.result or {}
    try:
        checked_at = datetime.fromisoformat(str(result["checked_at"]))
    except (KeyError, ValueError):
        return None
    entries = {}
    for key, raw in (result.get("activities") or {}).items():
        if str(key).isdigit() and isinstance(raw, dict):
            entries[int(key)] = _entry_from(raw)
    return Snapshot(job_id=job.id, year=job.subject_id, checked_at=checked_at, entries=entries)
