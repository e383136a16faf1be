"""Which pages a respondent sees: a page with a condition shows only when the earlier answer it
depends on has the chosen value. Answers on pages that become hidden are not kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from involve.models import QuestionPage
from involve.questionnaire.answers import answer_has_value


def visible_pages(pages: Sequence[QuestionPage], answers: Mapping[int, Any]) -> list[QuestionPage]:
    """answers maps question id -> stored value. Pages keep their order."""
    shown = []
    shown_question_ids: set[int] = set()
    for page in sorted(pages, key=lambda page: page.position):
        condition = page.show_if_question_id
        if condition is not None and (
            condition not in shown_question_ids
            or not answer_has_value(answers.get(condition), page.show_if_value)
        ):
            continue
        shown.append(page)
        shown_question_ids.update(question.id for question in page.questions)
    return shown


def next_page(
    pages: Sequence[QuestionPage], answers: Mapping[int, Any], current: QuestionPage
) -> QuestionPage | None:
    shown = visible_pages(pages, answers)
    later = [page for page in shown if page.position > current.position]
    return later[0] if later else None
