"""The counts behind the open-data results (involve.services.open_data_results), counted by the
database: GROUP BY queries over submitted responses' answers, each one for all questions of a
kind at once, so the number of queries does not depend on how many consultations, questions or
responses there are. Every query is grouped by the part of the responses each answer belongs to
(involve.services.response_parts), and only the parts that count for the question's
consultation (involve.services.counted_parts) are added up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, true

from involve.extensions import db
from involve.models import (
    Answer,
    Question,
    QuestionKind,
    QuestionPage,
    RespondentProfile,
    Response,
    ResponseStatus,
)
from involve.services.open_data_sql import (
    array_elements,
    element_position,
    has_key,
    object_entries,
    scalar_number,
    scalar_text,
)
from involve.services.response_parts import part_of_response

CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.AGREE_SCALE)
COUNTED_KINDS = (
    *CHOICE_KINDS,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.GRID,
    QuestionKind.RANKING,
    QuestionKind.NUMBER,
)
OTHER_LABEL = "Other"

Counted = Mapping[int, Collection[str]]  # question id -> the parts whose answers count


@dataclass(frozen=True)
class CountedQuestion:
    id: int
    consultation_id: int
    kind: QuestionKind
    text: str
    options: list[str]
    statements: list[str]


def _submitted() -> ColumnElement[bool]:
    return and_(Response.id == Answer.response_id, Response.status == ResponseStatus.SUBMITTED)


def _answers(*columns: Any) -> Any:
    """Submitted answers, each with its question id and its response's part first."""
    return (
        select(Answer.question_id, part_of_response(), *columns)
        .select_from(Answer)
        .join(Response, _submitted())
        .outerjoin(RespondentProfile, RespondentProfile.response_id == Response.id)
    )


def _counted_rows(query: Any, counted: Counted) -> Iterator[tuple[Any, ...]]:
    """The rows of an _answers query grouped by question and part (first), for the parts that
    count only: (question id, *the other columns)."""
    for question_id, part, *rest in db.session.execute(query.group_by(*query.selected_columns[:2])):
        if part in counted.get(question_id, ()):
            yield (question_id, *rest)


def list_questions(consultation_ids: Sequence[int]) -> list[CountedQuestion]:
    rows = db.session.execute(
        select(
            Question.id,
            QuestionPage.consultation_id,
            Question.kind,
            Question.text,
            Question.options,
            Question.statements,
        )
        .join(QuestionPage, QuestionPage.id == Question.page_id)
        .where(QuestionPage.consultation_id.in_(consultation_ids), Question.kind.in_(COUNTED_KINDS))
        .order_by(QuestionPage.consultation_id, QuestionPage.position, Question.position)
    )
    return [CountedQuestion(*row) for row in rows]


def count_respondents(question_ids: Sequence[int], counted: Counted) -> dict[int, int]:
    query = _answers(func.count(Answer.id)).where(Answer.question_id.in_(question_ids))
    found: dict[int, int] = defaultdict(int)
    for question_id, count in _counted_rows(query, counted):
        found[question_id] += count
    return found


def count_choices(question_ids: Sequence[int], counted: Counted) -> dict[int, dict[str, int]]:
    value = scalar_text(Answer.value).label("value")
    query = (
        _answers(value, func.count(Answer.id))
        .where(Answer.question_id.in_(question_ids))
        .group_by(value)
    )
    found: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for question_id, chosen, count in _counted_rows(query, counted):
        if chosen is not None:
            found[question_id][str(chosen)] += count
    return found


def count_multiple_choices(
    question_ids: Sequence[int], counted: Counted
) -> dict[int, dict[str, int]]:
    chosen = array_elements(Answer.value, "choices")
    query = (
        _answers(chosen.c.value, func.count(Answer.id))
        .join(chosen, true())
        .where(Answer.question_id.in_(question_ids))
        .group_by(chosen.c.value)
    )
    found: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for question_id, option, count in _counted_rows(query, counted):
        found[question_id][str(option)] += count
    others = _answers(func.count(Answer.id)).where(
        Answer.question_id.in_(question_ids), has_key(Answer.value, "other")
    )
    for question_id, count in _counted_rows(others, counted):
        found[question_id][OTHER_LABEL] += count  # how many gave another answer; never its text
    return found


def count_grid_points(
    question_ids: Sequence[int], counted: Counted
) -> dict[int, dict[str, dict[str, int]]]:
    entries = object_entries(Answer.value)
    query = (
        _answers(entries.c.key, entries.c.value, func.count(Answer.id))
        .join(entries, true())
        .where(Answer.question_id.in_(question_ids))
        .group_by(entries.c.key, entries.c.value)
    )
    found: dict[int, dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for question_id, statement, point, count in _counted_rows(query, counted):
        found[question_id][str(statement)][str(point)] += count
    return found


def count_ranking_places(
    question_ids: Sequence[int], counted: Counted
) -> dict[int, dict[str, dict[int, int]]]:
    """Per question and option: how many put it in each place (0 is the top)."""
    ranked = array_elements(Answer.value)
    position = element_position(ranked)
    query = (
        _answers(ranked.c.value, position, func.count(Answer.id))
        .join(ranked, true())
        .where(Answer.question_id.in_(question_ids))
        .group_by(ranked.c.value, position)
    )
    found: dict[int, dict[str, dict[int, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for question_id, option, place, count in _counted_rows(query, counted):
        found[question_id][str(option)][int(place)] += count
    return found


def sum_numbers(question_ids: Sequence[int], counted: Counted) -> dict[int, tuple[int, float]]:
    """Per question: how many gave a number, and the numbers' sum."""
    number = scalar_number(Answer.value)
    query = _answers(func.count(number), func.sum(number)).where(
        Answer.question_id.in_(question_ids)
    )
    found: dict[int, tuple[int, float]] = {}
    for question_id, count, total in _counted_rows(query, counted):
        before = found.get(question_id, (0, 0.0))
        found[question_id] = (before[0] + count, before[1] + float(total or 0))
    return found
