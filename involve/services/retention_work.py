"""The work of retention on one consultation (see involve.services.retention): responses
anonymised a batch at a time with their profiles and answers loaded together, the copies of
their words that theming and moderation made brought into line, unfinished responses deleted,
and one audit event with the counts."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import (
    Answer,
    Consultation,
    ModerationItem,
    Officer,
    Question,
    QuestionPage,
    Response,
    ResponseStatus,
)
from involve.models.base import utc_now
from involve.services.anonymisation import (
    anonymise_response,
    council_terms,
    redact_theming_copies,
    respondent_terms,
    theming_copies,
)
from involve.services.audit import record_event
from involve.services.moderation import redact_for_retention
from involve.services.retention_reports import ANSWERS_REDACTED, RESUME_CODE, RetentionReport

BATCH = 500  # responses loaded at a time, with their profiles and answers


def remove_personal_data(
    consultation: Consultation,
    *,
    report: RetentionReport,
    actor: Officer | None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Anonymise the consultation's responses, delete its unfinished ones, record it."""
    # Loaded once and kept referenced, so each answer's question comes from the identity map
    # instead of a query per answer.
    questions = db.session.scalars(
        select(Question)
        .join(QuestionPage, Question.page_id == QuestionPage.id)
        .where(QuestionPage.consultation_id == consultation.id)
    ).all()
    council = council_terms()  # the council's list of names, read once for every response
    ids = _waiting_ids(consultation)
    for responses in _batches(ids):
        moderated = _responses_with_moderation(responses)
        copies = theming_copies(
            [answer.id for response in responses for answer in response.answers]
        )
        with db.session.no_autoflush:
            for response in responses:
                terms = council + respondent_terms(response)  # before they are removed
                old_texts = {answer.id: answer.text for answer in response.answers}
                anonymised = anonymise_response(response, by="retention", council=council)
                report.responses_anonymised += 1
                report.removed.update(k for k in anonymised.removed if k != ANSWERS_REDACTED)
                report.removed[ANSWERS_REDACTED] += anonymised.answers_redacted
                redact_theming_copies(response.answers, old_texts, terms, copies)
                if response.id in moderated:
                    report.published_redacted += redact_for_retention(response, terms)
        db.session.flush()
        if progress is not None:
            progress(report.responses_anonymised, len(ids))
    _delete_unfinished(consultation, report)
    report.removed = +report.removed  # leave out kinds with nothing removed
    del questions
    consultation.personal_data_removed_at = utc_now()
    record_event(
        actor=actor,
        action="retention.applied",
        object_type="consultation",
        object_id=consultation.id,
        summary=f"Removed personal data from {consultation.title}: {report.summary()}",
        detail=report.counts(),
    )


def _waiting_ids(consultation: Consultation) -> Sequence[int]:
    """Submitted responses not yet anonymised (ids only: a few bytes each, even for 100,000)."""
    return db.session.scalars(
        select(Response.id)
        .where(
            Response.consultation_id == consultation.id,
            Response.status == ResponseStatus.SUBMITTED,
            Response.anonymised_at.is_(None),
        )
        .order_by(Response.id)
    ).all()


def _batches(ids: Sequence[int]) -> Iterator[Sequence[Response]]:
    for start in range(0, len(ids), BATCH):
        yield db.session.scalars(
            select(Response)
            .where(Response.id.in_(ids[start : start + BATCH]))
            .options(selectinload(Response.profile), selectinload(Response.answers))
            .order_by(Response.id)
        ).all()


def _responses_with_moderation(responses: Sequence[Response]) -> set[int]:
    """Which of these responses have an answer in the moderation queue (one query a batch)."""
    return set(
        db.session.scalars(
            select(Answer.response_id)
            .join(ModerationItem, ModerationItem.answer_id == Answer.id)
            .where(Answer.response_id.in_([response.id for response in responses]))
        )
    )


def _count(statement: Any) -> int:
    return db.session.scalar(statement) or 0


def _delete_unfinished(consultation: Consultation, report: RetentionReport) -> None:
    unfinished = (
        Response.consultation_id == consultation.id,
        Response.status == ResponseStatus.IN_PROGRESS,
    )
    report.unfinished_deleted = _count(select(func.count(Response.id)).where(*unfinished))
    codes = _count(
        select(func.count(Response.id)).where(*unfinished, Response.resume_code_hash.is_not(None))
    )
    if codes:
        report.removed[RESUME_CODE] += codes
    if report.unfinished_deleted:
        # Answers, profiles and equality answers go with them (ON DELETE CASCADE).
        db.session.execute(
            delete(Response).where(*unfinished).execution_options(synchronize_session="fetch")
        )
