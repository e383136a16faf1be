"""What residents may see, as SQL conditions for listings and lookups that filter in the
database: a consultation from the moment it opens (never a draft, nor a scheduled one), in each
of the phases it can then be in, and an activity once published, except a consultation's own
activity before the consultation opens. The same rules for one consultation in Python are
involve.services.lifecycle.phase_of and is_public; this module stands apart from lifecycle so
that services lifecycle imports can use it too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, not_, or_, select

from involve.models import Activity, Consultation, Phase


def phase_conditions(now: datetime) -> dict[Phase, ColumnElement[bool]]:
    """SQL for each phase residents may see, mirroring lifecycle.phase_of."""
    published = Consultation.published_at.is_not(None)
    outcome = Consultation.outcome_published_at.is_not(None)
    closed_early = and_(
        Consultation.closed_early_at.is_not(None), Consultation.closed_early_at <= now
    )
    not_yet_open = and_(Consultation.opens_at.is_not(None), Consultation.opens_at > now)
    past_close = and_(Consultation.closes_at.is_not(None), Consultation.closes_at <= now)
    return {
        Phase.OPEN: and_(
            published, not_(outcome), not_(closed_early), not_(not_yet_open), not_(past_close)
        ),
        Phase.CLOSED: and_(
            published, not_(outcome), or_(closed_early, and_(not_(not_yet_open), past_close))
        ),
        Phase.OUTCOME_PUBLISHED: and_(published, outcome),
    }


def public_condition(now: datetime) -> ColumnElement[bool]:
    """lifecycle.is_public in SQL: in any of the phases residents may see."""
    return or_(*phase_conditions(now).values())


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
