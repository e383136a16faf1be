"""Themes and moderated quotes of closed consultations, for the open-data API.

A question's themes are published once the council has published what it did with them: when
a published decision record cites the question's codeframe (as "We asked, you said, we did"
does). Until then analysts may still rename, merge or split them. Counts follow the one rule
in involve.services.theme_counts that the public page follows too: coded texts with the theme,
confirmed campaign texts left out; a text may raise several themes, so the counts do not add up
to a total and each small one (the number coded so far included) is simply null. Texts from a
part of the responses that the published tables leave out (involve.services.counted_parts) are
not counted.

Quotes are only texts an officer approved or edited in the moderation queue, in their published
wording: never the original answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import select

from involve.extensions import db
from involve.models import (
    Activity,
    Answer,
    Codeframe,
    Consultation,
    DecisionRecord,
    ModerationItem,
    ModerationStatus,
    Question,
    QuestionPage,
    Theme,
)
from involve.services.theme_counts import item_counts, published_count, theme_counts

PUBLISHED_QUOTES = (ModerationStatus.APPROVED, ModerationStatus.EDITED)


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


def published_themes(
    consultations: Sequence[Consultation],
    *,
    threshold: int,
    counted: Mapping[int, Collection[str]],
) -> dict[int, list[dict[str, Any]]]:
    """Consultation id -> per published codeframe: its question and its themes with counts;
    `counted` is counted_parts() of the consultations."""
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
    parts = {
        codeframe_id: counted.get(consultation_id, ())
        for consultation_id, ids in codeframes.items()
        for codeframe_id in ids
    }
    counts = theme_counts(all_ids, parts=parts)
    coded = {
        codeframe_id: figures[1]
        for codeframe_id, figures in item_counts(all_ids, parts=parts).items()
    }
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
    shown = [
        (name, published_count(counts.get(theme_id, 0), threshold)) for theme_id, name in themes
    ]
    return {
        "question_id": question[0],
        "question_text": question[1],
        "coded": published_count(coded.get(codeframe_id, 0), threshold),
        "themes": [
            {"name": name, "count": count, "suppressed": count is None} for name, count in shown
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
