"""Parse, validate and show answers for every question kind, with GOV.UK error wording.

Form field names (so templates, the offline-entry screen and imports agree):
  q<id>                 text, number, postcode, single choice, agree scale; multiple choice values
  q<id>-other           the "Other (please specify)" text of a multiple-choice question
  q<id>-day/-month/-year  date parts (GOV.UK date input)
  q<id>-s<n>            grid: the scale point chosen for statement n (0-based)
  q<id>-o<n>            ranking: the rank (1..N) given to option n (0-based)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from werkzeug.datastructures import MultiDict

from involve.forms import remove_unprintable
from involve.models import AGREE_SCALE, Question, QuestionKind
from involve.questionnaire.postcodes import normalise_postcode

OTHER = "__other__"
SHORT_TEXT_MAX = 500
DEFAULT_LONG_TEXT_MAX = 10_000
OTHER_TEXT_MAX = 500


@dataclass(frozen=True)
class ParsedAnswer:
    value: Any  # None when not answered
    text: str = ""  # the free text in the answer, for search and theming
    error: str | None = None
    # What to put back in the fields when the page is shown again (nothing typed is lost).
    submitted: dict[str, Any] = field(default_factory=dict)

    @property
    def is_answered(self) -> bool:
        return self.value is not None


def field_name(question: Question) -> str:
    return f"q{question.id}"


def scale_for(question: Question) -> list[str]:
    """The scale points of a grid: its own options if set, else the agree/disagree scale."""
    return question.options or AGREE_SCALE


def parse_answer(
    question: Question, form: Mapping[str, Any], *, long_text_max: int
) -> ParsedAnswer:
    """Read one question's answer from submitted form data (a MultiDict or plain dict)."""
    parser = _PARSERS[question.kind]
    return parser(question, clean_form(form), long_text_max)


def _is_ascii_number(value: str) -> bool:
    """0-9 only: str.isdigit() also accepts superscripts like "²", which int() rejects."""
    return value.isascii() and value.isdigit()


def clean_form(form: Mapping[str, Any]) -> MultiDict[str, Any]:
    """The submitted fields without NULs and other unprintable characters (which PostgreSQL
    refuses and which make invalid HTML when shown back), as every InvolveForm does."""
    items = form.items(multi=True) if hasattr(form, "getlist") else _pairs(form)
    return MultiDict([(key, remove_unprintable(value)) for key, value in items])


def _pairs(form: Mapping[str, Any]) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = []
    for key, value in form.items():
        values = value if isinstance(value, list | tuple) else [value]
        pairs.extend((key, item) for item in values)
    return pairs


