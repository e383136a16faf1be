"""Subject access: finding everything held on one person, by e-mail address or response
reference, and recording that an officer searched, viewed or exported it.

A search by e-mail address finds every response whose "about you" e-mail matches (any case),
and lists apart the answers of other responses that mention the address. A search by reference
finds that response and every other response made under the same e-mail address. Either way
the subscriptions of that address and the e-mails written to it are found too
(involve.services.email_data). Equality answers are shown here, unlike on any other officer
screen: they are the person's own data. The access log gets the number of matches and the
references, never the e-mail address.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from involve.extensions import db
from involve.models import (
    AccessAction,
    Answer,
    EqualityAnswers,
    ModerationItem,
    Officer,
    Question,
    QuestionPage,
    RespondentProfile,
    Response,
    ThemeCoding,
    ThemeItem,
    Ward,
)
from involve.questionnaire.answers import display_answer
from involve.services.access_log import record_access
from involve.services.email_data import EmailData, find_email_data
from involve.services.references import normalise_reference

SEARCH_MAX = 254  # the longest e-mail address; references are far shorter
MENTIONS_MAX = 50
_REFERENCE = re.compile(r"^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$")

# Why a response is in the results, in words for the officer and the person.
BY_EMAIL = "E-mail address given in the response"
BY_REFERENCE = "Response reference"
BY_SAME_EMAIL = "Same e-mail address as the response with that reference"


class SearchRefused(ValueError):
    """The search text is neither an e-mail address nor a response reference."""


@dataclass(frozen=True)
class Search:
    kind: str  # "email" or "reference"
    value: str  # the e-mail address in lower case, or the reference as K7M-Q9P-2XD


def parse_search(text: str) -> Search:
    """What the officer typed: an e-mail address (trimmed, any case) or a response reference
    (any case, with or without dashes or spaces)."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > SEARCH_MAX:
        raise SearchRefused("Enter an e-mail address or a response reference")
    if "@" in cleaned:
        if any(ch.isspace() for ch in cleaned) or cleaned.count("@") != 1:
            raise SearchRefused("Enter an e-mail address like name@example.com")
        return Search("email", cleaned.lower())
    reference = normalise_reference(cleaned)
    if not _REFERENCE.match(reference):
        raise SearchRefused("Enter a response reference like K7M-Q9P-2XD, or an e-mail address")
    return Search("reference", reference)


@dataclass(frozen=True)
class HeldAnswer:
    answer: Answer
    question: Question
    lines: list[str]


@dataclass(frozen=True)
class OfficerNote:
    """What officers added to one answer while theming it."""

    question: Question
    note: str
    highlights: list[str]
    themes: list[str]


@dataclass
class HeldResponse:
    response: Response
    matched_by: str
    answers: list[HeldAnswer] = field(default_factory=list)
    ward_name: str = ""
    moderation: list[tuple[Question, ModerationItem]] = field(default_factory=list)
    notes: list[OfficerNote] = field(default_factory=list)

    @property
    def profile(self) -> RespondentProfile | None:
        return self.response.profile

    @property
    def equality(self) -> EqualityAnswers | None:
        return self.response.equality

    @property
    def is_erased(self) -> bool:
        return self.response.anonymised_by == "erasure"


@dataclass(frozen=True)
class Mention:
    """An answer in someone's response that mentions the e-mail address searched for."""

    response: Response
    question: Question
    text: str


@dataclass
class SubjectAccessResult:
    search: Search
    responses: list[HeldResponse]
    mentions: list[Mention] = field(default_factory=list)
    searched_at: datetime | None = None
    email_data: EmailData = field(default_factory=EmailData)

    @property
    def references(self) -> list[str]:
        return [held.response.reference for held in self.responses]

    @property
    def is_empty(self) -> bool:
        return not (self.responses or self.mentions or self.email_data)

    @property
    def erasable(self) -> list[str]:
        """References still holding personal data (not yet erased)."""
        return [held.response.reference for held in self.responses if not held.is_erased]


def _load(conditions: Sequence[object]) -> list[Response]:
    return list(
        db.session.scalars(
            select(Response)
            .outerjoin(RespondentProfile, RespondentProfile.response_id == Response.id)
            .where(*conditions)
            .options(
                selectinload(Response.answers)
                .selectinload(Answer.question)
                .selectinload(Question.page),
                selectinload(Response.profile),
                selectinload(Response.equality),
                selectinload(Response.consultation),
            )
            .order_by(Response.created_at, Response.id)
        )
    )


def _email_matches(email: str) -> list[Response]:
    return _load([func.lower(RespondentProfile.email) == email])


def _mentions(email: str, exclude: set[int]) -> list[Mention]:
    escaped = email.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    conditions = [func.lower(Answer.text).like(f"%{escaped}%", escape="\\")]
    if exclude:
        conditions.append(Answer.response_id.not_in(exclude))
    answers = db.session.scalars(
        select(Answer)
        .where(*conditions)
        .options(
            selectinload(Answer.question),
            selectinload(Answer.response).selectinload(Response.consultation),
        )
        .order_by(Answer.id)
        .limit(MENTIONS_MAX)
    )
    return [Mention(answer.response, answer.question, answer.text) for answer in answers]


