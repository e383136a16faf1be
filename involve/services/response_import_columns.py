"""The columns of a response import: the export's layout (involve/services/exports.py) with
channel and date_received first and the basic "about you" columns last, and which form field
of the questionnaire engine each answer column fills."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from involve.models import AGREE_SCALE, Question, QuestionKind, QuestionPage
from involve.questionnaire.answers import field_name, scale_for
from involve.services import exports

CHANNEL_HEADER, DATE_HEADER = "channel", "date_received"
PROFILE_HEADERS = (
    "responding_as",
    "organisation_name",
    "age_band",
    "economic_activity",
    "postcode",
)


@dataclass(frozen=True)
class ImportColumn:
    """One answer column: which form field of which question it fills."""

    header: str
    question: Question
    field: str  # q<id>, q<id>-other, q<id>-s<n>, q<id>-o<n>; a date fills q<id>-day/month/year
    option: str | None = None  # the option a multiple-choice 1/0 column stands for
    hint: str = ""


def _hint(question: Question, field_suffix: str) -> str:
    kind = question.kind
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return (
            "Their other answer, or blank" if field_suffix == "other" else "1 if chosen, 0 if not"
        )
    if kind == QuestionKind.RANKING:
        return f"Its rank, from 1 to {len(question.options)}"
    if kind == QuestionKind.GRID:
        return "One of: " + ", ".join(scale_for(question))
    if kind == QuestionKind.AGREE_SCALE:
        return "One of: " + ", ".join(AGREE_SCALE)
    if kind == QuestionKind.SINGLE_CHOICE:
        return "One of: " + ", ".join(question.options)
    if kind == QuestionKind.DATE:
        return "A date as YYYY-MM-DD or DD/MM/YYYY"
    if kind == QuestionKind.NUMBER:
        return "A whole number"
    if kind == QuestionKind.POSTCODE:
        return "A full UK postcode"
    return "Their words"


def _fields_of(question: Question) -> list[tuple[str, str | None]]:
    """(form field, option) per export column of the question, in the export's order."""
    name = field_name(question)
    kind = question.kind
    if kind == QuestionKind.MULTIPLE_CHOICE:
        fields: list[tuple[str, str | None]] = [(name, option) for option in question.options]
        return fields + ([(f"{name}-other", None)] if question.allow_other else [])
    if kind == QuestionKind.GRID:
        return [(f"{name}-s{index}", None) for index in range(len(question.statements))]
    if kind == QuestionKind.RANKING:
        return [(f"{name}-o{index}", None) for index in range(len(question.options))]
    return [(name, None)]


def ordered_questions(pages: Sequence[QuestionPage]) -> list[Question]:
    return [
        question
        for page in sorted(pages, key=lambda page: page.position)
        for question in sorted(page.questions, key=lambda question: question.position)
    ]


def import_columns(pages: Sequence[QuestionPage]) -> list[ImportColumn]:
    """The answer columns, headed exactly as the export heads them."""
    questions = ordered_questions(pages)
    headers = [column.header for column in exports.export_columns(questions)]
    fields = [(question, *pair) for question in questions for pair in _fields_of(question)]
    if len(headers) != len(fields):  # pragma: no cover - the two layouts must agree
        raise RuntimeError("Import and export layouts disagree")
    unique = exports.unique_headers([CHANNEL_HEADER, DATE_HEADER, *headers, *PROFILE_HEADERS])
    columns = []
    answer_headers = unique[2 : len(unique) - len(PROFILE_HEADERS)]
    for header, (question, name, option) in zip(answer_headers, fields, strict=True):
        hint = _hint(question, name.rsplit("-")[-1])
        first = not columns or columns[-1].question.id != question.id
        if question.required and first:
            hint += " (an answer is required)"
        columns.append(ImportColumn(header, question, name, option, hint))
    return columns


def template_header(pages: Sequence[QuestionPage]) -> list[str]:
    columns = import_columns(pages)
    return [CHANNEL_HEADER, DATE_HEADER, *(column.header for column in columns), *PROFILE_HEADERS]
