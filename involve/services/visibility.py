"""What residents may see, as SQL conditions for listings and lookups that filter in the
database: a consultation from the moment it opens (never a draft, nor a scheduled one), and an
activity once published, except a consultation's own activity before the consultation opens.
The same rule for one consultation in Python is involve.services.lifecycle.is_public; this
module stands apart from lifecycle so that services lifecycle imports can use it too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, or_, select

from involve.models import Activity, Consultation


def public_condition(now: datetime) -> ColumnElement[bool]:
    """lifecycle.is_public in SQL: published, and open, closed or decided (mirrors phase_of)."""
    return and_(
        Consultation.published_at.is_not(None),
        or_(
            Consultation.outcome_published_at.is_not(None),
            and_(Consultation.closed_early_at.is_not(None), Consultation.closed_early_at <= now),
            Consultation.opens_at.is_(None),
            Consultation.opens_at <= now,
        ),
    )


def public_activity_condition(now: datetime) -> ColumnElement[bool]:
    """A published activity, unless it is the activity of a consultation not public yet."""
    linked_public = (
        select(Consultation.id)
        .where(Consultation.id == Activity.consultation_id, public_condition(now))
        .exists()
    )
    return and_(
        Activity.published_at.is_not(None),
        or_(Activity.consultation_id.is_(None), linked_public),
    )
