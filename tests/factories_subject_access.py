"""A respondent with everything a subject access request must find: contact details, a postcode
and ward, free text with personal data in it, a closed answer, equality answers, a resume code,
a moderation item and an officer's theming note."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    Consultation,
    EqualityAnswers,
    ModerationItem,
    ModerationSource,
    ModerationStatus,
    Question,
    QuestionKind,
    RespondentProfile,
    RespondingAs,
    Response,
    ThemeItem,
    Ward,
)
from involve.services.theming_items import start_codeframe
from tests.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    QuestionPageFactory,
    ResponseFactory,
)

WARD_CODE = "E05010972"
WARD_NAME = "Nailsworth"
PLANTED_PHONE = "07700 900123"
STORY = (
    f"I walk my dog past the library every morning. Ring me on {PLANTED_PHONE} if you "
    "want to hear more. Jane Doe, 12 Acacia Avenue"
)


@dataclass
class Survey:
    consultation: Consultation
    story: Question  # long text
    choice: Question  # single choice


def survey(**kwargs) -> Survey:  # type: ignore[no-untyped-def]
    consultation = ConsultationFactory(**kwargs)
    page = QuestionPageFactory(consultation=consultation, position=0)
    choice = QuestionFactory(
        page=page,
        position=0,
        kind=QuestionKind.SINGLE_CHOICE,
        text="Do you support the proposal?",
        options=["Yes", "No"],
    )
    story = QuestionFactory(page=page, position=1, kind=QuestionKind.LONG_TEXT, text="Tell us why")
    return Survey(consultation, story, choice)


def ensure_ward() -> None:
    if db.session.get(Ward, WARD_CODE) is None:
        db.session.add(
            Ward(
                code=WARD_CODE,
                name=WARD_NAME,
                district_code="E07000082",
                district_name="Stroud",
            )
        )
        db.session.flush()


def person_response(
    built: Survey | None = None,
    *,
    email: str = "Jane.Doe@Example.com",
    name: str = "Jane Doe",
    story: str = STORY,
    equality: bool = True,
    **response_fields,  # type: ignore[no-untyped-def]
) -> Response:
    built = built or survey()
    ensure_ward()
    response_fields.setdefault("resume_code_hash", secrets.token_hex(32))
    response_fields.setdefault("submission_key", secrets.token_hex(32))
    response = ResponseFactory(consultation=built.consultation, **response_fields)
    AnswerFactory(response=response, question=built.choice, value="Yes", text="")
    AnswerFactory(response=response, question=built.story, value=story, text=story)
    db.session.add(
        RespondentProfile(
            response_id=response.id,
            responding_as=RespondingAs.INDIVIDUAL,
            connections=["live"],
            age_band="35_49",
            postcode="GL6 0AA",
            ward_code=WARD_CODE,
            district_code="E07000082",
            name=name,
            email=email,
            wants_updates=True,
        )
    )
    if equality:
        db.session.add(
            EqualityAnswers(
                response_id=response.id,
                sex="Female",
                ethnic_group="White",
                disability="No",
            )
        )
    db.session.flush()
    db.session.expire(response)
    return response


def story_answer(response: Response):  # type: ignore[no-untyped-def]
    return next(a for a in response.answers if a.question.kind == QuestionKind.LONG_TEXT)


def queue_for_moderation(response: Response) -> ModerationItem:
    answer = story_answer(response)
    item = ModerationItem(
        consultation_id=response.consultation_id,
        answer_id=answer.id,
        source=ModerationSource.QUOTE,
        status=ModerationStatus.APPROVED,
        redacted_text="I walk my dog past the library every morning.",
        published_text="I walk my dog past the library every morning.",
    )
    db.session.add(item)
    db.session.flush()
    return item


def officer_note(response: Response, note: str) -> ThemeItem:
    """A codeframe over the story question, with an officer's note and highlight on this
    response's answer."""
    answer = story_answer(response)
    codeframe = start_codeframe(actor=None, question=answer.question)
    db.session.flush()
    item = next(i for i in codeframe_items(codeframe.id) if i.answer_id == answer.id)
    item.note = note
    item.highlights = [f"Ring me on {PLANTED_PHONE}", "I walk my dog"]
    db.session.flush()
    return item


def codeframe_items(codeframe_id: int) -> list[ThemeItem]:
    return list(db.session.scalars(select(ThemeItem).where(ThemeItem.codeframe_id == codeframe_id)))
