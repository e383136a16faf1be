"""The demo's decision: the closed parking plan has a complete decision record citing its theme
summary, with what was done about each theme, left unpublished (so the consultation is closed);
publishing it publishes the outcome and the page; seeding again adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from involve.demo_consultations import seed_demo_consultations, seed_demo_geography
from involve.demo_decisions import DEMO_SLUG, WHAT_WE_DID, seed_demo_decisions
from involve.demo_theming import seed_demo_theming
from involve.extensions import db
from involve.models import AuditEvent, Consultation, DecisionRecord, Phase
from involve.services.activities import ensure_consultation_activities
from involve.services.decisions import DecisionDetails, publish_outcome, publish_problems
from involve.services.lifecycle import phase_of
from tests.factories import OfficerFactory


def test_the_demo_parking_plan_has_its_decision_ready_to_publish_as_the_outcome(pages):
    OfficerFactory(email="officer@example.gov.uk")
    seed_demo_geography()
    seed_demo_consultations()
    ensure_consultation_activities()
    seed_demo_theming()
    assert seed_demo_decisions()
    assert seed_demo_decisions() == []  # idempotent
    record = db.session.scalars(select(DecisionRecord)).one()
    assert len(record.codeframe_ids) == 1 and publish_problems(DecisionDetails.of(record)) == []
    parking = db.session.scalar(select(Consultation).where(Consultation.slug == DEMO_SLUG))
    # Recorded, not published: the outcome and its page are one state, left for the officer to
    # publish (which e-mails the subscribers).
    assert record.published_at is None and parking.outcome_published_at is None
    assert phase_of(parking) == Phase.CLOSED
    assert record.decided_on >= parking.closes_at.date()
    assert (
        db.session.scalar(
            select(func.count(AuditEvent.id)).where(AuditEvent.action.like("decision_record.%"))
        )
        == 1
    )
    db.session.commit()
    pages.get(f"/consultations/{DEMO_SLUG}/you-said-we-did", expected_status=404)
    publish_outcome(actor=None, consultation=parking)
    assert parking.outcome_published_at == record.published_at is not None
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
