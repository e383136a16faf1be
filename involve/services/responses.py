"""A resident's online response: saving answers page by page, routing, resume codes, submitting.

Answers are stored as parse_answer returns them; answers on pages that routing hides are
deleted whenever answers change, so a response never keeps answers its author cannot see.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    Answer,
    Channel,
    Consultation,
    Question,
    QuestionPage,
    Response,
    ResponseStatus,
)
from involve.models.base import utc_now
from involve.questionnaire.answers import ParsedAnswer, parse_answer
from involve.questionnaire.routing import visible_pages
from involve.services.references import ALPHABET, new_reference

RESUME_CODE_LENGTH = 10
RESUME_CODE_EXAMPLE = "K7MQ9-P2XD4"


@dataclass(frozen=True)
class MissingAnswer:
    page_number: int
    question: Question
    message: str


def unused_reference(taken: set[str] | None = None) -> str:
    """A reference no stored response has, nor any in `taken` (given out in the same batch,
    not yet flushed); `taken` gains the new one. Collisions are rare (7.6e12 possibilities),
    but the unique index would turn one into an error, so check."""
    taken = taken if taken is not None else set()
    while True:
        reference = new_reference()
        if reference not in taken and not db.session.scalar(
            select(Response.id).where(Response.reference == reference)
        ):
            taken.add(reference)
            return reference


def start_response(*, consultation: Consultation) -> Response:
    """A new in-progress online response with a fresh, unused reference."""
    response = Response(
        consultation=consultation,
        reference=unused_reference(),
        status=ResponseStatus.IN_PROGRESS,
        channel=Channel.ONLINE,
    )
    db.session.add(response)
    db.session.flush()
    return response


def stored_values(response: Response | None) -> dict[int, Any]:
    """question id -> stored answer value."""
    if response is None:
        return {}
    return {answer.question_id: answer.value for answer in response.answers}


def pages_for(consultation: Consultation, response: Response | None) -> list[QuestionPage]:
    """The pages this respondent sees, in order (page numbers are 1-based indexes into it)."""
    return visible_pages(consultation.pages, stored_values(response))


def optional_copy(question: Question) -> Question:
    """A detached copy that is never required: for "save and come back later" and read-backs,
    where a blank answer is fine but a badly formed one is still an error."""
    return Question(
        id=question.id,
        kind=question.kind,
        text=question.text,
        required=False,
        options=list(question.options or []),
        statements=list(question.statements or []),
        allow_other=question.allow_other,
        max_length=question.max_length,
        min_value=question.min_value,
        max_value=question.max_value,
    )


def parse_page(
    page: QuestionPage,
    form: Mapping[str, Any],
    *,
    long_text_max: int,
    skip_required: bool = False,
) -> dict[int, ParsedAnswer]:
    """question id -> parsed answer for every question on the page."""
    return {
        question.id: parse_answer(
            optional_copy(question) if skip_required else question,
            form,
            long_text_max=long_text_max,
        )
        for question in page.questions
    }


def save_page_answers(
    *, response: Response, page: QuestionPage, parsed: Mapping[int, ParsedAnswer]
) -> None:
    """Store each answer of the page as parsed; a blank answer removes any stored one, and an
    answer with an error leaves what was stored before. Then drop answers routing now hides."""
    existing = {answer.question_id: answer for answer in response.answers}
    for question in page.questions:
        result = parsed.get(question.id)
        if result is None or result.error:
            continue
        answer = existing.get(question.id)
        if result.value is None:
            if answer is not None:
                response.answers.remove(answer)
            continue
        if answer is None:
            response.answers.append(
                Answer(question_id=question.id, value=result.value, text=result.text)
            )
        else:
            answer.value = result.value
            answer.text = result.text
    db.session.flush()
    drop_hidden_answers(response=response)


def drop_hidden_answers(*, response: Response) -> None:
    shown = {
        question.id
        for page in pages_for(response.consultation, response)
        for question in page.questions
    }
    for answer in list(response.answers):
        if answer.question_id not in shown:
            response.answers.remove(answer)
    db.session.flush()


def first_missing_answer(
    consultation: Consultation, response: Response | None, *, long_text_max: int
) -> MissingAnswer | None:
    """The first required question on a visible page that has no stored answer."""
    values = stored_values(response)
    for number, page in enumerate(pages_for(consultation, response), start=1):
        for question in page.questions:
            if question.required and values.get(question.id) is None:
                message = parse_answer(question, {}, long_text_max=long_text_max).error
                return MissingAnswer(number, question, message or "Enter an answer")
    return None


# -- save and come back later ---------------------------------------------------------------


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def normalise_resume_code(text: str) -> str:
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def format_resume_code(code: str) -> str:
    """Shown in two groups of five, easier to copy down: K7MQ9-P2XD4."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def create_resume_code(*, response: Response) -> str:
    """A new code for the response (any earlier one stops working); only its hash is kept.
    It works until the consultation closes."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(RESUME_CODE_LENGTH))
    response.resume_code_hash = _hash_code(code)
    response.resume_expires_at = response.consultation.closes_at
    db.session.flush()
    return code


def find_resumable_response(
    *, consultation: Consultation, code: str, now: datetime | None = None
) -> Response | None:
    """The in-progress response the code was given for, unless it is wrong or has expired."""
    cleaned = normalise_resume_code(code)
    if len(cleaned) != RESUME_CODE_LENGTH:
        return None
    response = db.session.scalar(
        select(Response).where(Response.resume_code_hash == _hash_code(cleaned))
    )
    now = now or utc_now()
    if (
        response is None
        or response.consultation_id != consultation.id
        or response.status != ResponseStatus.IN_PROGRESS
        or (response.resume_expires_at is not None and response.resume_expires_at <= now)
    ):
        return None
    return response


# -- submitting ------------------------------------------------------------------------------


def new_submission_key() -> str:
    """Put in the check-answers form; the response is stored once per key."""
    return secrets.token_hex(32)


def find_by_submission_key(key: str) -> Response | None:
    if not key:
        return None
    return db.session.scalar(select(Response).where(Response.submission_key == key))


def submit_response(
    *, response: Response, submission_key: str, publish_consent: bool = False
) -> Response:
    """Mark the response submitted. The key comes from the check-answers form, so the same
    form sent twice finds this response instead of storing another. `publish_consent`: the
    respondent agreed their answers may be published (after redaction and moderation)."""
    response.status = ResponseStatus.SUBMITTED
    response.publish_consent = publish_consent
    response.submitted_at = utc_now()
    response.submission_key = submission_key
    response.resume_code_hash = None
    response.resume_expires_at = None
    db.session.flush()
    return response


def find_submitted_response(consultation: Consultation, reference: str) -> Response | None:
    """The submitted response with this reference, for its confirmation page."""
    return db.session.scalar(
        select(Response).where(
            Response.consultation_id == consultation.id,
            Response.reference == reference,
            Response.status == ResponseStatus.SUBMITTED,
        )
    )
