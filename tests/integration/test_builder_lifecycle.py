"""Publishing, the clock, closing early and publishing the outcome from the overview page."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Consultation
from involve.models.base import utc_now
from tests.factories import ConsultationFactory, QuestionFactory, QuestionPageFactory
from tests.factories_decisions import record_decision
from tests.pages import error_summary, field_error, title


def _tag(page) -> str:  # type: ignore[no-untyped-def]
    return page.select_one("main .govuk-tag").get_text(strip=True)


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_publishing_is_refused_with_the_problems_listed(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory(
        published_at=None, summary="", proposal="", opens_at=None, closes_at=None
    )
    db.session.commit()
    page = pages.post(f"/officer/consultations/{consultation.id}/publish")
    assert error_summary(page) == [
        "Add a short summary",
        "Say what is proposed and why, so people can respond intelligently",
        "Set the opening and closing dates",
        "Add at least one question",
    ]
    assert title(page).startswith("Error: ")
    assert db.session.get(Consultation, consultation.id).published_at is None


def test_a_published_consultation_moves_through_its_phases_by_the_clock(pages, sign_in_as):
    sign_in_as("engagement_officer")
    now = utc_now()
    future = ConsultationFactory(
        published_at=None, opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=30)
    )
    QuestionFactory(page=QuestionPageFactory(consultation=future))
    past = ConsultationFactory(opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1))
    running = ConsultationFactory()
    db.session.commit()
    base = "/officer/consultations"
    assert _tag(pages.get(f"{base}/{future.id}")) == "Draft"
    pages.post(f"{base}/{future.id}/publish", expected_status=302)
    assert _tag(pages.get(f"{base}/{future.id}")) == "Scheduled"
    assert _tag(pages.get(f"{base}/{running.id}")) == "Open"
    assert _tag(pages.get(f"{base}/{past.id}")) == "Closed"
    pages.post(f"{base}/{future.id}/unpublish", expected_status=302)
    assert _tag(pages.get(f"{base}/{future.id}")) == "Draft"
    assert _actions() == ["consultation.published", "consultation.unpublished"]


def test_closing_early_needs_a_reason(pages, sign_in_as):
    sign_in_as("engagement_officer")
    consultation = ConsultationFactory()
    db.session.commit()
    url = f"/officer/consultations/{consultation.id}/close-early"
    page = pages.post(url, {"reason": ""})
    assert field_error(page, "reason") == "Enter the reason for closing the consultation early"
    pages.post(url, {"reason": "The proposal was withdrawn"}, expected_status=302)
    assert _tag(pages.get(f"/officer/consultations/{consultation.id}")) == "Closed"
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "consultation.closed_early")
    ).one()
    assert event.detail == {"reason": "The proposal was withdrawn"}


def test_outcome_is_published_once_closed_with_its_decision_recorded(pages, sign_in_as):
    sign_in_as("admin")
    now = utc_now()
    closed = ConsultationFactory(
        opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1)
    )
    running = ConsultationFactory()
    record_decision(closed)
    db.session.commit()
    pages.post(f"/officer/consultations/{running.id}/publish-outcome", expected_status=302)
    assert db.session.get(Consultation, running.id).outcome_published_at is None
    assert (
        "only after the consultation has closed"
        in pages.get(f"/officer/consultations/{running.id}").get_text()
    )
    pages.post(f"/officer/consultations/{closed.id}/publish-outcome", expected_status=302)
    assert _tag(pages.get(f"/officer/consultations/{closed.id}")) == "Outcome published"
