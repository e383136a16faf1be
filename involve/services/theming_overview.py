"""Every codeframe at a glance, for the dashboard: what is being themed and how far coding has
got, in two grouped queries whatever the number of codeframes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from involve.extensions import db
from involve.models import Codeframe, ThemeCoding, ThemeItem
from involve.services.theming_items import codeframe_title


@dataclass(frozen=True)
class CodeframeProgress:
    codeframe: Codeframe
    title: str
    texts: int
    coded: int  # reviewed by an officer or carrying any code

    @property
    def to_code(self) -> int:
        return self.texts - self.coded


def codeframes_in_progress() -> list[CodeframeProgress]:
    codeframes = db.session.scalars(select(Codeframe).order_by(Codeframe.id.desc())).all()
    if not codeframes:
        return []
    has_code = select(ThemeCoding.item_id).where(ThemeCoding.item_id == ThemeItem.id).exists()
    rows = db.session.execute(
        select(
            ThemeItem.codeframe_id,
            func.count(ThemeItem.id),
            func.count(ThemeItem.id).filter(or_(ThemeItem.reviewed_at.is_not(None), has_code)),
        ).group_by(ThemeItem.codeframe_id)
    ).all()
    figures = {codeframe_id: (texts, coded) for codeframe_id, texts, coded in rows}
    return [
        CodeframeProgress(codeframe, codeframe_title(codeframe), *figures.get(codeframe.id, (0, 0)))
        for codeframe in codeframes
    ]
