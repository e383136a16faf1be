"""Retention: once a consultation has been closed for its retention period (24 months unless
set otherwise), the personal data in its responses is removed.

Each response is anonymised (involve.services.anonymisation): names, e-mail addresses, full
postcodes (the ward stays), resume codes and personal data in free text go; answers, age bands,
wards and equality answers stay, so the results and the representativeness report do not change.
Unfinished responses are deleted: they were never sent, and the consultation has closed.

Run daily by `flask involve apply-retention` or from the officer screen as a background job.
Safe to run again: only responses not yet anonymised are touched, so paper responses keyed in
after a run are caught by the next one. Nothing here commits; callers may commit between
consultations through `after_each`.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from involve.extensions import db
from involve.models import (
    Answer,
    Consultation,
    Officer,
    RespondentProfile,
    Response,
    ResponseStatus,
)
from involve.models.base import utc_now
from involve.services.retention_reports import (
    ANSWERS_TO_CHECK,
    EMAIL,
    NAME,
    OTHER_CONNECTION,
    POSTCODE,
    RESUME_CODE,
    RetentionReport,
)
from involve.services.retention_work import remove_personal_data
from involve.templating import UK

# -- when -------------------------------------------------------------------------------------


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar months later, counted in UK time so the date an officer sees does not drift
    across the clock change; the 31st becomes the last day of a shorter month."""
    local = moment.astimezone(UK)
    year, month_index = divmod(local.year * 12 + local.month - 1 + months, 12)
    day = min(local.day, calendar.monthrange(year, month_index + 1)[1])
    return local.replace(year=year, month=month_index + 1, day=day).astimezone(UTC)


def closed_at(consultation: Consultation) -> datetime | None:
    """When it closed or will close, as the lifecycle sees it: closed early, else the closing
    date. None for a draft, which has never taken a response."""
    if consultation.published_at is None:
        return None
    ends = [when for when in (consultation.closed_early_at, consultation.closes_at) if when]
    return min(ends) if ends else None


def removal_due_at(consultation: Consultation) -> datetime | None:
    closed = closed_at(consultation)
    return None if closed is None else add_months(closed, consultation.retention_months)


def is_due(consultation: Consultation, as_of: datetime | None = None) -> bool:
    due = removal_due_at(consultation)
    return due is not None and due <= (as_of or utc_now())


# -- what is held -----------------------------------------------------------------------------


def _still_held() -> ColumnElement[bool]:
    """Responses retention still has to deal with: not yet anonymised, or never finished."""
    return or_(Response.anonymised_at.is_(None), Response.status == ResponseStatus.IN_PROGRESS)


def _held_counts(consultation_ids: Collection[int]) -> dict[int, int]:
    if not consultation_ids:
        return {}
    rows = db.session.execute(
        select(Response.consultation_id, func.count(Response.id))
        .where(Response.consultation_id.in_(consultation_ids), _still_held())
        .group_by(Response.consultation_id)
    )
    return {consultation_id: count for consultation_id, count in rows}


@dataclass
class RetentionRow:
    """One consultation on the officer's retention screen."""

    consultation: Consultation
    closed_at: datetime
    due_at: datetime
    status: str  # "not_due", "due" or "done"
    held: int  # responses not yet anonymised, unfinished ones included

    @property
    def done_at(self) -> datetime | None:
        return self.consultation.personal_data_removed_at


def _published() -> Sequence[Consultation]:
    return db.session.scalars(
        select(Consultation).where(Consultation.published_at.is_not(None)).order_by(Consultation.id)
    ).all()


def list_retention(as_of: datetime | None = None) -> list[RetentionRow]:
    """Every published consultation with its close, its removal date and where it stands,
    soonest removal first. A consultation already done is due again if responses arrived since
    (paper responses keyed in late)."""
    as_of = as_of or utc_now()
    consultations = [c for c in _published() if closed_at(c) is not None]
    held = _held_counts([c.id for c in consultations])
    rows = []
    for consultation in consultations:
        closed, due = closed_at(consultation), removal_due_at(consultation)
        assert closed is not None and due is not None
        count = held.get(consultation.id, 0)
        if due > as_of:
            status = "not_due"
        elif consultation.personal_data_removed_at is None or count:
            status = "due"
        else:
            status = "done"
        rows.append(RetentionRow(consultation, closed, due, status, count))
    return sorted(rows, key=lambda row: (row.due_at, row.consultation.id))


