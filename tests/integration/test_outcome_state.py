"""A consultation's outcome is its published decision record: one state. "Publish the outcome"
without a complete record leads the officer to the record and e-mails nobody; taking the page
down returns the consultation to closed everywhere (officer pages, public pages, listings, the
API); publishing again e-mails only people who were not told the first time."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from involve.extensions import db
from involve.models import AuditEvent, Consultation, DecisionRecord, Phase
from involve.models.outcomes import SubscriptionKind
from involve.services import decisions, lifecycle
from tests.factories_decisions import (
    closed_consultation,
    consultation_activity,
    decision_still_to_do,
    record_decision,
)
from tests.factories_subscriptions import SubscriptionFactory, fresh_outbox, messages, received_by
from tests.pages import heading


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    return fresh_outbox(app, tmp_path, monkeypatch)


def _count(action: str) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == action))


def _consultation(consultation_id: int) -> Consultation:
    return db.session.get(Consultation, consultation_id)


def _publish_button(pages, consultation) -> None:  # type: ignore[no-untyped-def]
    pages.post(f"/officer/consultations/{consultation.id}/publish-outcome", expected_status=302)


def _follower(email: str, consultation) -> None:  # type: ignore[no-untyped-def]
    SubscriptionFactory(
        email=email, kind=SubscriptionKind.CONSULTATION, topic="", consultation_id=consultation.id
    )


def _closed_with_record(sign_in_as, *followers: str, **fields):  # type: ignore[no-untyped-def]
    """A closed consultation with a complete decision record not yet published, these people
    following it, and an engagement officer signed in; returns it and its record."""
    parking = closed_consultation(**fields)
    record = record_decision(parking)
    for email in followers:
        _follower(email, parking)
    sign_in_as("engagement_officer")
    db.session.commit()
    return parking, record


def _decision_url(consultation) -> str:  # type: ignore[no-untyped-def]
    return f"/officer/activities/{consultation_activity(consultation).id}/decision"


def test_publishing_the_outcome_without_a_decision_leads_to_the_decision_record(
    pages, sign_in_as, outbox
):
    parking = closed_consultation(title="Town centre parking plan")
    consultation_activity(parking)
    _follower("sam@example.com", parking)
    sign_in_as("engagement_officer")
    db.session.commit()
    overview = pages.get(f"/officer/consultations/{parking.id}")
    assert overview.select_one("form[action$='/publish-outcome'] button").get_text(strip=True) == (
        "Publish the outcome"
    )
    page = pages.post(f"/officer/consultations/{parking.id}/publish-outcome")
    assert decision_still_to_do(page) == [
        "Say what was decided",
        "Give the date of the decision",
        "Say who made the decision",
        "Say how the responses were taken into account",
    ]
    link = page.find("a", string=lambda text: text and "Go to the decision record" in text)
    response = pages.client.get(link["href"])
    assert response.status_code == 302 and response.location.endswith(_decision_url(parking))
    assert heading(pages.get(_decision_url(parking))) == "Decision and \u201cYou said, we did\u201d"
    # Nothing happened: still closed, nobody e-mailed, nothing to audit.
    assert lifecycle.phase_of(_consultation(parking.id)) == Phase.CLOSED
    assert messages() == [] and received_by(outbox, "sam@example.com") == []
    assert _count("consultation.outcome_published") == 0
    pages.get(f"/consultations/{parking.slug}/you-said-we-did", expected_status=404)


def test_the_service_refuses_an_outcome_without_a_published_complete_record():
    parking = closed_consultation()
    with pytest.raises(decisions.DecisionNotReady) as refused:
        decisions.publish_outcome(actor=None, consultation=parking)
    assert "Say what was decided" in refused.value.problems
    record = record_decision(parking, decision_maker="")
    with pytest.raises(decisions.DecisionNotReady) as refused:
        decisions.publish_outcome(actor=None, consultation=parking)
    assert refused.value.problems == ["Say who made the decision"]
    # The lifecycle itself will not mark an outcome published for an unpublished record.
    with pytest.raises(lifecycle.WrongPhase):
        lifecycle.publish_outcome(actor=None, consultation=parking, record=record)
    assert parking.outcome_published_at is None and record.published_at is None


def test_publishing_the_record_is_publishing_the_outcome(pages, sign_in_as, outbox):
    parking, record = _closed_with_record(sign_in_as, "sam@example.com")
    hint = pages.get(_decision_url(parking)).select_one("#publish-hint").get_text(" ", strip=True)
    assert "e-mails the 1 person who asked to hear about it" in hint
    _publish_button(pages, parking)
    record = db.session.get(DecisionRecord, record.id)
    consultation = _consultation(parking.id)
    assert record.published_at is not None
    assert consultation.outcome_published_at == record.published_at
    assert lifecycle.phase_of(consultation) == Phase.OUTCOME_PUBLISHED
    assert len(received_by(outbox, "sam@example.com")) == 1
    overview = pages.get(f"/officer/consultations/{parking.id}")
    assert overview.select_one("main .govuk-tag").get_text(strip=True) == "Outcome published"
    assert "The outcome was published on" in overview.select_one("#outcome-status").get_text()
    public = pages.get(f"/consultations/{parking.slug}")
    assert public.select_one("#outcome-published") is not None
    pages.get(public.select_one("#you-said-link")["href"])


def test_taking_the_outcome_down_returns_the_consultation_to_closed_everywhere(
    pages, sign_in_as, outbox
):
    parking, _ = _closed_with_record(sign_in_as, title="Town centre parking plan")
    _publish_button(pages, parking)
    assert (
        "Town centre parking plan" in pages.get("/").select_one("#closed-consultations").get_text()
    )
    assert pages.client.get(f"/api/v1/consultations/{parking.slug}").get_json()["outcome"]

    decision_page = pages.get(_decision_url(parking))
    button = decision_page.select_one("form[action$='/withdraw'] button").get_text(strip=True)
    assert button == "Take the outcome down"
    pages.post(f"{_decision_url(parking)}/withdraw", {}, expected_status=302)

    consultation = _consultation(parking.id)
    assert consultation.outcome_published_at is None
    assert lifecycle.phase_of(consultation) == Phase.CLOSED
    assert _count("decision_record.withdrawn") == _count("consultation.outcome_withdrawn") == 1
    overview = pages.get(f"/officer/consultations/{parking.id}")
    assert overview.select_one("main .govuk-tag").get_text(strip=True) == "Closed"
    public = pages.get(f"/consultations/{parking.slug}")
    assert public.select_one("#outcome-published") is None
    assert public.select_one("#you-said-link") is None
    assert public.select_one("#outcome-email") is not None  # people can ask to hear again
    pages.get(f"/consultations/{parking.slug}/you-said-we-did", expected_status=404)
    home = pages.get("/").select_one("#closed-consultations")
    assert home is None or "Town centre parking plan" not in home.get_text()
    detail = pages.client.get(f"/api/v1/consultations/{parking.slug}").get_json()
    assert detail["status"] == "closed" and detail["outcome"] is None
    assert detail["dates"]["outcome_published_at"] is None
    listed = pages.client.get("/api/v1/consultations?status=outcome_published").get_json()
    assert listed["data"] == []


def test_publishing_again_emails_only_people_not_told_the_first_time(pages, sign_in_as, outbox):
    parking, record = _closed_with_record(sign_in_as, "first@example.com")
    _publish_button(pages, parking)
    first_published = db.session.get(DecisionRecord, record.id).published_at
    pages.post(f"{_decision_url(parking)}/withdraw", {}, expected_status=302)
    hint = pages.get(_decision_url(parking)).select_one("#publish-hint").get_text(" ", strip=True)
    assert "Nobody is waiting for an e-mail" in hint
    _follower("later@example.com", parking)
    db.session.commit()

    pages.post(f"{_decision_url(parking)}/publish", {}, expected_status=302)

    assert sorted(message.to_address for message in messages("outcome_published")) == [
        "first@example.com",
        "later@example.com",
    ]
    assert len(received_by(outbox, "first@example.com")) == 1
    record = db.session.get(DecisionRecord, record.id)
    consultation = _consultation(parking.id)
    assert record.published_at is not None and record.published_at >= first_published
    assert consultation.outcome_published_at == record.published_at
    assert _count("consultation.outcome_published") == 2
