"""Reading the moderation queue for officers: filtered by consultation or activity and status,
with counts per status, one page at a time in a fixed number of queries."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from analysis.privacy import KINDS
from involve.extensions import db
from involve.models import (
    Activity,
    Answer,
    Consultation,
    ModerationItem,
    ModerationStatus,
    Theme,
)
from involve.services.moderation import is_erased, original_text

PER_PAGE = 20
_TAG = re.compile(r"\[(" + "|".join(re.escape(kind) for kind in KINDS) + r")\]")


def mark_redactions(text: str) -> Markup:
    """The text escaped, with each "[kind]" left by redaction wrapped so it stands out."""
    return Markup(
        _TAG.sub(
            lambda found: f'<span class="involve-redaction">{found.group(0)}</span>',
            str(escape(text)),
        )
    )


def _positive_int(value: Any) -> int | None:
    text = str(value or "")
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return None
    return int(text) or None


@dataclass(frozen=True)
class QueueFilters:
    status: ModerationStatus | None = ModerationStatus.PENDING  # None: every status
    consultation_id: int | None = None
    activity_id: int | None = None
    page: int = 1

    def as_args(self, **changes: Any) -> dict[str, Any]:
        """The filters as query-string arguments (for links and hidden fields)."""
        args = {
            "status": str(self.status) if self.status else "all",
            "consultation": self.consultation_id,
            "activity": self.activity_id,
            "page": self.page if self.page > 1 else None,
        }
        args.update(changes)
        return {key: value for key, value in args.items() if value is not None}


def parse_filters(args: Mapping[str, Any]) -> QueueFilters:
    """Filters from the query string (or a form's hidden fields); anything unknown is ignored."""
    raw_status = str(args.get("status") or ModerationStatus.PENDING)
    status = (
        None
        if raw_status == "all"
        else ModerationStatus(raw_status)
        if raw_status in ModerationStatus._value2member_map_
        else ModerationStatus.PENDING
    )
    consultation_id = _positive_int(args.get("consultation"))
    return QueueFilters(
        status=status,
        consultation_id=consultation_id,
        activity_id=None if consultation_id else _positive_int(args.get("activity")),
        page=_positive_int(args.get("page")) or 1,
    )


@dataclass(frozen=True)
class QueueEntry:
    item: ModerationItem
    original: str
    place: str  # the consultation's or activity's title
    question: str  # the question answered, "" for a point raised
    theme: str
    is_erased: bool  # its respondent asked for erasure: it can never be published

    @property
    def marked(self) -> Markup:
        return mark_redactions(self.item.redacted_text)


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    counts: dict[ModerationStatus, int]  # in the chosen consultation or activity
    total: int  # matching the filters
    page: int
    last_page: int
    filters: QueueFilters = field(default_factory=QueueFilters)


def _scope(filters: QueueFilters) -> list[Any]:
    if filters.consultation_id:
        return [ModerationItem.consultation_id == filters.consultation_id]
    if filters.activity_id:
        return [ModerationItem.activity_id == filters.activity_id]
    return []


def _entries(items: list[ModerationItem]) -> list[QueueEntry]:
    """Titles, questions and themes for a page of items, a query each, not a query per item."""
    consultation_ids = {item.consultation_id for item in items if item.consultation_id}
    activity_ids = {item.activity_id for item in items if item.activity_id}
    theme_ids = {item.theme_id for item in items if item.theme_id}
    consultations = dict(
        db.session.execute(
            select(Consultation.id, Consultation.title).where(Consultation.id.in_(consultation_ids))
        ).all()
    )
    activities = dict(
        db.session.execute(
            select(Activity.id, Activity.title).where(Activity.id.in_(activity_ids))
        ).all()
    )
    themes = dict(
        db.session.execute(select(Theme.id, Theme.name).where(Theme.id.in_(theme_ids))).all()
    )
    return [
        QueueEntry(
            item=item,
            original=original_text(item),
            place=consultations.get(item.consultation_id, "")  # type: ignore[arg-type]
            if item.consultation_id
            else activities.get(item.activity_id, ""),  # type: ignore[arg-type]
            question=item.answer.question.text if item.answer is not None else "",
            theme=themes.get(item.theme_id, "") if item.theme_id else "",
            is_erased=is_erased(item),
        )
        for item in items
    ]


def list_queue(filters: QueueFilters) -> QueuePage:
    """One page of the queue, oldest first (the order texts came in), and counts per status."""
    scope = _scope(filters)
    counts = {
        status: count
        for status, count in db.session.execute(
            select(ModerationItem.status, func.count(ModerationItem.id))
            .where(*scope)
            .group_by(ModerationItem.status)
        ).tuples()
    }
    conditions = [*scope]
    if filters.status is not None:
        conditions.append(ModerationItem.status == filters.status)
    total = counts.get(filters.status, 0) if filters.status is not None else sum(counts.values())
    last_page = max((total + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(filters.page, last_page)
    items = list(
        db.session.scalars(
            select(ModerationItem)
            .where(*conditions)
            .order_by(ModerationItem.id)
            .offset((page - 1) * PER_PAGE)
            .limit(PER_PAGE)
            .options(
                selectinload(ModerationItem.answer).options(
                    selectinload(Answer.question), selectinload(Answer.response)
                ),
                selectinload(ModerationItem.feedback_item),
                selectinload(ModerationItem.decided_by),
            )
        )
    )
    return QueuePage(
        entries=_entries(items),
        counts={status: counts.get(status, 0) for status in ModerationStatus},
        total=total,
        page=page,
        last_page=last_page,
        filters=filters,
    )


def get_entry(item: ModerationItem) -> QueueEntry:
    return _entries([item])[0]


@dataclass(frozen=True)
class Scopes:
    """The consultations and activities that have texts in the queue, for the filter."""

    consultations: list[tuple[int, str]]
    activities: list[tuple[int, str]]


def list_scopes() -> Scopes:
    consultations = db.session.execute(
        select(Consultation.id, Consultation.title)
        .where(Consultation.id.in_(select(ModerationItem.consultation_id)))
        .order_by(Consultation.title, Consultation.id)
    ).tuples()
    activities = db.session.execute(
        select(Activity.id, Activity.title)
        .where(Activity.id.in_(select(ModerationItem.activity_id)))
        .order_by(Activity.title, Activity.id)
    ).tuples()
    return Scopes(list(consultations), list(activities))