def _question_order(question: Question) -> tuple[int, int, int]:
    page: QuestionPage = question.page
    return (page.position, question.position, question.id)


def _details(responses: list[tuple[Response, str]]) -> list[HeldResponse]:
    """Answers in questionnaire order, ward names, moderation items and officers' notes, in a
    fixed number of queries however many responses were found."""
    answer_ids = [answer.id for response, _ in responses for answer in response.answers]
    moderation = {
        item.answer_id: item
        for item in db.session.scalars(
            select(ModerationItem).where(ModerationItem.answer_id.in_(answer_ids))
        )
    }
    theme_items = {
        item.answer_id: item
        for item in db.session.scalars(
            select(ThemeItem)
            .where(ThemeItem.answer_id.in_(answer_ids))
            .options(selectinload(ThemeItem.codings).selectinload(ThemeCoding.theme))
        )
    }
    ward_codes = {r.profile.ward_code for r, _ in responses if r.profile and r.profile.ward_code}
    wards = dict(
        db.session.execute(select(Ward.code, Ward.name).where(Ward.code.in_(ward_codes))).all()
    )
    held_list = []
    for response, matched_by in responses:
        held = HeldResponse(response, matched_by)
        if response.profile is not None:
            held.ward_name = wards.get(response.profile.ward_code, "")
        for answer in sorted(response.answers, key=lambda a: _question_order(a.question)):
            held.answers.append(
                HeldAnswer(answer, answer.question, display_answer(answer.question, answer.value))
            )
            if answer.id in moderation:
                held.moderation.append((answer.question, moderation[answer.id]))
            item = theme_items.get(answer.id)
            if item is not None and (item.note or item.highlights or item.codings):
                themes = [coding.theme.name for coding in item.codings]
                held.notes.append(
                    OfficerNote(answer.question, item.note, list(item.highlights), themes)
                )
        held_list.append(held)
    return held_list


def find_subject_data(search: Search) -> SubjectAccessResult:
    """Everything held on the person the search describes; changes nothing."""
    if search.kind == "email":
        found = [(response, BY_EMAIL) for response in _email_matches(search.value)]
        exclude = {response.id for response, _ in found}
        return SubjectAccessResult(
            search,
            _details(found),
            _mentions(search.value, exclude),
            email_data=find_email_data([search.value]),
        )
    matched = _load([Response.reference == search.value])
    found = [(response, BY_REFERENCE) for response in matched]
    email = matched[0].profile.email.strip().lower() if matched and matched[0].profile else ""
    if email:
        found += [
            (response, BY_SAME_EMAIL)
            for response in _email_matches(email)
            if response.id != matched[0].id
        ]
    return SubjectAccessResult(search, _details(found), email_data=find_email_data([email]))


def record_search(*, officer: Officer, result: SubjectAccessResult, reason: str) -> None:
    """One search row (how many matched, how it was searched) and one view row per response
    shown. The e-mail address searched for is never recorded."""
    record_access(
        officer=officer,
        action=AccessAction.SUBJECT_ACCESS_SEARCH,
        object_type="subject_access",
        reason=reason,
        detail={
            "by": result.search.kind,
            "matches": len(result.responses),
            "mentions": len(result.mentions),
            "subscriptions": len(result.email_data.subscriptions),
            "emails": len(result.email_data.messages),
        },
    )
    for held in result.responses:
        record_access(
            officer=officer,
            action=AccessAction.SUBJECT_ACCESS_VIEW,
            object_type="response",
            object_id=held.response.reference,
            consultation_id=held.response.consultation_id,
            reason=reason,
        )
    for mention in result.mentions:
        record_access(
            officer=officer,
            action=AccessAction.SUBJECT_ACCESS_VIEW,
            object_type="answer",
            object_id=mention.response.reference,
            consultation_id=mention.response.consultation_id,
            reason=reason,
            detail={"mention": True},
        )
    _record_email_data(officer, result, AccessAction.SUBJECT_ACCESS_VIEW, reason, {})


def _record_email_data(
    officer: Officer,
    result: SubjectAccessResult,
    action: AccessAction,
    reason: str,
    detail: dict[str, str],
) -> None:
    """One row for the subscriptions and e-mails shown or exported: counts, not the address."""
    held = result.email_data
    if held:
        record_access(
            officer=officer,
            action=action,
            object_type="email_data",
            reason=reason,
            detail={
                **detail,
                "subscriptions": len(held.subscriptions),
                "emails": len(held.messages),
            },
        )


def record_export(
    *, officer: Officer, result: SubjectAccessResult, reason: str, file_format: str
) -> None:
    """One export row per response handed over, with the format ("json" or "page")."""
    for held in result.responses:
        record_access(
            officer=officer,
            action=AccessAction.SUBJECT_ACCESS_EXPORT,
            object_type="response",
            object_id=held.response.reference,
            consultation_id=held.response.consultation_id,
            reason=reason,
            detail={"format": file_format},
        )
    _record_email_data(
        officer, result, AccessAction.SUBJECT_ACCESS_EXPORT, reason, {"format": file_format}
    )
