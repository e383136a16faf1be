"""The strategy lists officers maintain: Sustainable Community Strategy priorities, Local Area
Agreement targets (each with its lead partner) and Joint Strategic Needs Assessment themes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from involve.extensions import db
from involve.models import Officer, StrategyItem, StrategyKind
from involve.services.audit import record_event
from involve.services.errors import NotFound


@dataclass(frozen=True)
class StrategyDetails:
    kind: StrategyKind
    title: str
    reference_code: str = ""
    lead_partner_id: int | None = None


def get_strategy_item(item_id: int) -> StrategyItem:
    item = db.session.get(StrategyItem, item_id)
    if item is None:
        raise NotFound("Strategy item not found")
    return item


def list_strategy_items(*, include_inactive: bool = True) -> Sequence[StrategyItem]:
    query = (
        select(StrategyItem)
        .options(joinedload(StrategyItem.lead_partner))
        .order_by(StrategyItem.kind, StrategyItem.reference_code, StrategyItem.title)
    )
    if not include_inactive:
        query = query.where(StrategyItem.is_active.is_(True))
    return db.session.scalars(query).all()


def group_by_kind(items: Sequence[StrategyItem]) -> dict[StrategyKind, list[StrategyItem]]:
    """Every kind, in the enum's order, with its items (possibly none)."""
    groups: dict[StrategyKind, list[StrategyItem]] = {kind: [] for kind in StrategyKind}
    for item in items:
        groups[item.kind].append(item)
    return groups


def _apply(item: StrategyItem, details: StrategyDetails) -> None:
    item.kind = details.kind
    item.title = details.title.strip()
    item.reference_code = details.reference_code.strip()
    # Only LAA targets have a lead partner.
    item.lead_partner_id = (
        details.lead_partner_id if details.kind == StrategyKind.LAA_TARGET else None
    )


def add_strategy_item(*, actor: Officer, details: StrategyDetails) -> StrategyItem:
    item = StrategyItem(is_active=True)
    _apply(item, details)
    db.session.add(item)
    db.session.flush()
    record_event(
        actor=actor,
        action="strategy_item.created",
        object_type="strategy_item",
        object_id=item.id,
        summary=f"Added {item.kind.label} {item.title}",
    )
    return item


def update_strategy_item(*, actor: Officer, item: StrategyItem, details: StrategyDetails) -> None:
    _apply(item, details)
    db.session.flush()
    record_event(
        actor=actor,
        action="strategy_item.updated",
        object_type="strategy_item",
        object_id=item.id,
        summary=f"Changed {item.kind.label} {item.title}",
    )


def set_strategy_item_active(*, actor: Officer, item: StrategyItem, is_active: bool) -> None:
    """Deactivated items stay linked to past activities but are no longer offered."""
    if item.is_active == is_active:
        return
    item.is_active = is_active
    db.session.flush()
    record_event(
        actor=actor,
        action="strategy_item.reactivated" if is_active else "strategy_item.deactivated",
        object_type="strategy_item",
        object_id=item.id,
        summary=f"{'Reactivated' if is_active else 'Deactivated'} {item.kind.label} {item.title}",
    )
