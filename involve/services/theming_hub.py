"""What a codeframe's hub and its entry points show: progress figures, themes with their code
counts, and which free-text questions have been started. Reads only. Texts in confirmed
campaigns are counted apart, never as coded texts, as on the theme summary."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, exists, func, or_, select

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
    coded: int  # texts coded with this theme, not counting confirmed campaigns
    in_campaigns: int = 0  # texts in confirmed campaigns coded with this theme


@dataclass(frozen=True)
class HubFigures:
    texts: int
    coded: int  # reviewed, or given any code; not in a confirmed campaign
    waiting: int  # arrived since the last sync, included at the next action
    suspected_groups: int
    campaign_groups: int
    in_campaigns: int = 0  # texts in confirmed campaigns, coded or not

    @property
    def to_code(self) -> int:
        return self.texts - self.in_campaigns - self.coded


def in_confirmed_campaign():  # type: ignore[no-untyped-def]
    """SQL: the item is in a group an officer confirmed as a campaign."""
    return exists().where(
        DuplicateGroup.id == ThemeItem.duplicate_group_id,
        DuplicateGroup.status == DuplicateStatus.CAMPAIGN,
    )


def is_coded():  # type: ignore[no-untyped-def]
    """SQL: an officer has looked at the item (reviewed) or it carries any code."""
    return or_(
        ThemeItem.reviewed_at.is_not(None),
        exists().where(ThemeCoding.item_id == ThemeItem.id),
    )


def hub_figures(codeframe: Codeframe) -> HubFigures:
    coded, in_campaigns = db.session.execute(
        select(
            func.count(ThemeItem.id).filter(is_coded(), ~in_confirmed_campaign()),
            func.count(ThemeItem.id).filter(in_confirmed_campaign()),
        ).where(ThemeItem.codeframe_id == codeframe.id)
    ).one()
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
        in_campaigns=in_campaigns or 0,
    )


def theme_counts(codeframe: Codeframe) -> list[ThemeCount]:
    """Every theme in codeframe order with how many texts it codes (confirmed campaigns apart),
    in one query."""
    in_campaign = case((DuplicateGroup.status == DuplicateStatus.CAMPAIGN, 1), else_=0)
    rows = db.session.execute(
        select(Theme, func.count(ThemeCoding.id), func.coalesce(func.sum(in_campaign), 0))
        .outerjoin(ThemeCoding, ThemeCoding.theme_id == Theme.id)
        .outerjoin(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
        .outerjoin(DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id)
        .where(Theme.codeframe_id == codeframe.id)
        .group_by(Theme.id)
        .order_by(Theme.position, Theme.id)
    ).all()
    return [ThemeCount(theme, count - campaigns, campaigns) for theme, count, campaigns in rows]


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
