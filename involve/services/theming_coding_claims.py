"""Code next: hands each analyst the next text to code and claims it for a while, so two
analysts never get the same one. The claim is one conditional UPDATE, safe when analysts race.
Of a confirmed campaign only the first text is handed out: the rest are copies of it, counted
apart in every report, and coding each would teach nothing new."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, and_, cast, exists, func, or_, select, update
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from involve.extensions import db
from involve.models import Codeframe, DuplicateGroup, DuplicateStatus, Officer, ThemeItem
from involve.models.base import utc_now
from involve.services.audit import record_event
from involve.services.theming_coding import item_source

CLAIM_MINUTES = 15
_CANDIDATES_PER_TRY = 20
_CLAIM_TRIES = 5


def claimed_by_someone_else(item: ThemeItem, officer: Officer, now: datetime | None = None) -> bool:
    now = now or utc_now()
    return (
        item.claimed_by_id is not None
        and item.claimed_by_id != officer.id
        and item.claimed_until is not None
        and item.claimed_until >= now
        and item.reviewed_at is None
    )


def is_free(now: datetime, officer: Officer) -> ColumnElement[bool]:
    """SQL: the item is not held by another analyst's live claim."""
    return or_(
        ThemeItem.claimed_by_id.is_(None),
        ThemeItem.claimed_until.is_(None),
        ThemeItem.claimed_until < now,
        ThemeItem.claimed_by_id == officer.id,
    )


def not_a_campaign_copy() -> ColumnElement[bool]:
    """SQL: the item is not in a confirmed campaign, or is its campaign's first text."""
    earlier = aliased(ThemeItem)
    has_an_earlier_text = (
        select(earlier.id)
        .where(earlier.duplicate_group_id == DuplicateGroup.id, earlier.id < ThemeItem.id)
        .correlate_except(earlier)  # theme_item is the item being tested, two levels up
        .exists()
    )
    return ~exists().where(
        DuplicateGroup.id == ThemeItem.duplicate_group_id,
        DuplicateGroup.status == DuplicateStatus.CAMPAIGN,
        has_an_earlier_text,
    )


def left_to_code(codeframe: Codeframe) -> int:
    """Texts code next may still hand out to someone (claimed or not)."""
    return (
        db.session.scalar(
            select(func.count(ThemeItem.id)).where(
                ThemeItem.codeframe_id == codeframe.id,
                ThemeItem.reviewed_at.is_(None),
                not_a_campaign_copy(),
            )
        )
        or 0
    )


def _spread() -> ColumnElement[int]:
    """A fixed shuffle of item ids, so early coding spans the whole set rather than the first
    few hundred answers (which may share a campaign or a day)."""
    return (cast(ThemeItem.id, BigInteger) * 40503) % 65521


def _held_by(officer: Officer, codeframe: Codeframe, now: datetime) -> int | None:
    return db.session.scalar(
        select(ThemeItem.id)
        .where(
            ThemeItem.codeframe_id == codeframe.id,
            ThemeItem.reviewed_at.is_(None),
            ThemeItem.claimed_by_id == officer.id,
            ThemeItem.claimed_until >= now,
        )
        .order_by(ThemeItem.id)
        .limit(1)
    )


def _candidates(
    codeframe: Codeframe, officer: Officer, now: datetime, skip: Collection[int]
) -> Sequence[int]:
    query = select(ThemeItem.id).where(
        ThemeItem.codeframe_id == codeframe.id,
        ThemeItem.reviewed_at.is_(None),
        is_free(now, officer),
        not_a_campaign_copy(),
    )
    if skip:
        query = query.where(ThemeItem.id.not_in(skip))
    return db.session.scalars(
        query.order_by(
            ThemeItem.learning_value.is_(None),
            ThemeItem.learning_value.desc(),
            _spread(),
            ThemeItem.id,
        ).limit(_CANDIDATES_PER_TRY)
    ).all()


def _try_claim(item_id: int, officer: Officer, now: datetime) -> bool:
    """Claim one item if it is still uncoded and free. The check and the write are one UPDATE,
    so when two analysts race for the same item the database lets only one of them have it."""
    result = db.session.execute(
        update(ThemeItem)
        .where(
            and_(ThemeItem.id == item_id, ThemeItem.reviewed_at.is_(None), is_free(now, officer))
        )
        .values(claimed_by_id=officer.id, claimed_until=now + timedelta(minutes=CLAIM_MINUTES))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def claim_next_item(
    *, actor: Officer, codeframe: Codeframe, now: datetime | None = None
) -> ThemeItem | None:
    """The next text for this analyst, claimed for CLAIM_MINUTES; None when none is left.
    One they hold and have not saved comes first (its claim renewed); then the text the model
    learns most from (when it has said), else a fixed spread over the whole set."""
    now = now or utc_now()
    held = _held_by(actor, codeframe, now)
    if held is not None and _try_claim(held, actor, now):
        return db.session.get(ThemeItem, held, populate_existing=True)
    claimed = _claim_a_free_item(codeframe, actor, now)
    if claimed is None:
        return None
    item = db.session.get(ThemeItem, claimed, populate_existing=True)
    assert item is not None
    record_event(
        actor=actor,
        action="theming.item_claimed",
        object_type="theme_item",
        object_id=item.id,
        summary=f"Started coding {item_source(item).title} (held for {CLAIM_MINUTES} minutes)",
        detail={"codeframe_id": codeframe.id},
    )
    return item


def _claim_a_free_item(codeframe: Codeframe, actor: Officer, now: datetime) -> int | None:
    """Try the best candidates in turn; another analyst may take one between our read and our
    UPDATE, so a refused claim moves on to the next."""
    tried: list[int] = []
    for _ in range(_CLAIM_TRIES):
        candidates = _candidates(codeframe, actor, now, tried)
        if not candidates:
            return None
        for item_id in candidates:
            if _try_claim(item_id, actor, now):
                return item_id
            tried.append(item_id)
    return None
