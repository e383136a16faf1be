"""What a codeframe's hub and its entry points show: progress figures, themes with their code
counts, and which free-text questions have been started. Reads only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select

from involve.extensions import db
from involve.models import (
    Codeframe,
    Consultation,
    DuplicateGroup,
    DuplicateStatus,
    Question,
    Theme,
    ThemeCoding,
    ThemeItem,
)
from involve.services.theming_items import FREE_TEXT_KINDS, item_count, waiting_count


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    coded: int  # texts coded with this theme


@dataclass(frozen=True)
class HubFigures:
    texts: int
    coded: int  # reviewed, or given any code
    waiting: int  # arrived since the last sync, included at the next action
    suspected_groups: int
    campaign_groups: int

    @property
    def to_code(self) -> int:
        return self.texts - self.coded


def hub_figures(codeframe: Codeframe) -> HubFigures:
    coded = db.session.scalar(
        select(func.count(ThemeItem.id)).where(
            ThemeItem.codeframe_id == codeframe.id,
            or_(
                ThemeItem.reviewed_at.is_not(None),
                exists().where(ThemeCoding.item_id == ThemeItem.id),
            ),
        )
    )
    groups = dict(
        db.session.execute(
            select(DuplicateGroup.status, func.count(DuplicateGroup.id))
            .where(DuplicateGroup.codeframe_id == codeframe.id)
            .group_by(DuplicateGroup.status)
        ).all()
    )
    return HubFigures(
        texts=item_count(codeframe),
        coded=coded or 0,
        waiting=waiting_count(codeframe),
        suspected_groups=groups.get(DuplicateStatus.SUSPECTED, 0),
        campaign_groups=groups.get(DuplicateStatus.CAMPAIGN, 0),
    )


def theme_counts(codeframe: Codeframe) -> list[ThemeCount]:
    """Every theme in codeframe order with how many texts it codes, in one query."""
    rows = db.session.execute(
        select(Theme, func.count(ThemeCoding.id))
        .outerjoin(ThemeCoding, ThemeCoding.theme_id == Theme.id)
        .where(Theme.codeframe_id == codeframe.id)
        .group_by(Theme.id)
        .order_by(Theme.position, Theme.id)
    ).all()
    return [ThemeCount(theme, count) for theme, count in rows]


# -- entry points ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ThemableQuestion:
    question: Question
    codeframe_id: int | None  # None until someone starts theming it


def themable_questions(consultation: Consultation) -> list[ThemableQuestion]:
    """The consultation's free-text questions in page order, with their codeframes if started."""
    questions = [
        question
        for page in consultation.pages
        for question in page.questions
        if question.kind in FREE_TEXT_KINDS
    ]
    started = dict(
        db.session.execute(
            select(Codeframe.question_id, Codeframe.id).where(
                Codeframe.question_id.in_([q.id for q in questions])
            )
        ).all()
    )
    return [ThemableQuestion(question, started.get(question.id)) for question in questions]
