"""When the outcome was first published is kept: taking "You said, we did" down to correct it
and publishing it again after the 12 weeks does not make an outcome that came out on time late
(Principles I and J, and the compliance report). And a publication the lifecycle refuses
changes nothing, though the request that asked still commits."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from involve.extensions import db
from involve.models import AuditEvent, Consultation, DecisionRecord, Phase
from involve.models.base import utc_now
from involve.services import decisions, lifecycle
from involve.services.compliance_claims import Timeliness, outcome_timing
from involve.services.fairness import Status, fairness_checklist
from involve.services.fairness_checks import day_text
from tests.factories_decisions import (
    closed_consultation,
    consultation_activity,
    publish_outcome,
    record_decision,
)


def _decision_url(consultation: Consultation) -> str:
    return f"/officer/activities/{consultation_activity(consultation).id}/decision"


def _closed_weeks_ago(weeks: int) -> tuple[Consultation, datetime]:
    """A consultation open for 6 weeks that closed `weeks` weeks ago, and when it closed."""
    closed = utc_now() - timedelta(weeks=weeks)
    consultation = closed_consultation(
        opens_at=closed - timedelta(weeks=6),
        closes_at=closed,
        published_at=closed - timedelta(weeks=7),
    )
    return consultation, closed


def _actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_taking_the_outcome_down_and_republishing_it_late_keeps_it_on_time(pages, sign_in_as):
    parking, closed = _closed_weeks_ago(20)
    on_time = closed + timedelta(weeks=11)
    record = publish_outcome(parking, at=on_time)
    assert record.first_published_at == on_time
    sign_in_as("engagement_officer")
    db.session.commit()

    pages.post(f"{_decision_url(parking)}/withdraw", {}, expected_status=302)
    consultation = db.session.get(Consultation, parking.id)
    taken_down = fairness_checklist(consultation)
    assert db.session.get(DecisionRecord, record.id).first_published_at == on_time
    assert taken_down.get("principle-j").status == Status.PASS, taken_down.get("principle-j")
    scrutiny = taken_down.get("principle-i")
    assert scrutiny.status == Status.WARNING
    assert f"published on {day_text(on_time)} but has been taken down" in scrutiny.reason

    # Corrected and published again, 20 weeks after the close.
    pages.post(f"{_decision_url(parking)}/publish", {}, expected_status=302)
    record = db.session.get(DecisionRecord, record.id)
    consultation = db.session.get(Consultation, parking.id)
    assert record.published_at > closed + timedelta(weeks=12)
    assert record.first_published_at == on_time
    assert lifecycle.phase_of(consultation) == Phase.OUTCOME_PUBLISHED
    checklist = fairness_checklist(consultation)
    timely = checklist.get("principle-j")
    assert timely.status == Status.PASS, timely.reason
    assert f"the outcome was published on {day_text(on_time)}, 11 weeks later" in timely.reason
    assert checklist.get("principle-i").status == Status.PASS
    assert f"published on {day_text(on_time)}" in checklist.get("principle-i").reason
    report = pages.get(f"/officer/activities/{consultation_activity(parking).id}/compliance")
    claim = report.select_one("#claim-outcome-timing")
    assert claim.select_one(".govuk-tag").get_text(strip=True) == "Pass"
    assert "Published on time" in claim.get_text()
    assert f"published on {day_text(on_time)}" in claim.get_text()


def test_an_outcome_first_published_late_stays_late_when_republished():
    parking, closed = _closed_weeks_ago(30)
    late = closed + timedelta(weeks=14)
    record = publish_outcome(parking, at=late)
    decisions.withdraw_record(actor=None, record=record)
    decisions.publish_record(actor=None, record=record)
    assert record.first_published_at == late
    assert fairness_checklist(parking).get("principle-j").status == Status.FAIL
    timing = outcome_timing(
        activity=consultation_activity(parking),
        consultation=parking,
        decision=record,
        now=utc_now(),
    )
    assert timing.timeliness == Timeliness.LATE and timing.published_at == late


def test_the_first_publication_through_the_service_is_kept(sign_in_as):
    parking = closed_consultation()
    record = record_decision(parking)
    assert record.first_published_at is None
    decisions.publish_record(actor=None, record=record)
    first = record.first_published_at
    assert first is not None and first == record.published_at
    decisions.withdraw_record(actor=None, record=record)
    assert record.published_at is None and record.first_published_at == first


def test_an_outcome_the_lifecycle_refuses_leaves_nothing_published(pages, sign_in_as, monkeypatch):
    """The decision record's own check passed, but the lifecycle, whose rule counts, refuses:
    the refusal must come before any change, because the officer's request still commits."""
    parking = closed_consultation()
    record = record_decision(parking)
    sign_in_as("engagement_officer")
    db.session.commit()
    monkeypatch.setattr(decisions, "has_closed", lambda activity, now=None: True)
    monkeypatch.setattr(lifecycle, "phase_of", lambda consultation, now=None: Phase.OPEN)

    pages.post(f"{_decision_url(parking)}/publish", {}, expected_status=302)

    monkeypatch.undo()
    record = db.session.get(DecisionRecord, record.id)
    assert record.published_at is None and record.first_published_at is None
    assert db.session.get(Consultation, parking.id).outcome_published_at is None
    assert "decision_record.published" not in _actions()
    pages.get(f"/consultations/{parking.slug}/you-said-we-did", expected_status=404)
