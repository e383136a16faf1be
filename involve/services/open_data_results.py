"""Aggregate results of closed consultations for the open-data API and its bulk download.

Every figure is counted by the database (GROUP BY over submitted responses' answers); nothing
loops over responses in Python, and the number of queries does not depend on how many
consultations, questions or responses there are. Only closed questions are counted (choices,
scales, grids, rankings, numbers): free text, dates and postcodes are never aggregated here.

Small numbers are suppressed (involve.services.small_numbers) by the same rules as the public
"We asked, you said, we did" page, which builds its tables from question_results too: in every
table whose total is shown, a count from 1 to threshold - 1 is published as null with
"suppressed": true, and more cells are hidden as needed so the total cannot give them away; a
small total (how many answered a question or a grid statement, or gave a number) is null too.
The payloads are plain JSON-ready dicts because the API's OpenAPI schemas, not Python types,
are their contract.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select, true

from involve.extensions import db
from involve.models import (
    AGREE_SCALE,
    Answer,
    Question,
    QuestionKind,
    QuestionPage,
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
from involve.services.representativeness_counts import (
    PART_EXCLUDED,
    PART_INDIVIDUALS,
    PART_ORGANISATIONS,
)
from involve.services.response_parts import (
    PARTS,
    channel_table,
    channels_by_part,
    is_total_hidden,
    shown_parts,
)
from involve.services.small_numbers import is_small, suppression

CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.AGREE_SCALE)
COUNTED_KINDS = (
    *CHOICE_KINDS,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.GRID,
    QuestionKind.RANKING,
    QuestionKind.NUMBER,
)
OTHER_LABEL = "Other"
# How the API names a part of the responses left out of the channel table.
LEFT_OUT = {
    PART_INDIVIDUALS: "individuals",
    PART_ORGANISATIONS: "organisations",
    PART_EXCLUDED: "councillors",
}
MEAN_DECIMALS = 2


@dataclass(frozen=True)
class _Question:
    id: int
    consultation_id: int
    kind: QuestionKind
    text: str
    options: list[str]
    statements: list[str]


def published_total(count: int, threshold: int) -> int | None:
    """A table's total as published: null when small, as the public page shows "fewer than 10"
    (its cells with people in them are then small too, so hidden)."""
    return None if is_small(count, threshold) else count


def cells(
    labels: Sequence[str], counts: Sequence[int], threshold: int, *, adds_up: bool = True
) -> list[dict[str, Any]]:
    """One table's cells. When the cells add up to a total that is shown, more cells are hidden
    so the total cannot give a small one away; when they do not (people may choose several
    options), only the small counts themselves are hidden."""
    if adds_up:
        states = suppression(counts, threshold)
    else:
        states = ["small" if is_small(count, threshold) else "" for count in counts]
    return [
        {"label": label, "count": None if state else count, "suppressed": bool(state)}
        for label, count, state in zip(labels, counts, states, strict=True)
    ]


def _submitted() -> ColumnElement[bool]:
    return and_(Response.id == Answer.response_id, Response.status == ResponseStatus.SUBMITTED)


def _answers(*columns: Any) -> Any:
    return select(*columns).select_from(Answer).join(Response, _submitted())


# -- queries (each one for all questions of a kind at once) ------------------------------------
def _questions(consultation_ids: Sequence[int]) -> list[_Question]:
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
    return [_Question(*row) for row in rows]


def _respondents(question_ids: Sequence[int]) -> dict[int, int]:
    rows = db.session.execute(
        _answers(Answer.question_id, func.count(Answer.id))
        .where(Answer.question_id.in_(question_ids))
        .group_by(Answer.question_id)
    )
    return {question_id: count for question_id, count in rows}


def _choice_counts(question_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    value = scalar_text(Answer.value).label("value")
    rows = db.session.execute(
        _answers(Answer.question_id, value, func.count(Answer.id))
        .where(Answer.question_id.in_(question_ids))
        .group_by(Answer.question_id, value)
    )
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for question_id, chosen, count in rows:
        if chosen is not None:
            found[question_id][str(chosen)] = count
    return found


def _multiple_counts(question_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    chosen = array_elements(Answer.value, "choices")
    rows = db.session.execute(
        _answers(Answer.question_id, chosen.c.value, func.count(Answer.id))
        .join(chosen, true())
        .where(Answer.question_id.in_(question_ids))
        .group_by(Answer.question_id, chosen.c.value)
    )
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for question_id, option, count in rows:
        found[question_id][str(option)] = count
    others = db.session.execute(
        _answers(Answer.question_id, func.count(Answer.id))
        .where(Answer.question_id.in_(question_ids), has_key(Answer.value, "other"))
        .group_by(Answer.question_id)
    )
    for question_id, count in others:
        found[question_id][OTHER_LABEL] = count  # how many gave another answer; never its text
    return found


def _grid_counts(question_ids: Sequence[int]) -> dict[int, dict[str, dict[str, int]]]:
    entries = object_entries(Answer.value)
    rows = db.session.execute(
        _answers(Answer.question_id, entries.c.key, entries.c.value, func.count(Answer.id))
        .join(entries, true())
        .where(Answer.question_id.in_(question_ids))
        .group_by(Answer.question_id, entries.c.key, entries.c.value)
    )
    found: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for question_id, statement, point, count in rows:
        found[question_id][str(statement)][str(point)] = count
    return found


def _ranking_figures(question_ids: Sequence[int]) -> dict[int, dict[str, tuple[int, float]]]:
    """Per question and option: how many ranked it first, and its mean rank (1 = top)."""
    ranked = array_elements(Answer.value)
    position = element_position(ranked)
    rows = db.session.execute(
        _answers(
            Answer.question_id,
            ranked.c.value,
            func.sum(case((position == 0, 1), else_=0)),
            func.avg(position + 1),
        )
        .join(ranked, true())
        .where(Answer.question_id.in_(question_ids))
        .group_by(Answer.question_id, ranked.c.value)
    )
    found: dict[int, dict[str, tuple[int, float]]] = defaultdict(dict)
    for question_id, option, first, mean in rows:
        found[question_id][str(option)] = (int(first or 0), float(mean))
    return found


def _number_figures(question_ids: Sequence[int]) -> dict[int, tuple[int, float | None]]:
    number = scalar_number(Answer.value)
    rows = db.session.execute(
        _answers(Answer.question_id, func.count(number), func.avg(number))
        .where(Answer.question_id.in_(question_ids))
        .group_by(Answer.question_id)
    )
    return {
        question_id: (count, float(mean) if mean is not None else None)
        for question_id, count, mean in rows
    }


# -- tables ------------------------------------------------------------------------------------
def _labels_in_order(offered: Sequence[str], counted: dict[str, Any]) -> list[str]:
    """The offered labels in their order, then any counted ones no longer offered (an option
    reworded after people answered), so every answer is counted somewhere."""
    return [*offered, *(label for label in counted if label not in offered)]


def _options_result(question: _Question, counts: dict[str, int], threshold: int) -> dict:
    offered = AGREE_SCALE if question.kind == QuestionKind.AGREE_SCALE else question.options
    several = question.kind == QuestionKind.MULTIPLE_CHOICE
    if several and OTHER_LABEL in counts:
        offered = [*offered, OTHER_LABEL]
    labels = _labels_in_order(offered, counts)
    values = [counts.get(label, 0) for label in labels]
    return {"options": cells(labels, values, threshold, adds_up=not several)}


def _grid_result(question: _Question, counts: dict[str, dict[str, int]], threshold: int) -> dict:
    # Every statement has the same columns (the public page's table has one header row), so
    # each row is suppressed over the same cells on both.
    points = {label: 0 for picked in counts.values() for label in picked}
    labels = _labels_in_order(question.options or AGREE_SCALE, points)
    rows = []
    for statement in _labels_in_order(question.statements, counts):
        picked = counts.get(statement, {})
        values = [picked.get(label, 0) for label in labels]
        rows.append(
            {
                "statement": statement,
                "respondents": published_total(sum(values), threshold),
                "scale": cells(labels, values, threshold),
            }
        )
    return {"statements": rows}


def _ranking_result(
    question: _Question, figures: dict[str, tuple[int, float]], respondents: int, threshold: int
) -> dict:
    labels = _labels_in_order(question.options, figures)
    first = cells(labels, [figures.get(label, (0, 0.0))[0] for label in labels], threshold)
    shown = respondents >= threshold  # a mean of a few people's ranks would single them out
    return {
        "rankings": [
            {
                "option": label,
                "first_choice": {key: cell[key] for key in ("count", "suppressed")},
                "mean_rank": round(figures[label][1], MEAN_DECIMALS)
                if shown and label in figures
                else None,
            }
            for label, cell in zip(labels, first, strict=True)
        ]
    }


def _number_result(figures: tuple[int, float | None], threshold: int) -> dict:
    count, mean = figures
    hidden = is_small(count, threshold)
    return {
        "number": {
            "answered": published_total(count, threshold),
            "mean": None if hidden or mean is None else round(mean, MEAN_DECIMALS),
            "suppressed": hidden,
        }
    }


def question_results(
    consultation_ids: Sequence[int], *, threshold: int
) -> dict[int, list[dict[str, Any]]]:
    """Consultation id -> the results of its closed questions, in questionnaire order."""
    questions = _questions(consultation_ids)
    by_kind: dict[QuestionKind, list[int]] = defaultdict(list)
    for question in questions:
        by_kind[question.kind].append(question.id)
    choice_ids = [qid for kind in CHOICE_KINDS for qid in by_kind[kind]]
    respondents = _respondents([question.id for question in questions])
    choices = _choice_counts(choice_ids)
    multiple = _multiple_counts(by_kind[QuestionKind.MULTIPLE_CHOICE])
    grids = _grid_counts(by_kind[QuestionKind.GRID])
    rankings = _ranking_figures(by_kind[QuestionKind.RANKING])
    numbers = _number_figures(by_kind[QuestionKind.NUMBER])
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for question in questions:
        answered = respondents.get(question.id, 0)
        if question.kind in CHOICE_KINDS:
            figures = _options_result(question, choices.get(question.id, {}), threshold)
        elif question.kind == QuestionKind.MULTIPLE_CHOICE:
            figures = _options_result(question, multiple.get(question.id, {}), threshold)
        elif question.kind == QuestionKind.GRID:
            figures = _grid_result(question, grids.get(question.id, {}), threshold)
        elif question.kind == QuestionKind.RANKING:
            ranking = rankings.get(question.id, {})
            figures = _ranking_result(question, ranking, answered, threshold)
        else:
            figures = _number_result(numbers.get(question.id, (0, None)), threshold)
        found[question.consultation_id].append(
            {
                "question_id": question.id,
                "kind": question.kind.value,
                "text": question.text,
                "respondents": published_total(answered, threshold),
                **figures,
            }
        )
    return found


def response_totals(consultation_ids: Sequence[int], *, threshold: int) -> dict[int, dict]:
    """Consultation id -> submitted responses in all and by channel (every channel listed), by
    the rule of involve.services.response_parts that the public pages follow: when few
    organisations or councillors responded, the total is null and the channel table leaves
    them out, or the total less the individuals shown on "We asked, you said, we did" (or the
    difference between the two channel tables) would give their number away."""
    counted = channels_by_part(consultation_ids)
    totals = {}
    for consultation_id in consultation_ids:
        by_part = counted.get(consultation_id, {})
        sizes = {part: sum(by_part.get(part, {}).values()) for part in PARTS}
        parts = shown_parts(sizes, threshold)
        hidden = is_total_hidden(sizes, threshold)
        totals[consultation_id] = {
            "total": None if hidden else sum(sizes.values()),
            "suppressed": hidden,
            "by_channel": [
                {"channel": channel, "count": None if state else count, "suppressed": bool(state)}
                for channel, count, state in channel_table(by_part, parts, threshold)
            ],
            "by_channel_leaves_out": [LEFT_OUT[part] for part in PARTS if part not in parts],
        }
    return totals
