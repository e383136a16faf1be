"""Pieces the response journey's views share: where a question's error links to, what a question
page shows again, and the refusal that reads back what was typed once a consultation has closed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import current_app, render_template

from involve.models import Consultation, Question, Response
from involve.public.consultation_routes import closed_at
from involve.questionnaire.answers import (
    OTHER,
    display_answer,
    parse_answer,
    submitted_from_value,
)
from involve.services.responses import optional_copy, stored_values


def long_text_max() -> int:
    return int(current_app.config["LONG_TEXT_MAX"])


def stored_submitted(questions: list[Question], response: Response | None) -> dict[str, Any]:
    """The fields of stored answers, to show them again on a page."""
    values = stored_values(response)
    submitted: dict[str, Any] = {}
    for question in questions:
        submitted.update(submitted_from_value(question, values.get(question.id)))
    return submitted


def _typed_lines(question: Question, form: Mapping[str, Any]) -> list[str]:
    parsed = parse_answer(optional_copy(question), form, long_text_max=long_text_max())
    if parsed.value is not None:
        return display_answer(question, parsed.value)
    lines = []
    for value in parsed.submitted.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip() and item != OTHER:
                lines.append(item)
    return lines


def typed_answers(
    consultation: Consultation, form: Mapping[str, Any]
) -> list[tuple[str, list[str]]]:
    """(question, lines) for every question something was typed into, in the page order."""
    read_back = []
    for page in consultation.pages:
        for question in page.questions:
            lines = _typed_lines(question, form)
            if lines:
                read_back.append((question.text, lines))
    return read_back


def stored_answers(
    consultation: Consultation, response: Response | None
) -> list[tuple[str, list[str]]]:
    values = stored_values(response)
    read_back = []
    for page in consultation.pages:
        for question in page.questions:
            lines = display_answer(question, values.get(question.id))
            if lines:
                read_back.append((question.text, lines))
    return read_back


def refuse_closed(consultation: Consultation, read_back: list[tuple[str, list[str]]]) -> str:
    """Nothing is stored; the person sees their answers so they can send them another way.
    (A consultation not open yet is not found at all: public_consultation_or_404.)"""
    return render_template(
        "public/closed.html",
        consultation=consultation,
        closed_at=closed_at(consultation),
        read_back=read_back,
    )