def due_consultations(
    as_of: datetime | None = None, only_ids: Collection[int] | None = None
) -> list[Consultation]:
    """Consultations past their removal date with something left to do."""
    rows = [row for row in list_retention(as_of) if row.status == "due"]
    if only_ids is not None:
        rows = [row for row in rows if row.consultation.id in set(only_ids)]
    return [row.consultation for row in rows]


# -- doing it -----------------------------------------------------------------------------------


def apply_retention(
    *,
    as_of: datetime | None = None,
    actor: Officer | None = None,
    dry_run: bool = False,
    only_ids: Collection[int] | None = None,
    progress: Callable[[int, str], None] | None = None,
    after_each: Callable[[RetentionReport], None] | None = None,
) -> list[RetentionReport]:
    """Remove personal data from every consultation due by `as_of` (default now); one report
    per consultation that had something to do. `only_ids` limits it to those an officer
    confirmed; `after_each` runs once a consultation is done (the job commits there)."""
    reports = []
    consultations = due_consultations(as_of, only_ids)
    for number, consultation in enumerate(consultations):
        report_progress = _progress_within(progress, number, len(consultations), consultation)
        report_progress(0, 0)
        if dry_run:
            report = preview_consultation(consultation)
        else:
            report = _report_for(consultation, dry_run=False)
            remove_personal_data(consultation, report=report, actor=actor, progress=report_progress)
        reports.append(report)
        if after_each is not None:
            after_each(report)
    return reports


def _progress_within(
    progress: Callable[[int, str], None] | None,
    number: int,
    count: int,
    consultation: Consultation,
) -> Callable[[int, int], None]:
    """Progress through the whole run from progress through one consultation's responses."""

    def report(done: int, total: int) -> None:
        if progress is not None:
            share = (number + (done / total if total else 0)) / count
            stage = (
                f"{consultation.title}: {done:,} of {total:,} responses anonymised"
                if total
                else f"Working on {consultation.title}"
            )
            progress(int(100 * share), stage)

    return report


def _report_for(consultation: Consultation, *, dry_run: bool) -> RetentionReport:
    closed, due = closed_at(consultation), removal_due_at(consultation)
    assert closed is not None and due is not None
    return RetentionReport(consultation.id, consultation.title, closed, due, dry_run=dry_run)


def preview_consultation(consultation: Consultation) -> RetentionReport:
    """What remove_personal_data would do, counted in the database without changing or even
    loading any personal data (so the confirmation page is quick whatever the size)."""
    report = _report_for(consultation, dry_run=True)
    waiting = (
        select(Response.id)
        .where(
            Response.consultation_id == consultation.id,
            Response.status == ResponseStatus.SUBMITTED,
            Response.anonymised_at.is_(None),
        )
        .scalar_subquery()
    )
    report.responses_anonymised = _count(
        select(func.count(Response.id)).where(Response.id.in_(waiting))
    )
    for column, kind in (
        (RespondentProfile.name, NAME),
        (RespondentProfile.email, EMAIL),
        (RespondentProfile.postcode, POSTCODE),
        (RespondentProfile.connection_other, OTHER_CONNECTION),
    ):
        report.removed[kind] = _count(
            select(func.count(RespondentProfile.id)).where(
                RespondentProfile.response_id.in_(waiting), column != ""
            )
        )
    report.removed[RESUME_CODE] = _count(
        select(func.count(Response.id)).where(
            Response.consultation_id == consultation.id,
            or_(Response.id.in_(waiting), Response.status == ResponseStatus.IN_PROGRESS),
            or_(Response.resume_code_hash.is_not(None), Response.submission_key.is_not(None)),
        )
    )
    report.removed[ANSWERS_TO_CHECK] = _count(
        select(func.count(Answer.id)).where(Answer.response_id.in_(waiting), Answer.text != "")
    )
    report.unfinished_deleted = _count(
        select(func.count(Response.id)).where(
            Response.consultation_id == consultation.id,
            Response.status == ResponseStatus.IN_PROGRESS,
        )
    )
    report.removed = +report.removed  # leave out kinds with nothing to remove
    return report


def _count(statement: Any) -> int:
    return db.session.scalar(statement) or 0
