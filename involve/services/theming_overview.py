"""Every codeframe at a glance, for the dashboard: what is being themed and how far coding has
got, counted as the hub counts (confirmed campaigns apart), in one grouped query."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from involve.extensions import db
from involve.models import Codeframe, ThemeItem
from involve.services.theming_hub import in_confirmed_campaign, is_coded
from involve.services.theming_items import codeframe_title


@dataclass(frozen=True)
class CodeframeProgress:
    codeframe: Codeframe
    title: str
    texts: int
    coded: int  # as on the hub: reviewed or carrying any code, confirmed campaigns apart
    in_campaigns: int

    @property
    def to_code(self) -> int:
        return self.texts - self.coded - self.in_campaigns


def codeframes_in_progress() -> list[CodeframeProgress]:
    codeframes = db.session.scalars(select(Codeframe).order_by(Codeframe.id.desc())).all()
    if not codeframes:
        return []
    rows = db.session.execute(
        select(
            ThemeItem.codeframe_id,
            func.count(ThemeItem.id),
            func.count(ThemeItem.id).filter(is_coded(), ~in_confirmed_campaign()),
            func.count(ThemeItem.id).filter(in_confirmed_campaign()),
        ).group_by(ThemeItem.codeframe_id)
    ).all()
    figures = {row[0]: (row[1], row[2], row[3]) for row in rows}
    return [
        CodeframeProgress(
            codeframe, codeframe_title(codeframe), *figures.get(codeframe.id, (0, 0, 0))
        )
        for codeframe in codeframes
    ]
