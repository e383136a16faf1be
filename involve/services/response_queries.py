"""Reading responses for officers: live counts per consultation, the filtered and searched list,
and one response in full. Every filter runs in SQL; a page of the list costs a fixed number of
queries however many responses it shows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import (
    AgeBand,
    Answer,
    Channel,
    Consultation,
    Phase,
    Question,
    QuestionPage,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
    Ward,
)
from involve.models.base import utc_now
from involve.questionnaire.routing import visible_pages
from involve.services.anonymisation import respondent_terms
from involve.services.errors import NotFound
from involve.services.exports import ExportResponse
from involve.services.lifecycle import phase_of
from involve.services.references import normalise_reference
from involve.services.response_filters import ResponseFilters, filtered_ids

RECENT_DAYS = 7
PER_PAGE = 50
SNIPPET_LENGTH = 120
_DASHBOARD_PHASES = (Phase.OPEN, Phase.CLOSED)


# -- dashboard ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ConsultationCounts:
    consultation: Consultation
    phase: Phase
    submitted: int
    in_progress: int
    recent: int  # submitted in the last RECENT_DAYS days


def list_consultation_counts(*, now: datetime | None = None) -> list[ConsultationCounts]:
    """Open consultations and closed ones awaiting an outcome, with live response counts, in
    one aggregate query."""
    now = now or utc_now()
    submitted = Response.status == ResponseStatus.SUBMITTED
    counts = (
        select(
            Response.consultation_id.label("consultation_id"),
            func.sum(case((submitted, 1), else_=0)).label("submitted"),
            func.sum(case((Response.status == ResponseStatus.IN_PROGRESS, 1), else_=0)).label(
                "in_progress"
            ),
            func.sum(
                case(
                    (
                        and_(submitted, Response.submitted_at >= now - timedelta(days=RECENT_DAYS)),
                        1,
                    ),
                    else_=0,
                )
            ).label("recent"),
        )
        .group_by(Response.consultation_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Consultation, counts.c.submitted, counts.c.in_progress, counts.c.recent)
        .outerjoin(counts, counts.c.consultation_id == Consultation.id)
        .where(Consultation.published_at.is_not(None), Consultation.outcome_published_at.is_(None))
        .order_by(Consultation.closes_at, Consultation.id)
    ).all()
    result = []
    for consultation, n_submitted, n_in_progress, n_recent in rows:
        phase = phase_of(consultation, now)
        if phase in _DASHBOARD_PHASES:
            result.append(
                ConsultationCounts(
                    consultation, phase, n_submitted or 0, n_in_progress or 0, n_recent or 0
                )
            )
    return result


# -- the list -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResponseRow:
    reference: str
    submitted_at: datetime | None
    channel: Channel
    responding_as: RespondingAs | None
    age_band: AgeBand | None
    snippet: str


@dataclass(frozen=True)
class ResponsePage:
    rows: list[ResponseRow]
    total: int  # submitted responses matching the filters
    submitted: int  # all submitted responses
    in_progress: int
    page: int
    last_page: int


def find_reference(*, consultation: Consultation, search: str) -> str | None:
    """The reference of a submitted response of this consultation that the search names exactly."""
    return db.session.scalar(
        select(Response.reference).where(
            Response.consultation_id == consultation.id,
            Response.status == ResponseStatus.SUBMITTED,
            Response.reference == normalise_reference(search),
        )
    )


def _status_counts(consultation: Consultation) -> dict[ResponseStatus, int]:
    rows = db.session.execute(
        select(Response.status, func.count(Response.id))
        .where(Response.consultation_id == consultation.id)
        .group_by(Response.status)
    ).all()
    return {status: count for status, count in rows}


def _snippets(response_ids: list[int]) -> dict[int, str]:
    """The first free text of each response, in question order (one query for the page)."""
    if not response_ids:
        return {}
    rows = db.session.execute(
        select(Answer.response_id, Answer.text)
        .join(Question, Answer.question_id == Question.id)
        .join(QuestionPage, Question.page_id == QuestionPage.id)
        .where(Answer.response_id.in_(response_ids), Answer.text != "")
        .order_by(QuestionPage.position, Question.position, Question.id)
    ).all()
    snippets: dict[int, str] = {}
    for response_id, text in rows:
        if response_id not in snippets:
            shortened = " ".join(text.split())
            if len(shortened) > SNIPPET_LENGTH:
                shortened = shortened[: SNIPPET_LENGTH - 1].rstrip() + "…"
            snippets[response_id] = shortened
    return snippets


def list_responses(
    *, consultation: Consultation, filters: ResponseFilters, page: int = 1
) -> ResponsePage:
    """One page of submitted responses matching the filters, newest first."""
    matching = filtered_ids(consultation, filters).subquery()
    total = db.session.scalar(select(func.count()).select_from(matching)) or 0
    last_page = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(max(page, 1), last_page)
    rows = db.session.execute(
        select(
            Response.id,
            Response.reference,
            Response.submitted_at,
            Response.channel,
            RespondentProfile.responding_as,
            RespondentProfile.age_band,
        )
        .outerjoin(RespondentProfile, RespondentProfile.response_id == Response.id)
        .where(Response.id.in_(select(matching.c.id)))
        .order_by(Response.submitted_at.desc(), Response.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    ).all()
    snippets = _snippets([row.id for row in rows])
    statuses = _status_counts(consultation)
    return ResponsePage(
        rows=[
            ResponseRow(
                row.reference,
                row.submitted_at,
                row.channel,
                row.responding_as,
                row.age_band,
                snippets.get(row.id, ""),
            )
            for row in rows
        ],
        total=total,
        submitted=statuses.get(ResponseStatus.SUBMITTED, 0),
        in_progress=statuses.get(ResponseStatus.IN_PROGRESS, 0),
        page=page,
        last_page=last_page,
    )


# -- one response ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ShownAnswer:
    question: Question
    value: Any  # None when not answered


@dataclass(frozen=True)
class ResponseDetail:
    response: Response
    answers: list[ShownAnswer]
    profile: RespondentProfile | None
    ward_name: str


def get_consultation(consultation_id: int) -> Consultation:
    consultation = db.session.get(Consultation, consultation_id)
    if consultation is None:
        raise NotFound("No such consultation")
    return consultation


def get_response_detail(*, consultation: Consultation, reference: str) -> ResponseDetail:
    """A submitted response of this consultation with the answers on the pages its respondent
    saw, in page order. Equality answers are never loaded here: they are reported in aggregate."""
    response = db.session.scalar(
        select(Response)
        .where(
            Response.consultation_id == consultation.id,
            Response.reference == normalise_reference(reference),
            Response.status == ResponseStatus.SUBMITTED,
        )
        .options(selectinload(Response.answers), selectinload(Response.profile))
    )
    if response is None:
        raise NotFound("No such response")
    stored = {answer.question_id: answer.value for answer in response.answers}
    shown = [
        ShownAnswer(question, stored.get(question.id))
        for page in visible_pages(consultation.pages, stored)
        for question in page.questions
    ]
    profile = response.profile
    ward_name = ""
    if profile is not None and profile.ward_code:
        ward_name = db.session.scalar(select(Ward.name).where(Ward.code == profile.ward_code)) or ""
    return ResponseDetail(response, shown, profile, ward_name)


# -- exports --------------------------------------------------------------------------------
EXPORT_BATCH = 200


def list_questions(*, consultation: Consultation) -> list[Question]:
    """Every question of the consultation in page and position order."""
    return list(
        db.session.scalars(
            select(Question)
            .join(QuestionPage, Question.page_id == QuestionPage.id)
            .where(QuestionPage.consultation_id == consultation.id)
            .order_by(QuestionPage.position, Question.position, Question.id)
        )
    )


def count_submitted(*, consultation: Consultation) -> int:
    return _status_counts(consultation).get(ResponseStatus.SUBMITTED, 0)


def iter_export_responses(*, consultation_id: int) -> Iterator[ExportResponse]:
    """Submitted responses, oldest first, fetched in batches so memory stays flat."""
    query = (
        select(Response)
        .where(
            Response.consultation_id == consultation_id,
            Response.status == ResponseStatus.SUBMITTED,
        )
        .order_by(Response.submitted_at, Response.id)
        .options(selectinload(Response.answers), selectinload(Response.profile))
        .execution_options(yield_per=EXPORT_BATCH)
    )
    for response in db.session.scalars(query):
        yield ExportResponse(
            reference=response.reference,
            submitted_at=response.submitted_at,
            channel=str(response.channel),
            answers={answer.question_id: answer.value for answer in response.answers},
            profile=response.profile,
            respondent_terms=tuple(respondent_terms(response)),
        )
