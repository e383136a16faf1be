"""Builders for retention tests: a consultation closed at 11:59pm on 31 March 2023 (so due for
removal on 31 March 2025 with the default 24 months), a named respondent whose comment gives a
phone number, and an unfinished response with a resume code."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from involve.extensions import db
from involve.models import Channel, QuestionKind, ResponseStatus
from involve.services.responses import create_resume_code
from tests.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
)
from tests.factories_representativeness import respondent

CLOSED = datetime(2023, 3, 31, 22, 59, tzinfo=UTC)  # 11:59pm on 31 March 2023, UK summer time
DUE = datetime(2025, 3, 31, 22, 59, tzinfo=UTC)  # 24 months on, same UK wall-clock time
PHONE = "07700 900123"


def expired_consultation(**overrides):  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory(
        opens_at=CLOSED - timedelta(days=42),
        closes_at=CLOSED,
        published_at=CLOSED - timedelta(days=50),
        **overrides,
    )
    page = QuestionPageFactory(consultation=consultation, position=1)
    comment = QuestionFactory(page=page, kind=QuestionKind.LONG_TEXT, text="Why?")
    choice = QuestionFactory(
        page=page, kind=QuestionKind.SINGLE_CHOICE, text="Agree?", options=["Yes", "No"]
    )
    return consultation, comment, choice


def named_respondent(consultation, comment, choice, *, channel=Channel.ONLINE):  # type: ignore[no-untyped-def]
    response = respondent(
        consultation,
        age_band="35_49",
        ward_code="E05010986",
        sex="Female",
        ethnic_group="White",
        channel=channel,
    )
    response.profile.name = "Jane Doe"
    response.profile.email = "jane.doe@example.com"
    response.profile.postcode = "GL5 4UB"
    response.profile.wants_updates = True
    response.submission_key = secrets.token_hex(32)
    AnswerFactory(
        response=response,
        question=comment,
        value=f"Ring me on {PHONE} about the play park. Jane",
    )
    AnswerFactory(response=response, question=choice, value="Yes", text="")
    db.session.flush()
    return response


def unfinished_response(consultation, comment):  # type: ignore[no-untyped-def]
    response = respondent(consultation, status=ResponseStatus.IN_PROGRESS, profile=False)
    response.submitted_at = None
    AnswerFactory(response=response, question=comment, value="Half-written thoughts")
    create_resume_code(response=response)
    return response