def _get(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def _get_list(form: Mapping[str, Any], name: str) -> list[str]:
    if hasattr(form, "getlist"):
        return [value for value in form.getlist(name) if isinstance(value, str)]
    value = form.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def _missing(question: Question, message: str, submitted: dict[str, Any]) -> ParsedAnswer:
    if question.required:
        return ParsedAnswer(None, error=message, submitted=submitted)
    return ParsedAnswer(None, submitted=submitted)


def _text(question: Question, form: Mapping[str, Any], long_text_max: int) -> ParsedAnswer:
    name = field_name(question)
    raw = form.get(name, "")
    text = raw.strip() if isinstance(raw, str) else ""
    submitted = {name: raw if isinstance(raw, str) else ""}
    if not text:
        return _missing(question, "Enter an answer", submitted)
    limit = SHORT_TEXT_MAX
    if question.kind == QuestionKind.LONG_TEXT:
        limit = min(question.max_length or long_text_max, long_text_max)
    if len(text) > limit:
        return ParsedAnswer(
            None, error=f"Your answer must be {limit:,} characters or fewer", submitted=submitted
        )
    return ParsedAnswer(text, text=text, submitted=submitted)


def _single(question: Question, form: Mapping[str, Any], _: int) -> ParsedAnswer:
    name = field_name(question)
    choice = _get(form, name)
    options = AGREE_SCALE if question.kind == QuestionKind.AGREE_SCALE else question.options
    submitted = {name: choice}
    if not choice:
        return _missing(question, "Select an answer", submitted)
    if choice not in options:
        return ParsedAnswer(None, error="Select one of the options", submitted=submitted)
    return ParsedAnswer(choice, submitted=submitted)


def _multiple(question: Question, form: Mapping[str, Any], _: int) -> ParsedAnswer:
    name = field_name(question)
    chosen = _get_list(form, name)
    other_text = _get(form, f"{name}-other")
    submitted = {name: chosen, f"{name}-other": other_text}
    allowed = set(question.options) | ({OTHER} if question.allow_other else set())
    if not chosen:
        return _missing(question, "Select at least one option", submitted)
    if any(choice not in allowed for choice in chosen):
        return ParsedAnswer(None, error="Select from the options shown", submitted=submitted)
    if OTHER in chosen and not other_text:
        return ParsedAnswer(None, error="Enter your other answer", submitted=submitted)
    if len(other_text) > OTHER_TEXT_MAX:
        return ParsedAnswer(
            None,
            error=f"Your other answer must be {OTHER_TEXT_MAX} characters or fewer",
            submitted=submitted,
        )
    choices = [option for option in question.options if option in chosen]
    value: dict[str, Any] = {"choices": choices}
    if OTHER in chosen:
        value["other"] = other_text
    return ParsedAnswer(value, text=value.get("other", ""), submitted=submitted)


def _grid(question: Question, form: Mapping[str, Any], _: int) -> ParsedAnswer:
    name = field_name(question)
    scale = scale_for(question)
    picks = {index: _get(form, f"{name}-s{index}") for index in range(len(question.statements))}
    submitted = {f"{name}-s{index}": pick for index, pick in picks.items()}
    if any(pick and pick not in scale for pick in picks.values()):
        return ParsedAnswer(None, error="Select from the options shown", submitted=submitted)
    answered = {question.statements[i]: pick for i, pick in picks.items() if pick}
    if not answered:
        return _missing(question, "Select an answer for each statement", submitted)
    if question.required and len(answered) < len(question.statements):
        return ParsedAnswer(None, error="Select an answer for each statement", submitted=submitted)
    return ParsedAnswer(answered, submitted=submitted)


def _ranking(question: Question, form: Mapping[str, Any], _: int) -> ParsedAnswer:
    name = field_name(question)
    count = len(question.options)
    raw = {index: _get(form, f"{name}-o{index}") for index in range(count)}
    submitted = {f"{name}-o{index}": value for index, value in raw.items()}
    if not any(raw.values()):
        return _missing(question, f"Rank the options from 1 to {count}", submitted)
    ranks = [int(value) if _is_ascii_number(value) else None for value in raw.values()]
    if sorted(rank or 0 for rank in ranks) != list(range(1, count + 1)):
        return ParsedAnswer(
            None, error=f"Give each option a different rank from 1 to {count}", submitted=submitted
        )
    order = sorted(range(count), key=lambda index: ranks[index] or 0)
    return ParsedAnswer([question.options[index] for index in order], submitted=submitted)


_NUMBER = re.compile(r"^-?\d{1,12}$")


def _number(question: Question, form: Mapping[str, Any], _: int) -> ParsedAnswer:
    name = field_name(question)
    raw = _get(form, name).replace(",", "")
    submitted = {name: form.get(name, "") if isinstance(form.get(name, ""), str) else ""}
    if not raw:
        return _missing(question, "Enter a number", submitted)
    if not _NUMBER.match(raw):
        return ParsedAnswer(None, error="Enter a whole number, like 12", submitted=submitted)
    number = int(raw)
    low, high = question.min_value, question.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = _bounds_text(low, high)
        return ParsedAnswer(None, error=f"Enter a number {bounds}", submitted=submitted)
    return ParsedAnswer(number, submitted=submitted)


def _bounds_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"between {low:,} and {high:,}"
    if low is not None:
        return f"of {low:,} or more"
    return f"of {high:,} or less"


def _date(question: Question, form: Mapping[str, Any], _: int) -> ParsedAnswer:
    name = field_name(question)
    parts = {part: _get(form, f"{name}-{part}") for part in ("day", "month", "year")}
    submitted = {f"{name}-{part}": value for part, value in parts.items()}
    if not any(parts.values()):
        return _missing(question, "Enter a date", submitted)
    missing = [part for part, value in parts.items() if not value]
    if missing:
        return ParsedAnswer(
            None, error=f"Date must include a {' and '.join(missing)}", submitted=submitted
        )
    if (
        not all(_is_ascii_number(value) for value in parts.values())
        or len(parts["year"]) != 4
        or len(parts["day"]) > 2
        or len(parts["month"]) > 2
    ):
        return ParsedAnswer(None, error="Date must be a real date", submitted=submitted)
    try:
        value = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except (
        ValueError,
        OverflowError,
    ):  # OverflowError: a day too large for C, not just for a month
        return ParsedAnswer(None, error="Date must be a real date", submitted=submitted)
    if not 1900 <= value.year <= 2100:
        return ParsedAnswer(None, error="Date must be between 1900 and 2100", submitted=submitted)
    return ParsedAnswer(value.isoformat(), submitted=submitted)


def _postcode(question: Question, form: Mapping[str, Any], _: int) -> ParsedAnswer:
    name = field_name(question)
    raw = _get(form, name)
    submitted = {name: raw}
    if not raw:
        return _missing(question, "Enter a postcode", submitted)
    postcode = normalise_postcode(raw)
    if postcode is None:
        return ParsedAnswer(
            None, error="Enter a full UK postcode, like GL5 4UB", submitted=submitted
        )
    return ParsedAnswer(postcode, submitted=submitted)


_PARSERS = {
    QuestionKind.SHORT_TEXT: _text,
    QuestionKind.LONG_TEXT: _text,
    QuestionKind.SINGLE_CHOICE: _single,
    QuestionKind.AGREE_SCALE: _single,
    QuestionKind.MULTIPLE_CHOICE: _multiple,
    QuestionKind.GRID: _grid,
    QuestionKind.RANKING: _ranking,
    QuestionKind.NUMBER: _number,
    QuestionKind.DATE: _date,
    QuestionKind.POSTCODE: _postcode,
}


def submitted_from_value(question: Question, value: Any) -> dict[str, Any]:
    """The form fields that show a stored answer again (for "change" links and resumes)."""
    name = field_name(question)
    if value is None:
        return {}
    kind = question.kind
    if kind == QuestionKind.MULTIPLE_CHOICE:
        chosen = list(value.get("choices", []))
        if "other" in value:
            chosen.append(OTHER)
        return {name: chosen, f"{name}-other": value.get("other", "")}
    if kind == QuestionKind.GRID:
        return {
            f"{name}-s{index}": value.get(statement, "")
            for index, statement in enumerate(question.statements)
        }
    if kind == QuestionKind.RANKING:
        return {
            f"{name}-o{index}": str(value.index(option) + 1) if option in value else ""
            for index, option in enumerate(question.options)
        }
    if kind == QuestionKind.DATE:
        year, month, day = str(value).split("-")
        return {
            f"{name}-day": str(int(day)),
            f"{name}-month": str(int(month)),
            f"{name}-year": year,
        }
    return {name: str(value)}


def display_answer(question: Question, value: Any) -> list[str]:
    """An answer as lines of plain text, for check-your-answers, officer screens and exports."""
    if value is None:
        return []
    kind = question.kind
    if kind == QuestionKind.MULTIPLE_CHOICE:
        lines = list(value.get("choices", []))
        if "other" in value:
            lines.append(f"Other: {value['other']}")
        return lines
    if kind == QuestionKind.GRID:
        return [f"{statement}: {pick}" for statement, pick in value.items()]
    if kind == QuestionKind.RANKING:
        return [f"{position}. {option}" for position, option in enumerate(value, start=1)]
    if kind == QuestionKind.DATE:
        parsed = date.fromisoformat(value)
        return [f"{parsed.day} {parsed:%B %Y}"]
    if kind == QuestionKind.NUMBER:
        return [f"{value:,}"]
    return [str(value)]


def answer_has_value(value: Any, wanted: str) -> bool:
    """Routing test: does an answer contain the value a page is conditional on?"""
    if value is None:
        return False
    if isinstance(value, dict) and "choices" in value:
        return wanted in value["choices"]
    if isinstance(value, list):
        return wanted in value
    return str(value) == wanted


def error_anchor(question: Question) -> str:
    """The id of a question's first field, where the error summary links to."""
    suffix = {QuestionKind.DATE: "-day", QuestionKind.GRID: "-s0", QuestionKind.RANKING: "-o0"}
    return field_name(question) + suffix.get(question.kind, "")


def page_errors(
    questions: Sequence[Question], parsed: Mapping[int, ParsedAnswer]
) -> dict[int, str]:
    """question id -> error message for the page. Where several questions share a page each
    message names its question: "Select an answer" twice in the error summary says nothing."""
    several = len(questions) > 1
    errors = {}
    for question in questions:
        answer = parsed.get(question.id)
        if answer is None or not answer.error:
            continue
        message = answer.error
        if several:  # "For “How often …?”, enter a whole number, like 12"
            message = f"For “{_shorten(question.text)}”, {message[0].lower()}{message[1:]}"
        errors[question.id] = message
    return errors


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
