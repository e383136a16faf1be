"""The SQL that listings, lookups and the API filter by finds exactly the consultations that
lifecycle.phase_of puts in each phase residents may see, and is_public says they may see: the
database and Python never disagree about a draft, a scheduled consultation, or the edge cases
between phases."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import Consultation, Phase
from involve.models.base import utc_now
from involve.services.lifecycle import is_public, phase_of
from involve.services.visibility import phase_conditions, public_condition
from tests.factories import ConsultationFactory

DAY = timedelta(days=1)


def _every_kind_of_consultation() -> list[Consultation]:
    now = utc_now()
    return [
        ConsultationFactory(slug="draft", published_at=None),
        ConsultationFactory(
            slug="draft-with-old-outcome", published_at=None, outcome_published_at=now
        ),
        ConsultationFactory(slug="scheduled", opens_at=now + 3 * DAY, published_at=now - DAY),
        ConsultationFactory(slug="open"),
        ConsultationFactory(slug="open-no-opening-time", opens_at=None),
        ConsultationFactory(slug="open-no-closing-time", closes_at=None),
        ConsultationFactory(slug="closed", opens_at=now - 9 * DAY, closes_at=now - DAY),
        ConsultationFactory(slug="closed-early", closed_early_at=now - DAY),
        ConsultationFactory(slug="closing-early-later", closed_early_at=now + DAY),
        ConsultationFactory(
            slug="closed-early-before-opening",
            opens_at=now + 3 * DAY,
            closed_early_at=now - DAY,
        ),
        ConsultationFactory(
            slug="outcome",
            opens_at=now - 60 * DAY,
            closes_at=now - 9 * DAY,
            outcome_published_at=now - DAY,
        ),
    ]


def _slugs(condition) -> set[str]:  # type: ignore[no-untyped-def]
    return set(db.session.scalars(select(Consultation.slug).where(condition)))


def test_the_sql_and_python_agree_on_each_phase_and_on_what_residents_see():
    consultations = _every_kind_of_consultation()
    db.session.flush()
    now = utc_now()
    for phase, condition in phase_conditions(now).items():
        expected = {item.slug for item in consultations if phase_of(item, now) == phase}
        assert _slugs(condition) == expected, phase
    shown = {item.slug for item in consultations if is_public(item, now)}
    assert _slugs(public_condition(now)) == shown
    assert shown.isdisjoint({"draft", "draft-with-old-outcome", "scheduled"})
    assert {phase_of(item, now) for item in consultations} >= {
        Phase.DRAFT,
        Phase.SCHEDULED,
        Phase.OPEN,
        Phase.CLOSED,
        Phase.OUTCOME_PUBLISHED,
    }
