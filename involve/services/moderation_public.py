"""What the public may read of people's free text: only texts an officer approved or edited in
the moderation queue, and only their published (redacted or edited) wording, grouped by theme,
or by question for texts that have no theme. The "you said" page reuses these."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import aliased

from involve.extensions import db
from involve.models import (
    Activity,
    Answer,
    Consultation,
    FeedbackItem,
    ModerationItem,
    Question,
    QuestionPage,
    Theme,
)
from involve.services.moderation import PUBLISHED


@dataclass
class PublishedGroup:
    heading: str  # the theme's name, or the question for texts without a theme
    is_theme: bool
    quotes: list[str] = field(default_factory=list)


def _published(*conditions: ColumnElement[bool]) -> list[ColumnElement[bool]]:
    return [
        ModerationItem.status.in_(PUBLISHED),
        ModerationItem.published_text != "",
        *conditions,
    ]


_Row = tuple[tuple[object, ...], str, bool, tuple[int, ...], str]


def _group(rows: list[_Row]) -> list[PublishedGroup]:
    """Rows of (group id, heading, is theme, sort key, text), grouped; texts keep their order."""
    groups: dict[tuple[object, ...], PublishedGroup] = {}
    order: dict[tuple[object, ...], tuple[int, ...]] = {}
    for group_id, heading, is_theme, key, text in rows:
        if group_id not in groups:
            groups[group_id] = PublishedGroup(heading, is_theme)
            order[group_id] = (0 if is_theme else 1, *key)
        groups[group_id].quotes.append(text)
    return [groups[group_id] for group_id in sorted(groups, key=lambda g: order[g])]


def count_published(activity: Activity) -> int:
    """How many of the activity's texts the public may read: its consultation's answers, or the
    points raised at it. The decision record warns when its outcome would quote none."""
    scope = (
        ModerationItem.consultation_id == activity.consultation_id
        if activity.consultation_id is not None
        else ModerationItem.activity_id == activity.id
    )
    return db.session.scalar(select(func.count(ModerationItem.id)).where(*_published(scope))) or 0


def published_quotes(consultation: Consultation) -> list[PublishedGroup]:
    """A consultation's published texts: themes in their codeframe order, then texts without a
    theme under their question, in page order; within a group, in the order they were queued."""
    question_page = aliased(QuestionPage)
    rows = db.session.execute(
        select(
            ModerationItem.published_text,
            Theme.name,
            Theme.position,
            Theme.id,
            Question.text,
            question_page.position,
            Question.position,
            Question.id,
        )
        .join(Answer, Answer.id == ModerationItem.answer_id)
        .join(Question, Question.id == Answer.question_id)
        .join(question_page, question_page.id == Question.page_id)
        .outerjoin(Theme, Theme.id == ModerationItem.theme_id)
        .where(*_published(ModerationItem.consultation_id == consultation.id))
        .order_by(ModerationItem.id)
    ).all()
    grouped: list[_Row] = []
    for text, theme, theme_position, theme_id, question, page_pos, question_pos, qid in rows:
        if theme is not None:
            # Themes of different questions sort by question first, then their own order.
            key = (page_pos, question_pos, qid, theme_position, theme_id)
            grouped.append((("theme", theme_id), theme, True, key, text))
        else:
            key = (page_pos, question_pos, qid)
            grouped.append((("question", qid), question, False, key, text))
    return _group(grouped)


def published_points(activity: Activity) -> list[PublishedGroup]:
    """An activity's published points raised, by theme, then those without a theme."""
    rows = db.session.execute(
        select(ModerationItem.published_text, Theme.name, Theme.position, Theme.id)
        .join(FeedbackItem, FeedbackItem.id == ModerationItem.feedback_item_id)
        .outerjoin(Theme, Theme.id == ModerationItem.theme_id)
        .where(*_published(FeedbackItem.activity_id == activity.id))
        .order_by(ModerationItem.id)
    ).all()
    grouped: list[_Row] = [
        (("theme", theme_id), theme, True, (position, theme_id), text)
        if theme is not None
        else (("other",), "Other points raised", False, (), text)
        for text, theme, position, theme_id in rows
    ]
    return _group(grouped)
