"""The demo's decision: the closed parking plan has a published "We asked, you said, we did"
page citing its theme summary, with what was done about each theme; seeding again adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from involve.demo_consultations import seed_demo_consultations, seed_demo_geography
from involve.demo_decisions import DEMO_SLUG, WHAT_WE_DID, seed_demo_decisions
from involve.demo_theming import seed_demo_theming
from involve.extensions import db
from involve.models import AuditEvent, Consultation, DecisionRecord
from involve.services.activities import ensure_consultation_activities
from tests.factories import OfficerFactory


def test_the_demo_parking_plan_has_a_published_page(pages):
    OfficerFactory(email="officer@example.gov.uk")
    seed_demo_geography()
    seed_demo_consultations()
    ensure_consultation_activities()
    seed_demo_theming()
    assert seed_demo_decisions()
    assert seed_demo_decisions() == []  # idempotent
    record = db.session.scalars(select(DecisionRecord)).one()
    assert record.published_at is not None and len(record.codeframe_ids) == 1
    parking = db.session.scalar(select(Consultation).where(Consultation.slug == DEMO_SLUG))
    assert parking.outcome_published_at is None  # left for the officer, to e-mail subscribers
    assert record.decided_on >= parking.closes_at.date()
    assert (
        db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action.like("decision_record.%"))
        )
        == 2
    )
    db.session.commit()
    page = pages.get(f"/consultations/{DEMO_SLUG}/you-said-we-did")
    themes = [row.th.get_text(strip=True) for row in page.select("[data-themes] tbody tr")]
    assert sorted(themes) == sorted(WHAT_WE_DID)
    responses = {
        row.dt.get_text(strip=True): row.dd.get_text(strip=True)
        for row in page.select("[data-theme-responses] .govuk-summary-list__row")
    }
    assert responses == WHAT_WE_DID
    assert "Cabinet agreed three of the four changes." in page.select_one("#decision").get_text()
