"""The themes a published decision cites, with how many comments raised each, for "We asked, you
said, we did" and the officer's decision form.

Counted by the database over all the cited codeframes at once (three queries however many
themes or comments there are), as the theme summary counts them: a comment counts for a theme
once an analyst or an accepted suggestion gave it that theme, and texts an officer confirmed as
an organised campaign are counted apart, never in a theme. A comment may raise several themes,
so each theme's count is shown on its own: one from 1 to threshold - 1 reads "fewer than 10".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, distinct, func, or_, select

from involve.extensions import db
from involve.models import DuplicateGroup, DuplicateStatus, ThemeCoding, ThemeItem
from involve.services.decisions import CitableCodeframe
from involve.services.small_numbers import count_text


@dataclass(frozen=True)
class ThemeCount:
    theme_id: int
    name: str
    count: int
    text: str  # the count as published: "fewer than 10" when small
    what_we_did: str


@dataclass(frozen=True)
class CodeframeCounts:
    codeframe_id: int
    heading: str
    texts: int  # comments to theme, campaigns left out
    coded: int  # of those, themed by an analyst
    campaign: int  # in confirmed organised campaigns
    texts_text: str
    coded_text: str
    campaign_text: str
    themes: list[ThemeCount]

    @property
    def is_complete(self) -> bool:
        return self.coded >= self.texts

    @property
    def reading_text(self) -> str:
        """How much of it was themed, honestly: an analysis still under way says so."""
        if not self.texts:
            return "There were no comments to read."
        if self.is_complete:
            if self.texts_text.startswith("fewer"):
                return f"We read every comment ({self.texts_text}) and grouped them by theme."
            return f"We read all {self.texts_text} comments and grouped them by theme."
        return f"We read and grouped {self.coded_text} of the {self.texts_text} comments by theme."


def _is_campaign() -> ColumnElement[bool]:
    return and_(
        DuplicateGroup.status.is_not(None), DuplicateGroup.status == DuplicateStatus.CAMPAIGN
    )


def _theme_counts(codeframe_ids: Sequence[int]) -> dict[int, int]:
    rows = db.session.execute(
        select(ThemeCoding.theme_id, func.count(distinct(ThemeCoding.item_id)))
        .join(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
        .outerjoin(DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id)
        .where(ThemeItem.codeframe_id.in_(codeframe_ids), ~_is_campaign())
        .group_by(ThemeCoding.theme_id)
    )
    return {theme_id: count for theme_id, count in rows}


def _item_counts(codeframe_ids: Sequence[int]) -> dict[int, tuple[int, int, int]]:
    """Codeframe id -> (texts, coded texts, campaign texts)."""
    has_code = select(ThemeCoding.id).where(ThemeCoding.item_id == ThemeItem.id).exists()
    campaign = _is_campaign()
    coded = and_(~campaign, or_(ThemeItem.reviewed_at.is_not(None), has_code))
    rows = db.session.execute(
        select(
            ThemeItem.codeframe_id,
            func.sum(case((campaign, 0), else_=1)),
            func.sum(case((coded, 1), else_=0)),
            func.sum(case((campaign, 1), else_=0)),
        )
        .outerjoin(DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id)
        .where(ThemeItem.codeframe_id.in_(codeframe_ids))
        .group_by(ThemeItem.codeframe_id)
    )
    return {
        codeframe_id: (int(texts or 0), int(done or 0), int(campaigns or 0))
        for codeframe_id, texts, done, campaigns in rows
    }


def codeframe_counts(
    codeframes: Sequence[CitableCodeframe],
    *,
    theme_responses: dict[str, str],
    threshold: int,
) -> list[CodeframeCounts]:
    """Per codeframe, in the order given: its comments and its themes with their counts."""
    ids = [codeframe.id for codeframe in codeframes]
    if not ids:
        return []
    counts = _theme_counts(ids)
    items: dict[int, tuple[int, int, int]] = defaultdict(lambda: (0, 0, 0))
    items.update(_item_counts(ids))
    found = []
    for codeframe in codeframes:
        texts, coded, campaign = items[codeframe.id]
        found.append(
            CodeframeCounts(
                codeframe_id=codeframe.id,
                heading=codeframe.heading,
                texts=texts,
                coded=coded,
                campaign=campaign,
                texts_text=count_text(texts, threshold),
                coded_text=count_text(coded, threshold),
                campaign_text=count_text(campaign, threshold),
                themes=[
                    ThemeCount(
                        theme_id=theme_id,
                        name=name,
                        count=counts.get(theme_id, 0),
                        text=count_text(counts.get(theme_id, 0), threshold),
                        what_we_did=theme_responses.get(str(theme_id), ""),
                    )
                    for theme_id, name in codeframe.themes
                ],
            )
        )
    return found
