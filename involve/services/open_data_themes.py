"""Themes and moderated quotes of closed consultations, for the open-data API.

A question's themes are published once the council has published what it did with them: when
a published decision record cites the question's codeframe (as "We asked, you said, we did"
does). Until then analysts may still rename, merge or split them. Counts are coded texts with
the theme, confirmed campaign texts left out (as on the theme summary); a text may raise several
themes, so the counts do not add up to a total and each small one is simply hidden.

Quotes are only texts an officer approved or edited in the moderation queue, in their published
wording: never the original answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, distinct, func, or_, select

from involve.extensions import db
from involve.models import (
    Activity,
    Answer,
    Codeframe,
    Consultation,
    DecisionRecord,
    DuplicateGroup,
    DuplicateStatus,
    ModerationItem,
    ModerationStatus,
    Question,
    QuestionPage,
    Theme,
    ThemeCoding,
    ThemeItem,
)
from involve.services.open_data_results import cells

PUBLISHED_QUOTES = (ModerationStatus.APPROVED, ModerationStatus.EDITED)


def _not_campaign() -> ColumnElement[bool]:
    return or_(DuplicateGroup.status.is_(None), DuplicateGroup.status != DuplicateStatus.CAMPAIGN)


def published_codeframes(consultations: Sequence[Consultation]) -> dict[int, list[int]]:
    """Consultation id -> ids of its codeframes that a published decision cites, in
    questionnaire order (two queries)."""
    ids = [consultation.id for consultation in consultations]
    cited: dict[int, set[int]] = defaultdict(set)
    decisions = db.session.execute(
        select(Activity.consultation_id, DecisionRecord.codeframe_ids)
        .join(DecisionRecord, DecisionRecord.activity_id == Activity.id)
        .where(Activity.consultation_id.in_(ids), DecisionRecord.published_at.is_not(None))
    )
    for consultation_id, codeframe_ids in decisions:
        cited[consultation_id].update(int(i) for i in codeframe_ids or [] if str(i).isdigit())
    rows = db.session.execute(
        select(Codeframe.id, QuestionPage.consultation_id)
        .join(Question, Question.id == Codeframe.question_id)
        .join(QuestionPage, QuestionPage.id == Question.page_id)
        .where(QuestionPage.consultation_id.in_(ids))
        .order_by(QuestionPage.position, Question.position)
    )
    found: dict[int, list[int]] = {consultation_id: [] for consultation_id in ids}
    for codeframe_id, consultation_id in rows:
        if codeframe_id in cited[consultation_id]:
            found[consultation_id].append(codeframe_id)
    return found


def _theme_counts(codeframe_ids: Sequence[int]) -> dict[int, int]:
    rows = db.session.execute(
        select(ThemeCoding.theme_id, func.count(distinct(ThemeCoding.item_id)))
        .join(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
        .outerjoin(DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id)
        .where(ThemeItem.codeframe_id.in_(codeframe_ids), _not_campaign())
        .group_by(ThemeCoding.theme_id)
    )
    return {theme_id: count for theme_id, count in rows}


def _coded_counts(codeframe_ids: Sequence[int]) -> dict[int, int]:
    """Texts an analyst has coded (reviewed, or given a theme), campaigns left out."""
    has_code = select(ThemeCoding.id).where(ThemeCoding.item_id == ThemeItem.id).exists()
    rows = db.session.execute(
        select(ThemeItem.codeframe_id, func.count(ThemeItem.id))
        .outerjoin(DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id)
        .where(
            ThemeItem.codeframe_id.in_(codeframe_ids),
            _not_campaign(),
            or_(ThemeItem.reviewed_at.is_not(None), has_code),
        )
        .group_by(ThemeItem.codeframe_id)
    )
    return {codeframe_id: count for codeframe_id, count in rows}


def published_themes(
    consultations: Sequence[Consultation], *, threshold: int
) -> dict[int, list[dict[str, Any]]]:
    """Consultation id -> per published codeframe: its question and its themes with counts."""
    codeframes = published_codeframes(consultations)
    all_ids = [codeframe_id for ids in codeframes.values() for codeframe_id in ids]
    themes: dict[int, list[tuple[int, str]]] = defaultdict(list)
    questions: dict[int, tuple[int, str]] = {}
    rows = db.session.execute(
        select(Codeframe.id, Question.id, Question.text, Theme.id, Theme.name)
        .join(Question, Question.id == Codeframe.question_id)
        .outerjoin(Theme, Theme.codeframe_id == Codeframe.id)
        .where(Codeframe.id.in_(all_ids))
        .order_by(Codeframe.id, Theme.position, Theme.id)
    )
    for codeframe_id, question_id, question_text, theme_id, name in rows:
        questions[codeframe_id] = (question_id, question_text)
        if theme_id is not None:
            themes[codeframe_id].append((theme_id, name))
    counts = _theme_counts(all_ids)
    coded = _coded_counts(all_ids)
    found: dict[int, list[dict[str, Any]]] = {}
    for consultation_id, ids in codeframes.items():
        found[consultation_id] = [
            _codeframe_figures(
                questions[codeframe_id],
                themes[codeframe_id],
                counts,
                coded,
                codeframe_id,
                threshold,
            )
            for codeframe_id in ids
            if codeframe_id in questions
        ]
    return found


def _codeframe_figures(
    question: tuple[int, str],
    themes: list[tuple[int, str]],
    counts: dict[int, int],
    coded: dict[int, int],
    codeframe_id: int,
    threshold: int,
) -> dict[str, Any]:
    names = [name for _, name in themes]
    values = [counts.get(theme_id, 0) for theme_id, _ in themes]
    return {
        "question_id": question[0],
        "question_text": question[1],
        "coded": coded.get(codeframe_id, 0),
        "themes": [
            {"name": cell["label"], "count": cell["count"], "suppressed": cell["suppressed"]}
            for cell in cells(names, values, threshold, adds_up=False)
        ],
    }


def published_quotes(consultation_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Consultation id -> moderated quotes (published wording), with their question and theme."""
    rows = db.session.execute(
        select(
            ModerationItem.consultation_id,
            ModerationItem.published_text,
            Answer.question_id,
            Theme.name,
        )
        .outerjoin(Answer, Answer.id == ModerationItem.answer_id)
        .outerjoin(Theme, Theme.id == ModerationItem.theme_id)
        .where(
            ModerationItem.consultation_id.in_(consultation_ids),
            ModerationItem.status.in_(PUBLISHED_QUOTES),
            ModerationItem.published_text != "",
        )
        .order_by(ModerationItem.id)
    )
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for consultation_id, text, question_id, theme in rows:
        found[consultation_id].append({"text": text, "question_id": question_id, "theme": theme})
    return found
