"""How many comments raised each theme, and how far the theming got, counted by the database for
several codeframes at once: one rule for "We asked, you said, we did" (you_said_themes) and the
open-data API (open_data_themes), so neither publishes a count the other hides.

A comment counts for a theme once an analyst or an accepted suggestion gave it that theme; texts
an officer confirmed as an organised campaign are counted apart, never in a theme. A comment can
raise several themes, so the theme counts do not add up to a total: each one is published on
its own, a count from 1 to threshold - 1 hidden ("fewer than 10", or null in the API), with no
secondary suppression (no total can give a hidden one away).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, case, distinct, func, or_, select

from involve.extensions import db
from involve.models import DuplicateGroup, DuplicateStatus, ThemeCoding, ThemeItem
from involve.services.small_numbers import is_small


def is_campaign() -> ColumnElement[bool]:
    """SQL: the theme item is in a group an officer confirmed as an organised campaign."""
    return and_(
        DuplicateGroup.status.is_not(None), DuplicateGroup.status == DuplicateStatus.CAMPAIGN
    )


def theme_counts(codeframe_ids: Sequence[int]) -> dict[int, int]:
    """Theme id -> comments with that theme, campaigns left out (one query)."""
    if not codeframe_ids:
        return {}
    rows = db.session.execute(
        select(ThemeCoding.theme_id, func.count(distinct(ThemeCoding.item_id)))
        .join(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
        .outerjoin(DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id)
        .where(ThemeItem.codeframe_id.in_(codeframe_ids), ~is_campaign())
        .group_by(ThemeCoding.theme_id)
    )
    return {theme_id: count for theme_id, count in rows}


def item_counts(codeframe_ids: Sequence[int]) -> dict[int, tuple[int, int, int]]:
    """Codeframe id -> (texts to theme, of those coded by an analyst, texts in campaigns)."""
    if not codeframe_ids:
        return {}
    has_code = select(ThemeCoding.id).where(ThemeCoding.item_id == ThemeItem.id).exists()
    campaign = is_campaign()
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


def published_count(count: int, threshold: int) -> int | None:
    """A theme count (or a count of comments) as published on its own: None when small."""
    return None if is_small(count, threshold) else count
