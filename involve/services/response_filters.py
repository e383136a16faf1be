"""Filters for the officer's response list, read from GET parameters and applied in SQL (on
SQLite and PostgreSQL alike: JSON answers are compared with each dialect's own functions)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Select, cast, exists, func, or_, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql.elements import ColumnElement

from involve.extensions import db
from involve.forms import remove_unprintable
from involve.models import (
    AGREE_SCALE,
    AgeBand,
    Answer,
    Channel,
    Consultation,
    ElectedStatus,
    Question,
    QuestionKind,
    QuestionPage,
    RespondentProfile,
    RespondingAs,
    Response,
    ResponseStatus,
)
from involve.services.references import normalise_reference

FILTERABLE_KINDS = (
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.AGREE_SCALE,
    QuestionKind.MULTIPLE_CHOICE,
)


@dataclass(frozen=True)
class ResponseFilters:
    search: str = ""
    question_id: int | None = None
    value: str = ""
    responding_as: RespondingAs | None = None
    age_band: AgeBand | None = None
    elected_status: ElectedStatus | None = None
    channel: Channel | None = None

    @property
    def is_empty(self) -> bool:
        return self == ResponseFilters()

    def as_args(self) -> dict[str, str]:
        """The GET parameters that reproduce these filters (for pagination links)."""
        args = {
            "search": self.search,
            "question": str(self.question_id) if self.question_id else "",
            "value": self.value,
            "responding_as": self.responding_as or "",
            "age_band": self.age_band or "",
            "elected_status": self.elected_status or "",
            "channel": self.channel or "",
        }
        return {name: value for name, value in args.items() if value}


@dataclass(frozen=True)
class ParsedFilters:
    filters: ResponseFilters
    errors: dict[str, str] = field(default_factory=dict)  # field id -> message


def options_of(question: Question) -> list[str]:
    return AGREE_SCALE if question.kind == QuestionKind.AGREE_SCALE else list(question.options)


def list_filterable_questions(*, consultation: Consultation) -> list[Question]:
    """Closed questions (single choice, agree scale, multiple choice) in page order."""
    return list(
        db.session.scalars(
            select(Question)
            .join(QuestionPage, Question.page_id == QuestionPage.id)
            .where(
                QuestionPage.consultation_id == consultation.id,
                Question.kind.in_(FILTERABLE_KINDS),
            )
            .order_by(QuestionPage.position, Question.position, Question.id)
        )
    )


E = TypeVar("E", RespondingAs, AgeBand, ElectedStatus, Channel)


def _enum_or_none(enum_class: type[E], raw: str) -> E | None:
    try:
        return enum_class(raw) if raw else None
    except ValueError:
        return None


def parse_filters(args: Mapping[str, Any], *, questions: Sequence[Question]) -> ParsedFilters:
    """Read filters from GET parameters; values that are not offered are ignored, and a
    question chosen without one of its answers is an error to show."""

    def text(name: str) -> str:
        value = args.get(name, "")
        return remove_unprintable(value).strip()[:200] if isinstance(value, str) else ""

    errors = {}
    by_id = {str(question.id): question for question in questions}
    question = by_id.get(text("question"))
    value = text("value")
    if question is None:
        value = ""
    elif value not in options_of(question):
        errors["value"] = "Select an answer to the question you chose"
        question, value = None, ""
    filters = ResponseFilters(
        search=text("search"),
        question_id=question.id if question else None,
        value=value,
        responding_as=_enum_or_none(RespondingAs, text("responding_as")),
        age_band=_enum_or_none(AgeBand, text("age_band")),
        elected_status=_enum_or_none(ElectedStatus, text("elected_status")),
        channel=_enum_or_none(Channel, text("channel")),
    )
    return ParsedFilters(filters, errors)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _answer_is(question: Question, value: str) -> ColumnElement[bool]:
    """An answer to this question holds this value, on SQLite and PostgreSQL alike."""
    postgresql = db.session.get_bind().dialect.name == "postgresql"
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        if postgresql:
            return cast(Answer.value, JSONB)["choices"].contains([value])
        chosen = func.json_each(Answer.value, "$.choices").table_valued("value")
        return exists(select(1).select_from(chosen).where(chosen.c.value == value))
    if postgresql:
        return cast(Answer.value, JSONB) == cast(value, JSONB)
    return func.json_extract(Answer.value, "$") == value


def filtered_ids(consultation: Consultation, filters: ResponseFilters) -> Select[Any]:
    """The ids of submitted responses of the consultation that match the filters."""
    query = select(Response.id).where(
        Response.consultation_id == consultation.id,
        Response.status == ResponseStatus.SUBMITTED,
    )
    if filters.search:
        pattern = f"%{_escape_like(filters.search)}%"
        reference = f"%{_escape_like(normalise_reference(filters.search))}%"
        in_text = exists(
            select(1).where(
                Answer.response_id == Response.id, Answer.text.ilike(pattern, escape="\\")
            )
        )
        query = query.where(or_(in_text, Response.reference.like(reference, escape="\\")))
    if filters.question_id is not None:
        question = db.session.get(Question, filters.question_id)
        if question is not None:
            query = query.where(
                exists(
                    select(1).where(
                        Answer.response_id == Response.id,
                        Answer.question_id == question.id,
                        _answer_is(question, filters.value),
                    )
                )
            )
    profile_conditions = [
        column == wanted
        for column, wanted in (
            (RespondentProfile.responding_as, filters.responding_as),
            (RespondentProfile.age_band, filters.age_band),
            (RespondentProfile.elected_status, filters.elected_status),
        )
        if wanted is not None
    ]
    if profile_conditions:
        query = query.join(RespondentProfile, RespondentProfile.response_id == Response.id).where(
            *profile_conditions
        )
    if filters.channel is not None:
        query = query.where(Response.channel == filters.channel)
    return query
