"""How many comments raised each theme, and how far the theming got, counted by the database for
several codeframes at once: one rule for "We asked, you said, we did" (you_said_themes) and the
open-data API (open_data_themes), so neither publishes a count the other hides.

A comment counts for a theme once an analyst or an accepted suggestion gave it that theme; texts
an officer confirmed as an organised campaign are counted apart, never in a theme. A comment can
raise several themes, so the theme counts do not add up to a total: each one is published on
its own, a count from 1 to threshold - 1 hidden ("fewer than 10", or null in the API), with no
secondary suppression (no total can give a hidden one away). Comments from a part of the
responses left out of the published tables (involve.services.counted_parts) are not counted at
all: `parts` says, per codeframe, whose comments count (a codeframe not in it counts only
points raised at an event).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, func, or_, select

from involve.extensions import db
from involve.models import (
    Answer,
    DuplicateGroup,
    DuplicateStatus,
    RespondentProfile,
    ThemeCoding,
    ThemeItem,
)
from involve.services.counted_parts import is_counted, item_part
from involve.services.small_numbers import is_small

CodeframeParts = Mapping[int, Collection[str]]  # codeframe id -> the parts whose comments count


def is_campaign() -> ColumnElement[bool]:
    """SQL: the theme item is in a group an officer confirmed as an organised campaign."""
    return and_(
        DuplicateGroup.status.is_not(None), DuplicateGroup.status == DuplicateStatus.CAMPAIGN
    )


def _with_parts(query: Any) -> Any:
    """The query joined to what item_part() reads."""
    return query.outerjoin(Answer, Answer.id == ThemeItem.answer_id).outerjoin(
        RespondentProfile, RespondentProfile.response_id == Answer.response_id
    )


def theme_counts(codeframe_ids: Sequence[int], *, parts: CodeframeParts) -> dict[int, int]:
    """Theme id -> comments with that theme, campaigns and left-out parts left out (one
    query)."""
    if not codeframe_ids:
        return {}
    part = item_part()
    rows = db.session.execute(
        _with_parts(
            select(
                ThemeItem.codeframe_id,
                ThemeCoding.theme_id,
                part,
                func.count(distinct(ThemeCoding.item_id)),
            )
            .select_from(ThemeCoding)
            .join(ThemeItem, ThemeItem.id == ThemeCoding.item_id)
            .outerjoin(DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id)
        )
        .where(ThemeItem.codeframe_id.in_(codeframe_ids), ~is_campaign())
        .group_by(ThemeItem.codeframe_id, ThemeCoding.theme_id, part)
    )
    found: dict[int, int] = defaultdict(int)
    for codeframe_id, theme_id, part_name, count in rows:
        if is_counted(part_name, parts.get(codeframe_id, ())):
            found[theme_id] += count  # an item is in one part, so the parts' counts add up
    return dict(found)


def item_counts(
    codeframe_ids: Sequence[int], *, parts: CodeframeParts
) -> dict[int, tuple[int, int, int]]:
    """Codeframe id -> (texts to theme, of those coded by an analyst, texts in campaigns), the
    texts of left-out parts not counted (one query)."""
    if not codeframe_ids:
        return {}
    has_code = select(ThemeCoding.id).where(ThemeCoding.item_id == ThemeItem.id).exists()
    campaign = is_campaign()
    coded = and_(~campaign, or_(ThemeItem.reviewed_at.is_not(None), has_code))
    part = item_part()
    rows = db.session.execute(
        _with_parts(
            select(
                ThemeItem.codeframe_id,
                part,
                func.sum(case((campaign, 0), else_=1)),
                func.sum(case((coded, 1), else_=0)),
                func.sum(case((campaign, 1), else_=0)),
            ).outerjoin(DuplicateGroup, DuplicateGroup.id == ThemeItem.duplicate_group_id)
        )
        .where(ThemeItem.codeframe_id.in_(codeframe_ids))
        .group_by(ThemeItem.codeframe_id, part)
    )
    found: dict[int, tuple[int, int, int]] = {}
    for codeframe_id, part_name, texts, done, campaigns in rows:
        if is_counted(part_name, parts.get(codeframe_id, ())):
            before = found.get(codeframe_id, (0, 0, 0))
            found[codeframe_id] = (
                before[0] + int(texts or 0),
                before[1] + int(done or 0),
                before[2] + int(campaigns or 0),
            )
    return found


def published_count(count: int, threshold: int) -> int | None:
    """A theme count (or a count of comments) as published on its own: None when small."""
    return None if is_small(count, threshold) else count
