"""How far the analysis of an activity got, for its compliance report: each codeframe (one per
free-text question, or the points raised at an event), how many of its texts are coded, and
each theme's coded count as the theme summary counts it (confirmed campaign texts apart).
Three queries however many questions, themes or texts there are."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from involve.extensions import db
from involve.models import (
    Activity,
    Codeframe,
    Question,
    QuestionPage,
    Theme,
    ThemeCoding,
    ThemeItem,
)
from involve.services.theming_hub import in_confirmed_campaign, is_coded

EVENT_POINTS = "Points raised at the event"


@dataclass(frozen=True)
class ThemeCount:
    theme_id: int
    name: str
    count: int


@dataclass(frozen=True)
class CodeframeFigures:
    codeframe_id: int
    title: str  # the question, or "Points raised at the event"
    texts: int
    coded: int  # looked at or given a code, not in a confirmed campaign
    in_campaigns: int
    themes: tuple[ThemeCount, ...]

    @property
    def to_code(self) -> int:
        return max(self.texts - self.coded - self.in_campaigns, 0)


def activity_codeframes(activity: Activity) -> list[CodeframeFigures]:
    """The activity's codeframes in question order (the event's points last)."""
    sources = [Codeframe.activity_id == activity.id]
    if activity.consultation_id is not None:
        sources.append(
            Codeframe.question_id.in_(
                select(Question.id)
                .join(QuestionPage, QuestionPage.id == Question.page_id)
                .where(QuestionPage.consultation_id == activity.consultation_id)
            )
        )
    frames = db.session.execute(
        select(Codeframe.id, Question.text)
        .outerjoin(Question, Question.id == Codeframe.question_id)
        .outerjoin(QuestionPage, QuestionPage.id == Question.page_id)
        .where(or_(*sources))
        .order_by(
            QuestionPage.position.is_(None), QuestionPage.position, Question.position, Codeframe.id
        )
    ).all()
    if not frames:
        return []
    ids = [frame_id for frame_id, _ in frames]
    items = {
        frame_id: (total, coded or 0, campaigns or 0)
        for frame_id, total, coded, campaigns in db.session.execute(
            select(
                ThemeItem.codeframe_id,
                func.count(ThemeItem.id),
                func.count(ThemeItem.id).filter(is_coded(), ~in_confirmed_campaign()),
                func.count(ThemeItem.id).filter(in_confirmed_campaign()),
            )
            .where(ThemeItem.codeframe_id.in_(ids))
            .group_by(ThemeItem.codeframe_id)
        )
    }
    themes: dict[int, list[ThemeCount]] = {frame_id: [] for frame_id in ids}
    for frame_id, theme_id, name, count in db.session.execute(
        select(Theme.codeframe_id, Theme.id, Theme.name, func.count(ThemeItem.id))
        .outerjoin(ThemeCoding, ThemeCoding.theme_id == Theme.id)
        .outerjoin(ThemeItem, (ThemeItem.id == ThemeCoding.item_id) & ~in_confirmed_campaign())
        .where(Theme.codeframe_id.in_(ids))
        .group_by(Theme.codeframe_id, Theme.id, Theme.name, Theme.position)
        .order_by(Theme.position, Theme.id)
    ):
        themes[frame_id].append(ThemeCount(theme_id, name, count))
    return [
        CodeframeFigures(
            codeframe_id=frame_id,
            title=text or EVENT_POINTS,
            texts=items.get(frame_id, (0, 0, 0))[0],
            coded=items.get(frame_id, (0, 0, 0))[1],
            in_campaigns=items.get(frame_id, (0, 0, 0))[2],
            themes=tuple(themes[frame_id]),
        )
        for frame_id, text in frames
    ]
