"""Every codeframe at a glance, for the dashboard: what is being themed and how far coding has
got, counted as the hub counts (confirmed campaigns apart), in one grouped query."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from involve.extensions import db
from involve.models import Codeframe, DuplicateGroup, DuplicateStatus, ThemeCoding, ThemeItem
from involve.services.theming_items import codeframe_title


@dataclass(frozen=True)
class CodeframeProgress:
    codeframe: Codeframe
    title: str
    texts: int
    coded: int  # reviewed by an officer or carrying any code, confirmed campaigns apart
    in_campaigns: int  # texts in confirmed campaigns, counted apart as on the hub

    @property
    def to_code(self) -> int:
        return self.texts - self.coded - self.in_campaigns


def codeframes_in_progress() -> list[CodeframeProgress]:
    codeframes = db.session.scalars(select(Codeframe).order_by(Codeframe.id.desc())).all()
    if not codeframes:
        return []
    has_code = select(ThemeCoding.item_id).where(ThemeCoding.item_id == ThemeItem.id).exists()
    in_campaign = (
        select(DuplicateGroup.id)
        .where(
            DuplicateGroup.id == ThemeItem.duplicate_group_id,
            DuplicateGroup.status == DuplicateStatus.CAMPAIGN,
        )
        .exists()
    )
    rows = db.session.execute(
        select(
            ThemeItem.codeframe_id,
            func.count(ThemeItem.id),
            func.count(ThemeItem.id).filter(
                or_(ThemeItem.reviewed_at.is_not(None), has_code), ~in_campaign
            ),
            func.count(ThemeItem.id).filter(in_campaign),
        ).group_by(ThemeItem.codeframe_id)
    ).all()
    figures = {row[0]: (row[1], row[2], row[3]) for row in rows}
    return [
        CodeframeProgress(
            codeframe, codeframe_title(codeframe), *figures.get(codeframe.id, (0, 0, 0))
        )
        for codeframe in codeframes
    ]
