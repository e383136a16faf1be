"""Earlier involvement on the same subject, found automatically for the planning screen so the
officer can reuse what people already said, or say why asking again is justified."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from analysis.similarity import Document, rank_similar
from involve.extensions import db
from involve.models import Activity, AttendanceCount, Response
from involve.models.base import utc_now
from involve.models.responses import ResponseStatus
from involve.services.lifecycle import phase_of


@dataclass(frozen=True)
class PreviousEngagement:
    activity_id: int
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    size: int | None  # submitted responses, or people attending; None when not recorded
    size_text: str  # "42 responses", "30 attended", "Not recorded"
    outcome: str
    score: float
    reasons: list[str]


def themes_of(activity: Activity) -> list[str]:
    """What the activity is about beyond its title: its consultation's topics and the strategy
    items (SCS priorities, LAA targets, JSNA themes) it serves."""
    topics = list(activity.consultation.topics or []) if activity.consultation else []
    return [*topics, *(item.title for item in activity.strategy_items)]


def as_document(activity: Activity) -> Document:
    return Document(
        id=activity.id,
        title=activity.title,
        summary=activity.summary or "",
        themes=themes_of(activity),
        service_id=activity.service_id,
        ward_codes=list(activity.ward_codes or []),
        whole_area=activity.whole_area,
    )


def _earlier_activities(activity: Activity) -> Sequence[Activity]:
    """Published (or since completed) activities other than this one that come before it: by
    start when both have a start, otherwise by when they were created."""
    created_earlier = Activity.created_at < (activity.created_at or utc_now())
    if activity.starts_at is None:
        earlier = created_earlier
    else:
        earlier = or_(
            Activity.starts_at < activity.starts_at,
            and_(Activity.starts_at.is_(None), created_earlier),
        )
    query = (
        select(Activity)
        .where(Activity.published_at.is_not(None), earlier)
        .options(selectinload(Activity.strategy_items), selectinload(Activity.consultation))
        .order_by(Activity.id)
    )
    if activity.id is not None:
        query = query.where(Activity.id != activity.id)
    return db.session.scalars(query).all()


def _response_counts(consultation_ids: list[int]) -> dict[int, int]:
    if not consultation_ids:
        return {}
    rows = db.session.execute(
        select(Response.consultation_id, func.count(Response.id))
        .where(
            Response.consultation_id.in_(consultation_ids),
            Response.status == ResponseStatus.SUBMITTED,
        )
        .group_by(Response.consultation_id)
    ).all()
    return {consultation_id: count for consultation_id, count in rows}


def _attendance_totals(activity_ids: list[int]) -> dict[int, int]:
    """Each dimension (category, age band) counts the same people, so the fuller one is the
    total (as involve.services.events does)."""
    if not activity_ids:
        return {}
    rows = db.session.execute(
        select(AttendanceCount.activity_id, func.sum(AttendanceCount.count))
        .where(AttendanceCount.activity_id.in_(activity_ids))
        .group_by(AttendanceCount.activity_id, AttendanceCount.dimension)
    ).all()
    totals: dict[int, int] = {}
    for activity_id, total in rows:
        totals[activity_id] = max(totals.get(activity_id, 0), int(total or 0))
    return totals


def _outcome(activity: Activity) -> str:
    if activity.outcome_summary:
        return activity.outcome_summary
    if activity.consultation is not None:
        return phase_of(activity.consultation).label
    return "No outcome recorded"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def find_previous_engagement(activity: Activity, *, limit: int = 10) -> list[PreviousEngagement]:
    """Earlier activities most like this one, best first, with their dates, size and outcome."""
    candidates = {candidate.id: candidate for candidate in _earlier_activities(activity)}
    matches = rank_similar(
        as_document(activity), [as_document(item) for item in candidates.values()], limit=limit
    )
    chosen = [candidates[match.id] for match in matches]
    responses = _response_counts([a.consultation_id for a in chosen if a.consultation_id])
    attendance = _attendance_totals([a.id for a in chosen if a.consultation_id is None])
    found = []
    for match, earlier in zip(matches, chosen, strict=True):
        if earlier.consultation_id is not None:
            size: int | None = responses.get(earlier.consultation_id, 0)
            size_text = _plural(size or 0, "response")
        else:
            size = attendance.get(earlier.id)
            size_text = f"{size:,} attended" if size is not None else "Not recorded"
        found.append(
            PreviousEngagement(
                activity_id=earlier.id,
                title=earlier.title,
                starts_at=earlier.starts_at,
                ends_at=earlier.ends_at,
                size=size,
                size_text=size_text,
                outcome=_outcome(earlier),
                score=match.score,
                reasons=match.reasons,
            )
        )
    return found
